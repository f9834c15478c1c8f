"""Parsing artifacts back into the session: the reverse of the templates, lenient with hand-written files.

Headings match case-insensitively at any level, with or without a trailing colon, under several names
("Problem" / "Problem Statement", "Out of Scope" / "Non-goals" ...). Issue files may lack frontmatter: the
number and slug then come from the file name (``NN-slug.md``) and the title from the first heading.
Everything here is re-exported by :mod:`milestone_tui.core.artifacts.render`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from milestone_tui.core import files, safe_yaml
from milestone_tui.core.artifacts import markdown as mdtext
from milestone_tui.core.layout import EPIC_FILE, ISSUE_FILE_RE, PLAN_FILE, SPEC_FILE
from milestone_tui.core.model import MAX_DIGITS, EpicAnswers, Issue, Plan, PlanPhase, Session, SpecAnswers
from milestone_tui.core.phases import Phase
from milestone_tui.errors import ArtifactError, YAMLLimitError

# Lines in a phase goal that would read as one of the plan's issue lines, or as its empty-phase placeholder.
PLAN_ITEM_RE = re.compile(r"(?:[-*+]|\d+[.)])[ \t]+(?:\[[ xX]\][ \t]+)?#\d")
NO_ISSUES = "_No issues in this phase._"
GOAL_EXTRA = re.compile(PLAN_ITEM_RE.pattern + "|" + re.escape(NO_ISSUES) + r"[ \t]*$")

MAX_FRONTMATTER_CHARS = 256 * 1024


def _aliases(table: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {alias: key for key, names in table.items() for alias in names}


EPIC_ALIASES = _aliases({
    "problem": ("problem", "problem statement", "the problem", "primary problem"),
    "users": ("users", "primary users", "target users", "who", "user", "audience"),
    "success": ("success", "success criteria", "success metrics", "definition of done",
                "what success looks like"),
    "out_of_scope": ("out of scope", "out-of-scope", "non-goals", "non goals", "nongoals", "not in scope"),
})
SPEC_ALIASES = _aliases({
    "architecture": ("architecture", "high-level architecture", "high level architecture", "overview"),
    "data_models": ("data models", "data model", "schemas", "schema", "data models and schemas"),
    "tradeoffs": ("tradeoffs", "trade-offs", "trade offs", "key tradeoffs", "key trade-offs",
                  "key technical tradeoffs"),
    "technology": ("technology", "technology choices", "tech stack", "technologies", "technology stack"),
})
ISSUE_ALIASES = _aliases({
    "acceptance": ("acceptance criteria", "acceptance", "criteria"),
    "notes": ("notes", "implementation notes", "details", "description"),
    "dependencies": ("dependencies", "depends on", "dependency"),
})
PLAN_ALIASES = _aliases({"phases": ("phases", "implementation phases"),
                         "unassigned": ("unassigned", "unplanned", "backlog")})

_ITEM_RE = re.compile(r"^ ?(?:[-*+]|\d+[.)])(?:[ \t]+(?:\[[ xX]\](?:[ \t]+|$))?(.*)|$)")
_PLAN_LINE_RE = re.compile(r"^ {0,3}(?:[-*+]|\d+[.)])[ \t]+(?:\[[ xX]\][ \t]+)?#(\d{1,9})(?!\d)")
_PHASE_RE = re.compile(r"^phase\s+(\d+)\b\s*(?:[:.\u2013\u2014-]\s*)?(.*)$", re.I | re.S)
_GOAL_LABEL = re.compile(r"^\*{0,2}goal\*{0,2}\s*:\s*\*{0,2}[ \t]*(.*)$", re.I)
_META_RE = re.compile(r"^\s*(?:[-*+]\s+)?(?:\*\*|__)?(branch|scope tags|scope|tags)(?:\*\*|__)?"
                      r"\s*:\s*(?:\*\*|__)?\s*(.*)$", re.I)


def _doc(text: str) -> tuple[list[str], list[bool]]:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return lines, mdtext.fence_mask(lines)[0]


def _answers(text: str, aliases: dict[str, str]) -> dict[str, str]:
    lines, mask = _doc(text)
    return {key: mdtext.unescape_block(lines[a:b], mask[a:b])
            for key, (a, b) in mdtext.sections(lines, mask, aliases).items()}


def parse_epic(text: str) -> EpicAnswers:
    return EpicAnswers(**_answers(text, EPIC_ALIASES))


def parse_spec(text: str) -> SpecAnswers:
    return SpecAnswers(**_answers(text, SPEC_ALIASES))


def split_frontmatter(text: str) -> tuple[dict[str, Any] | None, str]:
    """(frontmatter mapping or None, the rest). A malformed block is an ArtifactError, not a guess."""
    text = text.lstrip("\ufeff")
    if not text.startswith("---"):
        return None, text
    lines = text.replace("\r\n", "\n").split("\n")
    if lines[0].rstrip() != "---":
        return None, text
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        raise ArtifactError("frontmatter starts with --- but never ends")
    try:
        data = safe_yaml.load("\n".join(lines[1:end]), max_chars=MAX_FRONTMATTER_CHARS)
    except YAMLLimitError as exc:
        raise ArtifactError(f"frontmatter refused: {exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        raise ArtifactError(f"invalid YAML frontmatter{where}: {getattr(exc, 'problem', exc)}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ArtifactError("frontmatter is not a mapping of keys to values")
    return data, "\n".join(lines[end + 1:])


def _number(value: Any, what: str, digits: int = MAX_DIGITS) -> int | None:
    """Lenient integers: 3, "03", "#03", "m5-03" -> 3; None/"" -> None; at most ``digits`` digits."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ArtifactError(f"{what}: expected a number, got {value!r}")
    if isinstance(value, int):
        if not 0 <= value < 10**digits:
            raise ArtifactError(f"{what}: {str(value)[:12]}… is not an issue number")
        return value
    m = re.search(r"(\d+)\s*$", str(value))
    if m is None:
        raise ArtifactError(f"{what}: expected a number, got {str(value)[:40]!r}")
    if len(m.group(1)) > digits:
        raise ArtifactError(f"{what}: {m.group(1)[:12]}… ({len(m.group(1))} digits) is not an issue number")
    return int(m.group(1))


