"""The proposer's round-6 rules (issue 9): reading a sentence's adjuncts, and the technologies a spec folds
into the work that uses them, so that the proposer proposes only what a planner would. Each rule is checked
on sentences of its own from at least two domains, none taken from the evaluation corpus."""

from __future__ import annotations

from milestone_tui.core.breakdown.propose import propose_from_spec
from milestone_tui.core.model import EpicAnswers, Session, SpecAnswers
from milestone_tui.core.roadmap import RoadmapMilestone
from tests.core.proposal_support import titles


# -- a participial adjunct says how the verb before it is done -----------------------------------------------
def test_a_participle_after_a_comma_is_how_the_verb_is_done_not_work_of_its_own() -> None:
    found = titles("We will import the ledgers of every branch, skipping duplicate rows, and publish a daily "
                   "summary.")
    assert found == ["Add ledger importing", "Add daily publishing"], found
    found = titles("We will resize every uploaded photo, keeping the colour profile and metadata, and "
                   "publish it to the gallery.")
    assert found == ["Add uploaded photo resization", "Add gallery publishing"], found
    assert not any(t.endswith("inging") for t in found), found


def test_a_verb_coordinated_with_a_comma_is_still_work_of_its_own() -> None:
    # no participle: the comma coordinates a second verb of "we"
    found = titles("We will import the ledgers of every branch, merge duplicate rows, and publish a daily "
                   "summary.")
    assert "Add duplicate row merging" in found, found


# -- a library or API the architecture uses by name is folded into that work -------------------------------
def test_a_library_or_api_the_architecture_names_is_folded_into_the_work_that_uses_it() -> None:
    found = titles("A tide checker compares each gauge reading with the NOAA forecast.",
                   technology="Python, the NOAA Tides API, Postgres.")
    assert not any("NOAA" in t or "Tides" in t for t in found), found
    found = titles("A pronunciation grader scores each recording against espeak phonemes.",
                   technology="Python, the espeak library for phonemes.")
    assert found == ["Add recording pronunciation grader"], found


def test_a_library_or_api_the_architecture_never_names_is_still_proposed_once() -> None:
    found = titles("A tide checker compares each gauge reading with the forecast.",
                   technology="Python, the NOAA Tides API, Postgres.")
    assert [t for t in found if "Tides" in t] == ["Add Tides API client"], found  # a client, not also an API
    found = titles("A pronunciation grader scores each recording.",
                   technology="Python, the espeak library for phonemes.")
    assert "Add espeak library" in found, found
    # a part the milestone builds is no library: it stays even when the architecture uses its words
    found = titles("Technicians provision each kiosk from a laptop.",
                   technology="Go, and a small provisioning CLI the technicians run on a laptop.")
    assert any("CLI" in t for t in found), found


# -- the check the success metrics name as what shows a metric ----------------------------------------------
def _proposed(architecture: str, success: str, scope: list[str] | None = None) -> list[str]:
    session = Session(milestone_id="m1", roadmap=RoadmapMilestone(id="M1", title="Widget Platform",
                                                                   scope=scope or []),
                      epic=EpicAnswers(success=success), spec=SpecAnswers(architecture=architecture))
    return propose_from_spec(session)[:-1]


def test_a_check_the_success_metrics_name_is_an_issue() -> None:
    found = _proposed("A tally service counts the ballots of every precinct.",
                      "Every ballot is counted exactly once, checked by a recount audit each week.")
    assert "Add recount audit" in found, found
    found = _proposed("A payslip generator computes each employee's pay.",
                      "Payslip totals agree with the ledger, which a monthly variance report shows.")
    assert "Add monthly variance report" in found, found
    found = _proposed("A route planner orders the stops of every van.",
                      "No van is later than the old plans on last month's routes (a shadow run).")
    assert "Add shadow run" in found, found


