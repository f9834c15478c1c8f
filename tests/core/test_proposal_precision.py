"""The proposer's round-4 rules (issue 9): what a planner would not keep is not proposed. Each rule is checked
on sentences of its own from at least two domains, none taken from the evaluation corpus."""

from __future__ import annotations

from milestone_tui.core.breakdown.grammar import participle_base
from milestone_tui.core.breakdown.kinds import technology_uses
from milestone_tui.core.breakdown.models import data_models
from milestone_tui.core.breakdown.propose import propose_from_spec
from milestone_tui.core.model import EpicAnswers, Session, SpecAnswers
from milestone_tui.core.roadmap import RoadmapMilestone
from tests.core.proposal_support import scoped, titles


# -- a noun that is the subject of a passive is done to, not a doer -----------------------------------------
def test_the_subject_of_an_agentless_passive_is_no_component() -> None:
    assert titles("The scanners are recalibrated every month.") == ["Add monthly scanner recalibration"]
    assert titles("Invoices are scanned for totals, and the parsers are rebuilt from the grammar.") == [
        "Add invoice scanning", "Add parser rebuild"]


# -- "each X" / "every X" as a subject is many things, not one component ------------------------------------
def test_a_subject_counted_as_many_is_no_component() -> None:
    found = titles("Each library in the consortium exposes a loans feed, and an aggregator merges the "
                   "feeds every hour.")
    assert found == ["Add hourly feed aggregator"], found
    found = titles("Every service of the clinic network publishes its visit counts; a reporter sums the "
                   "counts per week.")
    assert not any(t.endswith(" service") for t in found), found
    assert titles("Each worker pulls jobs.") == ["Add job worker"]  # one component, however many run


# -- notifications only when the milestone sends them to people ---------------------------------------------
def test_notifications_are_asked_for_by_sending_to_people() -> None:
    assert "Add email notifications" in titles(
        "The dispatcher assigns each ticket to an agent and sends an email to the customer.")
    assert "Add email notifications" in titles(
        "The rota builder assigns shifts, and nurses get an email when their shift changes.")


def test_a_technology_name_an_existing_service_or_a_queue_is_no_notification() -> None:
    found = titles("The dispatcher assigns tickets to agents. Postgres LISTEN/NOTIFY tells every replica "
                   "about a new ticket.")
    assert not any("notification" in t for t in found), found
    found = titles("The scheduler books rooms, and the existing notification service emails the guests.")
    assert not any("notification" in t for t in found), found
    found = titles("The payment provider sends payment notifications to an SQS queue, and a reconciler "
                   "matches them with orders.")
    assert not any("notification" in t for t in found), found


# -- models: none when the answer says so; a name after "one table of" --------------------------------------
def test_a_data_models_answer_of_none_gives_no_models_issue() -> None:
    assert titles("An intake service stores readings.", data_models="None.") == [
        "Add reading storing intake service"]
    assert data_models("N/A - the loans table already exists.") == []
    assert data_models("No new models: we reuse the orders table.") == []
    found = data_models("Name tag with id, text; Node with id, parent")  # "Na...", "No..." are names
    assert [m.name for m in found] == ["Name tag", "Node"]


def test_a_model_named_after_of_and_a_clause_opening_with_and() -> None:
    found = data_models("One table of active loans (book_id, due); and one of the returned books (book_id).")
    assert [m.name for m in found] == ["active loans", "returned books"]
    found = data_models("Invoice with id, total; and Refund with amount, reason")
    assert [m.name for m in found] == ["Invoice", "Refund"]


# -- what a component is, or an answer that only names the product, is no work ------------------------------
def test_what_a_component_is_is_not_what_it_does() -> None:
    found = titles("The backend is a Django project, deployed on Fly. A reminder job texts patients every "
                   "morning.")
    assert found == ["Add morning patient reminder job"], found
    assert titles("The crawler is a Go binary. It fetches pages from the seed list.") == ["Add page crawler"]


