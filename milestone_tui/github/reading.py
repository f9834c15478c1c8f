"""Reading GitHub for a plan: every action the sync would take, from reads only (the dry run's source).

The reads, in order: the repository (and whether the token may push), the milestone (by number, see
``milestone``), the labels, the milestone's issues (one paginated listing, which also finds the epic and
carries the state read back for ``--status``; conditional on its last ETags when nothing changed here, see
``listing``), recorded issues moved out of it, the open issues when something is to be created (same
titles), and an organisation's issue types. Then each spec's verb, the epic's, and the relationships
(``relations.plan_relations``). ``read_status`` reads the issues' states alone (``--status``).
"""

from __future__ import annotations

from datetime import UTC, datetime

from milestone_tui.core.artifacts import render as artifacts
from milestone_tui.core.model import Issue, Session
from milestone_tui.core.planning import issue_labels
from milestone_tui.errors import GitHubError
from milestone_tui.github import endpoints as api
from milestone_tui.github.auth import Target
from milestone_tui.github.board import read_board
from milestone_tui.github.client import GitHubClient, RemoteIssue, SyncOptions
from milestone_tui.github.diff import (
    Action,
    SyncPlan,
    changes,
    content_hash,
    desired_labels,
    is_ours,
    issue_body,
    issue_verb,
    match_issues,
)
from milestone_tui.github.edits import EditConflict, choice_for, edited_on_github
from milestone_tui.github.epic import read_epic
from milestone_tui.github.listing import read_listing, remembered
from milestone_tui.github.milestone import get_milestone, read_milestone
from milestone_tui.github.relations import epic_body, over_limit, plan_relations
from milestone_tui.github.status import apply_status

TASK_TYPE = "Task"


def issue_type(issue: Issue, types: set[str]) -> str | None:
    """The type to send for a spec issue: its own (frontmatter ``type``) or ``Task``, if the organisation
    has it; None (send nothing) elsewhere."""
    wanted = issue.issue_type or TASK_TYPE
    return wanted if wanted in types else None


async def read_plan(client: GitHubClient, session: Session, renderer: artifacts.Renderer,
                    options: SyncOptions | None = None) -> SyncPlan:
    """Read GitHub (repo, milestone, labels, the milestone's issues) and decide every action; no writes."""
    options = options or client.options
    plan, repo = SyncPlan(), client.target.repo
    info = await client.check_repo()
    plan.push, plan.owner_type = info.push, info.owner_type
    plan.legacy_api, plan.enterprise = info.legacy_api, info.enterprise
    plan.milestone = ms = await read_milestone(client, session)
    plan.actions.append(Action("milestone", ms.verb, session.milestone_title, github=plan.milestone_number,
                               changed=ms.changed, note=ms.note))
    existing = {name.casefold() for name in await client.list_labels()}
    plan.label_colours = desired_labels(session)
    for name in plan.label_colours:
        plan.actions.append(Action("label", "unchanged" if name.casefold() in existing else "create", name))
    number = plan.milestone_number
    if number is not None and not ms.reattach:
        plan.listed, plan.listed_etags = await _listed(client, session, renderer, number)
        plan.remote_issues = match_issues(session, plan.listed, repo)
    if plan.owner_type == "Organization" and not plan.legacy_api:
        plan.types = await api.issue_types(client)
    for issue in session.issues:  # a recorded issue moved out of the milestone is still that issue
        if issue.github_issue is not None and issue.number not in plan.remote_issues:
            moved = await client.get_issue(issue.github_issue)
            if moved is not None and is_ours(session, moved.body, repo):
                plan.remote_issues[issue.number] = moved
    adopted = await _same_titles(client, session, plan, options.adopt_titles)
    for issue in session.issues:
        plan.actions.append(_issue_action(session, issue, plan, renderer, repo, adopted, options))
    body = epic_body(session, renderer, repo)
    plan.actions.append(await read_epic(client, session, plan, plan.listed, body))
    if not plan.legacy_api:
        plan.relations = plan_relations(session, plan.epic.number if plan.epic else None)
    plan.limit_note = over_limit(session)
    project = options.project or session.github.project
    if project is not None:
        plan.board = await read_board(client, session, project, plan.owner_type == "Organization")
        plan.board_lines = plan.board.lines(session)
    return plan


async def _listed(client: GitHubClient, session: Session, renderer: artifacts.Renderer,
                  number: int) -> tuple[list[RemoteIssue], list[str]]:
    """The milestone's issues and the listing's ETags. Conditional (see ``listing``) only when an unchanged
    answer can be rebuilt from the last read: every issue's body what the sync would send now."""
    gh, repo = session.github, client.target.repo
    kept = None
    if gh.status_etags and gh.milestone_number == number:
        bodies = {i.github_issue: issue_body(session, i, renderer, repo)
                  for i in session.issues if i.github_issue is not None}
        if gh.epic_issue is not None:
            bodies[gh.epic_issue] = epic_body(session, renderer, repo)
        kept = remembered(session, bodies)
    listing = await read_listing(client, number, gh.status_etags if kept is not None else ())
    return (listing.issues if listing.issues is not None else kept or []), listing.etags


