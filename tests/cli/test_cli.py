"""The create-milestone command line: headless runs, the seed's output, and one-line errors for bad input."""

from __future__ import annotations

import json
import os
import re
import sys
import types
from pathlib import Path
from typing import Any

import pytest

from milestone_tui.cli import main as cli
from milestone_tui.cli.main import main
from milestone_tui.core.dashboard import read_dashboard
from milestone_tui.core.workspace import Workspace
from tests.support.helpers import copy_demo

REPO = Path(__file__).resolve().parents[2]
ANSWERS = REPO / "docs" / "examples" / "m5-answers.yaml"
SEED_FILES = [
    "00-epic.md", "00-SPECIFICATION.md", "01-ingest-endpoint.md", "02-rate-limiting.md",
    "03-schema-validation.md", "04-kafka-producer.md", "05-timescaledb-schema.md", "06-kafka-consumer.md",
    "07-storage-service.md", "08-health-metrics.md", "09-integration-tests.md", "IMPLEMENTATION_PLAN.md",
]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    copy_demo(tmp_path / "repo")
    return tmp_path / "repo"


def run(root: Path, *args: str) -> int:
    return main([*args, "--root", str(root)])


def milestone(root: Path, key: str) -> Path:
    return root / "docs/03-build-notes/milestones" / key


def artifacts(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".md"))


