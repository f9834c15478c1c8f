"""The plan's shape on GitHub: the epic issue, every spec as its sub-issue in breakdown order, and each
``depends_on`` as a native "blocked by" link.

Why recorded state rather than listings: the session keeps what the sync made (``github.sub_issues``, the
epic's children in order; ``github.links``, blocked issue -> its blockers, by GitHub number). A re-run
compares that with the plan, so nothing changed means no request at all; a link the sync did not make is
never touched; and after a kill the next run re-sends at most what was not recorded, which GitHub answers
with a 422 "already exists" that counts as done. The epic is made after the spec issues, so they keep the
seed's numbers (#301...); a spec added later is created straight under the epic (``parent_issue_id``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from milestone_tui.core.artifacts import render as artifacts
from milestone_tui.core.model import Session
from milestone_tui.errors import GitHubError
from milestone_tui.github import endpoints as api
from milestone_tui.github.client import GitHubClient
from milestone_tui.github.events import SyncHost

SUB_ISSUE_LIMIT = 100  # GitHub's limit per parent issue
DEPTH_LIMIT = 8  # GitHub's limit of nested levels (the epic and its specs use two)


@dataclass(frozen=True)
class Relation:
    """One relationship the sync would add, remove or reorder; ``line()`` is the dry run's text."""

    kind: Literal["sub-issue", "blocked-by"]
    verb: Literal["add", "remove", "order"]
    issue: str  # "#305", or "05" for a spec not on GitHub yet
    other: str  # the parent ("#300", "the epic") or the blocker ("#301", "01")

    def line(self) -> str:
        if self.kind == "sub-issue":
            return {"add": f"sub-issue {self.issue} of {self.other}",
                    "remove": f"remove sub-issue {self.issue} from {self.other}",
                    "order": f"order sub-issue {self.issue} in {self.other}"}[self.verb]
        return f"{'link' if self.verb == 'add' else 'unlink'} {self.issue} blocked by {self.other}"


def epic_marker(session: Session, repo: str) -> str:
    return f"<!-- milestone-tui:{session.milestone_id}/epic {repo.lower()} -->"


def epic_body(session: Session, renderer: artifacts.Renderer, repo: str) -> str:
    """``00-epic.md`` without frontmatter and title (GitHub shows the title), then the epic's marker."""
    text = artifacts.strip_frontmatter(renderer.epic(session)).lstrip("\n")
    lines = text.split("\n")
    if lines and lines[0].startswith("# "):
        text = "\n".join(lines[1:]).lstrip("\n")
    return f"{text.rstrip()}\n\n{epic_marker(session, repo)}\n"


def over_limit(session: Session) -> str | None:
    """Said before any write: GitHub takes at most 100 sub-issues under one parent. A bigger milestone still
    syncs (issues, epic, links) but gets no sub-issues, rather than a hierarchy GitHub would cut off."""
    if len(session.issues) <= SUB_ISSUE_LIMIT:
        return None
    return (f"{len(session.issues)} issues, but GitHub allows at most {SUB_ISSUE_LIMIT} sub-issues under "
            "one epic: no sub-issues are made (split the milestone to have them)")


def _ref(number: int | None, key: str) -> str:
    return f"#{number}" if number else key


def blockers(session: Session, number: int) -> list[int]:
    """GitHub numbers of the issues spec ``number`` depends on (those already on GitHub)."""
    by_spec = {i.number: i for i in session.issues}
    deps = [by_spec[d].github_issue for d in session.issue(number).depends_on if d in by_spec]
    return [n for n in dict.fromkeys(deps) if n is not None]


def sub_issue_order(current: list[int], target: list[int]) -> list[tuple[int, int | None, int | None]]:
    """The moves (child, after, before) turning ``current`` into ``target``; ``current`` holds ``target``."""
    order = [n for n in current if n in target]
    moves: list[tuple[int, int | None, int | None]] = []
    for i, number in enumerate(target):
        if order.index(number) == i:
            continue
        moves.append((number, target[i - 1], None) if i else (number, None, order[0]))
        order.remove(number)
        order.insert(i, number)
    return moves


def plan_relations(session: Session, epic: int | None) -> list[Relation]:
    """Every relationship the next sync would change, for the dry run (spec keys for specs not on GitHub)."""
    if over_limit(session) is not None:
        return _links(session)
    gh, parent = session.github, _ref(epic, "the epic")
    out: list[Relation] = []
    target = [i.github_issue for i in session.issues if i.github_issue is not None]
    for issue in session.issues:
        if issue.github_issue is None or issue.github_issue not in gh.sub_issues:
            out.append(Relation("sub-issue", "add", _ref(issue.github_issue, issue.key), parent))
    known = {i.github_issue for i in session.issues}
    out += [Relation("sub-issue", "remove", f"#{n}", parent) for n in gh.sub_issues if n not in known]
    kept = [n for n in gh.sub_issues if n in target] + [n for n in target if n not in gh.sub_issues]
    out += [Relation("sub-issue", "order", f"#{child}", parent)
            for child, _, _ in sub_issue_order(kept, target)]
    return out + _links(session)


