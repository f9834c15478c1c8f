"""The proposer's round-5 rules (issue 9): work a spec states as a decision rather than as a component (a
technology's purpose, a tradeoff's choice, a check in CI). Each rule is checked on sentences of its own from
at least two domains, none taken from the evaluation corpus."""

from __future__ import annotations

from milestone_tui.core.breakdown.propose import propose_from_spec
from milestone_tui.core.model import EpicAnswers, Session, SpecAnswers
from milestone_tui.core.roadmap import RoadmapMilestone
from tests.core.proposal_support import scoped, titles


def _with_success(architecture: str, success: str) -> list[str]:
    session = Session(milestone_id="m1", roadmap=RoadmapMilestone(id="M1", title="Widget Platform"),
                      epic=EpicAnswers(success=success), spec=SpecAnswers(architecture=architecture))
    return propose_from_spec(session)[:-1]


# -- a technology given a purpose clause is work of its own --------------------------------------------------
def test_a_technology_with_a_purpose_clause_is_an_issue() -> None:
    found = titles("A loan desk service checks books out to members.",
                   technology="Kotlin; Koin so that each screen gets its view model injected; Ktor.")
    assert "Add Koin" in found, found
    found = titles("A mixer worker renders each podcast episode.",
                   technology="Rust, ffmpeg-next in order to reuse the system codecs, and S3.")
    assert "Add ffmpeg-next" in found, found


def test_a_technology_whose_purpose_another_issue_carries_is_folded_into_it() -> None:
    # the rota builder already publishes the shifts: the purpose is about its work, no issue of its own
    found = titles("A rota builder publishes the shifts to every ward.",
                   technology="Python, Centrifugo so that every ward screen hears about new shifts at once.")
    assert not any("Centrifugo" in t for t in found), found
    found = titles("A rota builder assigns nurses to wards.",
                   technology="Python, Centrifugo so that every ward screen redraws at once.")
    assert "Add Centrifugo" in found, found
    # a schema tool whose purpose is the database's: the schema issue carries it
    found = titles("A loan desk service checks books out to members.",
                   technology="Kotlin; Flyway so that every branch database has the same schema.")
    assert not any("Flyway" in t for t in found), found


# -- a tradeoff's choice for a named piece of work -----------------------------------------------------------
def test_the_work_a_tradeoff_chooses_for_is_an_issue_with_the_chosen_option() -> None:
    found = titles("A station logger records the wind every minute.",
                   tradeoffs="LoRa rather than cellular modems for sending readings: the stations are far.")
    assert "Add reading sending with LoRa" in found, found
    found = titles("A dispatcher assigns parcels to couriers.",
                   tradeoffs="SQLite vs a flat file for the offline queue: SQLite, as it survives crashes.")
    assert "Add offline queue with SQLite" in found, found


def test_a_choice_for_a_clause_a_reason_or_work_already_proposed_is_no_issue() -> None:
    found = titles("A tax form builder fills the return.",
                   tradeoffs="Checksums over timestamps for deciding what changed. Iceberg over Hive, for "
                             "atomic commits.")
    assert found == ["Add return tax form builder"], found
    found = titles("A fan-out worker copies each alert to every pager.",
                   tradeoffs="NATS vs Kafka for the fan-out: NATS, because alerts are small.")
    assert not any("with NATS" in t for t in found), found


# -- a success metric a CI check enforces asks for that check ------------------------------------------------
def test_a_metric_enforced_by_a_ci_check_asks_for_the_check() -> None:
    found = _with_success("A grader scores each exam sheet.",
                          "Every exam template is covered, which a CI check enforces on each merge.")
    assert "Add coverage CI check" in found, found
    found = _with_success("A map tiler renders tiles for the city.",
                          "Every style sheet is formatted, and a CI job fails the build when one is not.")
    assert "Add formatting CI check" in found, found
    # a benchmark that runs in CI is the benchmark's issue, not a check of its own
    found = _with_success("A map tiler renders tiles.",
                          "A tile renders in 20 ms, measured by a benchmark in CI.")
    assert not any("CI check" in t for t in found), found


# -- an adverb of how often ends the object: titles stay noun phrases ----------------------------------------
def test_an_adverb_of_how_often_is_not_part_of_the_object() -> None:
    assert titles("A kiln controller fires each glaze batch twice and logs the peak temperature.") == [
        "Add glaze batch kiln controller"]
    assert titles("The bell scheduler rings the school bell once when a lesson ends.") == [
        "Add school bell scheduler"]
    assert titles("A roaster heats the beans again after the first crack.") == ["Add bean roaster"]


