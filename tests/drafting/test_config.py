"""The model configuration: flags over environment over files, the repository file's limits, the key kept
out of every repr, and the ``[model]`` extra missing as one line (exit 2)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from milestone_tui.cli.main import main
from milestone_tui.core.drafting import configurable
from milestone_tui.core.drafting.config import ModelConfig, client_available, load_config
from milestone_tui.errors import ModelConfigError
from tests.support.helpers import copy_demo


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_nothing_configured_means_no_model(tmp_path: Path) -> None:
    assert load_config(None, None, tmp_path, env={"XDG_CONFIG_HOME": str(tmp_path / "x")}) is None


def test_configurable_says_when_load_config_has_something_to_read(tmp_path: Path) -> None:
    """The command line skips loading the config reader when nothing could configure a model; each source
    that load_config reads makes it look (a repository file too, whose mistakes are still reported)."""
    env = {"XDG_CONFIG_HOME": str(tmp_path / "xdg")}
    assert not configurable(tmp_path, env) and not configurable(None, env)
    assert configurable(tmp_path, {**env, "MILESTONE_TUI_MODEL": "m"})
    broken = _write(tmp_path / ".milestone-tui" / "config.toml", "model = \n")
    assert configurable(tmp_path, env)
    with pytest.raises(ModelConfigError):
        load_config(None, None, tmp_path, env=env)  # reported even though it cannot turn drafting on
    broken.unlink()
    _write(tmp_path / "xdg" / "milestone-tui" / "config.toml", 'model = "u"\n')
    assert configurable(tmp_path, env)


def test_flags_win_over_environment_and_files(tmp_path: Path) -> None:
    env = {"XDG_CONFIG_HOME": str(tmp_path / "xdg"), "MILESTONE_TUI_MODEL": "env-model",
           "OPENAI_BASE_URL": "http://env:1/v1", "OPENAI_API_KEY": "sk-env"}
    _write(tmp_path / "xdg" / "milestone-tui" / "config.toml", 'model = "user"\nurl = "http://user:2/v1"\n')
    config = load_config("flag-model", "http://flag:3/v1", tmp_path, env=env)
    assert config is not None
    assert (config.model, config.url, config.api_key, config.host) == ("flag-model", "http://flag:3/v1",
                                                                       "sk-env", "flag:3")
    config = load_config(None, None, tmp_path, env=env)
    assert config is not None and (config.model, config.host) == ("env-model", "env:1")


def test_user_file_turns_it_on_and_the_repository_file_only_overrides_the_model(tmp_path: Path) -> None:
    env = {"XDG_CONFIG_HOME": str(tmp_path / "xdg")}
    _write(tmp_path / ".milestone-tui" / "config.toml", 'model = "repo-model"\n')
    assert load_config(None, None, tmp_path, env=env) is None  # a cloned repository turns nothing on
    _write(tmp_path / "xdg" / "milestone-tui" / "config.toml",
           'model = "user-model"\nurl = "http://localhost:11434/v1"\napi_key = "sk-user"\ntimeout = 5\n')
    config = load_config(None, None, tmp_path, env=env)
    assert config is not None
    assert (config.model, config.host, config.api_key, config.timeout) == ("repo-model", "localhost:11434",
                                                                           "sk-user", 5.0)


@pytest.mark.parametrize("text, words", [
    ('model = "m"\napi_key = "sk-x"\n', "api_key"),
    ('model = "m"\nurl = "http://evil.example/v1"\n', "url"),
])
def test_repository_file_never_holds_a_key_or_an_endpoint(tmp_path: Path, text: str, words: str) -> None:
    _write(tmp_path / ".milestone-tui" / "config.toml", text)
    with pytest.raises(ModelConfigError) as caught:
        load_config("m", None, tmp_path, env={"XDG_CONFIG_HOME": str(tmp_path / "xdg")})
    assert words in str(caught.value) and "\n" not in str(caught.value) and "sk-x" not in str(caught.value)


def test_the_key_is_never_in_a_repr() -> None:
    config = ModelConfig("m", api_key="sk-very-secret")
    assert "sk-very-secret" not in repr(config) and "sk-very-secret" not in str(config)


def test_a_url_with_a_password_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ModelConfigError) as caught:
        load_config("m", "http://me:sk-pw@host/v1", tmp_path, env={"XDG_CONFIG_HOME": str(tmp_path)})
    assert "sk-pw" not in str(caught.value)


def test_without_the_extra_model_is_one_line_and_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setitem(sys.modules, "openai", None)  # as if the [model] extra were not installed
    assert not client_available()
    root = copy_demo(tmp_path / "repo")
    assert main(["m5", "--yes", "--model", "llama3", "--root", str(root)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "pip install 'milestone-tui[model]'" in err
    assert not (root / "docs" / "03-build-notes" / "milestones" / "m5").exists()


def test_model_url_without_a_model_is_a_usage_error(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_demo(tmp_path / "repo")
    assert main(["m5", "--yes", "--model-url", "http://localhost:1/v1", "--root", str(root)]) == 2
    assert "--model-url needs a model" in capsys.readouterr().err
