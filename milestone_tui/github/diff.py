"""What the sync wants on GitHub, and the dry run: create / adopt / update / unchanged, without one write.

The desired state comes from the session (milestone title, labels with colours, each issue's title, body and
labels); the current state from GitHub (reads only). An issue is matched to GitHub by its recorded number or
by the hidden marker in its body (for this repository), so a lost answer never leads to a second copy. An
issue GitHub holds with the same title but no marker of ours is named in the plan, and adopted only when
asked (``adopt_titles``). An issue whose milestone and labels never arrived (a token without push access)
has no pushed hash, so the next sync repairs it.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Literal

from milestone_tui.core.artifacts import render as artifacts
from milestone_tui.core.model import Issue, Session
from milestone_tui.core.planning import milestone_labels
from milestone_tui.github.binding import same_repo
from milestone_tui.github.board import Board
from milestone_tui.github.client import RemoteIssue
from milestone_tui.github.edits import EditConflict
from milestone_tui.github.milestone import MilestonePlan
from milestone_tui.github.relations import Relation

Verb = Literal["create", "adopt", "update", "unchanged"]
Kind = Literal["milestone", "label", "issue", "epic"]

PHASE_COLOURS = ["1d76db", "0e8a16", "fbca04", "d93f0b", "5319e7", "006b75", "b60205", "c5def5"]
SCOPE_COLOUR = "e99695"
OTHER_COLOUR = "bfd4f2"
NO_PUSH = ("the token has no push (write) access to this repository: GitHub would create the issues but drop "
           "their milestone and labels; use a token with write access")


@dataclass(frozen=True)
class Action:
    """One line of the plan; ``issue`` is the spec number, ``github`` the GitHub number when known."""

    kind: Kind
    verb: Verb
    title: str
    issue: int | None = None
    github: int | None = None
    changed: tuple[str, ...] = ()  # for an update: which of title, body, labels, milestone differ
    note: str = ""  # what the user should know, e.g. a same-titled issue that is not ours

    def line(self) -> str:
        """``create issue 01: Add ingest HTTP endpoint`` / ``update issue 02 (#302): ... [body]``."""
        what = self.kind if self.issue is None else f"{self.kind} {self.issue:02d}"
        num = f" (#{self.github})" if self.github else ""
        change = f" [{', '.join(self.changed)} changed]" if self.changed else ""
        note = f" -- {self.note}" if self.note else ""
        return f"{self.verb} {what}{num}: {self.title}{change}{note}"


@dataclass
class SyncPlan:
    """The actions in order (milestone, labels, issues) plus what was read, for ``run_sync`` to reuse."""

    actions: list[Action] = field(default_factory=list)
    milestone: MilestonePlan = field(default_factory=lambda: MilestonePlan("create"))
    remote_issues: dict[int, RemoteIssue] = field(default_factory=dict)  # spec number -> matched issue
    label_colours: dict[str, str] = field(default_factory=dict)
    attach: set[int] = field(default_factory=set)  # spec numbers whose update also sends the milestone
    twins: dict[int, int] = field(default_factory=dict)  # spec number -> same-titled issue, not ours
    push: bool | None = None  # what the repository says about the token (None: not said)
    owner_type: str = "User"
    types: set[str] = field(default_factory=set)  # the organisation's issue types (none for a user's repo)
    epic: RemoteIssue | None = None
    relations: list[Relation] = field(default_factory=list)  # sub-issues and links to add, remove, order
    listed: list[RemoteIssue] = field(default_factory=list)  # the milestone's issues as read (for --status)
    listed_etags: list[str] = field(default_factory=list)  # that listing's ETags, one per page
    conflicts: list[EditConflict] = field(default_factory=list)  # edited on GitHub and locally, unresolved
    theirs: set[int] = field(default_factory=set)  # spec numbers taking GitHub's edit into the spec
    limit_note: str | None = None  # more specs than GitHub's sub-issue limit: said before any write
    legacy_api: bool = False  # REST 2022-11-28 (GitHub Enterprise before 3.21): no relations, no types
    enterprise: str | None = None
    board: Board | None = None  # the Projects board, when one is asked for
    board_lines: list[str] = field(default_factory=list)  # what the sync would do on it

    @property
    def milestone_number(self) -> int | None:
        return self.milestone.remote.number if self.milestone.remote else None

    @property
    def milestone_url(self) -> str | None:
        return self.milestone.remote.html_url if self.milestone.remote else None

    @property
    def notes(self) -> list[str]:
        """The lines to warn about before anything is sent."""
        lines = [f"issue {a.issue:02d}: {a.note}" for a in self.actions if a.kind == "issue" and a.note]
        if self.push is False:
            lines.insert(0, NO_PUSH)
        if self.limit_note:
            lines.append(self.limit_note)
        if self.legacy_api:
            where = f"GitHub Enterprise Server {self.enterprise}" if self.enterprise else "this GitHub"
            lines.append(f"{where} speaks REST API 2022-11-28: it has no sub-issues, blocked-by links or "
                         "issue types, so those are skipped (the epic and the 'Depends on' lines are made)")
        if self.board is not None:
            lines += self.board.notes
        return lines

    def count(self, kind: Kind, verb: Verb) -> int:
        return sum(1 for a in self.actions if a.kind == kind and a.verb == verb)

    @property
    def writes(self) -> int:
        return (sum(1 for a in self.actions if a.verb in {"create", "update"}) + len(self.relations)
                + len(self.board_lines))

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


def issue_body(session: Session, issue: Issue, renderer: artifacts.Renderer, repo: str | None = None) -> str:
    """The GitHub body: the repository's own ``issue.md.j2`` override applies here too (the host's renderer);
    ``github_body`` adds the marker (naming ``repo``) itself, outside any template."""
    return artifacts.github_body(session, issue, renderer, repo)


def markers(session: Session, issue: Issue, repo: str) -> tuple[str, ...]:
    """The markers that make a GitHub issue this spec's in ``repo``: the one naming the repository, and the
    older one without it only where the session was synced before (so a copy elsewhere is never ours)."""
    own = artifacts.marker(session, issue, repo)
    if same_repo(session.github.repo, repo):
        return own, f"<!-- milestone-tui:{session.milestone_id}/{issue.key} -->"
    return (own,)


def is_ours(session: Session, body: str, repo: str) -> bool:
    """Whether a body carries any marker of this milestone for ``repo``."""
    legacy = "" if not same_repo(session.github.repo, repo) else "?"
    mid, where = re.escape(session.milestone_id), re.escape(repo.lower())
    pattern = rf"<!-- milestone-tui:{mid}/\d+( {where}){legacy} -->"
    return re.search(pattern, body) is not None


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


def match_issues(session: Session, remote: list[RemoteIssue], repo: str) -> dict[int, RemoteIssue]:
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
        marks = markers(session, issue, repo)
        hit = next((r for r in remote if r.number not in claimed and any(m in r.body for m in marks)), None)
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
