"""``--model`` in headless runs (``--yes``, ``--quick``, ``--answers``) against the fake server; the answers
file's breakdown always wins, a fault leaves exactly the rules' run, and ``--model-show-prompt`` sends
nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from milestone_tui.cli.main import main
from tests.drafting.conftest import KEY
from tests.drafting.test_faults import GOOD
from tests.support.fake_openai import Answer, FakeOpenAI
from tests.support.helpers import copy_demo

pytest.importorskip("openai")
REPO = Path(__file__).resolve().parents[2]
ANSWERS = REPO / "docs" / "examples" / "m5-answers.yaml"


def _folder(root: Path, key: str = "m5") -> Path:
    return root / "docs" / "03-build-notes" / "milestones" / key


def _session(root: Path, key: str = "m5") -> dict[str, object]:
    return dict(yaml.safe_load((_folder(root, key) / "session.yaml").read_text(encoding="utf-8")))


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    return copy_demo(tmp_path / "repo")


def test_yes_with_a_model_drafts_the_breakdown(root: Path, fake: FakeOpenAI,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    fake.answers = [Answer(GOOD)]
    assert main(["m5", "--yes", "--model", "tiny", "--model-url", fake.url, "--root", str(root)]) == 0
    out = capsys.readouterr().out
    assert "✓ Breakdown drafted by tiny at 127.0.0.1" in out and '1. "fast ingestion"' in out
    session = _session(root)
    assert [i["title"] for i in session["issues"]] == ["Add ingest endpoint", "Add event store",
                                                       "Add integration tests"]
    assert [p["name"] for p in session["plan"]["phases"]] == ["Intake", "Storage"]
    assert session["draft"]["model"] == "tiny" and session["draft"]["prompt_hash"].startswith("sha256:")
    for path in _folder(root).rglob("*"):
        assert KEY not in path.read_text(encoding="utf-8"), path
    assert KEY not in out


def test_quick_with_the_model_from_the_environment(root: Path, fake: FakeOpenAI,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MILESTONE_TUI_MODEL", "env-model")
    monkeypatch.setenv("OPENAI_BASE_URL", fake.url)
    fake.answers = [Answer(GOOD)]
    assert main(["m6", "--quick", "--yes", "--root", str(root)]) == 0
    assert _session(root, "m6")["draft"]["model"] == "env-model"
    assert len(_session(root, "m6")["issues"]) == 3
    assert "## Specification" not in fake.requests[0]["messages"][1]["content"]  # quick: no spec asked


def test_the_answers_files_breakdown_wins(root: Path, fake: FakeOpenAI,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["m5", "--answers", str(ANSWERS), "--model", "tiny", "--model-url", fake.url,
                 "--root", str(root)]) == 0
    assert "The answers file gives the breakdown: tiny is not asked." in capsys.readouterr().out
    assert fake.requests == [] and _session(root).get("draft") is None


def test_answers_without_a_breakdown_take_the_draft_and_keep_their_answers(
        root: Path, fake: FakeOpenAI, tmp_path: Path) -> None:
    data = yaml.safe_load(ANSWERS.read_text(encoding="utf-8"))
    del data["breakdown"]
    data.pop("plan", None)
    answers = tmp_path / "answers.yaml"
    answers.write_text(yaml.safe_dump(data), encoding="utf-8")
    fake.answers = [Answer(GOOD)]
    assert main(["m5", "--answers", str(answers), "--model", "tiny", "--model-url", fake.url,
                 "--root", str(root)]) == 0
    session = _session(root)
    assert session["epic"]["problem"] == data["epic"]["problem"]  # the answers given are kept
    assert data["spec"]["architecture"] in fake.requests[0]["messages"][1]["content"]
    assert session["issues"][0]["title"] == "Add ingest endpoint"


def test_a_fault_leaves_exactly_the_rules_run(root: Path, tmp_path: Path, fake: FakeOpenAI,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    fake.answers = [Answer(status=401)]
    assert main(["m5", "--yes", "--model", "tiny", "--model-url", fake.url, "--root", str(root)]) == 0
    out = capsys.readouterr().out
    assert "⚠ Model draft not used: the endpoint refused the key (401)" in out and "Traceback" not in out
    plain = copy_demo(tmp_path / "plain")
    assert main(["m5", "--yes", "--root", str(plain)]) == 0
    assert [i["title"] for i in _session(root)["issues"]] == [i["title"] for i in _session(plain)["issues"]]


def test_show_prompt_sends_nothing_and_writes_nothing(root: Path, fake: FakeOpenAI,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["m5", "--model-show-prompt", "--answers", str(ANSWERS), "--model", "tiny",
                 "--model-url", fake.url, "--root", str(root)]) == 0
    out = capsys.readouterr().out
    assert "--- system ---" in out and "TimescaleDB" in out and KEY not in out
    assert fake.requests == [] and not _folder(root).exists()
