"""The emulator's routes: one function per resource, answering like GitHub (status, JSON, headers).

Kept apart from the server (``emulator.py``) so each resource stays small. GitHub's behaviours reproduced
here: 422 ``already_exists`` for a duplicate milestone title or label; unknown labels on an issue created
grey; a token without push access may create and edit issues but GitHub silently drops their milestone and
labels, and it may not create milestones or labels (403); milestones read, renamed and deleted by number
(deleting one empties the milestone of its issues).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tests.support.emulator import Emulator, RepoState

Answer = tuple[int, Any, dict[str, str]]
DOCS = "https://docs.github.com/rest"
NOT_FOUND: Answer = (404, {"message": "Not Found", "documentation_url": DOCS}, {})
NO_PUSH: Answer = (403, {"message": "Resource not accessible by personal access token",
                         "documentation_url": DOCS, "status": "403"}, {})


def exists(resource: str, field: str) -> Answer:
    return 422, {"message": "Validation Failed", "documentation_url": DOCS,
                 "errors": [{"resource": resource, "code": "already_exists", "field": field}]}, {}


def route(emu: Emulator, method: str, path: str, query: dict[str, str], body: dict[str, Any]) -> Answer:
    """(status, JSON, headers) for one request; the caller holds the lock."""
    board = re.fullmatch(r"/(?:orgs|users)/([^/]+)/projectsV2/(\d+)(/.*)", path)
    if board:
        from tests.support.emulator_projects import route as project_route

        return project_route(emu, method, board.group(1), int(board.group(2)), board.group(3), query, body)
    org = re.fullmatch(r"/orgs/([^/]+)/issue-types", path)
    if org and method == "GET":
        from tests.support.emulator_relations import org_issue_types

        return org_issue_types(emu, org.group(1))
    m = re.match(r"^/repos/([^/]+)/([^/]+)(/.*)?$", path)
    if not m or f"{m.group(1)}/{m.group(2)}".lower() not in emu.repos:
        return NOT_FOUND
    repo = emu.repos[f"{m.group(1)}/{m.group(2)}".lower()]
    rest = m.group(3) or ""
    if rest == "" and method == "GET":
        return 200, emu.repo_json(repo), {}
    for prefix, handler in (("/milestones", milestones), ("/labels", labels), ("/issues", issues)):
        if rest == prefix or rest.startswith(prefix + "/"):
            return handler(emu, repo, method, rest[len(prefix):], query, body)
    return NOT_FOUND


def milestones(emu: Emulator, repo: RepoState, method: str, rest: str, query: dict[str, str],
               body: dict[str, Any]) -> Answer:
    if rest == "" and method == "GET":
        state = query.get("state", "open")
        return page(emu, f"/repos/{repo.owner}/{repo.name}/milestones", query,
                    [ms for ms in repo.milestones if state == "all" or ms["state"] == state])
    if rest == "" and method == "POST":
        if not emu.push_access:
            return NO_PUSH
        if any(ms["title"] == body.get("title") for ms in repo.milestones):
            return exists("Milestone", "title")
        repo.milestone_seq = max([repo.milestone_seq, *(ms["number"] for ms in repo.milestones)]) + 1
        milestone = emu.milestone_json(repo, repo.milestone_seq, body)
        repo.milestones.append(milestone)
        return 201, milestone, {}
    n = re.fullmatch(r"/(\d+)", rest)
    milestone = next((ms for ms in repo.milestones if n and ms["number"] == int(n.group(1))), None)
    if milestone is None:
        return NOT_FOUND
    if method == "GET":
        return 200, milestone, {}
    if not emu.push_access:
        return NO_PUSH
    if method == "PATCH":
        if "title" in body and any(ms is not milestone and ms["title"] == body["title"]
                                   for ms in repo.milestones):
            return exists("Milestone", "title")
        milestone.update({k: body[k] for k in ("title", "description", "state", "due_on") if k in body})
        return 200, milestone, {}
    if method == "DELETE":
        repo.milestones.remove(milestone)
        for issue in repo.issues:
            if issue["milestone"] is milestone:
                issue["milestone"] = None
        return 204, None, {}
    return NOT_FOUND


def labels(emu: Emulator, repo: RepoState, method: str, rest: str, query: dict[str, str],
           body: dict[str, Any]) -> Answer:
    if rest == "" and method == "GET":
        return page(emu, f"/repos/{repo.owner}/{repo.name}/labels", query, repo.labels)
    if rest == "" and method == "POST":
        if not emu.push_access:
            return NO_PUSH
        if any(lab["name"].lower() == str(body.get("name", "")).lower() for lab in repo.labels):
            return exists("Label", "name")
        label = emu.label_json(repo, body["name"], body.get("color", "ededed"), body.get("description"))
        repo.labels.append(label)
        return 201, label, {}
    return NOT_FOUND


def issues(emu: Emulator, repo: RepoState, method: str, rest: str, query: dict[str, str],
           body: dict[str, Any]) -> Answer:
    if rest == "" and method == "GET":
        items = [i for i in repo.issues if query.get("state", "open") in {"all", i["state"]}]
        if "milestone" in query:
            wanted = query["milestone"]
            items = [i for i in items if i["milestone"] and str(i["milestone"]["number"]) == wanted]
        return page(emu, f"/repos/{repo.owner}/{repo.name}/issues", query, items)
    from tests.support import emulator_relations as rel  # it imports this module

    if rest == "" and method == "POST":
        error = rel.check_type(emu, repo, body)
        if error:
            return error
        issue = emu.issue_json(repo, emu.next_issue, body)
        emu.next_issue += 1
        apply(emu, repo, issue, body)
        rel.set_type(emu, issue, body)
        repo.issues.append(issue)
        rel.refresh(emu, repo, issue)
        return rel.create_parent(emu, repo, issue, body) or (201, issue, {})
    n = re.match(r"^/(\d+)(/.*)?$", rest)
    issue = next((i for i in repo.issues if n and i["number"] == int(n.group(1))), None)
    if issue is None or n is None:
        return NOT_FOUND
    if n.group(2):
        return rel.relations(emu, repo, issue, method, n.group(2), query, body)
    if method == "GET":
        return 200, issue, {}
    if method == "PATCH":
        error = rel.check_type(emu, repo, body)
        if error:
            return error
        issue.update({k: body[k] for k in ("title", "body", "state") if k in body})
        apply(emu, repo, issue, body)
        rel.set_type(emu, issue, body)
        rel.refresh_all(emu, repo)  # a closed issue no longer blocks
        return 200, issue, {}
    return NOT_FOUND


def apply(emu: Emulator, repo: RepoState, issue: dict[str, Any], body: dict[str, Any]) -> None:
    """Labels and milestone of a create or update; without push access GitHub drops both, silently."""
    if not emu.push_access:
        return
    if "labels" in body:
        issue["labels"] = emu.ensure_labels(repo, [lab if isinstance(lab, str) else lab["name"]
                                                   for lab in body["labels"]])
    if "milestone" in body:
        wanted = body["milestone"]
        issue["milestone"] = None if wanted is None else next(
            (ms for ms in repo.milestones if ms["number"] == int(wanted)), None)


def page(emu: Emulator, path: str, query: dict[str, str], items: list[Any]) -> Answer:
    """One page of ``items`` with a ``Link`` header of absolute URLs, like GitHub's."""
    per_page = max(1, min(int(query.get("per_page", 30)), emu.max_per_page))
    number = max(1, int(query.get("page", 1)))
    chunk = items[(number - 1) * per_page: number * per_page]
    headers: dict[str, str] = {}
    if number * per_page < len(items):
        rest = "&".join(f"{k}={v}" for k, v in query.items() if k != "page")
        headers["Link"] = f'<{emu.url.rstrip("/")}{path}?{rest}&page={number + 1}>; rel="next"'
    return 200, chunk, headers
