"""Token, repository and API URL resolution, following the GitHub CLI's conventions (no network)."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

from milestone_tui.errors import GitHubError, RepoError
from milestone_tui.github.auth import (
    Target,
    parse_remote,
    redact,
    repo_from_remotes,
    resolve_api_url,
    resolve_repo,
    resolve_target,
    resolve_token,
)


def no_gh(*args: Any, **kw: Any) -> subprocess.CompletedProcess[str]:
    raise AssertionError("gh must not be asked when a variable gives the token")


def test_token_order_gh_token_then_github_token() -> None:
    env = {"GH_TOKEN": "a-token", "GITHUB_TOKEN": "b-token"}
    assert resolve_token("https://api.github.com/", env, no_gh) == "a-token"
    assert resolve_token("https://api.github.com/", {"GITHUB_TOKEN": "b-token"}, no_gh) == "b-token"


def test_enterprise_host_prefers_enterprise_token() -> None:
    env = {"GH_TOKEN": "a-token", "GH_ENTERPRISE_TOKEN": "e-token"}
    assert resolve_token("https://ghe.example.com/api/v3/", env, no_gh) == "e-token"
    assert resolve_token("https://api.github.com/", env, no_gh) == "a-token"


def test_token_falls_back_to_gh_auth_token(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[list[str]] = []

    def fake_gh(args: list[str], **kw: Any) -> subprocess.CompletedProcess[str]:
        calls.append(args)
        return subprocess.CompletedProcess(args, 0, stdout="gho_fromcli\n", stderr="")

    monkeypatch.setattr("shutil.which", lambda name: "/usr/bin/gh")
    assert resolve_token("https://ghe.example.com/api/v3/", {}, fake_gh) == "gho_fromcli"
    assert calls == [["gh", "auth", "token", "--hostname", "ghe.example.com"]]


def test_missing_token_is_one_line_saying_what_to_do(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("shutil.which", lambda name: None)
    with pytest.raises(GitHubError) as info:
        resolve_token("https://api.github.com/", {})
    assert "GH_TOKEN" in str(info.value) and "gh auth login" in str(info.value)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(("url", "expected"), [
    ("https://github.com/octo-org/detections.git", ("github.com", "octo-org/detections")),
    ("https://github.com/octo-org/detections", ("github.com", "octo-org/detections")),
    ("git@github.com:octo-org/detections.git", ("github.com", "octo-org/detections")),
    ("ssh://git@github.com/octo-org/detections.git", ("github.com", "octo-org/detections")),
    ("git@ghe.example.com:team/repo", ("ghe.example.com", "team/repo")),
    ("/srv/git/repo.git", None),
])
def test_parse_remote_forms(url: str, expected: tuple[str, str] | None) -> None:
    assert parse_remote(url) == expected


def test_remote_ranking_upstream_github_origin() -> None:
    remotes = {"origin": "git@github.com:me/fork.git", "upstream": "https://github.com/org/main.git"}
    assert repo_from_remotes(remotes) == "org/main"
    assert repo_from_remotes({"origin": "git@github.com:me/f", "github": "git@github.com:o/g"}) == "o/g"
    assert repo_from_remotes({"mine": "git@github.com:me/x.git"}) == "me/x"


def test_repo_order_explicit_session_env_remotes(tmp_path: Path) -> None:
    env = {"GH_REPO": "env/repo"}
    assert resolve_repo("arg/repo", "sess/repo", tmp_path, env) == ("arg", "repo")
    assert resolve_repo(None, "sess/repo", tmp_path, env) == ("sess", "repo")
    assert resolve_repo(None, None, tmp_path, env) == ("env", "repo")
    assert resolve_repo(None, None, None, {"GH_REPO": "ghe.example.com/o/r"}) == ("o", "r")


def test_repo_from_git_remote(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run(["git", "remote", "add", "origin", "git@github.com:octo-org/detections.git"], cwd=tmp_path,
                   check=True)
    assert resolve_repo(None, None, tmp_path, {}) == ("octo-org", "detections")


@pytest.mark.parametrize("bad", ["nope", "a/b/c/d", "owner/", "own er/repo"])
def test_bad_repo_is_one_line(bad: str) -> None:
    with pytest.raises(GitHubError) as info:
        resolve_repo(bad, None, None, {})
    assert "OWNER/NAME" in str(info.value)


def test_no_repo_anywhere(tmp_path: Path) -> None:
    with pytest.raises(GitHubError, match="--repo"):
        resolve_repo(None, None, tmp_path, {})


def test_api_url_order() -> None:
    assert resolve_api_url("http://127.0.0.1:9/", {"GITHUB_API_URL": "https://x/"}) == "http://127.0.0.1:9/"
    assert resolve_api_url(None, {"GITHUB_API_URL": "https://ghe.io/api/v3"}) == "https://ghe.io/api/v3/"
    assert resolve_api_url(None, {"GH_HOST": "ghe.io"}) == "https://ghe.io/api/v3/"
    assert resolve_api_url(None, {}) == "https://api.github.com/"
    with pytest.raises(GitHubError):
        resolve_api_url("ftp://x", {})


def test_target_never_shows_the_token() -> None:
    target = resolve_target("o/r", "https://api.github.com/", env={"GH_TOKEN": "ghp_verysecret123"})
    assert isinstance(target, Target) and target.token == "ghp_verysecret123"
    assert "ghp_verysecret123" not in repr(target) + str(target)
    assert redact("Authorization: token ghp_verysecret123", target.token) == "Authorization: token ***"


def test_repo_errors_name_the_flag_or_the_field(tmp_path: Path) -> None:
    with pytest.raises(RepoError) as info:
        resolve_repo(None, None, tmp_path, {})
    assert "--repo" in str(info.value)
    on_screen = info.value.in_field("Repository")
    assert "Repository field" in on_screen and "--repo" not in on_screen


def test_another_milestones_repo_is_the_last_resort(tmp_path: Path) -> None:
    """A workspace without a git remote names its repository once (M5's sync); M6 then finds it."""
    assert resolve_repo(None, None, tmp_path, {}, "m5/repo") == ("m5", "repo")
    assert resolve_repo(None, None, tmp_path, {"GH_REPO": "env/repo"}, "m5/repo") == ("env", "repo")
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run(["git", "remote", "add", "origin", "git@github.com:octo-org/detections.git"], cwd=tmp_path,
                   check=True)
    assert resolve_repo(None, None, tmp_path, {}, "m5/repo") == ("octo-org", "detections")  # the remote first
