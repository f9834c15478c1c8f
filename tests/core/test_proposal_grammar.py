"""The proposer's clause reader on sentences of its own (issue 9, round 3): each rule is checked on sentences
from at least two domains, none taken from the evaluation corpus."""

from __future__ import annotations

from milestone_tui.core.breakdown.propose import propose_from_spec
from milestone_tui.core.model import EpicAnswers, Session, SpecAnswers
from milestone_tui.core.roadmap import RoadmapMilestone
from tests.core.proposal_support import scoped, titles


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
def test_a_scope_item_no_sentence_of_the_spec_mentions_is_proposed() -> None:
    found = scoped(["Permit applications", "Renewal reminders"],
                    "An applications API accepts permit requests. A reviewer approves or rejects each "
                    "request. Approved permits are printed by a label printer.")
    assert "Add renewal reminders" in found and not any("Permit applications" in t for t in found), found
    found = scoped(["Seat maps", "Waitlist for sold-out shows", "Ticket scanning at the door"],
                    "A booking service holds seats on the seat map for ten minutes. A scanner app checks "
                    "tickets at the door. A pricing job recomputes prices every hour.")
    assert "Add waitlist for sold-out shows" in found, found
    assert not any(t.startswith("Add ticket scanning") or t == "Add seat maps" for t in found), found


def test_a_scope_item_the_spec_says_a_technology_is_for_is_covered() -> None:
    found = scoped(["Fuzzy matching", "Address lookup"],
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
    assert "Add hourly stale cache rebuild" in titles("Stale caches have to be rebuilt every hour.")
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
