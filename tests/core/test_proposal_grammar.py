"""The proposer's clause reader on sentences of its own (issue 9, round 3): each rule is checked on sentences
from at least two domains, none taken from the evaluation corpus."""

from __future__ import annotations

from milestone_tui.core.breakdown.propose import propose_from_spec
from milestone_tui.core.model import EpicAnswers, Session, SpecAnswers
from milestone_tui.core.roadmap import RoadmapMilestone


def titles(architecture: str, users: str = "", title: str = "Widget Platform", **spec: str) -> list[str]:
    """The proposed titles without the tests issue, from an architecture answer (and other spec answers)."""
    session = Session(milestone_id="m1", roadmap=RoadmapMilestone(id="M1", title=title),
                      epic=EpicAnswers(users=users), spec=SpecAnswers(architecture=architecture, **spec))
    proposed = propose_from_spec(session)
    assert proposed[-1] == "Add integration tests"
    return proposed[:-1]


# -- plural subjects agree with a base verb ------------------------------------------------------------------
def test_a_plural_subject_takes_a_base_verb() -> None:
    assert titles("Crawlers fetch pages from the seed list.") == ["Add page crawler"]
    assert titles("Resizers shrink uploaded photos to three sizes.") == ["Add photo resizer"]
    found = titles("Workers pull render jobs from the queue and draw the tiles.")
    assert any(t.endswith("worker") for t in found) and not any("pull" in t for t in found), found


def test_a_verb_after_its_subject_is_no_agent_noun_and_its_bare_object_no_component() -> None:
    assert titles("A collector gathers spans from every host.") == ["Add span collector"]
    assert titles("A prober checks backends every minute.") == ["Add backend prober"]
    assert titles("The API authenticates callers and signs tokens.") == [
        "Add caller authentication API", "Add token signing API"]


def test_the_users_own_devices_are_not_components() -> None:
    users = "Patients at home, and the nurses who watch their readings."
    found = titles("Patients' phones upload readings to an intake service.", users=users)
    assert not any("phone" in t for t in found), found
    found = titles("Each shopper's browser polls a cart endpoint.", users="Shoppers on the web store.")
    assert not any("browser" in t for t in found), found


# -- duties: "X is responsible for <doing>" ------------------------------------------------------------------
def test_a_duty_phrase_names_a_component_and_its_gerunds_are_its_actions() -> None:
    assert titles("The gateway is in charge of throttling clients.") == ["Add client throttling gateway"]
    assert titles("A watcher is responsible for detecting stale leases.") == ["Add stale lease watcher"]
    # whatever its noun: a sidebar is no role noun, but the sentence gives it a duty
    assert titles("The sidebar is responsible for the reader's bookmarks.") == ["Add reader bookmark sidebar"]
    assert titles("Our scheduler is responsible for planning shifts, and a notifier texts the nurses.") == [
        "Add shift scheduler", "Add nurse notifier"]


def test_a_duty_phrase_reads_coordinated_gerunds() -> None:
    from milestone_tui.core.breakdown import clauses

    [comp] = clauses.components("The mailer takes care of sending receipts and of retrying bounced messages.",
                                set())
    assert [(u.verb, u.obj[-1]) for u in comp.uses] == [("send", "receipts"), ("retry", "messages")]
    [comp] = clauses.components("A clerk service is responsible for filing claims, and for closing them.",
                                set())
    assert [u.verb for u in comp.uses] == ["file", "close"]


# -- the roadmap's scope fills what the spec never mentions ------------------------------------------------
def _scoped(scope: list[str], architecture: str, **spec: str) -> list[str]:
    session = Session(milestone_id="m1", roadmap=RoadmapMilestone(id="M1", title="Parking Permits",
                                                                   scope=scope),
                      spec=SpecAnswers(architecture=architecture, **spec))
    return propose_from_spec(session)[:-1]


