"""Fault and abuse, core side: hostile templates and folders, YAML bombs, hand-edited numbers, huge numbers,
deep nesting, duplicate roadmap ids, racing lock takers and kills mid-write (issue 10)."""

from __future__ import annotations

import multiprocessing
import os
import socket
from pathlib import Path

import pytest

from milestone_tui.core import safe_yaml
from milestone_tui.core.artifacts.parse import parse_issue, parse_plan, read_folder, split_frontmatter
from milestone_tui.core.artifacts.render import Renderer
from milestone_tui.core.flow import MilestoneFlow
from milestone_tui.core.lookup import resolve_key
from milestone_tui.core.model import Issue, Session
from milestone_tui.core.phases import Phase
from milestone_tui.core.roadmap import canonical_id
from milestone_tui.core.session_file import dump_session, parse_session
from milestone_tui.core.workspace import Workspace
from milestone_tui.errors import (
    ArtifactError,
    LockHeld,
    RoadmapError,
    SessionFileError,
    SessionFormatError,
    YAMLLimitError,
)
from tests.support.roadmaps import parse_both as parse_roadmap

TOKEN = "ghp_abuseTestToken0123456789abcdefABCD"
BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8))


def planned(workspace: Workspace, key: str = "m5") -> MilestoneFlow:
    """A quick-filled milestone (every artifact written), open."""
    flow = MilestoneFlow.open(workspace, key, quick=True)
    flow.quick_fill()
    return flow


def override(workspace: Workspace) -> Path:
    folder = workspace.templates_dir
    folder.mkdir(parents=True, exist_ok=True)
    return folder


# -- 1. templates read only regular files inside their folder; the token never gets out ----------------------
@pytest.mark.parametrize("how", ["symlink", "include"])
def test_template_symlink_leaving_the_folder_is_refused(workspace: Workspace, tmp_path: Path,
                                                        how: str) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET\n")
    folder = override(workspace)
    if how == "symlink":
        (folder / "epic.md.j2").symlink_to(secret)
    else:
        (folder / "leak.j2").symlink_to(secret)
        (folder / "epic.md.j2").write_text("# Epic\n{% include 'leak.j2' %}\n")
    session = Session(milestone_id="m5")
    with pytest.raises(ArtifactError, match="outside") as err:
        Renderer(folder).epic(session)
    assert "SECRET" not in str(err.value)


def test_template_link_to_proc_and_a_fifo_are_refused(workspace: Workspace) -> None:
    folder = override(workspace)
    (folder / "epic.md.j2").symlink_to("/proc/self/environ")
    os.mkfifo(folder / "spec.md.j2")  # reading it would block forever
    renderer = Renderer(folder)
    with pytest.raises(ArtifactError, match="outside"):
        renderer.epic(Session(milestone_id="m5"))
    with pytest.raises(ArtifactError, match="not a regular file"):
        renderer.spec(Session(milestone_id="m5"))


def test_template_link_inside_the_folder_is_fine(workspace: Workspace) -> None:
    folder = override(workspace)
    (folder / "mine.j2").write_text("# Mine {{ milestone.id }}\n")
    (folder / "epic.md.j2").symlink_to(folder / "mine.j2")
    assert Renderer(folder).epic(Session(milestone_id="m5")) == "# Mine M5\n"


