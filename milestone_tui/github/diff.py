"""What the sync wants on GitHub, and the dry run: create / adopt / update / unchanged, without one write.

The desired state comes from the session (milestone title, labels with colours, each issue's title, body and
labels); the current state from GitHub (reads only). An issue is matched to GitHub by its recorded number or
by the hidden marker in its body, so a lost answer never leads to a second copy.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from milestone_tui.core.artifacts import render as artifacts
from milestone_tui.core.model import Issue, Session
from milestone_tui.core.planning import issue_labels, milestone_labels
from milestone_tui.github.client import GitHubClient, RemoteIssue

Verb = Literal["create", "adopt", "update", "unchanged"]
Kind = Literal["milestone", "label", "issue"]

PHASE_COLOURS = ["1d76db", "0e8a16", "fbca04", "d93f0b", "5319e7", "006b75", "b60205", "c5def5"]
SCOPE_COLOUR = "e99695"
OTHER_COLOUR = "bfd4f2"


@dataclass(frozen=True)
class Action:
    """One line of the plan; ``issue`` is the spec number, ``github`` the GitHub number when known."""

    kind: Kind
    verb: Verb
    title: str
    issue: int | None = None
    github: int | None = None
    changed: tuple[str, ...] = ()  # for an update: which of title, body, labels differ from GitHub

    def line(self) -> str:
        """``create issue 01: Add ingest HTTP endpoint`` / ``update issue 02 (#302): ... [body]``."""
        what = self.kind if self.issue is None else f"{self.kind} {self.issue:02d}"
        num = f" (#{self.github})" if self.github else ""
        change = f" [{', '.join(self.changed)} changed]" if self.changed else ""
        return f"{self.verb} {what}{num}: {self.title}{change}"


@dataclass
class SyncPlan:
    """The actions in order (milestone, labels, issues) plus what was read, for ``run_sync`` to reuse."""

    actions: list[Action] = field(default_factory=list)
    milestone_number: int | None = None
    milestone_url: str | None = None
    remote_issues: dict[int, RemoteIssue] = field(default_factory=dict)  # spec number -> matched issue
    label_colours: dict[str, str] = field(default_factory=dict)

    def count(self, kind: Kind, verb: Verb) -> int:
        return sum(1 for a in self.actions if a.kind == kind and a.verb == verb)

    @property
    def writes(self) -> int:
        return sum(1 for a in self.actions if a.verb in {"create", "update"})

    def summary(self) -> str:
        parts = []
        for verb in ("create", "adopt", "update", "unchanged"):
            n = self.count("issue", verb)
            if n:
                parts.append(f"{n} to {verb}" if verb != "unchanged" else f"{n} unchanged")
        total = sum(1 for a in self.actions if a.kind == "issue")
        return f"{total} issues: " + (", ".join(parts) or "none")


def desired_labels(session: Session) -> dict[str, str]:
    """Label name -> colour for every label the issues use (names from the core's one rule, which the GitHub
    preview shows too): scope tags, ``phase-N``, the issues' own."""
    tags = {t.strip().casefold() for t in session.plan.scope_tags}

    def colour(name: str) -> str:
        if name.casefold() in tags:
            return SCOPE_COLOUR
        phase = re.fullmatch(r"phase-(\d+)", name, re.IGNORECASE)
        return PHASE_COLOURS[(int(phase.group(1)) - 1) % len(PHASE_COLOURS)] if phase else OTHER_COLOUR

    return {name: colour(name) for name in milestone_labels(session)}


def issue_body(session: Session, issue: Issue, renderer: artifacts.Renderer) -> str:
    """The GitHub body: the repository's own ``issue.md.j2`` override applies here too (the host's renderer);
    ``github_body`` adds the marker itself, outside any template."""
    return artifacts.github_body(session, issue, renderer)


def milestone_marker(session: Session) -> str:
    """The start every marker of this milestone shares (``<!-- milestone-tui:m5/``)."""
    return f"<!-- milestone-tui:{session.milestone_id}/"


def content_hash(title: str, body: str, labels: list[str]) -> str:
    """Hash of what is pushed; label order and case do not count (GitHub does not keep either)."""
    data = json.dumps([title.strip(), body.strip(), sorted(n.casefold() for n in labels)])
    return hashlib.sha256(data.encode()).hexdigest()[:16]


def remote_hash(remote: RemoteIssue) -> str:
    return content_hash(remote.title, remote.body, remote.labels)


def changes(remote: RemoteIssue, title: str, body: str, labels: list[str]) -> tuple[str, ...]:
    """Which parts of an issue an update would change on GitHub, so the plan shows it before sending."""
    parts = [("title", remote.title.strip() != title.strip()), ("body", remote.body.strip() != body.strip()),
             ("labels", sorted(n.casefold() for n in remote.labels) != sorted(n.casefold() for n in labels))]
    return tuple(name for name, differs in parts if differs)


def find_milestone(milestones: list[tuple[int, str, str]], title: str) -> tuple[int, str] | None:
    """(number, url) of the milestone with this title: exact first, then case-insensitive."""
    exact: list[Callable[[str], bool]] = [lambda t: t == title, lambda t: t.casefold() == title.casefold()]
    for wanted in exact:
        for number, name, url in milestones:
            if wanted(name):
                return number, url
    return None


def match_issues(session: Session, remote: list[RemoteIssue]) -> dict[int, RemoteIssue]:
    """Spec number -> GitHub issue: by the recorded number first, then by the marker in the body.

    The recorded number wins because the marker names the spec's number *when it was pushed*: after the
    breakdown is reordered, spec 02 may be what GitHub knows as ``m5/03``. The marker only finds issues whose
    number was never saved (a crash or a lost answer), and never one that another spec already holds.
    """
    by_number = {r.number: r for r in remote}
    matched: dict[int, RemoteIssue] = {}
    for issue in session.issues:
        if issue.github_issue is not None and issue.github_issue in by_number:
            matched[issue.number] = by_number[issue.github_issue]
    claimed = {r.number for r in matched.values()} | {
        i.github_issue for i in session.issues if i.github_issue is not None}
    for issue in session.issues:
        if issue.number in matched or issue.github_issue is not None:
            continue
        mark = artifacts.marker(session, issue)
        hit = next((r for r in remote if r.number not in claimed and mark in r.body), None)
        if hit is not None:
            matched[issue.number] = hit
            claimed.add(hit.number)
    return matched


def issue_verb(session: Session, issue: Issue, remote: RemoteIssue | None, desired: str | None) -> Verb:
    """create when GitHub has none; adopt when GitHub has it but the spec lacks its number; update when the
    spec changed since last pushed (or differs from GitHub when nothing was recorded); else unchanged."""
    if remote is None:
        return "create"
    if issue.github_issue != remote.number:
        return "adopt"
    baseline = session.github.pushed_hashes.get(issue.number) or remote_hash(remote)
    return "update" if desired is not None and desired != baseline else "unchanged"


async def read_plan(client: GitHubClient, session: Session, renderer: artifacts.Renderer) -> SyncPlan:
    """Read GitHub (repo, milestones, labels, the milestone's issues) and decide every action; no writes."""
    plan = SyncPlan()
    await client.check_repo()
    title = session.milestone_title
    found = find_milestone(await client.list_milestones(), title)
    if found:
        plan.milestone_number, plan.milestone_url = found
    verb: Verb = "adopt" if found else "create"
    plan.actions.append(Action("milestone", verb, title, github=plan.milestone_number))
    existing = {name.casefold() for name in await client.list_labels()}
    plan.label_colours = desired_labels(session)
    for name in plan.label_colours:
        plan.actions.append(Action("label", "unchanged" if name.casefold() in existing else "create", name))
    if plan.milestone_number is not None:
        remote = await client.list_milestone_issues(plan.milestone_number)
        plan.remote_issues = match_issues(session, remote)
    for issue in session.issues:  # a recorded issue moved out of the milestone is still that issue
        if issue.github_issue is not None and issue.number not in plan.remote_issues:
            moved = await client.get_issue(issue.github_issue)
            if moved is not None and milestone_marker(session) in moved.body:
                plan.remote_issues[issue.number] = moved
    for issue in session.issues:
        hit = plan.remote_issues.get(issue.number)
        desired = None
        changed: tuple[str, ...] = ()
        if hit is not None and issue.github_issue == hit.number:
            body, labels = issue_body(session, issue, renderer), issue_labels(session, issue)
            desired = content_hash(issue.title, body, labels)
            changed = changes(hit, issue.title, body, labels)
        verb = issue_verb(session, issue, hit, desired)
        plan.actions.append(Action("issue", verb, issue.title, issue.number, hit.number if hit else None,
                                   changed if verb == "update" else ()))
    return plan