def test_a_metric_with_no_named_check_asks_for_none() -> None:
    found = _proposed("A payslip generator computes each employee's pay.",
                      "Payslip totals agree with the ledger to the cent.")
    assert found == ["Add employee pay payslip generator"], found


def test_a_metric_check_delivers_no_scope_item() -> None:
    # the audit's metric speaks of timesheets; the audit does not build them, so the scope item stays
    found = _proposed("A payroll service pays each employee.",
                      "Every timesheet adds up to the hours worked, which a nightly audit report shows.",
                      scope=["Weekly timesheets"])
    assert "Add nightly audit report" in found and "Add weekly timesheets" in found, found


# -- what someone must be able to do is a feature -----------------------------------------------------------
def test_what_someone_needs_a_way_to_do_is_a_feature() -> None:
    found = titles("A loan desk service checks books out to members.", users="Librarians and members.",
                   tradeoffs="Some members cannot come in, so the librarian needs a way to renew a loan on a "
                             "member's behalf.")
    assert "Add librarian loan renewal" in found, found
    found = titles("A booking service holds each slot, and the patient can reschedule an appointment.",
                   users="Patients and clinic staff.")
    assert "Add patient appointment rescheduling" in found, found
    # "one" stands for the noun phrase that opens the sentence
    found = titles("The default theme is used at first start, and the reader can pick another one in "
                   "settings.", users="Readers of the app.")
    assert found == ["Add reader theme picking"], found


def test_what_a_component_can_do_is_no_feature_of_a_person() -> None:
    found = titles("A grading service scores every essay, and the checker can flag each copied line.",
                   users="Teachers and pupils.")
    assert not any("flag" in t and "checker" not in t for t in found), found
    # a passive on the feature's own action is its criterion, not a second issue
    found = titles("Wardens need a way to lift a parking fine; every lift is countersigned.")
    assert [t for t in found if "lift" in t] == ["Add parking fine lifting"], found


# -- a role noun is named by what it does; a colon names an unnamed doer -------------------------------------
def test_a_role_noun_is_named_by_what_is_done_by_it_or_by_its_first_action() -> None:
    found = titles("Each invoice is checked by the pipeline of its country.")
    assert found == ["Add invoice checking pipeline"], found
    assert titles("A Flink job joins clicks with orders.") == ["Add click joining Flink job"]
    # a modifier that says what it is, or a frequency, already names it
    assert titles("A nightly job recomputes the leaderboard.") == ["Add nightly leaderboard job"]
    assert titles("The kiosk app shows the menu to every diner.") == ["Add kiosk app"]


def test_a_colon_after_an_unnamed_doer_names_it() -> None:
    found = titles("Every hour something has to sweep the stale carts: a Lambda function deletes carts older "
                   "than a day.")
    assert found == ["Add cart deletion Lambda function"], found
    assert titles("Every hour something has to sweep the stale carts.") == ["Add hourly stale cart sweeper"]
    # a colon followed by a passive names no doer: the sweeper stays
    found = titles("Every hour something has to sweep the stale carts: carts older than a day are deleted.")
    assert "Add hourly stale cart sweeper" in found, found


# -- a kind's word that is not a noun of the thing is not that kind ------------------------------------------
def test_a_kind_word_used_as_a_verb_or_a_library_name_asks_for_nothing() -> None:
    found = titles("A grading service scores every essay, and it can report each error with its line.")
    assert found == ["Add essay grading service"], found
    found = titles("A folder watcher syncs each folder to the backup disk.",
                   technology="Python, httpx, notify, and Docker.")
    assert not any("notification" in t for t in found), found


def test_a_kind_word_used_as_a_noun_or_a_verb_of_sending_still_asks_for_it() -> None:
    found = titles("A grading service scores every essay and writes a weekly report for every teacher.")
    assert "Add report generation" in found, found
    found = titles("A folder watcher syncs each folder, and the system notifies the owner when it changes.",
                   technology="Python, httpx, notify, and Docker.")
    assert "Add notifications" in found, found