def test_an_answer_that_only_names_the_product_leaves_the_scope_to_carry_it() -> None:
    found = scoped(["Offline map tiles", "Trail search"], "A Flutter app.", data_models="None.")
    assert found[:2] == ["Add offline map tiles", "Add trail search"], found
    assert not any("Flutter" in t or "data model" in t for t in found), found
    found = scoped(["Wallet balance", "Top-up screen"], "An iOS app.", data_models="n/a")
    assert found[:2] == ["Add wallet balance", "Add top-up screen"], found
    assert not any("iOS" in t or "data model" in t for t in found), found


# -- a model written as what the system keeps ---------------------------------------------------------------
def test_a_model_the_system_keeps_in_a_sentence() -> None:
    found = data_models("The pipeline keeps a batch manifest (batch_id, lane, operator) and, for each tube, "
                        "a result row holding tube_id, batch_id, status")
    assert [(m.name, m.fields[:2]) for m in found] == [("batch manifest", ("batch_id", "lane")),
                                                       ("result row", ("tube_id", "batch_id"))]
    found = data_models("The kiosk stores a visit log (patient_id, arrived_at), and for each desk, a queue "
                        "entry holding desk_id, position.")
    assert [m.name for m in found] == ["visit log", "queue entry"]


# -- a file store for what a component already puts in a bucket of its own ----------------------------------
def test_a_file_store_for_what_the_architecture_already_bins_is_that_components() -> None:
    found = titles("A publisher copies each nightly report to the reports bucket.",
                   technology="Python, S3 for reports.")
    assert not any("S3" in t for t in found), found
    assert titles("The exporter writes every invoice PDF into the invoices folder.",
                  technology="Go, GCS for invoices.") == ["Add invoice PDF exporter"]
    assert "Add invoice GCS storage" in titles("The exporter writes every invoice PDF for the accountant.",
                                               technology="Go, GCS for invoices.")  # no bucket of its own


# -- a queue a named outside system fills needs no producer -------------------------------------------------
def test_a_queue_an_outside_system_fills_needs_no_producer() -> None:
    found = titles("Stripe posts payment events to an SQS queue, and a reconciler matches them with orders.")
    assert not any("producer" in t for t in found), found
    found = titles("GitHub sends push events to a Kafka topic; a compiler builds each commit.")
    assert not any("producer" in t for t in found), found
    found = titles("The API publishes order events to Kafka, and a packer consumes them.")
    assert "Add Kafka producer integration" in found, found  # our own component publishes


# -- out of scope: the words of the item, not of its explanation --------------------------------------------
def _out_of_scope(architecture: str, out: str) -> list[str]:
    session = Session(milestone_id="m1", roadmap=RoadmapMilestone(id="M1", title="Widget Platform"),
                      epic=EpicAnswers(out_of_scope=out), spec=SpecAnswers(architecture=architecture))
    return propose_from_spec(session)[:-1]


def test_an_out_of_scope_item_is_its_words_before_its_explanation() -> None:
    found = _out_of_scope("A courier service assigns parcels to vans. A mobile app shows each driver the "
                          "route.", "A new mobile app (drivers use the existing one); live tracking.")
    assert found == ["Add parcel courier service"], found
    found = _out_of_scope("A grader marks essays, and an admin console lists the appeals.",
                          "A new admin console (staff use the database directly).")
    assert not any("console" in t for t in found), found


def test_participles_of_verbs_ending_in_s() -> None:
    assert [participle_base(w) for w in ("suppressed", "passed", "raised", "paused", "stopped")] == [
        "suppress", "pass", "raise", "pause", "stop"]