def _links(session: Session) -> list[Relation]:
    gh, out = session.github, list[Relation]()
    by_spec = {i.number: i for i in session.issues}
    for issue in session.issues:
        made = gh.links.get(issue.github_issue, []) if issue.github_issue else []
        for dep in issue.depends_on:
            blocker = by_spec.get(dep)
            if blocker is not None and (blocker.github_issue is None or blocker.github_issue not in made):
                out.append(Relation("blocked-by", "add", _ref(issue.github_issue, issue.key),
                                    _ref(blocker.github_issue, blocker.key)))
        if issue.github_issue is not None:
            want = blockers(session, issue.number)
            out += [Relation("blocked-by", "remove", f"#{issue.github_issue}", f"#{n}") for n in made
                    if n not in want]
    return out


class RelationSync:
    """Carries out the sub-issues and links for one run; saves after each write, so a kill loses nothing."""

    def __init__(self, client: GitHubClient, host: SyncHost, epic: int, on_write: Callable[[], None],
                 unrecorded: set[int] | None = None) -> None:
        self.client, self.host, self.epic = client, host, epic
        # GitHub numbers whose relations the session has no record of (adopted this run: a lost session, or
        # a run killed before it saved); they are read from GitHub once instead of re-sent
        self.unrecorded = unrecorded or set()
        self.session = host.session
        self.on_write = on_write  # counts a relationship write for the result
        self._ids = {i.github_issue: i.github_id for i in self.session.issues
                     if i.github_issue is not None and i.github_id is not None}

    async def id_of(self, number: int) -> int:
        """The numeric id of issue #number (recorded, else read once)."""
        if number not in self._ids:
            remote = await self.client.get_issue(number)
            if remote is None:
                raise GitHubError(f"Issue #{number} is gone from GitHub; run the sync again to re-create it.")
            self._ids[number] = remote.id
        return self._ids[number]

    def _saved(self) -> None:
        self.on_write()
        self.host.save()

    async def sub_issues(self) -> None:
        if over_limit(self.session) is not None:
            return
        gh = self.session.github
        target = [i.github_issue for i in self.session.issues if i.github_issue is not None]
        if self.epic in self.unrecorded and not gh.sub_issues:
            # only ours are recorded: a sub-issue someone else put under the epic is never removed
            listed = [r.number for r in await api.list_sub_issues(self.client, self.epic)]
            gh.sub_issues = [n for n in listed if n in target]
        for number in target:
            if number not in gh.sub_issues:
                await api.add_sub_issue(self.client, self.epic, await self.id_of(number))
                gh.sub_issues = [*gh.sub_issues, number]
                self._saved()
        for number in [n for n in gh.sub_issues if n not in target]:
            await api.remove_sub_issue(self.client, self.epic, await self.id_of(number))
            gh.sub_issues = [n for n in gh.sub_issues if n != number]
            self._saved()
        for child, after, before in sub_issue_order(gh.sub_issues, target):
            await api.reprioritize_sub_issue(self.client, self.epic, await self.id_of(child),
                                             after_id=await self.id_of(after) if after else None,
                                             before_id=await self.id_of(before) if before else None)
            order = [n for n in gh.sub_issues if n != child]
            order.insert(order.index(after) + 1 if after else order.index(before or 0), child)
            gh.sub_issues = order
            self._saved()

    async def links(self) -> None:
        gh = self.session.github
        for issue in self.session.issues:
            number = issue.github_issue
            if number is None:
                continue
            want, made = blockers(self.session, issue.number), list(gh.links.get(number, []))
            if number in self.unrecorded and number not in gh.links:
                listed = await api.list_blocked_by(self.client, number)
                made = [r.number for r in listed if r.number in want]  # the links we would have made
                gh.links = {**gh.links, number: list(made)}
            for blocker in [b for b in want if b not in made]:
                await api.add_blocked_by(self.client, number, await self.id_of(blocker))
                made.append(blocker)
                gh.links = {**gh.links, number: list(made)}
                self._saved()
            for blocker in [b for b in made if b not in want]:  # only links this sync made are removed
                await api.remove_blocked_by(self.client, number, await self.id_of(blocker))
                made.remove(blocker)
                gh.links = {**gh.links, number: list(made)}
                self._saved()
            if not made and number in gh.links:
                gh.links = {k: v for k, v in gh.links.items() if k != number}
