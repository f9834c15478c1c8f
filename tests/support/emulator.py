"""A small GitHub REST emulator on 127.0.0.1 for the sync tests and for trying the sync out.

Stdlib only (``http.server``), in-memory state, GitHub's JSON shapes (githubkit must parse them), the token
checked, ``Link`` pagination with absolute URLs, 422 ``already_exists`` on a duplicate milestone title,
unknown labels on issue create made grey (``ededed``), a token without push access (``push_access``: issues
made with their milestone and labels dropped, as GitHub does), and faults a test switches on (rate limit,
502 before or after creating, a slow answer, an answer trickled a byte at a time, a dropped connection,
``Retry-After`` as an HTTP date, malformed JSON), an ETag on every read and 304 for an unchanged one
(``listings(304)`` counts them). Every request is logged for assertions. The routes are in
``emulator_routes``.

Try-out: ``python -m tests.support.emulator [--port N] [--repo OWNER/NAME] [--token T]`` prints the URL and
token.
"""

from __future__ import annotations

import argparse
import email.utils
import itertools
import json
import re
import secrets
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tests.support.emulator_faults import FAULTS, LISTING, MUTATIONS, Fault, Hold, etag, not_modified
from tests.support.emulator_routes import route

STAMP = "2025-01-02T03:04:05Z"
@dataclass
class RepoState:
    owner: str
    name: str
    milestones: list[dict[str, Any]] = field(default_factory=list)
    labels: list[dict[str, Any]] = field(default_factory=list)
    issues: list[dict[str, Any]] = field(default_factory=list)
    milestone_seq: int = 0  # GitHub never reuses a milestone number, even after a delete
    parents: dict[int, int] = field(default_factory=dict)  # sub-issue number -> parent number
    order: dict[int, list[int]] = field(default_factory=dict)  # parent number -> sub-issue numbers, in order
    blocked: dict[int, list[int]] = field(default_factory=dict)  # issue number -> numbers blocking it