def test_a_scope_item_no_sentence_of_the_spec_mentions_is_proposed() -> None:
    found = _scoped(["Permit applications", "Renewal reminders"],
                    "An applications API accepts permit requests. A reviewer approves or rejects each "
                    "request. Approved permits are printed by a label printer.")
    assert "Add renewal reminders" in found and not any("Permit applications" in t for t in found), found
    found = _scoped(["Seat maps", "Waitlist for sold-out shows", "Ticket scanning at the door"],
                    "A booking service holds seats on the seat map for ten minutes. A scanner app checks "
                    "tickets at the door. A pricing job recomputes prices every hour.")
    assert "Add waitlist for sold-out shows" in found, found
    assert not any(t.startswith("Add ticket scanning") or t == "Add seat maps" for t in found), found


def test_a_scope_item_the_spec_says_a_technology_is_for_is_covered() -> None:
    found = _scoped(["Fuzzy matching", "Address lookup"],
                    "An address lookup endpoint takes a partial address and returns candidates.",
                    technology="Typesense", tradeoffs="Typesense over Postgres trigrams, for fuzzy matching.")
    assert not any("fuzzy" in t.lower() for t in found), found


# -- agentless passives ------------------------------------------------------------------------------------
def test_each_passive_clause_is_read_and_by_counts_only_in_its_own_clause() -> None:
    found = titles("Uploaded invoices are scanned for viruses, and approved refunds are paid by the bank.")
    assert found == ["Add uploaded invoice scanning"]
    assert titles("Expired holds are released, and the seat map is refreshed.") == [
        "Add expired hold releasing", "Add seat map refreshing"]


def test_a_passive_pronoun_stands_for_the_subject_before_and_participles_coordinate() -> None:
    assert titles("A playlist is a JSON document; it is fetched and verified before playback.") == [
        "Add playlist fetching and verification"]
    assert titles("Each contract is a PDF. It is signed and archived for seven years.") == [
        "Add contract signing and archiving"]


def test_a_passive_after_a_modal_and_irregular_participles() -> None:
    assert titles("Thumbnails must be cut from the poster frame.") == ["Add thumbnail cutting"]
    assert "Add hourly stale cache rebuilding" in titles("Stale caches have to be rebuilt every hour.")
    # no action: negated, stative, storage or reading
    for sentence in ("Orders are never deleted.", "Records are kept for a year.",
                     "Settings are read from a config file in the project root."):
        assert not any("ing" in t.split()[-1] for t in titles(sentence)), sentence


def test_a_passive_in_a_component_is_its_action_unless_it_does_things_of_its_own() -> None:
    found = titles("A billing service keeps the price list. Discounts are applied in the billing service.")
    assert found == ["Add discount billing service"]
    assert titles("A renderer draws map tiles. A failed tile is retried on another renderer.") == [
        "Add map tile renderer", "Add failed tile retrying"]


# -- wholes, single things and queue workers -----------------------------------------------------------------
def test_the_whole_that_has_parts_is_not_a_component_its_parts_are() -> None:
    found = titles("The platform has three parts: a collector gathers spans; an aggregator rolls spans up.")
    assert found == ["Add span collector", "Add span aggregator"]
    found = titles("Our backend consists of two services: a quota service counts calls, and a billing "
                   "service bills tenants.")
    assert not any("backend" in t for t in found), found


def test_a_thing_named_by_its_action_is_one_issue_whatever_else_it_does() -> None:
    assert titles("The outbox replays queued changes and prunes old ones.") == ["Add change replaying outbox"]
    assert titles("The status board lists open tickets and highlights overdue ones.") == [
        "Add open ticket listing status board"]


def test_workers_that_do_work_of_their_own_are_the_queue_consumer() -> None:
    found = titles("An upload event puts a job on SQS; workers transcode the files.", technology="SQS")
    assert "Add SQS consumer service" not in found and any(t.endswith("worker") for t in found), found
    found = titles("Orders land on RabbitMQ; workers price them and reserve stock.", technology="RabbitMQ")
    assert "Add RabbitMQ consumer service" not in found and any(t.endswith("worker") for t in found), found


