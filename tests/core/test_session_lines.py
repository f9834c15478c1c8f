"""The dashboard's cheap session reader gives what PyYAML gives for the facts a row shows, on every session
the app writes, and declines (PyYAML reads it then) whatever it cannot be sure of: it never takes a file
PyYAML refuses for a good one."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.common import build_workspace
from milestone_tui.core import dashboard
from milestone_tui.core.dashboard import read_dashboard
from milestone_tui.core.flow import MilestoneFlow
from milestone_tui.core.layout import SESSION_FILE, Layout
from milestone_tui.core.model import Issue, Session
from milestone_tui.core.session_file import dump_session
from milestone_tui.core.session_lines import FACT_KEYS, read_facts
from milestone_tui.core.workspace import Workspace
from tests.support.helpers import copy_demo


def expected(text: str) -> dict[str, Any]:
    """PyYAML's values for the fact keys, as ``read_facts`` gives them (an issue: its GitHub number and
    whether it has criteria; the GitHub state: its decision; the epic and spec: which questions are
    answered)."""
    data = yaml.safe_load(text)
    facts = {key: data[key] for key in FACT_KEYS if key in data}
    if isinstance(facts.get("issues"), list):
        facts["issues"] = [{k: v if k == "github_issue" else bool(v) for k, v in i.items()
                            if k in ("github_issue", "acceptance")} for i in facts["issues"]]
    for section in ("epic", "spec"):  # answered or not, as partial_phases judges it
        if isinstance(facts.get(section), dict):
            facts[section] = {k: bool(str(v or "").strip()) for k, v in facts[section].items()}
    if isinstance(facts.get("github"), dict):
        facts["github"] = {k: v for k, v in facts["github"].items() if k == "decision"}
    return facts


def agrees(text: str) -> bool:
    """The cheap reader declined (False) or gave PyYAML's facts (True); an AssertionError otherwise."""
    facts = read_facts(text)
    if facts is None:
        return False
    assert facts == expected(text), text
    return True


def session_texts(tmp_path: Path) -> list[str]:
    """Sessions as the app writes them: planned (5 and 30 issues), synced, stopped on an issue."""
    texts = []
    for count in (5, 30):
        workspace = build_workspace(tmp_path / f"repo{count}", count)
        texts.append((workspace.milestone_dir("m5") / SESSION_FILE).read_text(encoding="utf-8"))
    with MilestoneFlow.open(build_workspace(tmp_path / "synced", 3), "m5", mode="refine") as flow:
        for n, issue in enumerate(flow.session.issues, start=1):
            issue.github_issue = 40 + n
        flow.session.github.decision = "yes"  # written quoted: plain yes is a boolean
        flow.session.current_issue = 2
        flow.session.issues.append(Issue(number=9, title="Quote's \"edge\": #5 — ünïcode", slug="edge",
                                         notes="line one\n\n  indented\nlast\n"))
        texts.append(dump_session(flow.session))
    return texts


def test_the_sessions_the_app_writes_are_read_without_yaml(tmp_path: Path) -> None:
    assert all(agrees(text) for text in session_texts(tmp_path))


def test_the_dashboard_rows_are_the_same_either_way(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    workspace = build_workspace(tmp_path / "repo", 5)
    (workspace.milestone_dir("m9")).mkdir()  # a folder the roadmap does not name: its session's entry
    text = (workspace.milestone_dir("m5") / SESSION_FILE).read_text(encoding="utf-8")
    (workspace.milestone_dir("m9") / SESSION_FILE).write_text(text.replace("M5", "M9"), encoding="utf-8")
    cheap = read_dashboard(Layout(workspace.root))
    monkeypatch.setattr(dashboard, "read_facts", lambda text: None)
    assert read_dashboard(Layout(workspace.root)) == cheap
    assert [r.display_id for r in cheap.rows][-1] == "M9"


@pytest.fixture(scope="module")
def base_session(tmp_path_factory: pytest.TempPathFactory) -> Session:
    workspace = Workspace(copy_demo(tmp_path_factory.mktemp("repo")))
    with MilestoneFlow.open(workspace, "m5", mode="new") as flow:
        return flow.session.model_copy(deep=True)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=120), st.text(max_size=40), st.lists(st.integers(1, 10**6) | st.none(), max_size=4))
