"""The proposer's clause reader, continued: rules found on the helper's own mini-specs (book holds, secret
rotation, a clinic display, card fraud scoring, a community garden app) and on modals, each checked on
sentences from at least two domains, none taken from the evaluation corpus."""

from __future__ import annotations

from milestone_tui.core.breakdown.propose import propose_from_spec
from milestone_tui.core.model import EpicAnswers, Session, SpecAnswers
from milestone_tui.core.roadmap import RoadmapMilestone
from tests.core.proposal_support import scoped, titles


# -- second pass, from the helper's own mini-specs (book holds, secret rotation, clinic display) ------------
def test_a_model_named_like_a_verb_is_a_model() -> None:
    from milestone_tui.core.breakdown import models

    found = models.data_models("Stay: id, guest, nights; Hold: id, status; Order: id, total")
    assert [m.name for m in found] == ["Stay", "Hold", "Order"]


def test_a_pronoun_object_gives_way_to_the_prepositional_one() -> None:
    assert titles("The scheduler moves them onto the spare queue.") == ["Add spare queue scheduler"]
    assert titles("A dispatcher assigns it to the van.") == ["Add van dispatcher"]


def test_someone_getting_a_message_asks_for_notifications() -> None:
    assert titles("When a copy is back, the patron gets an email.") == ["Add email notifications"]
    assert titles("Each driver receives a push notification when a rider cancels.") == [
        "Add push notifications"]


def test_a_passive_subject_is_found_past_its_relative_clause() -> None:
    assert titles("Invoices that stay unpaid for 30 days are escalated.") == ["Add invoice escalation"]
    assert titles("Holds that are not picked up within five days are cancelled.") == [
        "Add hold cancellation"]


def test_an_enumerated_code_name_is_the_same_component_later() -> None:
    assert titles("The bot has two commands: `join` and `leave`. `join` adds the user to a channel.") == [
        "Add join command", "Add leave command"]
    found = titles("The `rotor` CLI has three commands: `plan`, `rotate` and `audit`. `plan` lists the "
                   "secrets that are due. `audit` prints every rotation.")
    assert found == ["Add plan command", "Add rotate command", "Add audit command"], found


def test_a_named_api_is_its_client_and_a_notification_channel_the_notifications() -> None:
    assert titles("A poller reads the feed.", technology="Go, the Vault API") == [
        "Add Vault API client", "Add poller"]
    assert titles("Calls go to the Twilio API.") == ["Add Twilio API client"]
    found = titles("Something has to notify the owning team when a rotation fails.",
                   technology="Slack webhooks for notifications")
    assert found == ["Add notifications"], found
    assert titles("Something has to verify the signatures.") == ["Add signature verifier"]


def test_where_a_technology_runs_or_the_role_it_plays_is_no_component() -> None:
    found = titles("A poller reads the feed.", technology="SQLite on the clinic server, Redis behind the "
                   "API gateway")
    assert not any("server" in t or "gateway" in t for t in found), found
    found = titles("A poller reads the feed.", technology="Django, Celery with Redis as the broker")
    assert not any("broker" in t for t in found), found
    found = titles("A renderer draws tiles.", technology="Go, NATS as a message bus, Caddy as the proxy")
    assert not any("proxy" in t for t in found), found


def test_model_fields_do_not_cover_a_scope_item() -> None:
    found = scoped(["Patient check-in", "Call panel"], "A display shows tickets. Doctors call patients "
                    "from a web panel.", data_models="Ticket (number, patient_name, checked_in_at)")
    assert "Add patient check-in" in found, found


def test_a_file_store_is_where_a_components_files_go_unless_it_has_a_use_or_a_clause_of_its_own() -> None:
    found = titles("A signed URL is issued by the uploads API and the photo goes straight to S3.",
                   technology="S3")
    assert not any("S3" in t for t in found), found
    assert not any("GCS" in t for t in titles("A `publish` command copies the site.", technology="GCS"))
    assert "Add raw scan S3 storage" in titles("A parser reads scans.", technology="Python, S3 for raw scans")
    assert "Add S3 file storage" in titles("A worker reads jobs, and files go to S3.")


def test_what_the_milestone_ships_as_is_no_part_of_it() -> None:
    assert titles("We will ship it as a Go library with a small `lint` command on top.") == [
        "Add lint command"]
    found = titles("It is packaged as a plugin that hooks into the build.")
    assert not any("plugin" in t or "hook" in t for t in found), found


def test_a_relative_clause_makes_its_noun_a_component_and_its_verb_no_noun() -> None:
    assert titles("A linter that checks links runs in CI.") == ["Add link linter"]
    assert titles("A kiosk that prints tickets sits at the door.") == ["Add ticket printing kiosk"]
    assert titles("The orders that exceed the limit are flagged.") == ["Add order flagging"]


