"""The emulator's Projects (v2) REST routes: a board's fields and items, for organisations and users.

``/orgs/{org}/projectsV2/{n}/fields`` (GET, POST a single-select field with its options),
``.../items`` (GET; POST ``{"type": "Issue", "id": issue_id}``, which answers the existing item when the
issue is already on the board, as GitHub does) and ``.../items/{item_id}`` (PATCH ``{"fields": [{"id",
"value"}]}``: a single-select value is an option id). Same under ``/users/{username}``. A test adds a board
with ``Emulator.add_project``.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from tests.support.emulator_routes import NOT_FOUND, Answer, page

if TYPE_CHECKING:
    from tests.support.emulator import Emulator

STAMP = "2025-01-02T03:04:05Z"
_option_ids = itertools.count(1)


@dataclass
class Project:
    """One board: fields (JSON), items (item id -> JSON), each item's issue id and field values."""

    owner: str
    number: int
    fields: list[dict[str, Any]] = field(default_factory=list)
    items: dict[int, dict[str, Any]] = field(default_factory=dict)
    issue_of: dict[int, int] = field(default_factory=dict)  # item id -> issue id
    values: dict[int, dict[int, Any]] = field(default_factory=dict)  # item id -> field id -> value


def option_json(name: str) -> dict[str, Any]:
    return {"id": f"opt{next(_option_ids)}", "name": {"raw": name, "html": name},
            "description": {"raw": "", "html": ""}, "color": "GRAY"}


def field_json(emu: Emulator, project: Project, name: str, options: list[str]) -> dict[str, Any]:
    return {"id": next(emu.ids), "node_id": "PVTSSF_x", "project_url": project_url(emu, project),
            "name": name, "data_type": "single_select", "options": [option_json(o) for o in options],
            "created_at": STAMP, "updated_at": STAMP}


def project_url(emu: Emulator, project: Project) -> str:
    return f"{emu.url}orgs/{project.owner}/projectsV2/{project.number}"


def item_json(emu: Emulator, project: Project, item_id: int) -> dict[str, Any]:
    values = [{"id": fid, "value": v} for fid, v in project.values.get(item_id, {}).items()]
    return {"id": item_id, "node_id": "PVTI_x", "project_url": project_url(emu, project),
            "content_type": "Issue", "creator": emu.user(), "created_at": STAMP, "updated_at": STAMP,
            "archived_at": None, "item_url": f"{project_url(emu, project)}/items/{item_id}", "fields": values}


def route(emu: Emulator, method: str, owner: str, number: int, rest: str, query: dict[str, str],
          body: dict[str, Any]) -> Answer:
    project = emu.projects.get((owner.lower(), number))
    if project is None:
        return NOT_FOUND
    base = f"/orgs/{owner}/projectsV2/{number}"
    if rest == "/fields" and method == "GET":
        return page(emu, f"{base}/fields", query, project.fields)
    if rest == "/fields" and method == "POST":
        names = [o["name"] for o in body.get("single_select_options", [])]
        made = field_json(emu, project, body["name"], names)
        project.fields.append(made)
        return 201, made, {}
    if rest == "/items" and method == "GET":
        return page(emu, f"{base}/items", query, [item_json(emu, project, i) for i in project.items])
    if rest == "/items" and method == "POST":
        issue_id = body.get("id")
        if not any(i["id"] == issue_id for repo in emu.repos.values() for i in repo.issues):
            return NOT_FOUND
        existing = next((item for item, iid in project.issue_of.items() if iid == issue_id), None)
        if existing is not None:
            return 200, item_json(emu, project, existing), {}
        item_id = next(emu.ids)
        project.items[item_id], project.issue_of[item_id] = {}, issue_id
        return 201, item_json(emu, project, item_id), {}
    if rest.startswith("/items/") and method == "PATCH":
        item_id = int(rest.rsplit("/", 1)[1])
        if item_id not in project.items:
            return NOT_FOUND
        for change in body.get("fields", []):
            known = next((f for f in project.fields if f["id"] == change.get("id")), None)
            if known is None or (known["data_type"] == "single_select" and
                                 change.get("value") not in {o["id"] for o in known["options"]}):
                return 422, {"message": "Validation Failed", "errors": [{"code": "invalid"}]}, {}
            project.values.setdefault(item_id, {})[known["id"]] = change["value"]
        return 200, item_json(emu, project, item_id), {}
    return NOT_FOUND


def phase_of(emu: Emulator, owner: str, number: int, issue_number: int,
             field_name: str = "Phase") -> str | None:
    """The option name the board shows for an issue (a test helper)."""
    project = emu.projects[(owner.lower(), number)]
    issue_id = next(i["id"] for repo in emu.repos.values() for i in repo.issues
                    if i["number"] == issue_number)
    item = next((item for item, iid in project.issue_of.items() if iid == issue_id), None)
    phase_field = next(f for f in project.fields if f["name"] == field_name)
    value = project.values.get(item, {}).get(phase_field["id"]) if item is not None else None
    return next((o["name"]["raw"] for o in phase_field["options"] if o["id"] == value), None)