class Emulator:
    """State + server. ``start()`` serves on an ephemeral port in a thread; ``stop()`` ends it."""

    def __init__(self, token: str = "emulator-token", repos: tuple[str, ...] = ("octo-org/detections",),
                 first_issue: int = 301, port: int = 0, orgs: tuple[str, ...] = ()) -> None:
        self.token = token
        self.orgs = {o.lower() for o in orgs}  # owners that are organisations: they have issue types
        self.projects: dict[tuple[str, int], Any] = {}  # (owner, number) -> emulator_projects.Project
        self.repos = {r.lower(): RepoState(*r.split("/")) for r in repos}
        self.next_issue = first_issue
        self.max_per_page = 100  # GitHub's cap; tests lower it to exercise Link pagination
        self.push_access = True  # False: like GitHub, silently drop milestone and labels from new issues
        self.report_permissions = True  # False: the repository's answer has no ``permissions`` (as for apps)
        # "3.20.0": answer as GitHub Enterprise Server of that version (its header on every answer; before
        # 3.21 only REST 2022-11-28, and no sub-issues, dependencies or issue types)
        self.enterprise: str | None = None
        self.api_versions: list[str] = []  # the X-GitHub-Api-Version of each request, for assertions
        self.faults: list[Fault] = []
        self.holds: list[Hold] = []
        self.log: list[tuple[str, str, int]] = []  # (method, path?query, status)
        self.lock = threading.RLock()
        self.ids = itertools.count(10_000_001)  # numeric ids, never to be mistaken for issue numbers
        self.server = ThreadingHTTPServer(("127.0.0.1", port), _handler(self))
        self.server.daemon_threads = True
        self.thread: threading.Thread | None = None

    # -- lifecycle ------------------------------------------------------------------------------------
    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/"

    def start(self) -> Emulator:
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05},
                                       daemon=True)
        self.thread.start()
        return self

    def stop(self) -> None:
        if self.thread is not None:  # shutdown() would wait forever on a server that never served
            self.server.shutdown()
            self.thread = None
        self.server.server_close()

    # -- test helpers ---------------------------------------------------------------------------------------
    def add_fault(self, kind: str, **kw: Any) -> Fault:
        assert kind in FAULTS, kind
        fault = Fault(kind, **kw)
        with self.lock:
            self.faults.append(fault)
        return fault

    @property
    def legacy(self) -> bool:
        """GitHub Enterprise Server before 3.21."""
        if not self.enterprise:
            return False
        major, minor = (int(p) for p in self.enterprise.split(".")[:2])
        return (major, minor) < (3, 21)

    def add_project(self, owner: str, number: int, fields: dict[str, list[str]] | None = None) -> Any:
        """A Projects board; ``fields``: single-select field name -> option names already there."""
        from tests.support.emulator_projects import Project, field_json

        project = Project(owner, number)
        for name, options in (fields or {}).items():
            project.fields.append(field_json(self, project, name, options))
        self.projects[(owner.lower(), number)] = project
        return project

    def repo(self, full: str = "octo-org/detections") -> RepoState:
        return self.repos[full.lower()]

    def writes(self) -> list[tuple[str, str, int]]:
        return [entry for entry in self.log if entry[0] not in {"GET", "HEAD"}]

    def mutations(self, kind: str) -> list[tuple[str, str, int]]:
        """The writes of one kind: ``issue`` (create/update), ``sub_issue``, ``blocked_by``, ``milestone``,
        ``label``, ``project``; each mutation is recorded, so tests count them."""
        return [w for w in self.writes() if re.search(MUTATIONS[kind], w[1].split("?")[0])]

    def listings(self, status: int = 200) -> list[tuple[str, str, int]]:
        """The issue listings answered with ``status``: 200 a full page (it counts against GitHub's rate
        limit), 304 a conditional one that had not changed (it does not)."""
        return [e for e in self.log
                if e[0] == "GET" and e[2] == status and re.search(LISTING, e[1].split("?")[0])]

    def hold_at(self, kind: str, nth: int = 1) -> Hold:
        """Stop answering at the ``nth`` write of ``kind`` from now (applied, unanswered); see ``Hold``."""
        assert kind in MUTATIONS, kind
        hold = Hold(kind, nth)
        with self.lock:
            self.holds.append(hold)
        return hold

    def _take_hold(self, method: str, path: str) -> Hold | None:
        if method in {"GET", "HEAD"}:
            return None
        with self.lock:
            for hold in self.holds:
                if re.search(MUTATIONS[hold.kind], path):
                    hold.seen += 1
                    if hold.seen >= hold.nth:
                        self.holds.remove(hold)
                        return hold
        return None

    def _take_fault(self, method: str, path: str) -> Fault | None:
        with self.lock:
            for fault in self.faults:
                if fault.method == method and path.endswith(fault.path_suffix):
                    fault.seen += 1
                    if fault.seen >= fault.nth:
                        self.faults.remove(fault)
                        return fault
        return None

    # -- shapes (GitHub's documented fields; the ones githubkit requires are all present) -----------------
    def user(self) -> dict[str, Any]:
        base = f"{self.url}users/octocat"
        return {"login": "octocat", "id": 1, "node_id": "MDQ6VXNlcjE=", "avatar_url": "", "gravatar_id": "",
                "url": base, "html_url": "https://github.com/octocat", "followers_url": f"{base}/followers",
                "following_url": f"{base}/following{{/other_user}}", "gists_url": f"{base}/gists{{/gist_id}}",
                "starred_url": f"{base}/starred{{/owner}}{{/repo}}",
                "subscriptions_url": f"{base}/subscriptions",
                "organizations_url": f"{base}/orgs", "repos_url": f"{base}/repos",
                "events_url": f"{base}/events{{/privacy}}", "received_events_url": f"{base}/received_events",
                "type": "User", "site_admin": False}

    def repo_json(self, repo: RepoState) -> dict[str, Any]:
        api = f"{self.url}repos/{repo.owner}/{repo.name}"
        names = ["archive", "assignees", "blobs", "branches", "collaborators", "comments", "commits",
                 "compare",
                 "contents", "contributors", "deployments", "downloads", "events", "forks", "git_commits",
                 "git_refs", "git_tags", "issue_comment", "issue_events", "issues", "keys", "labels",
                 "languages",
                 "merges", "milestones", "notifications", "pulls", "releases", "stargazers", "statuses",
                 "subscribers", "subscription", "tags", "teams", "trees", "hooks"]
        data: dict[str, Any] = {f"{n}_url": f"{api}/{n.replace('_', '/')}" for n in names}
        counts = dict.fromkeys(["forks_count", "stargazers_count", "watchers_count", "size", "forks",
                                "watchers", "subscribers_count", "network_count"], 0)
        owner = {**self.user(), "login": repo.owner,
                 "type": "Organization" if repo.owner.lower() in self.orgs else "User"}
        data.update(counts, id=1296269, node_id="MDEwOlJlcG9zaXRvcnkxMjk2MjY5", name=repo.name,
                    full_name=f"{repo.owner}/{repo.name}", owner=owner, private=False,
                    html_url=f"https://github.com/{repo.owner}/{repo.name}", description="", fork=False,
                    url=api,
                    git_url=f"git://github.com/{repo.owner}/{repo.name}.git",
                    ssh_url=f"git@github.com:{repo.owner}/{repo.name}.git",
                    clone_url=f"https://github.com/{repo.owner}/{repo.name}.git", mirror_url=None,
                    svn_url=f"https://svn.github.com/{repo.owner}/{repo.name}", homepage=None, language=None,
                    default_branch="main", open_issues_count=len(repo.issues), open_issues=len(repo.issues),
                    has_issues=True, has_projects=True, has_wiki=True, has_pages=False, has_discussions=False,
                    has_downloads=True, archived=False, disabled=False, visibility="public", pushed_at=STAMP,
                    created_at=STAMP, updated_at=STAMP, license=None, topics=[], is_template=False)
        if self.report_permissions:
            data["permissions"] = {"admin": False, "maintain": False, "push": self.push_access,
                                   "triage": self.push_access, "pull": True}
        return data

    def label_json(self, repo: RepoState, name: str, color: str, description: str | None) -> dict[str, Any]:
        return {"id": next(self.ids), "node_id": "MDU6TGFiZWwx", "url": f"{self.url}repos/{repo.owner}/"
                f"{repo.name}/labels/{name}", "name": name, "description": description, "color": color,
                "default": False, "archived_at": None, "archived_by": None}

    def milestone_json(self, repo: RepoState, number: int, body: dict[str, Any]) -> dict[str, Any]:
        api = f"{self.url}repos/{repo.owner}/{repo.name}/milestones/{number}"
        return {"url": api, "html_url": f"https://github.com/{repo.owner}/{repo.name}/milestone/{number}",
                "labels_url": f"{api}/labels", "id": next(self.ids), "node_id": "MDk6TWlsZXN0b25lMQ==",
                "number": number, "state": body.get("state", "open"), "title": body["title"],
                "description": body.get("description"), "creator": self.user(), "open_issues": 0,
                "closed_issues": 0, "created_at": STAMP, "updated_at": STAMP, "closed_at": None,
                "due_on": body.get("due_on")}

    def issue_json(self, repo: RepoState, number: int, body: dict[str, Any]) -> dict[str, Any]:
        api = f"{self.url}repos/{repo.owner}/{repo.name}/issues/{number}"
        return {"id": next(self.ids), "node_id": "MDU6SXNzdWUx", "url": api,
                "repository_url": f"{self.url}repos/{repo.owner}/{repo.name}",
                "labels_url": f"{api}/labels{{/name}}",
                "comments_url": f"{api}/comments", "events_url": f"{api}/events",
                "html_url": f"https://github.com/{repo.owner}/{repo.name}/issues/{number}", "number": number,
                "state": "open", "title": body["title"], "body": body.get("body"), "user": self.user(),
                "labels": [], "assignee": None, "assignees": [], "milestone": None, "locked": False,
                "active_lock_reason": None, "comments": 0, "closed_at": None, "created_at": STAMP,
                "updated_at": STAMP, "author_association": "OWNER", "state_reason": None, "type": None,
                "sub_issues_summary": {"total": 0, "completed": 0, "percent_completed": 0},
                "issue_dependencies_summary": {"blocked_by": 0, "blocking": 0, "total_blocked_by": 0,
                                               "total_blocking": 0}, "parent_issue_url": None}

    def ensure_labels(self, repo: RepoState, names: list[str]) -> list[dict[str, Any]]:
        """GitHub's behaviour: naming an unknown label creates it, grey and without description."""
        out = []
        for name in names:
            found = next((lab for lab in repo.labels if lab["name"].lower() == str(name).lower()), None)
            if found is None:
                found = self.label_json(repo, str(name), "ededed", None)
                repo.labels.append(found)
            out.append(found)
        return out