def test_seed_session_produces_the_twelve_artifacts(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(root, "m5", "--answers", str(ANSWERS)) == 0
    folder = milestone(root, "m5")
    assert artifacts(folder) == sorted(SEED_FILES)
    plan = (folder / "IMPLEMENTATION_PLAN.md").read_text()
    assert "milestone/m5-detection-ingest" in plan
    for name in ("Endpoint, rate limiting and schema", "Kafka producer and TimescaleDB",
                 "Consumer, storage and metrics", "Integration tests"):
        assert name in plan
    assert "1000 req/sec per API key" in (folder / "02-rate-limiting.md").read_text()
    out = capsys.readouterr().out
    for line in ("Creating Milestone: m5", "✓ Roadmap: docs/01-roadmap/roadmap.md",
                 "✓ Found: M5 - Detection Ingest Pipeline",
                 "  Scope: Real-time ingestion, validation, storage",
                 "  Dependencies: M4 (Risk Assessment)", "✓ Created: docs/03-build-notes/milestones/m5/",
                 "✓ Created: docs/03-build-notes/milestones/m5/00-epic.md",
                 "✓ Created: 09-integration-tests.md", "✓ Generated 9 issue specs",
                 "✓ Milestone M5 Created", "Phases: 4", "Estimated issues: 9",
                 "   git checkout -b milestone/m5-detection-ingest main", "   run-milestone m5"):
        assert line in out.splitlines(), line
    listed = [line.strip()[2:] for line in out.split("Artifacts:")[1].split("\n\n")[0].strip().splitlines()]
    assert listed == [f"docs/03-build-notes/milestones/m5/{name}" for name in SEED_FILES]
    session = Workspace(root).load_session("m5")
    assert session is not None and session.github.decision == "no"


def test_json_answers_and_free_text_phases(root: Path, tmp_path: Path) -> None:
    answers = {"epic": {"problem": "p"}, "spec": {"architecture": "HTTP endpoint, Kafka, TimescaleDB"},
               "breakdown": [{"title": "Add ingest HTTP endpoint"}, {"title": "Add rate limiting middleware"},
                             {"title": "Add integration tests"}],
               "plan": {"phases": "Phase 1: endpoint + rate limiting. Phase 2: integration tests.",
                        "scope_tags": "detection, ingest"},
               "github": {"create": "later"}}
    path = tmp_path / "a.json"
    path.write_text(json.dumps(answers))
    assert run(root, "m5", "--answers", str(path)) == 0
    session = Workspace(root).load_session("m5")
    assert session is not None
    assert [i.phase for i in session.issues] == [1, 1, 2]
    assert session.plan.scope_tags == ["detection", "ingest"]
    assert session.github.decision == "later"
    assert read_dashboard(Workspace(root)).rows[4].github == "sync pending (later)"


def test_quick_yes_generates_m6(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(root, "m6", "--quick", "--yes") == 0
    folder = milestone(root, "m6")
    names = artifacts(folder)
    assert len([n for n in names if n[:2].isdigit() and n[:2] != "00"]) == 6
    assert "IMPLEMENTATION_PLAN.md" in names
    session = Workspace(root).load_session("m6")
    assert session is not None and len(session.plan.phases) == 2
    out = capsys.readouterr().out
    for line in ("Creating Milestone: m6 (Quick Mode)", "✓ Found: M6 - Fusion Engine", "  - Caching layer",
                 "✓ 6 issue specs (basic structure)", "✓ IMPLEMENTATION_PLAN.md (2 phases)",
                 "✓ Milestone M6 Created (Quick Mode)", "Edit specs in: docs/03-build-notes/milestones/m6/"):
        assert line in out.splitlines(), line


def test_existing_folder_needs_refine_or_overwrite(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(root, "m6", "--quick", "--yes") == 0
    capsys.readouterr()
    assert run(root, "m6", "--quick", "--yes") == 2
    captured = capsys.readouterr()
    assert "  ✓ Issue specs (6 found)" in captured.out.splitlines()
    assert captured.err == ("create-milestone: error: milestone folder exists: "
                            "docs/03-build-notes/milestones/m6/ (use --refine or --overwrite)\n")


def test_overwrite_keeps_a_backup(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(root, "m6", "--quick", "--yes") == 0
    epic = milestone(root, "m6") / "00-epic.md"
    epic.write_text("# my own epic\n")
    capsys.readouterr()
    assert run(root, "m6", "--quick", "--yes", "--overwrite") == 0
    out = capsys.readouterr().out
    backups = list((root / "docs/03-build-notes/milestones/.backups").iterdir())
    assert len(backups) == 1 and (backups[0] / "00-epic.md").read_text() == "# my own epic\n"
    assert f"✓ Backup: docs/03-build-notes/milestones/.backups/{backups[0].name}/" in out
    assert epic.read_text() != "# my own epic\n"


def test_refine_yes_regenerates_missing_phases(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(root, "m5", "--answers", str(ANSWERS)) == 0
    folder = milestone(root, "m5")
    before = {n: (folder / n).read_text() for n in SEED_FILES}
    for name in SEED_FILES[2:]:
        (folder / name).unlink()
    capsys.readouterr()
    assert run(root, "m5", "--refine", "--yes") == 0
    out = capsys.readouterr().out
    assert "  ✗ Issue specs (0 found)" in out.splitlines()
    assert "✓ Loaded epic (goals, success criteria)" in out
    assert "Continuing from issue specs..." in out
    assert artifacts(folder) == sorted(SEED_FILES)
    assert {n: (folder / n).read_text() for n in SEED_FILES} == before  # the session remembered everything


def test_refine_keeps_hand_edit(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(root, "m5", "--answers", str(ANSWERS)) == 0
    folder = milestone(root, "m5")
    spec = folder / "00-SPECIFICATION.md"
    edited = spec.read_text().replace("TimescaleDB for storage", "ClickHouse for storage")
    spec.write_text(edited)
    (folder / "IMPLEMENTATION_PLAN.md").unlink()
    capsys.readouterr()
    assert run(root, "m5", "--refine", "--yes") == 0
    out = capsys.readouterr().out
    assert "00-SPECIFICATION.md was edited by hand" in out
    assert spec.read_text() == edited
    session = Workspace(root).load_session("m5")
    assert session is not None and "ClickHouse" in session.spec.technology


def test_refine_of_folder_without_session(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(root, "m5", "--answers", str(ANSWERS)) == 0
    folder = milestone(root, "m5")
    for path in folder.iterdir():
        if path.name not in ("00-epic.md", "00-SPECIFICATION.md"):
            path.unlink()
    capsys.readouterr()
    assert run(root, "m5", "--refine", "--yes") == 0
    out = capsys.readouterr().out
    assert "Continuing from issue breakdown..." in out
    assert "IMPLEMENTATION_PLAN.md" in artifacts(folder)
    assert len(artifacts(folder)) > 4


def _write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text)
    return str(path)


BAD_INPUTS: list[tuple[str, list[str], str]] = [
    ("unknown milestone", ["m42", "--yes"], "Milestone M42 not found"),
    ("path traversal", ["../../x", "--yes"], "invalid milestone id"),
    ("missing answers", ["m5", "--answers", "{tmp}/nope.yaml"], "cannot read answers file"),
    ("not yaml", ["m5", "--answers", "{bad_yaml}"], "is not valid YAML"),
    ("not json", ["m5", "--answers", "{bad_json}"], "is not valid JSON"),
    ("unknown key", ["m5", "--answers", "{unknown_key}"],
     "unknown key 'titel' in breakdown[1] (did you mean 'title'?)"),
    ("unknown section", ["m5", "--answers", "{unknown_section}"],
     "unknown key 'issues' (known here: epic, spec, breakdown, plan, github)"),
    ("wrong type", ["m5", "--answers", "{wrong_type}"], "epic.problem: should be a valid string"),
    ("section not a mapping", ["m5", "--answers", "{not_mapping}"], "epic: should be a mapping of keys"),
    ("union", ["m5", "--answers", "{bad_phases}"], "plan.phases: should be a valid list or a valid string"),
    ("bad create", ["m5", "--answers", "{bad_create}"], "github.create"),
    ("bad phase issue", ["m5", "--answers", "{bad_phase}"], "no issue 12 in the breakdown"),
    ("bad branch", ["m5", "--answers", "{bad_branch}"], "plan.branch"),
    ("dry-run alone", ["m5", "--dry-run"], "--dry-run only applies to --sync"),
    ("answers without id", ["--answers", "{unknown_key}"], "--answers needs a milestone ID"),
    ("unknown flag", ["m5", "--frobnicate"], "unrecognized arguments"),
    ("refine and overwrite", ["m5", "--refine", "--overwrite"], "not allowed with argument"),
    ("sync unplanned", ["m5", "--sync"], "has no folder yet"),
]


@pytest.mark.parametrize("name, argv, expected", BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_bad_input_is_one_line_and_exit_2(root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                          name: str, argv: list[str], expected: str) -> None:
    files = {
        "tmp": str(tmp_path),
        "bad_yaml": _write(tmp_path, "bad.yaml", "epic: [unclosed\n"),
        "bad_json": _write(tmp_path, "bad.json", "{'epic': }"),
        "unknown_key": _write(tmp_path, "key.yaml", "breakdown:\n  - titel: Add x\n"),
        "unknown_section": _write(tmp_path, "section.yaml", "issues:\n  - title: Add x\n"),
        "not_mapping": _write(tmp_path, "mapping.yaml", "epic: 5\n"),
        "bad_phases": _write(tmp_path, "phases.yaml", "plan:\n  phases: 3\n"),
        "wrong_type": _write(tmp_path, "type.yaml", "epic:\n  problem: [1, 2]\n"),
        "bad_create": _write(tmp_path, "create.yaml", "github:\n  create: maybe\n"),
        "bad_phase": _write(tmp_path, "phase.yaml", "breakdown:\n  - title: Add a\n  - title: Add b\n"
                            "plan:\n  phases:\n    - name: One\n      issues: [1, 12]\n"),
        "bad_branch": _write(tmp_path, "branch.yaml", "plan:\n  branch: 'bad..branch name'\n"),
    }
    code = run(root, *[a.format(**files) for a in argv])
    captured = capsys.readouterr()
    assert code == 2
    assert captured.err.count("\n") == 1 and captured.err.startswith("create-milestone: error: ")
    assert expected in captured.err
    assert "Traceback" not in captured.err + captured.out
    milestones = root / "docs/03-build-notes/milestones"
    assert not milestones.exists() or not any(milestones.iterdir())  # nothing half-written


def test_missing_roadmap(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(tmp_path, "m5", "--yes") == 2
    err = capsys.readouterr().err
    assert err.startswith("create-milestone: error: Roadmap not found: docs/01-roadmap/roadmap.md")
    assert not (tmp_path / "docs").exists()


def test_locked_milestone(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lock = Workspace(root).lock("m5")
    try:
        assert run(root, "m5", "--yes") == 2
    finally:
        lock.release()
    err = capsys.readouterr().err
    assert err.strip().endswith(f"Milestone m5 is open in another process (pid {os.getpid()})")
    assert not (milestone(root, "m5") / "session.yaml").exists()


def test_corrupt_session(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = milestone(root, "m5")
    folder.mkdir(parents=True)
    (folder / "session.yaml").write_text("epic: [broken\n")
    assert run(root, "m5", "--refine", "--yes") == 2
    err = capsys.readouterr().err
    assert "corrupt session file" in err and err.count("\n") == 1
    assert (folder / "session.yaml").read_text() == "epic: [broken\n"


def test_unexpected_error_is_one_line(root: Path, monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    def boom(*_: Any) -> int:
        raise RuntimeError("disk on fire\nsecond line")

    monkeypatch.setattr(cli, "run", boom)
    assert main(["m5"]) == 1
    err = capsys.readouterr().err
    assert err == ("create-milestone: error: unexpected RuntimeError: disk on fire "
                   "(run with --debug for the traceback)\n")
    assert main(["m5", "--debug"]) == 1
    assert "Traceback" in capsys.readouterr().err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.startswith("create-milestone 0.")


class FakeApp:
    """Stands in for the Textual app: records how the command line launched it."""

    calls: list[dict[str, Any]] = []

    def __init__(self, workspace: Workspace, milestone_id: str | None = None, quick: bool = False,
                 mode: str | None = None) -> None:
        FakeApp.calls.append({"root": workspace.root, "id": milestone_id, "quick": quick, "mode": mode})

    def run(self) -> None:
        return None


@pytest.fixture
def fake_app(monkeypatch: pytest.MonkeyPatch) -> type[FakeApp]:
    module = types.ModuleType("milestone_tui.tui.app")
    module.MilestoneApp = FakeApp  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "milestone_tui.tui.app", module)
    monkeypatch.setattr(cli, "has_terminal", lambda: True)  # pytest's stdin is not one
    FakeApp.calls = []
    return FakeApp


def test_tui_launches(root: Path, fake_app: type[FakeApp]) -> None:
    assert run(root) == 0
    assert run(root, "Milestone 5", "--refine") == 0
    assert run(root, "m6", "--quick") == 0
    assert fake_app.calls == [
        {"root": root.resolve(), "id": None, "quick": False, "mode": None},
        {"root": root.resolve(), "id": "m5", "quick": False, "mode": "refine"},
        {"root": root.resolve(), "id": "m6", "quick": True, "mode": None},
    ]


def test_demo_workspace_persists_and_says_how_to_resume(fake_app: type[FakeApp], data_home: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--demo"]) == 0
    demo_root = fake_app.calls[0]["root"]
    assert demo_root == (data_home / "milestone-tui" / "demo").resolve()
    assert (demo_root / "docs/01-roadmap/roadmap.md").is_file()
    out = capsys.readouterr().out
    assert f"Demo workspace: {demo_root}" in out
    assert "Resume with: create-milestone --demo\n" in out
    # Work done in the demo is there at the next --demo; --demo --fresh starts from a new copy.
    work = demo_root / "docs/03-build-notes/milestones/m5/00-epic.md"
    work.parent.mkdir(parents=True)
    work.write_text("mine")
    assert main(["--demo", "m5"]) == 0
    assert fake_app.calls[1]["root"] == demo_root and work.read_text() == "mine"
    assert "Resume with: create-milestone --demo m5" in capsys.readouterr().out
    assert main(["--demo", "--fresh"]) == 0
    assert fake_app.calls[2]["root"] == demo_root and not work.exists()
    assert (demo_root / "docs/01-roadmap/roadmap.md").is_file()


def test_fresh_needs_demo(root: Path) -> None:
    assert run(root, "--fresh") == 2


def test_sync_runs_after_plan(root: Path, monkeypatch: pytest.MonkeyPatch,
                              capsys: pytest.CaptureFixture[str]) -> None:
    calls: list[dict[str, Any]] = []

    def fake_sync(flow: Any, *, repo: str | None, api_url: str | None, dry_run: bool, **_: Any) -> int:
        calls.append({"id": flow.session.milestone_id, "repo": repo, "api": api_url, "dry": dry_run})
        for number, issue in enumerate(flow.session.issues, start=301):
            issue.github_issue = number
        flow.save()
        return 0

    import milestone_tui.cli.sync as command

    monkeypatch.setattr(command, "run_sync_command", fake_sync)
    text = ANSWERS.read_text().replace("create: no", "create: yes\n  repo: acme/hazard")
    answers = root / "answers.yaml"
    answers.write_text(text)
    assert run(root, "m5", "--answers", str(answers), "--github-api-url", "http://127.0.0.1:1/") == 0
    assert calls == [{"id": "m5", "repo": "acme/hazard", "api": "http://127.0.0.1:1/", "dry": False}]
    assert "GitHub: 9 issues created (#301-#309)" in capsys.readouterr().out
    assert run(root, "m5", "--sync", "--dry-run") == 0
    assert calls[-1]["dry"] is True
    assert read_dashboard(Workspace(root)).rows[4].github == "synced"


def test_answer_errors_never_name_our_classes(root: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    """The user wrote YAML, not ``EpicIn`` or ``list[PhaseIn]``: the one line speaks of their keys."""
    for text in ("epic: 5\n", "plan: {phases: 3}\n", "breakdown: [{title: a, depends_on: [x]}]\n",
                 "github: []\n", "spec: {architecture: [a]}\n"):
        assert run(root, "m5", "--answers", _write(tmp_path, "a.yaml", text)) == 2
        err = capsys.readouterr().err
        assert not re.search(r"\w+In\b|list\[|instance of", err), err