# -- a database for what a model already is; a report named only in a condition -----------------------------
def test_a_database_for_a_model_is_that_models_table() -> None:
    found = titles("A desk app lends books.", technology="Go, MongoDB for the loan history.",
                   data_models="Loan with book_id, patron_id, due")
    assert not any("MongoDB" in t for t in found), found
    found = titles("A scorer ranks applicants.", technology="Python, PostgreSQL for the applicant scores.",
                   data_models="Applicant (id, name); Score (applicant_id, value)")
    assert not any("Postgres" in t or "PostgreSQL" in t for t in found), found
    found = titles("A scorer ranks applicants.", technology="Python, PostgreSQL for the audit trail.",
                   data_models="Applicant (id, name)")
    assert any("audit trail" in t for t in found), found  # a use that is no model: its own schema


def test_a_report_named_only_in_a_condition_is_not_generated() -> None:
    assert titles("A scorer ranks the loans; the desk is opened when the risk report arrives.") == [
        "Add loan scorer", "Add desk opening"]
    found = titles("Keys are rotated by a rotator once the audit reports are signed off.")
    assert "Add report generation" not in found, found
    found = titles("A scorer ranks the loans and writes a weekly report for the desk.")
    assert "Add report generation" in found, found


# -- a scope item opening with a participle names work done to its noun -------------------------------------
def test_a_scope_item_of_work_done_to_a_noun_is_not_covered_by_the_noun() -> None:
    found = scoped(["Signed release bundles", "Bundle upload"],
                   "A publisher uploads each bundle to the mirror.")
    assert found == ["Add bundle publisher", "Add signed release bundles"], found
    found = scoped(["Batched shipments by warehouse"], "A packer boxes each order.",
                   data_models="Shipment with id, warehouse, state")
    assert "Add batched shipments by warehouse" in found, found  # the models issue is no batching


# -- a participle coordinated past a phrase, and what a passive goes through --------------------------------
def test_a_participle_coordinated_past_a_phrase_is_an_action_of_the_same_passive() -> None:
    found = titles("Exports are zipped with a README of their own and deleted after a week.")
    assert found == ["Add export zipping and deletion with README"], found
    found = titles("Backups are compressed with zstd and uploaded to the vault.")
    assert found == ["Add backup compressing and uploading with zstd"], found


def test_what_a_passive_goes_through_is_named() -> None:
    assert titles("Statements are written under the customer prefix and served via the CDN.") == [
        "Add statement serving via CDN"]
    assert titles("Scans are stored in the bucket and shared through a signed link.") == [
        "Add scan sharing through signed link"]


def test_for_with_nothing_before_it_names_no_technology() -> None:
    # "Postgres, for now." split at its comma leaves " for now": a technology with an empty name, which
    # crashed the proposer (IndexError) on any spec answer with a clause that starts with "for".
    assert technology_uses("Postgres, for now.") == {}
    for text in ("A worker drains the queue. Postgres, for now.",
                 "Redis, for locks; for everything else Postgres."):
        assert titles(text)
        assert titles("A worker drains the queue into Postgres.", technology=text)


def test_a_verb_already_in_ing_is_its_own_gerund() -> None:
    # "the agent keeps following rotations" gave "Add rotation followinging"
    from milestone_tui.core.breakdown.grammar import gerund

    assert [gerund(v) for v in ("following", "keeping", "bring", "merge", "stop", "tie")] == [
        "following", "keeping", "bringing", "merging", "stopping", "tying"]


def test_a_title_holding_a_clause_verb_is_a_misread_clause() -> None:
    # "render frames are interpolated" also gave the component "Add are render" (render read as an -er noun)
    assert titles("The world is stepped at a fixed 60 Hz; render frames are interpolated between steps.") == [
        "Add world stepping", "Add render frame interpolation"]
    proposed = titles("Tiles are cached at the edge; a sender must retry failed pushes.")
    assert not [t for t in proposed if {"are", "must", "is"} & set(t.lower().split()[1:])]


def test_whoever_has_to_tell_someone_is_a_notifier_not_a_teller() -> None:
    found = titles("A planner builds the rota. Someone has to warn the ward sister when a shift is empty.")
    assert "Add ward sister notifier" in found and not any("teller" in t or "warner" in t for t in found)