# -- success metrics watched on a dashboard, kinds of notification, conditions -------------------------------
def _with_success(success: str, architecture: str) -> list[str]:
    session = Session(milestone_id="m1", roadmap=RoadmapMilestone(id="M1", title="Kiosk Fleet"),
                      epic=EpicAnswers(success=success), spec=SpecAnswers(architecture=architecture))
    return propose_from_spec(session)[:-1]


def test_a_metric_watched_on_a_dashboard_asks_for_that_dashboard() -> None:
    found = _with_success("Fuel cost per delivered parcel under $0.30, tracked on a dashboard; p99 under "
                          "2 s.", "A router assigns parcels to vans every morning.")
    assert "Add fuel cost per delivered parcel dashboard" in found and "Add metrics endpoint" not in found
    found = _with_success("Kiosk error rate below 1%, shown in Grafana.", "A poller reads kiosk heartbeats.")
    assert "Add kiosk error rate dashboard" in found, found


def test_notifications_are_titled_by_their_kind() -> None:
    assert "Add SMS notifications" in titles("Riders who are late get an SMS notification.")
    assert "Add Slack notifications" in titles("When a build fails, the team gets a Slack notification.")
    assert "Add in-app notifications" in titles("Parents get in-app notifications when a class is cancelled.")
    assert "Add notifications" in titles("Members receive notifications when a file is shared.")


def test_a_passive_in_a_condition_is_work_only_on_the_specs_own_data() -> None:
    assert titles("Members receive notifications when a file is shared.") == ["Add notifications"]
    found = titles("Parents get in-app notifications when a class is cancelled.")
    assert not any("cancel" in t for t in found), found
    found = titles("A dispatcher offers each shift to a nurse; if the shift is declined, the next nurse gets "
                   "it.", data_models="Shift with id, ward, start")
    assert "Add shift declining" in found, found


# -- several components in one enumeration -----------------------------------------------------------------
def test_an_enumeration_names_one_component_per_member() -> None:
    assert titles("Payments go through one small interface, with two adapters, Stripe and Adyen.") == [
        "Add Stripe adapter", "Add Adyen adapter"]
    assert titles("The CLI has two commands: sync and prune.") == ["Add sync command", "Add prune command"]
    assert titles("The bot has three handlers (`join`, `leave` and `kick`).") == [
        "Add join handler", "Add leave handler", "Add kick handler"]


def test_an_enumeration_must_count_what_it_says() -> None:
    # three promised, two named: not an enumeration of handlers
    found = titles("The bot has three handlers, join and leave.")
    assert "Add join handler" not in found, found


# -- what we build, what it is for, and agent nouns that are no part of the system ------------------------
def test_what_the_spec_says_it_builds_is_a_component_whatever_its_noun() -> None:
    assert titles("We will build a cleanup step that deletes old rows every night.") == [
        "Add nightly row deletion cleanup step"]
    assert titles("We will add a small tool that prunes stale branches.") == ["Add stale branch pruning tool"]
    assert titles("There will be a sweep that closes idle tickets.") == ["Add idle ticket closing sweep"]
    assert not titles("We will add a field that is optional.")[0].endswith("field")


def test_a_component_is_for_what_its_infinitive_or_object_says() -> None:
    assert titles("We need a janitor to delete expired uploads.") == ["Add upload janitor"]
    assert titles("We will add an importer for the legacy CSV dumps.") == ["Add CSV dump importer"]


def test_an_agent_noun_in_a_contact_clause_or_after_into_is_no_component() -> None:
    found = titles("Each result is summarised in one report the caller can print.")
    assert not any("caller" in t for t in found), found
    found = titles("Tiles are packed into a spritesheet folder, and logs into a rotating ledger.")
    assert not any("ledger" in t for t in found), found
    # but a subject after a time phrase is one, and so is a component with a relative clause
    found = titles("Each night a reconciler matches yesterday's postings.")
    assert found == ["Add nightly posting reconciler"]
    assert "Add row scanner" in titles("Pages are split into a scanner that walks rows.")