def _handler(emu: Emulator) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        """Routes one request against the emulator's state."""

        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:  # keep test output clean
            pass

        def setup(self) -> None:
            super().setup()
            # headers and body go out in two writes: without this, Nagle + delayed ACK cost 40 ms a request
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

        def do_GET(self) -> None:
            self._serve("GET")

        def do_POST(self) -> None:
            self._serve("POST")

        def do_PATCH(self) -> None:
            self._serve("PATCH")

        def do_DELETE(self) -> None:
            self._serve("DELETE")

        def _send(self, status: int, data: Any, headers: dict[str, str] | None = None,
                  logged: bool = False) -> None:
            empty = status in {204, 304}  # no body, by HTTP's rules
            raw = b"" if empty else data if isinstance(data, bytes) else json.dumps(data).encode()
            # Logged before the answer goes out: once the client has its answer, a test reading the log
            # must see the request (logging after the write raced with the test on a loaded machine).
            if not logged:
                emu.log.append((self.command, self.path, status))
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(raw)))
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            if emu.enterprise:
                self.send_header("X-GitHub-Enterprise-Version", emu.enterprise)
            self.end_headers()
            self.wfile.write(raw)

        def _trickle(self, status: int, data: Any, headers: dict[str, str], every: float) -> None:
            """Headers at once, then the body one byte every ``every`` seconds (a slow-loris answer)."""
            raw = json.dumps(data).encode()
            emu.log.append((self.command, self.path, status))
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(raw)))
            for key, value in headers.items():
                self.send_header(key, value)
            self.end_headers()
            try:
                for i in range(len(raw)):
                    self.wfile.write(raw[i:i + 1])
                    self.wfile.flush()
                    time.sleep(every)
            except OSError:  # the client gave up: that is the point
                self.close_connection = True

        def _error(self, status: int, message: str) -> None:
            self._send(status, {"message": message, "documentation_url": "https://docs.github.com/rest",
                                "status": str(status)})

        def _serve(self, method: str) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = json.loads(self.rfile.read(length) or b"{}") if length else {}
            parts = urlsplit(self.path)
            path = re.sub(r"^/api/v3", "", parts.path).rstrip("/")
            query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
            auth = self.headers.get("Authorization", "")
            if auth not in {f"token {emu.token}", f"Bearer {emu.token}"}:
                return self._error(401, "Bad credentials")
            version = self.headers.get("X-GitHub-Api-Version", "")
            emu.api_versions.append(version)
            if emu.legacy and version != "2022-11-28":
                return self._error(400, f"Unsupported 'X-GitHub-Api-Version' header value: {version}; this "
                                   "server supports API version 2022-11-28")
            if emu.legacy and re.search(r"/(sub_issues?|dependencies)(/|$)|/issue-types$", path):
                return self._error(404, "Not Found")
            fault = emu._take_fault(method, path)
            if fault and fault.kind == "rate_limit":
                return self._send(403, {"message": "You have exceeded a secondary rate limit."},
                                  {"Retry-After": str(int(fault.seconds))})
            if fault and fault.kind == "retry_after_date":
                when = email.utils.formatdate(time.time() + fault.seconds, usegmt=True)
                return self._send(403, {"message": "You have exceeded a secondary rate limit."},
                                  {"Retry-After": when})
            if fault and fault.kind == "primary_rate_limit":
                reset = str(int(time.time() + fault.seconds))
                return self._send(403, {"message": "API rate limit exceeded"},
                                  {"x-ratelimit-remaining": "0", "x-ratelimit-reset": reset})
            if fault and fault.kind == "forbidden":
                return self._error(403, "Resource not accessible by personal access token")
            if fault and fault.kind == "502_before":
                return self._send(502, {"message": "Server Error"})
            with emu.lock:
                status, data, headers = route(emu, method, path, query, body)
            if method == "GET" and status == 200:  # GitHub tags every read; an unchanged one may be a 304
                headers = {**headers, "ETag": etag(data)}
            hold = emu._take_hold(method, path)
            if hold is not None:  # applied; the client is killed before it hears so
                emu.log.append((method, self.path, status))
                hold.reached.set()
                hold.release.wait(30)
                self.close_connection = True
                return None
            if fault and fault.kind == "502_after":
                return self._send(502, {"message": "Server Error"})
            if fault and fault.kind == "drop":
                emu.log.append((method, self.path, 0))
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
                return None
            if fault and fault.kind == "bad_json":
                return self._send(status, b'{"id": 1, "number": ', headers)
            if fault and fault.kind == "slowloris":
                return self._trickle(status, data, headers, fault.seconds)
            if status == 200 and not_modified(self.headers.get("If-None-Match"), headers.get("ETag", "")):
                return self._send(304, b"", headers)
            if fault and fault.kind == "slow":
                emu.log.append((method, self.path, status))  # when it arrived, not when it is answered
                time.sleep(fault.seconds)
                return self._send(status, data, headers, logged=True)
            return self._send(status, data, headers)

    return Handler


def main() -> None:
    """Serve until Ctrl-C, printing what to export to point the sync at it."""
    parser = argparse.ArgumentParser(description="A local GitHub REST emulator for trying the sync out.")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--repo", default="octo-org/detections")
    parser.add_argument("--token", default=None)
    parser.add_argument("--first-issue", type=int, default=301)
    args = parser.parse_args()
    emu = Emulator(token=args.token or secrets.token_hex(12), repos=(args.repo,),
                   first_issue=args.first_issue, port=args.port).start()
    print(f"GitHub emulator serving {args.repo} at {emu.url}")
    print(f"  export GITHUB_API_URL={emu.url}")
    print(f"  export GH_TOKEN={emu.token}")
    print(f"  create-milestone m5 --sync --repo {args.repo}")
    print("Ctrl-C to stop; state is in memory only.", flush=True)
    try:
        while True:
            time.sleep(1)
    except KeyboardInterrupt:
        emu.stop()


if __name__ == "__main__":
    main()