def test_rendered_token_is_an_error_and_never_shown(workspace: Workspace,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GH_TOKEN", TOKEN)
    folder = override(workspace)
    (folder / "epic.md.j2").write_text("# Epic\n{{ session.epic.problem }}\n")
    session = Session(milestone_id="m5")
    session.epic.problem = f"pasted by mistake: {TOKEN}"
    with pytest.raises(ArtifactError, match="GitHub token") as err:
        Renderer(folder).epic(session)
    assert TOKEN not in str(err.value)


# -- 3. templates render from a read-only view ---------------------------------------------------------------
@pytest.mark.parametrize("statement", [
    "{% set _ = session.issues.clear() %}",
    "{% set _ = session.issues.append(1) %}",
    "{% set _ = session.artifact_hashes.clear() %}",
    "{% set _ = session.mark_undone('epic') %}",
    "{% set _ = session.touch() %}",
    "{% set _ = session.issues[0].depends_on.append(7) %}",
    "{% set _ = session.roadmap.fields.update({'x': 'y'}) %}",
    "{% set _ = milestone.scope.append('x') %}",
    "{% set _ = session.plan.phases.pop() %}",
    "{% set _ = session.__setattr__('quick', True) %}",
])
def test_a_template_cannot_change_the_session(workspace: Workspace, statement: str) -> None:
    with planned(workspace) as flow:
        session = flow.session
        before = session.model_dump()
        folder = override(workspace)
        (folder / "plan.md.j2").write_text(f"{statement}\n# Plan\n")
        with pytest.raises(ArtifactError):
            Renderer(folder).plan(session)
        assert session.model_dump() == before


def test_the_view_still_renders_every_shipped_template(workspace: Workspace) -> None:
    with planned(workspace) as flow:
        renderer = Renderer()
        for phase in Phase:
            assert renderer.preview(flow.session, phase)


# -- 7. any spelling of the id or the title is one folder ----------------------------------------------------
@pytest.mark.parametrize("typed", ["m5", "M05", "Milestone 5", "detection ingest pipeline",
                                   "Detection Ingest Pipeline", "  DETECTION   INGEST PIPELINE ",
                                   "detection-ingest-pipeline", "M5 - Detection Ingest Pipeline",
                                   "M5: Detection Ingest Pipeline"])
def test_any_spelling_resolves_to_one_key(workspace: Workspace, typed: str) -> None:
    assert resolve_key(workspace, typed) == "m5"


def test_title_as_id_opens_the_canonical_folder(workspace: Workspace) -> None:
    with MilestoneFlow.open(workspace, "Operations Dashboard") as flow:
        assert flow.session.milestone_id == "m8"
    assert [p.name for p in workspace.milestones_dir.iterdir()] == ["m8"]


def test_an_ambiguous_title_is_one_line(tmp_path: Path) -> None:
    roadmap = tmp_path / "docs/01-roadmap/roadmap.md"
    roadmap.parent.mkdir(parents=True)
    roadmap.write_text("## M1 - Same\n\n## M2 - Same\n")
    with pytest.raises(RoadmapError, match="M1 and M2"):
        resolve_key(Workspace(tmp_path), "same")


# -- 10. a hand-edited number neither duplicates an issue nor bricks the milestone ---------------------------
@pytest.mark.parametrize("new_number", ["12", "10000"])
def test_hand_edited_number_is_refused_and_fixing_heals(workspace: Workspace, new_number: str) -> None:
    with planned(workspace) as flow:
        first = flow.session.issues[0]
        count = len(flow.session.issues)
    path = workspace.milestone_dir("m5") / first.filename
    original = path.read_text()
    path.write_text(original.replace(f"number: {first.number}\n", f"number: {new_number}\n", 1))
    with MilestoneFlow.open(workspace, "m5", mode="refine") as flow:
        assert len(flow.session.issues) == count
        assert sorted(i.number for i in flow.session.issues) == list(range(1, count + 1))
        notice = next(n for n in flow.notices if first.filename in n)
        assert "number" in notice and "\n" not in notice
        flow.write()  # still writes: no phantom issue, nothing bricked
    path.write_text(original)
    with MilestoneFlow.open(workspace, "m5", mode="refine") as flow:
        assert len(flow.session.issues) == count
        assert not [n for n in flow.notices if first.filename in n]


def test_frontmatter_number_must_match_the_file_name() -> None:
    text = "---\nnumber: 12\ntitle: X\nslug: x\n---\n# X\n"
    with pytest.raises(ArtifactError, match="file name"):
        parse_issue(text, "01-x.md")
    assert parse_issue(text).number == 12  # without a file name the frontmatter says it


# -- 11. YAML bombs and huge YAML ----------------------------------------------------------------------------
def test_yaml_bomb_is_refused_fast() -> None:
    with pytest.raises(YAMLLimitError, match="expands"):
        safe_yaml.load(BOMB)


def test_yaml_bomb_in_frontmatter_session_and_answers() -> None:
    with pytest.raises(ArtifactError, match="expands"):
        split_frontmatter(f"---\n{BOMB}---\n# x\n")
    with pytest.raises(SessionFormatError, match="expands"):
        parse_session(f"milestone_id: m5\n{BOMB}")


def test_yaml_size_is_capped() -> None:
    with pytest.raises(ArtifactError, match="larger than"):
        split_frontmatter("---\ntitle: " + "x" * 300_000 + "\n---\n")


def test_a_few_aliases_are_still_yaml() -> None:
    assert safe_yaml.load("a: &x [1, 2]\nb: *x\n") == {"a": [1, 2], "b": [1, 2]}


def test_bomb_in_an_issue_file_is_a_notice_on_refine(workspace: Workspace) -> None:
    with planned(workspace) as flow:
        name = flow.session.issues[0].filename
    path = workspace.milestone_dir("m5") / name
    path.write_text(f"---\n{BOMB}---\n# Bomb\n")
    with MilestoneFlow.open(workspace, "m5", mode="refine") as flow:
        assert any(name in n and "expands" in n for n in flow.notices)


# -- 12. symlinks in the milestone folder -------------------------------------------------------------------
def test_linked_issue_file_is_skipped_and_reported(workspace: Workspace, tmp_path: Path) -> None:
    outside = tmp_path / "outside.md"
    outside.write_text("---\nnumber: 10\ntitle: Secret\nslug: x\n---\n# Secret\n")
    with planned(workspace) as flow:
        count = len(flow.session.issues)
    folder = workspace.milestone_dir("m5")
    (folder / "10-x.md").symlink_to(outside)
    report = workspace.inspect("m5")
    assert "10-x.md" not in report.issue_files and report.links == ["10-x.md"]
    assert any("10-x.md" in line and "link" in line for line in report.lines())
    assert all(i.title != "Secret" for i in read_folder(folder, "m5").issues)
    with MilestoneFlow.open(workspace, "m5", mode="refine") as flow:
        assert len(flow.session.issues) == count
        assert any("10-x.md" in n and "link" in n for n in flow.notices)


def test_backup_and_clear_do_not_follow_links(workspace: Workspace, tmp_path: Path) -> None:
    big = tmp_path / "big"
    big.mkdir()
    (big / "file.txt").write_text("not ours")
    outside = tmp_path / "outside.md"
    outside.write_text("keep me")
    with planned(workspace):
        pass
    folder = workspace.milestone_dir("m5")
    (folder / "linked-dir").symlink_to(big)
    (folder / "11-link.md").symlink_to(outside)
    backup = workspace.backup("m5")
    assert backup is not None
    assert not (backup / "linked-dir").exists() and not (backup / "11-link.md").exists()
    assert (backup / "00-epic.md").is_file()
    workspace.clear("m5")
    assert outside.read_text() == "keep me" and (big / "file.txt").exists()


def test_written_artifact_never_follows_a_link(workspace: Workspace, tmp_path: Path) -> None:
    outside = tmp_path / "outside.md"
    outside.write_text("keep me")
    folder = workspace.milestone_dir("m5")
    folder.mkdir(parents=True)
    (folder / "00-epic.md").symlink_to(outside)
    with MilestoneFlow.open(workspace, "m5", quick=True, mode="overwrite") as flow:
        report = flow.quick_fill()
    assert outside.read_text() == "keep me"
    assert folder / "00-epic.md" in report.conflicts


# -- 14. numbers too long, nesting too deep, duplicate ids, quoted schema versions ---------------------
HUGE = "9" * 5000
HUGE_IDS = ["number", "id", "heading", "depends_on", "dependencies"]


@pytest.mark.parametrize("text", [
    f"---\nnumber: {HUGE}\ntitle: X\n---\n# X\n",
    f"---\nid: m5-{HUGE}\ntitle: X\n---\n# X\n",
    f"# {HUGE}: Title\n",
    f"---\nnumber: 1\ndepends_on: [{HUGE}]\n---\n# X\n",
    f"---\nnumber: 1\n---\n# X\n\n## Dependencies\n\n- #{HUGE}\n",
], ids=HUGE_IDS)
def test_huge_numbers_in_an_issue_are_one_line(text: str) -> None:
    with pytest.raises(ArtifactError) as err:
        parse_issue(text)
    assert "\n" not in str(err.value) and len(str(err.value)) < 200


def test_huge_numbers_elsewhere() -> None:
    assert canonical_id(f"m{HUGE}") is None
    plan, assignment = parse_plan(f"## Phase 1: A\n\n- #{HUGE} x\n")
    assert assignment == {}
    roadmap = parse_roadmap(f"## M{HUGE} - Huge\n\n## M1 - Fine\n")
    assert [m.id for m in roadmap.milestones] == ["M1"]


def test_huge_id_in_the_workspace_is_one_short_line(workspace: Workspace) -> None:
    with pytest.raises(Exception) as err:
        MilestoneFlow.open(workspace, f"m{HUGE}")
    assert "\n" not in str(err.value) and len(str(err.value)) < 300


def test_deep_nesting_in_a_session_is_one_line() -> None:
    for text in ("milestone_id: m5\nx: " + "[" * 100_000 + "]" * 100_000,
                 "milestone_id: m5\nx:\n" + "".join(" " * i + "- \n" for i in range(2000))):
        with pytest.raises(SessionFormatError):
            parse_session(text)


def test_duplicate_roadmap_ids_name_both_lines() -> None:
    text = "# Roadmap\n\n## M1 - First\n\nText.\n\n## M1 - Again\n\nMore.\n"
    with pytest.raises(RoadmapError, match=r"M1.*line 3.*line 7"):
        parse_roadmap(text, "roadmap.md")


def test_summary_table_and_heading_for_one_id_still_merge() -> None:
    text = "| ID | Title |\n|---|---|\n| M1 | From table |\n\n## M1 - From heading\n\n**Scope:** a, b\n"
    (milestone,) = parse_roadmap(text).milestones
    assert (milestone.title, milestone.scope) == ("From table", ["a", "b"])


@pytest.mark.parametrize("version", ['"2"', "'1'", "2.0", "true", "0", "-1"])
def test_schema_version_must_be_a_known_integer(version: str) -> None:
    text = dump_session(Session(milestone_id="m5")).replace("schema_version: 1", f"schema_version: {version}")
    with pytest.raises(SessionFormatError, match="schema"):
        parse_session(text)


def test_quoted_schema_version_is_kept_not_rewritten(workspace: Workspace) -> None:
    with planned(workspace):
        pass
    path = workspace.session_path("m5")
    text = path.read_text().replace("schema_version: 1", 'schema_version: "2"')
    path.write_text(text)
    with pytest.raises(SessionFileError):
        MilestoneFlow.open(workspace, "m5", mode="refine")
    assert path.read_text() == text


# -- 15. eight processes taking one stale lock: one holder ---------------------------------------------------
def _take(folder: str, start: object, done: object, results: object) -> None:
    from milestone_tui.core import lock

    start.wait()  # type: ignore[attr-defined]
    try:
        held = lock.acquire(Path(folder))
    except LockHeld:
        results.put(0)  # type: ignore[attr-defined]
        return
    results.put(1)  # type: ignore[attr-defined]
    done.wait()  # type: ignore[attr-defined]  # hold it until every taker has tried
    held.release()


def test_eight_processes_racing_for_a_stale_lock_give_one_holder(tmp_path: Path) -> None:
    ctx = multiprocessing.get_context("fork")
    stale = f"999999999 {socket.gethostname()}\n"
    for _trial in range(30):
        (tmp_path / ".lock").write_text(stale)
        start, done, results = ctx.Event(), ctx.Event(), ctx.Queue()
        procs = [ctx.Process(target=_take, args=(str(tmp_path), start, done, results)) for _ in range(8)]
        for proc in procs:
            proc.start()
        start.set()
        holders = sum(results.get(timeout=10) for _ in procs)
        done.set()
        for proc in procs:
            proc.join(timeout=10)
        assert holders == 1
        (tmp_path / ".lock").unlink(missing_ok=True)


# -- 17. leftovers of a kill ---------------------------------------------------------------------------
def test_leftover_tmp_files_are_removed_on_open(workspace: Workspace) -> None:
    with planned(workspace):
        pass
    folder = workspace.milestone_dir("m5")
    leftovers = [folder / ".00-epic.md.4242.0badcafe.tmp", folder / ".session.yaml.4242.deadbeef.tmp"]
    for path in leftovers:
        path.write_text("half")
    (folder / "notes.tmp").write_text("the user's")  # not one of ours
    with MilestoneFlow.open(workspace, "m5", mode="refine") as flow:
        assert not flow.notices
    assert not any(p.exists() for p in leftovers)
    assert (folder / "notes.tmp").exists()


class Killed(BaseException):
    """Stands for kill -9 between writing the artifacts and saving the session."""


def test_kill_between_artifacts_and_session_gives_no_false_notice(workspace: Workspace,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    flow = MilestoneFlow.open(workspace, "m5")
    flow.set_answer("epic", "problem", "Detections arrive late")
    real_save = Workspace.save_session

    def killed(self: Workspace, session: Session) -> None:
        raise Killed

    monkeypatch.setattr(Workspace, "save_session", killed)
    flow.autosave = False
    flow.set_answer("epic", "users", "Analysts, typed just before the kill")
    with pytest.raises(Killed):
        flow.complete(Phase.EPIC)
    monkeypatch.setattr(Workspace, "save_session", real_save)
    assert flow._lock is not None
    flow._lock.release()  # the kernel would have dropped it with the process
    with MilestoneFlow.open(workspace, "m5", mode="refine") as again:
        assert not [n for n in again.notices if "00-epic.md" in n]
        assert again.session.epic.users == "Analysts, typed just before the kill"
        assert again.session.is_done(Phase.EPIC)


def test_issue_model_refuses_numbers_without_a_file_name() -> None:
    with pytest.raises(ValueError):
        Issue(number=10000, title="x", slug="x")
