"""The GitHub milestone, tracked by its number and id rather than its title.

Why: a title is not an identity. Matching by title made a second milestone when someone renamed it on GitHub,
when it was deleted, or when the roadmap's title changed. Now the session keeps the number and the id; the
title is only used to find a milestone the first time (or after a lost answer). The rules:

- recorded and found (same id): ours. The roadmap's title changed since the last push -> rename it. Renamed
  on GitHub while the roadmap kept its title -> keep their name (nothing typed by hand is overwritten).
- recorded but gone (404, or the number now holds another id): deleted -> make it again and re-attach every
  issue the session knows.
- nothing recorded: adopt the one with the same title (closed ones too), else create.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from milestone_tui.core.model import Session
from milestone_tui.errors import GitHubError, WriteUncertain
from milestone_tui.github.client import GitHubClient
from milestone_tui.github.events import Reconciling, SyncEvent

MilestoneVerb = Literal["create", "adopt", "update", "unchanged"]


@dataclass(frozen=True)
class RemoteMilestone:
    """What the sync needs of a GitHub milestone."""

    number: int
    id: int
    title: str
    html_url: str
    state: str = "open"
    due_on: str | None = None  # YYYY-MM-DD, as GitHub shows it


@dataclass
class MilestonePlan:
    """What the sync will do to the milestone, read before any write."""

    verb: MilestoneVerb
    remote: RemoteMilestone | None = None
    rename: bool = False  # the roadmap's title changed since the last push
    reattach: bool = False  # made again after a deletion: every known issue gets it back
    note: str = ""  # shown after the plan line, e.g. "deleted on GitHub: it is made again"
    changed: tuple[str, ...] = ()


def _milestone(data: Any) -> RemoteMilestone:
    due = data.due_on.date().isoformat() if getattr(data, "due_on", None) else None
    return RemoteMilestone(number=data.number, id=int(data.id), title=data.title, html_url=data.html_url,
                           state=str(data.state), due_on=due)


async def list_milestones(client: GitHubClient) -> list[RemoteMilestone]:
    """Every milestone, closed ones too."""
    o, r = client.repo_args

    async def fetch() -> list[RemoteMilestone]:
        pages = client.rest.paginate(client.rest.issues.async_list_milestones, owner=o, repo=r, state="all",
                                     per_page=100)
        return [_milestone(m) async for m in pages]

    return await client.call("listing milestones", fetch)


async def get_milestone(client: GitHubClient, number: int) -> RemoteMilestone | None:
    """The milestone with this number; None when GitHub has none (deleted)."""
    o, r = client.repo_args

    async def fetch() -> RemoteMilestone:
        return _milestone((await client.rest.issues.async_get_milestone(o, r, number)).parsed_data)

    try:
        return await client.call(f"reading milestone #{number}", fetch)
    except GitHubError as exc:
        if exc.status in {404, 410}:
            return None
        raise


async def create_milestone(client: GitHubClient, title: str, description: str,
                           due_on: datetime | None) -> RemoteMilestone:
    """Create; a 422 ``already_exists`` comes back as a GitHubError with that code."""
    o, r = client.repo_args
    extra: dict[str, Any] = {"due_on": due_on} if due_on else {}

    async def send() -> RemoteMilestone:
        resp = await client.rest.issues.async_create_milestone(o, r, title=title, description=description,
                                                               **extra)
        return _milestone(resp.parsed_data)

    return await client.call("creating the milestone", send, write=True, uncertain=True)


async def update_milestone(client: GitHubClient, number: int, **fields: Any) -> RemoteMilestone:
    """PATCH the milestone (``title``, ``due_on``); idempotent, so retried like any update."""
    o, r = client.repo_args

    async def send() -> RemoteMilestone:
        resp = await client.rest.issues.async_update_milestone(o, r, number, **fields)
        return _milestone(resp.parsed_data)

    try:
        return await client.call(f"updating milestone #{number}", send, write=True)
    except GitHubError as exc:
        if exc.code == "already_exists":
            raise GitHubError(f"Cannot rename milestone #{number} to {fields.get('title')!r}: another "
                              "milestone in the repository has that title; rename or delete it on GitHub.",
                              exc.status, exc.code) from None
        raise


def find_milestone(milestones: list[RemoteMilestone], title: str) -> RemoteMilestone | None:
    """The milestone with this title: exact first, then case-insensitive."""
    exact: list[Callable[[str], bool]] = [lambda t: t == title, lambda t: t.casefold() == title.casefold()]
    for wanted in exact:
        for milestone in milestones:
            if wanted(milestone.title):
                return milestone
    return None


def to_due_on(date: str | None) -> datetime | None:
    """``2025-03-31`` -> noon UTC that day: GitHub floors ``due_on`` to a day in Pacific time, and noon UTC
    is the same date there, where midnight UTC would show the day before. None for no or bad dates."""
    if not date:
        return None
    try:
        day = datetime.fromisoformat(date.strip()[:10])
    except ValueError:
        return None
    return day.replace(hour=12, minute=0, second=0, microsecond=0, tzinfo=UTC)


def _due_change(session: Session, remote: RemoteMilestone) -> tuple[str, ...]:
    """``("due_on",)`` when the roadmap's target date differs from the milestone's (a date removed from the
    roadmap leaves GitHub's alone: it may have been set there)."""
    due = to_due_on(session.roadmap.due_date if session.roadmap else None)
    return ("due_on",) if due is not None and due.date().isoformat() != remote.due_on else ()


async def read_milestone(client: GitHubClient, session: Session) -> MilestonePlan:
    """Decide what to do with the milestone, from reads only (the dry run uses this too)."""
    gh, title = session.github, session.milestone_title
    if gh.milestone_number is not None:
        remote = await get_milestone(client, gh.milestone_number)
        if remote is not None and gh.milestone_id is not None and remote.id != gh.milestone_id:
            remote = None  # the number now names another milestone: ours is gone
        if remote is None:
            found = find_milestone(await list_milestones(client), title)
            if found is not None:  # someone already made it again by hand: adopt that one
                return MilestonePlan("adopt", found, reattach=True, note=f"#{gh.milestone_number} was "
                                     "deleted on GitHub; the issues move here")
            return MilestonePlan("create", reattach=True, note=f"#{gh.milestone_number} was deleted on "
                                 "GitHub: it is made again and the issues re-attached")
        due = _due_change(session, remote)
        if remote.title == title:
            return MilestonePlan("update", remote, changed=due) if due else MilestonePlan("unchanged", remote)
        if gh.milestone_title is not None and gh.milestone_title == title:
            note = f"renamed on GitHub to {remote.title!r}: kept"
            return MilestonePlan("update" if due else "unchanged", remote, note=note, changed=due)
        return MilestonePlan("update", remote, rename=True, changed=("title", *due))
    found = find_milestone(await list_milestones(client), title)
    return MilestonePlan("adopt", found) if found else MilestonePlan("create")


async def ensure_milestone(client: GitHubClient, session: Session, plan: MilestonePlan,
                           emit: Callable[[SyncEvent], None]) -> tuple[RemoteMilestone, bool]:
    """(milestone, created): carry out ``plan``; a duplicate title or a lost answer is adopted."""
    title = session.milestone_title
    due = to_due_on(session.roadmap.due_date if session.roadmap else None)
    if plan.remote is not None:
        fields: dict[str, Any] = {"title": title} if plan.rename else {}
        if "due_on" in plan.changed:
            fields["due_on"] = due
        if fields:
            return await update_milestone(client, plan.remote.number, **fields), False
        return plan.remote, False
    description = session.epic.problem or (session.roadmap.description if session.roadmap else "")
    for attempt in range(client.options.retries + 1):
        try:
            return await create_milestone(client, title, description, due), True
        except GitHubError as exc:
            if exc.code != "already_exists":
                raise
        except WriteUncertain as exc:
            emit(Reconciling("the milestone", exc.cause))
        found = find_milestone(await list_milestones(client), title)
        if found:
            return found, False
        await client.sleep(client.options.backoff * 2**attempt)
    raise GitHubError(f"Could not create milestone {title!r}: GitHub kept failing; run the sync again.")