# -- third pass, from the helper's mini-specs (card fraud scoring, community garden app) ------------------
def _session(architecture: str, **kw: object) -> list[str]:
    roadmap = RoadmapMilestone(id="M6", title="Widget Platform", dependencies=list(kw.pop("deps", [])))
    epic = EpicAnswers(success=str(kw.pop("success", "")))
    session = Session(milestone_id="m6", roadmap=roadmap, epic=epic,
                      spec=SpecAnswers(architecture=architecture, **kw))
    return propose_from_spec(session)[:-1]


def test_a_stream_another_milestone_fills_needs_no_producer() -> None:
    found = _session("Card transactions are streamed from the payments core over Kafka. A scorer scores each "
                     "one.", deps=["M2 (Payments Core)"])
    assert "Add Kafka producer integration" not in found, found
    found = _session("Meter readings arrive from the billing gateway over RabbitMQ; a rater prices them.",
                     deps=["M1 (Billing Gateway)"])
    assert "Add RabbitMQ producer integration" not in found, found
    assert "Add RabbitMQ producer integration" in _session("Meter readings arrive over RabbitMQ; a rater "
                                                           "prices them.")


def test_an_app_is_the_user_interface_and_a_capitalised_name_stays_in_order() -> None:
    found = _session("We will build a React Native app that books plots.")
    assert found[0] == "Add React Native app" and not any("web UI" in t for t in found), found
    found = _session("A Vue Storefront app lists products.", technology="Vue")
    assert not any("web UI" in t for t in found), found


def test_health_and_metrics_come_from_the_success_metrics_only() -> None:
    found = _session("The rota is generated from everyone's availability by a planner job.")
    assert not any("health" in t for t in found), found
    found = _session("A planner job generates the rota.", success="99.9% availability")
    assert "Add health check endpoint" in found, found
    found = _session("A scorer scores events.", success="precision tracked on a Grafana dashboard")
    assert "Add precision dashboard" in found, found


def test_a_pronoun_object_stands_for_the_subject_before_it() -> None:
    found = titles("Holds that are never collected block the shelf, so something has to release them.")
    assert "Add hold releaser" in found, found
    found = titles("Draft invoices pile up every day. A janitor deletes them after a week.")
    assert "Add draft invoice janitor" in found, found


# -- specs written in the future tense or with modals ------------------------------------------------------
def test_a_modal_takes_a_base_verb() -> None:
    assert titles("A scheduler will send reminders every morning.") == ["Add morning reminder scheduler"]
    assert titles("The gateway must reject unsigned requests.") == ["Add request rejecting gateway"]
    assert titles("A watchdog should restart stalled workers.") == ["Add worker restarting watchdog"]
    assert titles("An admin API will cancel orders and issue refunds.") == [
        "Add order cancellation admin API", "Add refund issuing admin API"]
    assert titles("Expired sessions will be purged every hour.") == ["Add hourly expired session purging"]


def test_an_adverb_before_the_verb_and_pronouns_agree_in_number() -> None:
    found = titles("The uploader uploads photos; the tagger then tags them.")
    assert found == ["Add photo uploader", "Add tagger"], found  # "them" is no uploader
    found = titles("Scans land every hour; a sorter then files them by ward.")
    assert "Add scan sorter" in found, found


def test_verbs_in_ive_are_no_adjectives() -> None:
    from milestone_tui.core.breakdown import grammar as g

    assert g.adjective("active") and g.adjective("massive") and g.adjective("expensive")
    assert not g.adjective("arrive") and not g.adjective("archive") and not g.adjective("receive")
    assert "Add scan sorter" in titles("Scans arrive every hour; a sorter then files them by ward.")


def test_a_frequency_belongs_to_its_own_clause_and_counts_as_no_modifier() -> None:
    found = titles("A nightly job recomputes the leaderboard, and a websocket feed pushes rank changes.")
    assert found == ["Add nightly leaderboard job", "Add rank change pushing websocket feed"], found
    assert titles("A weekly task exports the ledger.") == ["Add weekly ledger task"]


def test_what_the_whole_system_or_we_do_is_work_of_its_own() -> None:
    found = titles("The system will send a weekly digest to every subscriber.")
    assert found == ["Add weekly digest sending"]
    assert titles("The platform scores every listing and flags duplicates.") == [
        "Add listing scoring", "Add duplicate flagging"]
    assert "Add failed webhook retrying" in titles("We retry failed webhooks three times.")
    assert not any("event" in t for t in titles("We store every event in Postgres.") if "PostgreSQL" not in t)


def test_every_or_each_x_in_an_object_is_many_of_them_not_a_component() -> None:
    assert not any("subscriber" in t for t in titles("A mailer sends the digest to every subscriber."))
    assert not any("viewer" in t for t in titles("A relay streams frames to each viewer."))
    assert titles("Each worker pulls jobs.") == ["Add job worker"]  # a subject is one


def test_a_passive_names_what_it_turns_its_subject_into() -> None:
    found = titles("Each draft is rendered into the house layout.")
    assert found == ["Add draft rendering into house layout"]
    assert titles("Small files are merged into Parquet.") == ["Add file merging into Parquet"]
    found = titles("A notary service keeps keys. Each deed is signed with a notary service.")
    assert not any(" with " in t or " into " in t for t in found if "notary" in t), found