# -- what the tradeoffs do to a thing the architecture mentions is the architecture's ------------------------
def test_tradeoff_work_on_a_thing_the_architecture_mentions_is_no_issue_of_its_own() -> None:
    found = titles("A badge kiosk prints visitor passes and keeps the scans.",
                   tradeoffs="Scans are batched every hour.")
    assert not any("batching" in t for t in found), found


# -- telling a system something is notifying it; an acronym after a determiner is a noun ---------------------
def test_a_system_that_is_told_something_gets_a_notification() -> None:
    assert titles("A packer boxes each order, and the warehouse is told that the box is ready.") == [
        "Add order packer", "Add warehouse notification"]
    assert titles("When a claim is approved, the payroll system is informed of the amount.") == [
        "Add payroll system notification"]


def test_an_acronym_after_a_determiner_is_the_subject_of_a_passive() -> None:
    assert titles("A packer boxes each order, and the WMS is told that the box is ready.") == [
        "Add order packer", "Add WMS notification"]  # an acronym is no plural: WMS, not WM
    assert "Add CRM notification" in titles("A scorer rates each lead, and the CRM is notified of the score.")


# -- what a colon after a passive says it is covers the roadmap's scope item ---------------------------------
def test_a_colon_after_a_passive_says_what_it_covers() -> None:
    found = scoped(["Pressure and tread checks"],
                   "Tyres are inspected at each depot: pressure against the spec, tread depth by gauge.")
    assert found == ["Add tyre inspecting"], found
    found = scoped(["Overdue fines and reminders"], "Loans are reconciled every night: fines for overdue "
                   "items, holds that lapsed, and reminders for the borrowers.")
    assert found == ["Add nightly loan reconciling"], found
    # without the colon the next sentence is not the passive's: the scope item stays an issue
    found = scoped(["Overdue fines and reminders"],
                   "Loans are reconciled every night. Fines for overdue items and reminders come later.")
    assert found == ["Add nightly loan reconciling", "Add overdue fines and reminders"], found


# -- a property decided for a thing no issue names is that thing, built so -----------------------------------
def test_a_decided_property_of_an_unnamed_thing_is_an_issue() -> None:
    found = titles("A statement builder writes each monthly statement. Exports must be resumable.")
    assert found == ["Add monthly statement builder", "Add resumable exports"], found
    found = titles("A tile server draws the map.",
                   tradeoffs="The upload queue is durable, so a restart loses no tiles.")
    assert "Add durable upload queue" in found, found
    found = titles("A booking desk reserves rooms.", tradeoffs="The room lock is exclusive rather than "
                   "optimistic.")
    assert "Add exclusive room lock" in found, found


def test_a_property_of_a_thing_already_proposed_is_no_issue_of_its_own() -> None:
    assert titles("A tile server draws the map.", tradeoffs="The tile server is stateless.") == [
        "Add map drawing tile server"]
    assert titles("A booking desk reserves rooms. Each booking should be cancellable until noon.") == [
        "Add room booking desk"]
    # a description in the architecture is no requirement: only "must be" / "should be" there
    assert titles("A booking desk reserves rooms. The room lock is exclusive.") == ["Add room booking desk"]


# -- what takes over when something fails is a fallback; "takes over" is no rejected option -----------------
def test_what_takes_over_when_something_fails_is_a_fallback() -> None:
    found = titles("A till scans each item. Manual entry takes over when the scanner fails.")
    assert "Add manual entry fallback" in found, found
    found = titles("A map app shows the route.",
                   tradeoffs="GPS rather than cell towers; dead reckoning kicks in when the signal fails.")
    assert "Add dead reckoning fallback" in found, found
    # "over" before "when" is the particle of "takes over", not the option a tradeoff rejects
    found = titles("A rota builder assigns shifts.",
                   tradeoffs="Push rather than email; polling every minute takes over when the socket drops.")
    assert "Add polling fallback" in found, found


# -- data stored is the store's issue ----------------------------------------------------------------------
def test_a_storage_passive_is_the_stores_issue() -> None:
    assert not any("storing" in t for t in titles("Votes are stored in the ledger."))