def _numbers(value: Any, what: str) -> list[int]:
    if value is None:
        return []
    items = value if isinstance(value, list) else re.split(r"[,\s]+", str(value).strip())
    return [n for n in (_number(v, what) for v in items if v not in ("", None)) if n is not None]


def _labels(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v) for v in value]
    return [s.strip() for s in str(value).split(",") if s.strip()]


def _kebab(text: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", text.lower())[:6]) or "issue"


def _list_items(lines: list[str], mask: list[bool]) -> list[str]:
    """List items of a section (``- [ ]``, ``- [x]``, ``-``, ``*``, ``1.``); indented or lazy lines
    continue the item before them."""
    items: list[list[str]] = []
    for line, fenced in zip(lines, mask, strict=True):
        m = None if fenced else _ITEM_RE.match(line)
        if m is not None:
            items.append([m.group(1) or ""])
        elif items and line.strip():
            items[-1].append(line)
    return [s for s in (mdtext.unescape_item(item) for item in items) if s]


def parse_issue(text: str, filename: str | None = None) -> Issue:
    """An issue spec; ``filename`` (``NN-slug.md``) supplies number and slug when there is no frontmatter."""
    meta, body = split_frontmatter(text)
    meta = meta or {}
    lines, mask = _doc(body)
    fm = ISSUE_FILE_RE.match(Path(filename).name) if filename else None
    heading = next((t for _, level, t in mdtext.headings(lines, mask) if level == 1), None)
    heading = heading or next((t for _, _, t in mdtext.headings(lines, mask)), "")
    number = _number(meta.get("number"), "number") or _number(meta.get("id"), "id")
    if fm and number is not None and number != int(fm.group(1)):
        # The file name is the issue's identity: a number edited in the frontmatter alone would make a
        # second issue (or one that can have no file); renumbering is renaming the file.
        raise ArtifactError(f"number {number} in the frontmatter does not match the file name "
                            f"({fm.group(1)}); put the number back, or rename the file to renumber the issue")
    if number is None and fm:
        number = int(fm.group(1))
    head_no = re.match(r"^#?(\d{1,9})\s*[:.)\u2013\u2014-]\s*(.*)$", heading)
    if number is None and head_no:
        number = int(head_no.group(1))
    if number is None:
        raise ArtifactError(f"{filename or 'issue'}: no issue number (frontmatter id, file name or heading)")
    title = meta.get("title")
    if title is None:
        title = head_no.group(2) if head_no else heading
    slug = meta.get("slug") or (fm.group(2) if fm else _kebab(str(title)))
    found = mdtext.sections(lines, mask, ISSUE_ALIASES)
    notes = ""
    acc_list: list[str] = []
    if "acceptance" in found:
        a, b = found["acceptance"]
        acc_list = _list_items(lines[a:b], mask[a:b])
    if "notes" in found:
        a, b = found["notes"]
        notes = mdtext.unescape_block(lines[a:b], mask[a:b])
    if "depends_on" in meta:
        depends = _numbers(meta["depends_on"], "depends_on")
    elif "dependencies" in found:
        a, b = found["dependencies"]
        depends = [n for line in lines[a:b] if (m := re.search(r"#(\d+)", line))
                   and (n := _number(m.group(1), "dependencies")) is not None]
    else:
        depends = []
    try:
        return Issue(number=number, title=str(title), slug=str(slug), acceptance=acc_list, notes=notes,
                     depends_on=depends, labels=_labels(meta.get("labels")),
                     phase=_number(meta.get("phase"), "phase"),
                     github_issue=_number(meta.get("github_issue"), "github_issue"),
                     source=str(meta.get("source") or ""),
                     github_id=_number(meta.get("github_id"), "github_id", digits=19),  # a 64-bit id
                     issue_type=str(meta["type"]).strip() or None if meta.get("type") else None)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(map(str, first["loc"]))
        raise ArtifactError(f"{filename or 'issue'}: {where}: {first['msg']}") from None


def _meta_value(key: str, value: str, plan: dict[str, Any]) -> None:
    value = value.strip()
    spans = mdtext.code_spans(value)
    if key == "branch" and "branch" not in plan:
        placeholder = value.startswith("_") and value.endswith("_")
        plan["branch"] = "" if placeholder else (spans[0] if spans else value)
    elif key in ("scope tags", "scope", "tags") and "scope_tags" not in plan:
        if value.startswith("_") and value.endswith("_"):
            plan["scope_tags"] = []
        else:
            plan["scope_tags"] = spans or [s.strip() for s in value.split(",") if s.strip()]


def _parse_plan_full(text: str) -> tuple[Plan, dict[int, int], set[int]]:
    lines, mask = _doc(text)
    hs = mdtext.headings(lines, mask)
    phases: list[PlanPhase] = []
    assignment: dict[int, int] = {}
    unassigned: set[int] = set()
    inside = [False] * len(lines)  # lines that belong to a phase or unassigned section
    under_phases: int | None = None  # level of a "## Phases" heading we are below
    for n, (i, level, title) in enumerate(hs):
        key = mdtext.heading_key(title)
        if under_phases is not None and level <= under_phases:
            under_phases = None
        if PLAN_ALIASES.get(key) == "phases":
            under_phases = level
            continue
        m = _PHASE_RE.match(title)
        is_unassigned = PLAN_ALIASES.get(key) == "unassigned"
        if not (m or is_unassigned or under_phases is not None):
            continue
        end = next((j for j, lv, _ in hs[n + 1:] if lv <= level), len(lines))
        for j in range(i, end):
            inside[j] = True
        body = [(j, lines[j]) for j in range(i + 1, end)]
        numbers = [int(mm.group(1)) for j, line in body if not mask[j] and (mm := _PLAN_LINE_RE.match(line))]
        if is_unassigned and not m:
            unassigned.update(numbers)
            continue
        goal_lines = [(j, line) for j, line in body if mask[j] or not (
            _PLAN_LINE_RE.match(line) or line.strip() == NO_ISSUES)]
        while goal_lines and not goal_lines[0][1].strip():
            goal_lines.pop(0)
        if goal_lines and not mask[goal_lines[0][0]]:
            label = _GOAL_LABEL.match(goal_lines[0][1])
            if label:
                rest = label.group(1)
                goal_lines[0] = (goal_lines[0][0], rest) if rest.strip() else (goal_lines[0][0], "")
        goal = mdtext.unescape_block([line for _, line in goal_lines], [mask[j] for j, _ in goal_lines],
                                     GOAL_EXTRA, placeholder=False)
        # "### Phase 2" alone is a phase named "Phase 2" (the template leaves the name out when it repeats).
        name = (m.group(2).strip() or f"Phase {m.group(1)}") if m else title.strip()
        phases.append(PlanPhase(name=name, goal=goal))
        for number in numbers:
            assignment.setdefault(number, len(phases))
    found: dict[str, Any] = {}
    for j, line in enumerate(lines):
        if not inside[j] and not mask[j] and (mm := _META_RE.match(line)):
            _meta_value(mm.group(1).lower(), mm.group(2), found)
    sections = mdtext.sections(lines, mask, {"branch": "branch", "scope tags": "scope tags"})
    for key, (a, b) in sections.items():
        first = next((line for line in lines[a:b] if line.strip()), "")
        _meta_value(key, first, found)
    return Plan(phases=phases, **found), assignment, unassigned


def parse_plan(text: str) -> tuple[Plan, dict[int, int]]:
    """(plan, issue number -> 1-based phase)."""
    plan, assignment, _ = _parse_plan_full(text)
    return plan, assignment


def _read(path: Path) -> str:
    try:
        return files.read_bytes(path).decode("utf-8")  # no newline translation: bytes as written
    except OSError as exc:
        raise ArtifactError(f"cannot read {path.name}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise ArtifactError(f"cannot read {path.name}: not UTF-8 text") from None


def read_folder(folder: Path, milestone_id: str) -> Session:
    """A session from the markdown files in a folder (hand-written or CLI-written); phases with a file are
    marked done."""
    session = Session(milestone_id=milestone_id)
    names = files.regular_files(folder)  # links are skipped: what they point at is not the milestone's
    if EPIC_FILE in names:
        session.epic = parse_epic(_read(folder / EPIC_FILE))
        session.mark_done(Phase.EPIC)
    if SPEC_FILE in names:
        session.spec = parse_spec(_read(folder / SPEC_FILE))
        session.mark_done(Phase.SPEC)
    issues: dict[int, tuple[str, Issue]] = {}
    for path in (folder / name for name in names):
        m = ISSUE_FILE_RE.match(path.name)
        if not m or int(m.group(1)) == 0:
            continue
        try:
            issue = parse_issue(_read(path), path.name)
        except ArtifactError as exc:
            raise ArtifactError(f"{path.name}: {exc}") from None
        if issue.number in issues:
            raise ArtifactError(f"two files for issue {issue.key}: {issues[issue.number][0]} and {path.name}")
        issues[issue.number] = (path.name, issue)
    session.issues = [issue for _, (_, issue) in sorted(issues.items())]
    if session.issues:
        session.mark_done(Phase.BREAKDOWN)
        session.mark_done(Phase.ISSUES)
    if PLAN_FILE in names:
        plan, assignment, unassigned = _parse_plan_full(_read(folder / PLAN_FILE))
        session.plan = plan
        for issue in session.issues:  # the plan wins over the issue files' phase when it lists the issue
            if issue.number in assignment:
                issue.phase = assignment[issue.number]
            elif issue.number in unassigned:
                issue.phase = None
        session.mark_done(Phase.PLAN)
    session.current = session.first_missing_phase
    return session