# -- a bare noun that is only where something happens is no part ------------------------------------------
def test_a_bare_noun_only_named_after_a_preposition_is_no_component() -> None:
    found = titles("A booking service reserves each court, and payments are taken in the app.")
    assert found == ["Add court booking service"], found
    found = titles("A splitter tags each invoice with customer, service and region codes.")
    assert found == ["Add invoice splitter"], found


def test_a_named_or_acting_noun_after_a_preposition_is_still_a_component() -> None:
    assert "Add MQTT broker" in titles("Each meter publishes readings to an MQTT broker.")
    found = titles("A splitter tags each invoice, and the totals go to the gateway, which forwards them to "
                   "the bank.")
    assert "Add bank forwarding gateway" in found, found


# -- a subject names a component only when it acts on something ----------------------------------------------
def test_a_subject_whose_verb_takes_a_clause_or_that_never_acts_is_no_component() -> None:
    found = titles("A packing service boxes each order; a shipment waits until its papers are signed.")
    assert found == ["Add order packing service"], found
    found = titles("A ledger service posts each payment; every total is kept in integer cents, so no invoice "
                   "depends on the order of the rows.")
    assert found == ["Add payment ledger service"], found


def test_a_subject_acting_on_an_object_is_still_a_component() -> None:
    found = titles("A packing service boxes each order; the outbox replays queued changes until the link is "
                   "back.")
    assert "Add change replaying outbox" in found, found


# -- in the tradeoffs, what we make is a component ---------------------------------------------------------
def test_what_the_tradeoffs_say_we_make_is_a_component() -> None:
    found = titles("A loan desk service checks books out to members.",
                   tradeoffs="Our own slot allocator rather than the vendor's, whose fee is 1.5% of sales.")
    assert found == ["Add loan desk service", "Add slot allocator"], found
    found = titles("A loan desk service checks books out to members.",
                   tradeoffs="Members want to check a loan first, so we will give them a preview command "
                             "that prints the due date.")
    assert found == ["Add loan desk service", "Add date printing preview command"], found


def test_the_rejected_option_or_a_bare_own_noun_is_no_component() -> None:
    for tradeoffs in ("Our own job rather than the vendor's cron.",
                      "A hosted queue rather than our own message broker, to save operations work."):
        found = titles("A loan desk service checks books out to members.", tradeoffs=tradeoffs)
        assert found == ["Add loan desk service"], (tradeoffs, found)


# -- two passives coordinated in one clause are one step -----------------------------------------------------
def test_two_coordinated_passives_are_one_step() -> None:
    found = titles("A hatchery service tracks each tank; eggs are counted with a camera and fry are weighed "
                   "on a scale.")
    assert found[1:] == ["Add egg counting with camera and fry weighing"], found
    found = titles("The batch is sent to the mill at the end of each week, and finished flour is collected "
                   "back every morning.")
    assert len(found) == 1 and "sending" in found[0] and "collecting" in found[0], found


def test_passives_in_a_list_or_in_separate_sentences_stay_apart() -> None:
    found = titles("The harvest is weighed, the crates are labelled, and the pallets are shipped.")
    assert found == ["Add harvest weighing", "Add crate labeling", "Add pallet shipping"], found
    found = titles("A hatchery service tracks each tank; eggs are counted with a camera. Fry are weighed on "
                   "a scale.")
    assert "Add fry weighing" in found, found


def test_a_pronoun_for_an_earlier_passive_of_its_sentence_continues_that_step() -> None:
    found = titles("A depot service tracks each van; parcels are scanned at the gate, and they are weighed "
                   "before loading.")
    assert found[1:] == ["Add parcel scanning and weighing"], found
    # a new subject is new work
    found = titles("A depot service tracks each van; parcels are scanned at the gate, and the van is sealed "
                   "with a tag.")
    assert "Add parcel scanning" in found and any("sealing" in t for t in found), found
