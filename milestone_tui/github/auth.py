"""Where to sync to and with what token, following the GitHub CLI's conventions.

Token: ``GH_TOKEN``, then ``GITHUB_TOKEN``, then ``gh auth token`` (``GH_ENTERPRISE_TOKEN`` /
``GITHUB_ENTERPRISE_TOKEN`` first for hosts other than github.com). Repository: the explicit argument, the
session, ``GH_REPO``, then the git remotes ranked upstream > github > origin. API URL: the argument,
``GITHUB_API_URL``, then ``https://api.github.com/`` (or ``https://HOST/api/v3/`` for a GitHub Enterprise
``GH_HOST``).

The token is held by ``Target`` only; its ``repr`` hides it and ``redact`` scrubs it (and any password in a
URL's userinfo) from any text shown. An API URL carrying userinfo is refused: a token belongs in ``GH_TOKEN``,
never in a URL that the session would store.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from milestone_tui.core.secrets import remember
from milestone_tui.errors import GitHubError, RepoError

DEFAULT_HOST = "github.com"
DEFAULT_API_URL = "https://api.github.com/"
REMOTE_RANK = ("upstream", "github", "origin")
_REPO_RE = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")
# GitHub's own rules: an owner is letters, digits and single hyphens; a name may hold dots but is never "."
# or ".." (those would turn /repos/acme/.. into /repos/milestones on the wire)
_OWNER_RE = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9_-]{0,38})$")
_NAME_RE = re.compile(r"^[A-Za-z0-9_.-]{1,100}$")
_USERINFO_RE = re.compile(r"(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*://)[^/@\s]+@")


@dataclass(frozen=True)
class Target:
    """The repository, API base and token one sync talks to."""

    owner: str
    name: str
    api_url: str
    token: str = field(repr=False)

    @property
    def repo(self) -> str:
        return f"{self.owner}/{self.name}"

    def __str__(self) -> str:
        return f"{self.repo} via {self.api_url}"


def redact(text: str, token: str | None) -> str:
    """``text`` with the token and every URL's userinfo replaced, for anything that reaches a screen, a log
    or a file (a proxy URL with a password in an httpx message is as secret as the token)."""
    text = strip_userinfo(text)
    if token and len(token) >= 4:
        return text.replace(token, "***")
    return text


def strip_userinfo(text: str) -> str:
    """Every ``scheme://user:password@host`` in ``text`` as ``scheme://host``."""
    return _USERINFO_RE.sub(lambda m: m.group("scheme"), text)


def host_of(api_url: str) -> str:
    """The host behind an API URL: ``api.github.com`` -> ``github.com``, ``ghe.io/api/v3`` -> ``ghe.io``."""
    netloc = urlsplit(api_url).hostname or DEFAULT_HOST
    return DEFAULT_HOST if netloc in {"api.github.com", DEFAULT_HOST} else netloc


def resolve_api_url(explicit: str | None = None, env: Mapping[str, str] | None = None) -> str:
    """The REST base URL, always ending in ``/``."""
    env = os.environ if env is None else env
    url = explicit or env.get("GITHUB_API_URL")
    if not url:
        host = env.get("GH_HOST", "").strip()
        url = f"https://{host}/api/v3/" if host and host != DEFAULT_HOST else DEFAULT_API_URL
    url = url.strip()
    if not url.startswith(("http://", "https://")):
        raise GitHubError(f"GitHub API URL {strip_userinfo(url)!r} is not an http(s) URL; pass e.g. "
                          "--github-api-url https://api.github.com/")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        raise GitHubError(f"GitHub API URL {strip_userinfo(url)!r} is not a valid URL.") from None
    if "@" in parts.netloc:
        raise GitHubError("The GitHub API URL must not carry a user name or token (user:token@host): "
                          "put the token in GH_TOKEN and pass the URL without it.")
    if not parts.hostname:
        raise GitHubError(f"GitHub API URL {url!r} names no host; pass e.g. --github-api-url "
                          "https://api.github.com/")
    return url if url.endswith("/") else url + "/"


