"""What the dashboard shows of its rows: the table's cells and column widths for the terminal's width, and
the detail pane of the highlighted milestone.

The columns fit the width they have: every column but the title takes the width its cells need (the
dependencies capped, as the detail pane lists them whole), and the title takes the rest, cut with ``…``. Below
``NARROW`` columns the headers and the date are shorter, so an 80-column terminal keeps the GitHub and
last-edited columns.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text

from milestone_tui.core.dashboard import DashboardRow
from milestone_tui.core.layout import EPIC_FILE, PLAN_FILE, SPEC_FILE

COLUMNS = ("ID", "Title", "Depends on", "Progress", "Artifacts", "GitHub", "Last edited")
SHORT_COLUMNS = ("ID", "Title", "Deps", "Done", "Files", "GitHub", "Edited")
NARROW = 100  # below this many columns: short headers and dates
TITLE = 1  # the title's column
DEPENDS = 2
DEPENDS_MAX = 12  # the dependency column's widest; the detail pane shows them all
GITHUB_NARROW = 22  # the GitHub column's widest below NARROW (``3/9 closed · 2 blocked``); the pane: all
TITLE_MIN = 8
PADDING = 2  # DataTable's cell padding, one each side
MARGINS = 2  # the table's margins
SCROLLBAR = 2  # the table's vertical scrollbar, when its rows do not fit


def truncate(text: str, width: int) -> str:
    """``text`` cut to ``width`` cells, ending in ``…`` when it was longer."""
    if cell_len(text) <= width:
        return text
    cut = Text(text)
    cut.truncate(max(1, width), overflow="ellipsis")
    return cut.plain


def fit_parts(line: str, width: int, sep: str = " · ") -> str:
    """The leading ``sep``-separated parts of ``line`` that fit ``width`` cells (at least the first)."""
    parts = line.split(sep)
    kept = parts[:1]
    for part in parts[1:]:
        if cell_len(sep.join([*kept, part])) > width:
            break
        kept.append(part)
    return sep.join(kept)


def progress_cell(row: DashboardRow) -> str:
    """``5/7``, with ◐ when a done phase has questions left (as the phase bar shows it)."""
    done, total = row.progress
    return f"{done}/{total}" + (" ◐" if row.partial else "")


def row_cells(row: DashboardRow, narrow: bool = False) -> tuple[str, ...]:
    """The table cells of one dashboard row (uncut)."""
    deps = ", ".join(dep.split(" ")[0] for dep in row.dependencies) or "—"
    stamp = "%m-%d %H:%M" if narrow else "%Y-%m-%d %H:%M"
    edited = row.last_edited.astimezone().strftime(stamp) if row.last_edited else "—"
    title = row.title if row.error is None else f"{row.title} ⚠ {row.error}"
    github = fit_parts(row.github, GITHUB_NARROW) if narrow else row.github
    return (row.display_id, title, deps, progress_cell(row), str(row.artifacts or "—"), github, edited)


def column_widths(width: int, cells: list[tuple[str, ...]], labels: tuple[str, ...],
                  scrollbar: bool = False) -> list[int]:
    """Each column's content width for a table ``width`` cells wide: the title gets what the others leave."""
    natural = [max([cell_len(label), *(cell_len(row[i]) for row in cells)]) for i, label in enumerate(labels)]
    natural[DEPENDS] = min(natural[DEPENDS], max(cell_len(labels[DEPENDS]), DEPENDS_MAX))
    others = sum(w for i, w in enumerate(natural) if i != TITLE) + PADDING * len(labels)
    room = width - MARGINS - (SCROLLBAR if scrollbar else 0) - others
    natural[TITLE] = max(TITLE_MIN, min(natural[TITLE], room))
    return natural


def table_rows(rows: list[DashboardRow], width: int,
               room: int = 0) -> tuple[list[tuple[str, int]], list[tuple[str, ...]]]:
    """(columns as (label, width), cells cut to them) for the terminal's ``width``, in a table that shows
    ``room`` rows (more rows: room for a scrollbar is kept)."""
    narrow = width < NARROW
    labels = SHORT_COLUMNS if narrow else COLUMNS
    cells = [row_cells(row, narrow) for row in rows]
    widths = column_widths(width, cells, labels, scrollbar=len(rows) > room)
    cut = [tuple(truncate(cell, widths[i]) for i, cell in enumerate(row)) for row in cells]
    return list(zip(labels, widths, strict=True)), cut


def detail_lines(row: DashboardRow) -> list[str]:
    """The detail pane: where the planner stopped, the dependencies in full, the artifacts, GitHub."""
    done, total = row.progress
    head = f"{row.display_id} {row.title}".strip()
    if row.error is not None:
        return [head, f"⚠ {row.error}"]
    if row.stopped_at is not None:
        where = row.stopped_at.label + (f", issue #{row.stopped_issue:02d}" if row.stopped_issue else "")
        state = f"stopped at {where} ({done}/{total} phases done)"
    elif row.report.has_work:
        state = f"{done}/{total} phases done (written by hand or by an older version)"
    else:
        state = "not started: enter or ctrl+n starts it, ctrl+g in quick mode"
    lines = [f"{head} · {state}"]
    if row.partial:
        lines.append(f"◐ questions left in: {', '.join(p.label for p in row.partial)}")
    if row.dependencies:
        lines.append(f"Depends on: {', '.join(row.dependencies)}")
    report = row.report
    if report.has_artifacts:
        names = [name for name, ok in ((EPIC_FILE, report.epic), (SPEC_FILE, report.spec))
                 if ok]
        if report.issue_files:
            count = len(report.issue_files)
            names.append(f"{count} issue spec{'s' if count != 1 else ''}")
        if report.plan:
            names.append(PLAN_FILE)
        lines.append(f"Artifacts: {', '.join(names)} (f3 views them)")
    if row.github_line:
        lines.append(row.github_line + (f" · {row.github_progress}" if row.github_progress else ""))
    return lines