def test_any_text_the_user_typed_is_read_the_same(base_session: Session, answer: str, title: str,
                                                  numbers: list[int | None]) -> None:
    session = base_session.model_copy(deep=True)
    session.epic.problem = answer
    session.roadmap.description = answer  # type: ignore[union-attr]
    session.issues = [Issue(number=n, title=title or "t", slug=f"s{n}", notes=answer, github_issue=number)
                      for n, number in enumerate(numbers, start=1)]
    agrees(dump_session(session))


@pytest.mark.parametrize("value", ["2026-02-30", "<<", "=", "0x_", "._", "!tag x", "&a x", "[1, 2", "'open",
                                   "a: b", "x # note", "2026-02-30 10:00:00", "*alias"])
def test_a_value_pyyaml_refuses_is_never_taken(tmp_path: Path, value: str) -> None:
    text = session_texts(tmp_path)[0]
    for edited in (text.replace("  decision: undecided", f"  decision: undecided\n  last_synced: {value}"),
                   text.replace("quick: false", f"quick: false\nextra: {value}"),
                   text.replace("quick: false", f"quick: false\n{value}: 1")):
        try:
            yaml.safe_load(edited)
        except (yaml.YAMLError, ValueError):
            assert read_facts(edited) is None, edited
        else:
            agrees(edited)


@pytest.mark.parametrize("seed", range(6))
def test_a_hand_edited_file_is_never_taken_for_valid_when_it_is_not(tmp_path: Path, seed: int) -> None:
    """Random edits of a real session (indentation, colons, quotes, dashes, comments, joined lines):
    whatever the cheap reader accepts, PyYAML loads, to the same facts."""
    text = session_texts(tmp_path)[2]
    rng = random.Random(seed)
    edits = [" ", ": ", "'", '"', "- ", "#", "{", "|", "\n", "  ", "&a ", "*a", ":", "-"]
    accepted = 0
    for _ in range(150):
        lines = text.split("\n")
        for _ in range(rng.randint(1, 3)):
            n = rng.randrange(len(lines))
            line = lines[n]
            cut = rng.randint(0, len(line))
            choice = rng.randrange(3)
            if choice == 0:
                lines[n] = line[:cut] + rng.choice(edits) + line[cut:]
            elif choice == 1:
                lines[n] = line[:cut] + line[cut + 1:]
            else:
                lines[n] = line.lstrip(" ") if line.startswith(" ") else "  " + line
        edited = "\n".join(lines)
        if read_facts(edited) is None:
            continue
        try:
            yaml.safe_load(edited)
        except yaml.YAMLError:
            pytest.fail(f"taken for valid, but PyYAML refuses it:\n{edited}")
        assert agrees(edited)
        accepted += 1
    assert accepted > 10  # most single edits still leave a well-formed file


@pytest.mark.parametrize(("key", "value"), [("github", 5), ("github", ["yes"]), ("epic", "nope"),
                                            ("issues", 3), ("roadmap", [1])])
def test_a_hand_edit_of_the_wrong_shape_never_crashes_the_dashboard(tmp_path: Path, key: str,
                                                                    value: object) -> None:
    """``github: 5`` went past the cheap reader to PyYAML and then crashed the dashboard (AttributeError)."""
    workspace = build_workspace(tmp_path / "repo", 3)
    path = workspace.milestone_dir("m5") / SESSION_FILE
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data[key] = value
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    rows = read_dashboard(Layout(workspace.root)).rows  # a row, or its one-line error: never a traceback
    assert any(r.milestone_id == "m5" for r in rows)


def test_a_yaml_bomb_in_a_session_file_is_refused_in_one_line(tmp_path: Path) -> None:
    workspace = build_workspace(tmp_path / "repo", 3)
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [{', '.join([f'*{p}'] * 10)}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True))
    (workspace.milestone_dir("m5") / SESSION_FILE).write_text(bomb, encoding="utf-8")
    row = next(r for r in read_dashboard(Layout(workspace.root)).rows if r.milestone_id == "m5")
    assert "expand" in (row.error or ""), row  # refused by the bounded loader, never expanded