def test_the_same_x_is_a_repeated_mention() -> None:
    assert titles("Every check goes through the same registry.")[0] != "Add registry"
    found = titles("A registry keeps plugin names. Every plugin goes through the same registry.")
    assert [t for t in found if "registry" in t] == ["Add plugin name registry"], found


# -- lists inside an answer --------------------------------------------------------------------------------
def test_a_labelled_bullet_is_the_named_component_doing_it() -> None:
    assert titles("Components:\n- Poller: fetches feeds every minute\n- Publisher: pushes items to "
                  "subscribers") == ["Add feed poller", "Add item publisher"]
    assert titles("* Outbox: replays queued changes\n* Pruner: deletes old drafts") == [
        "Add change replaying outbox", "Add draft pruner"]


def test_numbered_bullets_and_semicolons_each_name_a_component() -> None:
    assert titles("The service has three parts:\n1. a poller fetches feeds\n2. a normaliser maps fields\n"
                  "3. a publisher pushes items") == ["Add feed poller", "Add field normaliser",
                                                     "Add item publisher"]
    assert titles("Ingest: a poller fetches feeds. Delivery: a publisher pushes items; a janitor prunes old "
                  "items.") == ["Add feed poller", "Add item publisher", "Add item janitor"]


# -- work only the tradeoffs describe ----------------------------------------------------------------------
def test_work_only_the_tradeoffs_describe_is_proposed_on_the_side_they_chose() -> None:
    arch = "A checkout service takes orders and charges cards."
    found = titles(arch, tradeoffs="Receipts are stamped with a QR code rather than printed with a barcode.")
    assert "Add receipt stamping with QR code" in found, found
    found = titles("A grader scores essays.", tradeoffs="Essays vs exams: essays. Rubrics are versioned per "
                   "course instead of being copied into each assignment.")
    assert "Add rubric versioning" in found, found


def test_the_tradeoffs_name_no_component_and_say_how_not_what() -> None:
    arch = "A grader scores essays, and failed essays are retried once."
    found = titles(arch, tradeoffs="A cron job rather than a daemon. A Kafka broker was considered and "
                   "rejected. Essays are scored twice by a second grader instead of once.")
    assert not any(w in t.lower() for t in found for w in ("cron", "daemon", "kafka", "broker")), found
    assert not any("scoring" in t for t in found), found  # essays: the architecture's own subject


# -- data models written as prose ----------------------------------------------------------------------------
def test_a_model_written_as_prose_is_a_model() -> None:
    from milestone_tui.core.breakdown import models

    found = models.data_models("A recipe is its title, its ingredients (name, grams) and its steps; the "
                               "book is the list of recipes.")
    assert [(m.name, m.fields) for m in found] == [("recipe", ("title", "ingredients", "steps"))]
    found = models.data_models("Each ticket has an id, a title and a status. A comment has a body and an "
                               "author. The board keeps a cache of counts.")
    assert [(m.name, m.fields) for m in found] == [("ticket", ("id", "title", "status")),
                                                    ("comment", ("body", "author"))]
    assert "Add ticket and comment data models" in titles("A board lists tickets.", data_models="Each "
                                                          "ticket has an id. A comment has a body.")


def test_data_written_as_a_file_format_is_an_output_not_a_store() -> None:
    assert titles("Check results are written as JSON and as a short HTML summary.") == [
        "Add JSON and HTML check result output"]
    assert titles("Invoices are exported to CSV every month.") == ["Add monthly CSV invoice output"]
    assert not any("output" in t for t in titles("Scores are saved to the database."))


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
    found = _scoped(["Patient check-in", "Call panel"], "A display shows tickets. Doctors call patients "
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
