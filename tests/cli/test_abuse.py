"""Fault and abuse, command-line side: every hostile input is one line on stderr and exit status 2, the TUI
without a terminal says so at once, a crash inside the app never exits 0 (issue 10)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from milestone_tui.cli import main as cli
from milestone_tui.cli.main import main
from tests.support.helpers import copy_demo

BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8))


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return copy_demo(tmp_path / "repo")


def one_line_error(capsys: pytest.CaptureFixture[str], *args: str, status: int = 2) -> str:
    """Run the command; assert the exit status and a single ``create-milestone: error:`` line; return it."""
    assert main(list(args)) == status
    err = capsys.readouterr().err.strip()
    assert err.startswith("create-milestone: error: ") and "\n" not in err, err
    assert "unexpected" not in err and "Traceback" not in err
    return err


# -- 18. the TUI without a terminal ------------------------------------------------------------------------
@pytest.mark.parametrize("args", [[], ["m5"], ["--demo"]])
def test_tui_without_a_terminal_says_so_and_exits_2(root: Path, args: list[str]) -> None:
    done = subprocess.run([sys.executable, "-m", "milestone_tui", *args, "--root", str(root)],
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60,
                          env={**os.environ, "TERM": "xterm-256color"})
    assert done.returncode == 2
    err = done.stderr.strip()
    assert "\n" not in err and "needs a terminal" in err and "--answers" in err and "--yes" in err


def test_tui_with_a_pipe_for_stdin(root: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "milestone_tui", "--root", str(root)], input="q\n",
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "needs a terminal" in done.stderr


# -- 9. a crash inside the app is a non-zero exit ----------------------------------------------------------
def test_a_crash_in_the_app_exits_non_zero(root: Path, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    from milestone_tui.tui.app import MilestoneApp
    from milestone_tui.tui.screens.dashboard import DashboardScreen

    def boom(self: DashboardScreen) -> None:
        raise RuntimeError("boom")

    real_run = MilestoneApp.run
    monkeypatch.setattr(DashboardScreen, "on_mount", boom)
    monkeypatch.setattr(MilestoneApp, "run", lambda self: real_run(self, headless=True, size=(100, 30)))
    monkeypatch.setattr(cli, "has_terminal", lambda: True)
    assert main(["--root", str(root)]) == 1
    assert "unexpected error" in capsys.readouterr().err


# -- 7. the title typed as the id --------------------------------------------------------------------------
def test_title_as_id_is_the_same_milestone(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["Detection Ingest Pipeline", "--quick", "--yes", "--root", str(root)]) == 0
    assert main(["detection-ingest-pipeline", "--refine", "--yes", "--root", str(root)]) == 0
    milestones = root / "docs/03-build-notes/milestones"
    assert sorted(p.name for p in milestones.iterdir()) == ["m5"]


# -- 14. unclear errors become one line --------------------------------------------------------------------
def test_template_error_names_the_template_and_line(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = root / ".milestone-tui/templates"
    folder.mkdir(parents=True)
    (folder / "epic.md.j2").write_text("# Epic\n\n{{ no_such_variable }}\n")
    err = one_line_error(capsys, "m5", "--quick", "--yes", "--root", str(root))
    assert "template epic.md.j2, line 3" in err and "no_such_variable" in err


def test_template_syntax_error_names_the_line(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = root / ".milestone-tui/templates"
    folder.mkdir(parents=True)
    (folder / "spec.md.j2").write_text("# Spec\n{% if %}\n")
    err = one_line_error(capsys, "m5", "--quick", "--yes", "--root", str(root))
    assert "template spec.md.j2, line 2" in err


def test_template_symlink_to_proc_is_one_line(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = root / ".milestone-tui/templates"
    folder.mkdir(parents=True)
    (folder / "epic.md.j2").symlink_to("/proc/self/environ")
    err = one_line_error(capsys, "m5", "--quick", "--yes", "--root", str(root))
    assert "outside" in err
    assert not list((root / "docs/03-build-notes/milestones/m5").glob("00-epic.md"))


def test_five_thousand_digit_id(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err = one_line_error(capsys, "m" + "9" * 5000, "--yes", "--root", str(root))
    assert len(err) < 300


def test_five_thousand_digit_heading_in_the_roadmap(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    roadmap = root / "docs/01-roadmap/roadmap.md"
    roadmap.write_text(roadmap.read_text() + f"\n## M{'9' * 5000} - Huge\n")
    assert main(["m5", "--quick", "--yes", "--root", str(root)]) == 0


@pytest.mark.parametrize("suffix,text", [
    (".yaml", "epic: " + "[" * 100_000 + "]" * 100_000),
    (".json", '{"epic": ' + "[" * 100_000 + "]" * 100_000 + "}"),
    (".yaml", BOMB),
    (".json", '{"epic": {"problem": ' + "9" * 5000 + "}}"),
], ids=["deep-yaml", "deep-json", "bomb", "huge-number"])
def test_hostile_answers_files(root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str,
                               text: str) -> None:
    answers = tmp_path / f"answers{suffix}"
    answers.write_text(text)
    err = one_line_error(capsys, "m5", "--answers", str(answers), "--root", str(root))
    assert "answers" in err


def test_deep_session_file(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = root / "docs/03-build-notes/milestones/m5"
    folder.mkdir(parents=True)
    (folder / "session.yaml").write_text("milestone_id: m5\nx: " + "[" * 100_000 + "]" * 100_000)
    err = one_line_error(capsys, "m5", "--refine", "--yes", "--root", str(root))
    assert "session" in err


def test_duplicate_roadmap_ids(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    roadmap = root / "docs/01-roadmap/roadmap.md"
    roadmap.write_text(roadmap.read_text() + "\n## M5 - Another Detection Pipeline\n")
    err = one_line_error(capsys, "m5", "--quick", "--yes", "--root", str(root))
    assert "M5 appears twice" in err and "line 40" in err


def test_quoted_schema_version_is_refused(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["m5", "--quick", "--yes", "--root", str(root)]) == 0
    capsys.readouterr()
    path = root / "docs/03-build-notes/milestones/m5/session.yaml"
    text = path.read_text().replace("schema_version: 1", 'schema_version: "2"')
    path.write_text(text)
    err = one_line_error(capsys, "m5", "--refine", "--yes", "--root", str(root))
    assert "schema_version" in err
    assert path.read_text() == text


def test_yaml_bomb_in_an_issue_file(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["m5", "--quick", "--yes", "--root", str(root)]) == 0
    capsys.readouterr()
    folder = root / "docs/03-build-notes/milestones/m5"
    (folder / "session.yaml").unlink()  # the folder is parsed from its files
    first = sorted(folder.glob("01-*.md"))[0]
    first.write_text(f"---\n{BOMB}---\n# Bomb\n")
    err = one_line_error(capsys, "m5", "--refine", "--yes", "--root", str(root))
    assert first.name in err and "expands" in err
