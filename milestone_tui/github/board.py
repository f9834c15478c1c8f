"""The plan on a Projects (v2) board, when asked for (``--project N``): every issue an item, and a
single-select field (``Phase`` by default) set to each issue's plan phase.

Through the REST item endpoints, on the board of the repository's owner (an organisation's, else the user's).
Kept idempotent like the rest: the session records each item's id (``github.project_items``) and the phase
last set (``github.project_phases``), so a re-run with nothing changed sends nothing, and GitHub answers an
issue already on the board with that item. A missing field is created with the options the plan needs;
REST cannot add options to an existing field, so an option it lacks is said in one line and skipped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from milestone_tui.core.model import Session
from milestone_tui.errors import GitHubError
from milestone_tui.github.client import GitHubClient
from milestone_tui.github.events import SyncHost

DEFAULT_FIELD = "Phase"


@dataclass
class Board:
    """The board as read: its Phase field (id and option name -> option id) and what the plan needs."""

    project: int
    org: bool
    field_id: int | None = None
    options: dict[str, str] = field(default_factory=dict)
    wanted: dict[int, str] = field(default_factory=dict)  # GitHub number -> phase name
    members: list[int] = field(default_factory=list)  # every issue to put on the board (specs, the epic)
    notes: list[str] = field(default_factory=list)

    def lines(self, session: Session) -> list[str]:
        """The dry run's lines: ``add #305 to project 7``, ``set Phase=Phase 2 on #305``."""
        gh, name = session.github, session.github.project_field or DEFAULT_FIELD
        out = [f"create field {name} on project {self.project}"] if self.field_id is None else []
        out += [f"add #{n} to project {self.project}" for n in self.members if n not in gh.project_items]
        out += [f"add {i.key} to project {self.project}" for i in session.issues if i.github_issue is None]
        out += [f"set {name}={phase} on #{n}" for n, phase in self.wanted.items()
                if gh.project_phases.get(n) != phase]
        return out


def _where(client: GitHubClient, board: Board) -> dict[str, Any]:
    owner = client.target.owner
    return {"org": owner} if board.org else {"username": owner}


def _api(client: GitHubClient, board: Board, name: str) -> Any:
    return getattr(client.rest.projects, f"async_{name}_{'org' if board.org else 'user'}")


def phase_names(session: Session) -> dict[int, str]:
    """GitHub number -> the plan phase's name, for every spec issue on GitHub with a phase."""
    phases = session.plan.phases
    return {i.github_issue: phases[i.phase - 1].name for i in session.issues
            if i.github_issue is not None and i.phase and i.phase <= len(phases)}


async def read_board(client: GitHubClient, session: Session, project: int, org: bool) -> Board:
    """The board's field and options (reads only; also the dry run's source)."""
    board = Board(project, org, wanted=phase_names(session))
    board.members = [i.github_issue for i in session.issues if i.github_issue is not None]
    if session.github.epic_issue is not None:
        board.members.append(session.github.epic_issue)
    name = (session.github.project_field or DEFAULT_FIELD).casefold()

    async def fetch() -> list[Any]:
        resp = await _api(client, board, "list_fields_for")(project_number=project, per_page=100,
                                                            **_where(client, board))
        return list(resp.parsed_data)

    try:
        fields = await client.call(f"reading project {project}'s fields", fetch)
    except GitHubError as exc:
        if exc.status == 404:
            raise GitHubError(f"Project {project} of {client.target.owner} not found (404): check --project, "
                              "or give the token the 'project' scope.", 404) from None
        raise
    found = next((f for f in fields if f.name.casefold() == name and f.data_type == "single_select"), None)
    if found is not None:
        board.field_id = int(found.id)
        board.options = {_text(o.name): str(o.id) for o in (found.options or [])}
        phases = session.plan.phases  # every phase the plan uses, on GitHub yet or not
        used = {phases[i.phase - 1].name for i in session.issues if i.phase and i.phase <= len(phases)}
        for phase in sorted(used - set(board.options)):
            board.notes.append(f"project {project}: field {found.name} has no option {phase!r} (REST cannot "
                               "add one): add it on GitHub; those issues are left unset")
    return board


def _text(name: Any) -> str:
    """An option's name: GitHub sends ``{"raw": ..., "html": ...}``."""
    return str(getattr(name, "raw", name))


async def sync_board(client: GitHubClient, host: SyncHost, board: Board, on_write: Any) -> None:
    """Create the field if needed, add every issue, set each one's phase; save after each write."""
    session, gh = host.session, host.session.github
    where, project = _where(client, board), board.project
    if board.field_id is None:
        names = list(dict.fromkeys(p.name for p in session.plan.phases))

        async def create() -> Any:
            options = [{"name": n, "color": "GRAY", "description": ""} for n in names]
            return (await _api(client, board, "add_field_for")(
                project_number=project, name=gh.project_field or DEFAULT_FIELD, data_type="single_select",
                single_select_options=options, **where)).parsed_data

        what = f"creating the {DEFAULT_FIELD} field on project {project}"
        made = await client.call(what, create, write=True)
        board.field_id = int(made.id)
        board.options = {_text(o.name): str(o.id) for o in (made.options or [])}
        on_write()
    board.wanted = phase_names(session)  # the issues made since the board was read are on GitHub now
    board.members = [*[i.github_issue for i in session.issues if i.github_issue], *(
        [gh.epic_issue] if gh.epic_issue else [])]
    ids = {i.github_issue: i.github_id for i in session.issues if i.github_issue and i.github_id}
    if gh.epic_issue and gh.epic_id:
        ids[gh.epic_issue] = gh.epic_id
    for number in board.members:
        if number in gh.project_items or number not in ids:
            continue

        async def add(issue_id: int = ids[number]) -> Any:
            return (await _api(client, board, "add_item_for")(project_number=project, type="Issue",
                                                              id=issue_id, **where)).parsed_data

        item = await client.call(f"adding #{number} to project {project}", add, write=True)
        gh.project_items = {**gh.project_items, number: int(item.id)}
        on_write()
        host.save()
    for number, phase in board.wanted.items():
        option = board.options.get(phase)
        if gh.project_phases.get(number) == phase or option is None or number not in gh.project_items:
            continue

        async def set_phase(item_id: int = gh.project_items[number], value: str = option) -> None:
            await _api(client, board, "update_item_for")(project_number=project, item_id=item_id,
                                                         fields=[{"id": board.field_id, "value": value}],
                                                         **where)

        await client.call(f"setting {DEFAULT_FIELD} on #{number}", set_phase, write=True)
        gh.project_phases = {**gh.project_phases, number: phase}
        on_write()
        host.save()
