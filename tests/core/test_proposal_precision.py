"""The proposer's round-4 rules (issue 9): what a planner would not keep is not proposed. Each rule is checked
on sentences of its own from at least two domains, none taken from the evaluation corpus."""

from __future__ import annotations

from milestone_tui.core.breakdown.models import data_models
from tests.core.proposal_support import titles


# -- a noun that is the subject of a passive is done to, not a doer -----------------------------------------
def test_the_subject_of_an_agentless_passive_is_no_component() -> None:
    assert titles("The scanners are recalibrated every month.") == ["Add monthly scanner recalibration"]
    assert titles("Invoices are scanned for totals, and the parsers are rebuilt from the grammar.") == [
        "Add invoice scanning", "Add parser rebuilding"]


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
