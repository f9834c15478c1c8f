"""The reply format and its normalisation into the rules' ``Proposal``: duplicates merged, dependencies only
to issues that exist and never a cycle, what is missing filled by the rules, nothing half-applied."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from milestone_tui.core import defaults
from milestone_tui.core.breakdown.propose import Proposal, ProposedIssue
from milestone_tui.core.drafting import prompt
from milestone_tui.core.drafting.config import ModelConfig
from milestone_tui.core.drafting.draft import parse, record
from milestone_tui.core.drafting.reply import MAX_ISSUES, json_schema, to_proposal
from milestone_tui.core.model import Session
from milestone_tui.core.roadmap import RoadmapMilestone

RULES = Proposal((ProposedIssue("Add ingest endpoint", "HTTP endpoint receives events", (),
                                ("Accepts events",)),))


def _reply(issues: list[dict[str, object]], **rest: object) -> str:
    return json.dumps({"issues": issues, **rest})


def test_only_the_titles_are_required_and_the_rules_fill_the_rest() -> None:
    proposal, phases = to_proposal(parse(_reply([{"title": "Add ingest endpoint"}, {"title": "Add store"}])),
                                   RULES)
    first, second = proposal.issues
    assert (first.source, first.acceptance) == ("HTTP endpoint receives events", ("Accepts events",))
    assert (second.source, second.acceptance, second.depends_on) == ("", (), ())
    assert phases == [] and proposal.phases_answer.startswith("Phase 1:")


def test_duplicates_are_merged_and_dependencies_follow_the_first() -> None:
    reply = parse(_reply([{"title": "Add a"}, {"title": "add  A"},
                          {"title": "Add b", "depends_on": [2, 9, 3]}]))
    proposal, _ = to_proposal(reply, RULES)
    assert [i.title for i in proposal.issues] == ["Add a", "Add b"]
    assert proposal.issues[1].depends_on == (1,)  # 2 is the duplicate of 1; 9 does not exist; 3 is itself


def test_a_cycle_is_never_kept() -> None:
    reply = parse(_reply([{"title": "Add a", "depends_on": [3]}, {"title": "Add b", "depends_on": [1]},
                          {"title": "Add c", "depends_on": [2]}]))
    proposal, _ = to_proposal(reply, RULES)
    # The link closing the loop (c -> b) is dropped; each issue then comes after what it depends on.
    assert [(i.title, i.depends_on) for i in proposal.issues] == [("Add c", ()), ("Add a", (1,)),
                                                                  ("Add b", (2,))]


def test_phases_are_used_only_when_every_issue_has_one() -> None:
    issues = [{"title": "Add a"}, {"title": "Add b"}]
    whole = parse(_reply(issues, phases=[{"name": "One", "issues": [1]}, {"name": "Two", "issues": [2, 7]}]))
    assert to_proposal(whole, RULES)[1] == [("One", [1]), ("Two", [2])]
    partial = parse(_reply(issues, phases=[{"name": "One", "issues": [1]}]))
    assert to_proposal(partial, RULES)[1] == []


@pytest.mark.parametrize("text", [
    "{not json",
    json.dumps({"issues": []}),
    json.dumps({"issues": [{"summary": "no title"}]}),
    json.dumps({"issues": [{"title": "Add a", "depends_on": ["one"]}]}),
    json.dumps({"issues": [{"title": f"Add {n}"} for n in range(MAX_ISSUES + 1)]}),
])
def test_a_reply_that_breaks_the_format_is_refused_whole(text: str) -> None:
    with pytest.raises((ValidationError, ValueError)):
        parse(text)


def test_a_code_fence_is_tolerated() -> None:
    assert parse('```json\n{"issues": [{"title": "Add a"}]}\n```').issues[0].title == "Add a"


def test_the_schema_describes_the_reply() -> None:
    schema = json_schema()
    assert schema["required"] == ["issues"]
    assert "title" in json.dumps(schema) and "review" in json.dumps(schema)


def test_a_draft_is_proposed_only_while_the_prompt_is_unchanged() -> None:
    session = Session(milestone_id="m9", roadmap=RoadmapMilestone(id="M9", title="Thing", scope=["a", "b"]))
    session.spec.architecture = "A service stores things."
    session.draft = record(parse(_reply([{"title": "Add drafted thing"}])), session,
                           ModelConfig("tiny", "http://localhost:11434/v1", api_key="sk-hidden"))
    assert session.draft.prompt_hash == prompt.prompt_hash(session)
    assert defaults.propose_titles(session) == ["Add drafted thing"]
    assert defaults.proposed_by(session) == "tiny"
    assert "sk-hidden" not in session.model_dump_json()
    session.spec.architecture = "Something else entirely."
    assert defaults.proposed_by(session) == "rules"
    assert defaults.propose_titles(session) != ["Add drafted thing"]
