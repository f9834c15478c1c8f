"""The emulator's relationship routes: sub-issues, "blocked by" dependencies, and organisation issue types.

GitHub's rules reproduced: the calls take the issue's numeric ``id`` (distinct from its number); a parent
holds at most 100 sub-issues and nesting stops at 8 levels; an issue has one parent; adding a relation that
exists answers 422; issue types exist only for organisation repositories. Each issue's
``sub_issues_summary``, ``issue_dependencies_summary`` and ``parent_issue_url`` follow the relations.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from tests.support.emulator_routes import DOCS, NOT_FOUND, Answer, page

if TYPE_CHECKING:
    from tests.support.emulator import Emulator, RepoState

SUB_ISSUE_LIMIT = 100
DEPTH_LIMIT = 8
ISSUE_TYPES = ("Task", "Bug", "Feature")


def invalid(message: str) -> Answer:
    return 422, {"message": "Validation Failed", "documentation_url": DOCS,
                 "errors": [{"resource": "Issue", "code": "custom", "message": message}]}, {}


def by_id(repo: RepoState, issue_id: Any) -> dict[str, Any] | None:
    return next((i for i in repo.issues if i["id"] == issue_id), None)


def depth(repo: RepoState, number: int) -> int:
    """Levels from the top down to ``number`` (a top-level issue is 1)."""
    level = 1
    while number in repo.parents:
        number, level = repo.parents[number], level + 1
    return level


def refresh(emu: Emulator, repo: RepoState, issue: dict[str, Any]) -> None:
    """Recompute the summaries GitHub shows on an issue."""
    number = issue["number"]
    subs = [i for i in repo.issues if repo.parents.get(i["number"]) == number]
    done = sum(i["state"] == "closed" for i in subs)
    issue["sub_issues_summary"] = {"total": len(subs), "completed": done,
                                   "percent_completed": 100 * done // len(subs) if subs else 0}
    blockers = [i for i in repo.issues if i["number"] in repo.blocked.get(number, [])]
    blocking = [n for n, b in repo.blocked.items() if number in b]
    issue["issue_dependencies_summary"] = {
        "blocked_by": sum(i["state"] == "open" for i in blockers), "total_blocked_by": len(blockers),
        "blocking": len(blocking), "total_blocking": len(blocking)}
    parent = repo.parents.get(number)
    issue["parent_issue_url"] = f"{emu.url}repos/{repo.owner}/{repo.name}/issues/{parent}" if parent else None


def refresh_all(emu: Emulator, repo: RepoState) -> None:
    for issue in repo.issues:
        refresh(emu, repo, issue)


def attach(emu: Emulator, repo: RepoState, parent: dict[str, Any], child: dict[str, Any]) -> Answer | None:
    """Make ``child`` a sub-issue of ``parent``; an error answer, or None when done."""
    if repo.parents.get(child["number"]) == parent["number"]:
        return invalid("Issue may not contain duplicate sub-issues: this sub-issue already exists")
    if child["number"] in repo.parents:
        return invalid("Sub-issue may only have one parent")
    if sum(1 for p in repo.parents.values() if p == parent["number"]) >= SUB_ISSUE_LIMIT:
        return invalid(f"Parent cannot have more than {SUB_ISSUE_LIMIT} sub-issues")
    if depth(repo, parent["number"]) + 1 > DEPTH_LIMIT:
        return invalid(f"Sub-issues cannot be nested more than {DEPTH_LIMIT} levels")
    repo.parents[child["number"]] = parent["number"]
    repo.order.setdefault(parent["number"], []).append(child["number"])
    refresh_all(emu, repo)
    return None


def relations(emu: Emulator, repo: RepoState, issue: dict[str, Any], method: str, rest: str,
              query: dict[str, str], body: dict[str, Any]) -> Answer:
    """``/issues/{n}/sub_issues``, ``/sub_issues/priority``, ``/sub_issue``, ``/dependencies/blocked_by``."""
    number = issue["number"]
    if rest == "/sub_issues" and method == "GET":
        children = [n for n in repo.order.get(number, []) if repo.parents.get(n) == number]
        items = [next(i for i in repo.issues if i["number"] == n) for n in children]
        return page(emu, f"/repos/{repo.owner}/{repo.name}/issues/{number}/sub_issues", query, items)
    if rest == "/sub_issues" and method == "POST":
        child = by_id(repo, body.get("sub_issue_id"))
        if child is None:
            return NOT_FOUND
        if body.get("replace_parent") and child["number"] in repo.parents:
            repo.parents.pop(child["number"])
        error = attach(emu, repo, issue, child)
        return error or (201, issue, {})
    if rest == "/sub_issues/priority" and method == "PATCH":
        child = by_id(repo, body.get("sub_issue_id"))
        order = repo.order.get(number, [])
        if child is None or child["number"] not in order:
            return NOT_FOUND
        anchor = by_id(repo, body.get("after_id") or body.get("before_id"))
        if anchor is None or anchor["number"] not in order or anchor is child:
            return invalid("after_id or before_id must name another sub-issue")
        order.remove(child["number"])
        at = order.index(anchor["number"]) + (1 if body.get("after_id") else 0)
        order.insert(at, child["number"])
        return 200, issue, {}
    if rest == "/sub_issue" and method == "DELETE":
        child = by_id(repo, body.get("sub_issue_id"))
        if child is None or repo.parents.get(child["number"]) != number:
            return NOT_FOUND
        repo.parents.pop(child["number"])
        repo.order[number].remove(child["number"])
        refresh_all(emu, repo)
        return 200, issue, {}
    return dependencies(emu, repo, issue, method, rest, query, body)


def dependencies(emu: Emulator, repo: RepoState, issue: dict[str, Any], method: str, rest: str,
                 query: dict[str, str], body: dict[str, Any]) -> Answer:
    number = issue["number"]
    blocked = repo.blocked.setdefault(number, [])
    if rest == "/dependencies/blocked_by" and method == "GET":
        items = [i for i in repo.issues if i["number"] in blocked]
        return page(emu, f"/repos/{repo.owner}/{repo.name}/issues/{number}/dependencies/blocked_by", query,
                    items)
    if rest == "/dependencies/blocked_by" and method == "POST":
        blocker = by_id(repo, body.get("issue_id"))
        if blocker is None:
            return NOT_FOUND
        if blocker["number"] in blocked:
            return invalid("This dependency already exists")
        if blocker is issue:
            return invalid("An issue cannot be blocked by itself")
        blocked.append(blocker["number"])
        refresh_all(emu, repo)
        return 201, issue, {}
    m = re.fullmatch(r"/dependencies/blocked_by/(\d+)", rest)
    if m and method == "DELETE":
        blocker = by_id(repo, int(m.group(1)))
        if blocker is None or blocker["number"] not in blocked:
            return NOT_FOUND
        blocked.remove(blocker["number"])
        refresh_all(emu, repo)
        return 200, issue, {}
    return NOT_FOUND


def issue_type_json(emu: Emulator, name: str) -> dict[str, Any]:
    return {"id": 500 + ISSUE_TYPES.index(name), "node_id": f"IT_{name}", "name": name,
            "description": f"A {name.lower()}", "color": "gray", "created_at": "2025-01-02T03:04:05Z",
            "updated_at": "2025-01-02T03:04:05Z", "is_enabled": True}


def org_issue_types(emu: Emulator, org: str) -> Answer:
    """``GET /orgs/{org}/issue-types``: only organisations have them."""
    if org.lower() not in emu.orgs:
        return NOT_FOUND
    return 200, [issue_type_json(emu, name) for name in ISSUE_TYPES], {}


def check_type(emu: Emulator, repo: RepoState, body: dict[str, Any]) -> Answer | None:
    """A ``type`` on create or update must be one of the owner organisation's (an error answer, or None)."""
    kind = body.get("type")
    if kind is not None and (repo.owner.lower() not in emu.orgs or kind not in ISSUE_TYPES):
        return invalid(f"type {body['type']!r} is not an issue type of this repository's owner")
    return None


def set_type(emu: Emulator, issue: dict[str, Any], body: dict[str, Any]) -> None:
    if "type" in body:
        issue["type"] = issue_type_json(emu, body["type"]) if body["type"] else None


def create_parent(emu: Emulator, repo: RepoState, issue: dict[str, Any],
                  body: dict[str, Any]) -> Answer | None:
    """``parent_issue_id`` on create (an error answer, or None)."""
    if body.get("parent_issue_id") is not None:
        parent = by_id(repo, body["parent_issue_id"])
        if parent is None:
            return invalid("parent_issue_id does not name an issue of this repository")
        return attach(emu, repo, parent, issue)
    return None