async def _same_titles(client: GitHubClient, session: Session, plan: SyncPlan, adopt: bool) -> set[int]:
    """Issues to create whose title an open issue without our marker already has: named in the plan
    (``twins``), or adopted when asked; returns the adopted spec numbers. One listing, only when creating."""
    creates = [i for i in session.issues if i.number not in plan.remote_issues]
    if not creates:
        return set()
    repo = client.target.repo
    claimed = {r.number for r in plan.remote_issues.values()} | {session.github.epic_issue}
    others = [r for r in await client.list_issues(state="open")
              if r.number not in claimed and not is_ours(session, r.body, repo)]
    adopted: set[int] = set()
    for issue in creates:
        twin = next((r for r in others if r.number not in claimed
                     and r.title.strip().casefold() == issue.title.strip().casefold()), None)
        if twin is None:
            continue
        claimed.add(twin.number)
        if adopt:
            plan.remote_issues[issue.number] = twin
            adopted.add(issue.number)
        else:
            plan.twins[issue.number] = twin.number
    return adopted


def _issue_action(session: Session, issue: Issue, plan: SyncPlan, renderer: artifacts.Renderer, repo: str,
                  adopted: set[int], options: SyncOptions) -> Action:
    hit, number = plan.remote_issues.get(issue.number), plan.milestone_number
    desired, note = None, ""
    changed: tuple[str, ...] = ()
    if hit is not None:
        body, labels = issue_body(session, issue, renderer, repo), issue_labels(session, issue)
        desired = content_hash(issue.title, body, labels)
        if issue.github_issue == hit.number or issue.number in adopted:
            changed = changes(hit, issue.title, body, labels)
        # re-attach: after the milestone was made again, a repair (milestone and labels never arrived: no
        # pushed hash), an adopted same-titled issue; an issue moved away by hand stays where it is
        unconfirmed = issue.number not in session.github.pushed_hashes or issue.number in adopted
        if (number is None or hit.milestone != number) and (plan.milestone.reattach or unconfirmed):
            plan.attach.add(issue.number)
            changed = (*changed, "milestone")
    kind = issue_type(issue, plan.types)
    if hit is not None and kind and hit.type != kind:
        changed = (*changed, "type")
    verb = issue_verb(session, issue, hit, desired)
    if verb == "unchanged" and (issue.number in plan.attach or "type" in changed):
        verb = "update"
    if issue.number in plan.twins:
        note = f"an issue with this title exists (#{plan.twins[issue.number]}, not ours): create anyway? " \
               "(--adopt-titles adopts it)"
    elif issue.number in adopted and hit is not None:
        note = f"an issue with this title exists (#{hit.number}, not ours): adopted (--adopt-titles)"
    if verb == "update" and hit is not None and "body" in changed and \
            edited_on_github(session.github.body_hashes.get(hit.number), hit):
        choice = choice_for(options, hit.number)
        if choice == "theirs":
            plan.theirs.add(issue.number)
            verb, note = "unchanged", "edited on GitHub: its text goes into the spec (--theirs)"
        elif choice == "ours":
            note = "edited on GitHub: overwritten by the spec (--ours)"
        else:
            conflict = EditConflict(issue.number, issue.key, hit.number, issue.title,
                                    issue_body(session, issue, renderer, repo), hit.body, hit.title)
            plan.conflicts.append(conflict)
            note = "edited on GitHub and in the spec: --theirs takes GitHub's text, --ours overwrites it"
    return Action("issue", verb, issue.title, issue.number, hit.number if hit else None,
                  changed if verb in {"update", "adopt"} else (), note)


async def read_status(target: Target, session: Session, options: SyncOptions | None = None) -> Session:
    """Read the milestone's issues into ``session`` (the caller saves it); GitHubError when not synced."""
    number = session.github.milestone_number
    if number is None:
        raise GitHubError(f"Milestone {session.milestone_id} is not on GitHub yet: run --sync first.")
    async with GitHubClient(target, options or SyncOptions()) as client:
        if await get_milestone(client, number) is None:
            raise GitHubError(f"Milestone #{number} is gone from {target.repo}: run --sync to make it again.")
        # conditional on the last read's ETags: GitHub answers an unchanged listing 304, free of rate limit
        listing = await read_listing(client, number, session.github.status_etags)
    if listing.issues is not None:
        apply_status(session, listing.issues, listing.etags)
    session.github.status_read = datetime.now(UTC)
    return session