def _gh_auth_token(host: str, runner: Callable[..., subprocess.CompletedProcess[str]]) -> str | None:
    """Ask the GitHub CLI for its token, if it is installed and logged in; quietly None otherwise."""
    if shutil.which("gh") is None:
        return None
    args = ["gh", "auth", "token"] + ([] if host == DEFAULT_HOST else ["--hostname", host])
    try:
        done = runner(args, capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    token = (done.stdout or "").strip()
    return token if done.returncode == 0 and token else None


def resolve_token(api_url: str, env: Mapping[str, str] | None = None,
                  runner: Callable[..., subprocess.CompletedProcess[str]] = subprocess.run) -> str:
    """The token for the host behind ``api_url``; GitHubError naming what to set when there is none."""
    env = os.environ if env is None else env
    host = host_of(api_url)
    names = ["GH_TOKEN", "GITHUB_TOKEN"]
    if host != DEFAULT_HOST:
        names = ["GH_ENTERPRISE_TOKEN", "GITHUB_ENTERPRISE_TOKEN", *names]
    for name in names:
        if env.get(name, "").strip():
            return env[name].strip()
    token = _gh_auth_token(host, runner)
    if token:
        return token
    raise GitHubError(f"No GitHub token for {host}: set GH_TOKEN (or GITHUB_TOKEN), or run `gh auth login`.")


def parse_remote(url: str) -> tuple[str, str] | None:
    """``(host, OWNER/NAME)`` from an https, ssh:// or scp-like (``git@host:o/r.git``) remote URL."""
    url = url.strip()
    m = re.match(r"^(?:[\w.-]+@)?([\w.-]+):(?!//)([^/]+/[^/]+?)(?:\.git)?/?$", url)
    if m:
        return m.group(1), m.group(2)
    parts = urlsplit(url)
    if parts.scheme in {"http", "https", "ssh", "git"} and parts.hostname:
        path = parts.path.strip("/").removesuffix(".git")
        if _REPO_RE.match(path):
            return parts.hostname, path
    return None


def git_remotes(cwd: Path) -> dict[str, str]:
    """Remote name -> fetch URL of the git repository at ``cwd`` (empty when not a repository or no git)."""
    try:
        done = subprocess.run(["git", "remote", "-v"], cwd=cwd, capture_output=True, text=True, timeout=10,
                              check=False)
    except (OSError, subprocess.SubprocessError):
        return {}
    remotes: dict[str, str] = {}
    for line in done.stdout.splitlines():
        bits = line.split()
        if len(bits) >= 2 and bits[0] not in remotes:
            remotes[bits[0]] = bits[1]
    return remotes


def repo_from_remotes(remotes: Mapping[str, str]) -> str | None:
    """OWNER/NAME from the best-ranked remote (upstream > github > origin > any other)."""
    ranked = sorted(remotes, key=lambda n: REMOTE_RANK.index(n) if n in REMOTE_RANK else len(REMOTE_RANK))
    for name in ranked:
        parsed = parse_remote(remotes[name])
        if parsed:
            return parsed[1]
    return None


def resolve_repo(explicit: str | None = None, session_repo: str | None = None, cwd: Path | None = None,
                 env: Mapping[str, str] | None = None, workspace_repo: str | None = None) -> tuple[str, str]:
    """``(owner, name)``: explicit > session > GH_REPO > git remotes > the repository another milestone of
    this workspace syncs to (``workspace_repo``: a workspace without a git remote names it once); GitHubError
    when none or malformed."""
    env = os.environ if env is None else env
    repo = explicit or session_repo or env.get("GH_REPO")
    if not repo and cwd is not None:
        repo = repo_from_remotes(git_remotes(cwd))
    repo = repo or workspace_repo
    if not repo:
        raise RepoError("No GitHub repository", "pass --repo OWNER/NAME or add a git remote on GitHub.",
                        "type OWNER/NAME in the {field} field, or add a git remote on GitHub.")
    repo = repo.strip()
    if "/" in repo and repo.count("/") == 2:  # GH_REPO may be HOST/OWNER/NAME
        repo = repo.split("/", 1)[1]
    if not _REPO_RE.match(repo):
        raise RepoError(f"Repository {repo!r} is not OWNER/NAME", "pass e.g. --repo octo-org/detections.",
                        "write it in the {field} field as e.g. octo-org/detections.")
    owner, name = repo.split("/")
    if not _OWNER_RE.match(owner) or not _NAME_RE.match(name) or name in {".", ".."}:
        raise GitHubError(f"Repository {repo!r} is not a valid OWNER/NAME (an owner is letters, digits and "
                          "hyphens; a name is not '.' or '..'); pass e.g. --repo octo-org/detections.")
    return owner, name


def resolve_target(repo: str | None = None, api_url: str | None = None, *, session_repo: str | None = None,
                   cwd: Path | None = None, env: Mapping[str, str] | None = None,
                   runner: Callable[..., subprocess.CompletedProcess[str]] = subprocess.run,
                   workspace_repo: str | None = None) -> Target:
    """Everything the sync needs to connect, or one GitHubError line."""
    url = resolve_api_url(api_url, env)
    owner, name = resolve_repo(repo, session_repo, cwd, env, workspace_repo)
    return Target(owner=owner, name=name, api_url=url, token=remember(resolve_token(url, env, runner)))
