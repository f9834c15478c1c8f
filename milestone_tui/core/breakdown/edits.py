"""Editing operations on the issue breakdown: add, remove, rename, move, split, merge, set dependencies.

Every operation is pure: it returns a new list of new ``Issue`` objects and never mutates its input, so a
caller can undo by keeping the old list. After each one the issues are numbered 1..n in order, slugs are
unique, and ``depends_on`` is remapped to the new numbers. Internally each issue is tracked by a key that
survives renumbering; ``takeover`` says which entry inherits the dependents of an issue that is gone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from milestone_tui.core.breakdown.slugs import GENERIC, LEADING_VERBS, slugify
from milestone_tui.core.model import Issue


@dataclass
class _Entry:
    """One issue of the list being built: its stable key, its dependencies as keys, whether to re-slug."""

    key: str
    issue: Issue
    deps: list[str] = field(default_factory=list)
    reslug: bool = False


def _clean_title(title: str) -> str:
    cleaned = " ".join(title.split())
    if not cleaned:
        raise ValueError("An issue title cannot be empty.")
    return cleaned


def _index(issues: list[Issue], number: int) -> int:
    for i, issue in enumerate(issues):
        if issue.number == number:
            return i
    raise ValueError(f"There is no issue #{number}.")


def _entries(issues: list[Issue], takeover: dict[int, str | None] | None = None) -> list[_Entry]:
    """Entries for the existing issues; dependencies on a taken-over number follow ``takeover``."""
    takeover = takeover or {}
    out = []
    for issue in issues:
        deps = [takeover.get(d, f"#{d}") for d in issue.depends_on]
        out.append(_Entry(f"#{issue.number}", issue, [d for d in deps if d is not None]))
    return out


def _build(entries: list[_Entry]) -> list[Issue]:
    """Renumber 1..n, keep existing slugs where they stay unique, slug the rest, remap dependencies."""
    numbers = {e.key: i for i, e in enumerate(entries, 1)}
    taken: set[str] = set()
    slugs: dict[str, str] = {}
    for e in entries:  # existing slugs first, so file names (and published issues) do not move needlessly
        if not e.reslug and e.issue.slug and e.issue.slug not in taken:
            slugs[e.key] = e.issue.slug
            taken.add(e.issue.slug)
    for e in entries:
        if e.key not in slugs:
            slugs[e.key] = slugify(e.issue.title, taken)
            taken.add(slugs[e.key])
    result = []
    for e in entries:
        deps = sorted({numbers[k] for k in e.deps if k in numbers and k != e.key})
        update = {"number": numbers[e.key], "slug": slugs[e.key], "depends_on": deps}
        result.append(Issue.model_validate({**e.issue.model_dump(), **update}))
    return result


def make_issues(titles: list[str]) -> list[Issue]:
    """Fresh issues numbered 1..n with unique slugs."""
    entries = [_Entry(f"n{i}", Issue(number=1, title=_clean_title(t), slug="x"), reslug=True)
               for i, t in enumerate(titles)]
    return _build(entries)


def add_issue(issues: list[Issue], title: str, after: int | None = None) -> list[Issue]:
    """Insert a new issue after issue number ``after`` (None: at the end; 0: at the start)."""
    entries = _entries(issues)
    position = len(entries) if after is None else 0 if after == 0 else _index(issues, after) + 1
    entries.insert(position, _Entry("new", Issue(number=1, title=_clean_title(title), slug="x"), reslug=True))
    return _build(entries)


def remove_issue(issues: list[Issue], number: int) -> list[Issue]:
    """Drop one issue; the others stop depending on it."""
    position = _index(issues, number)
    entries = _entries(issues, {number: None})
    del entries[position]
    return _build(entries)


def rename_issue(issues: list[Issue], number: int, title: str) -> list[Issue]:
    """New title; the slug follows unless the issue has already been published (github_issue set)."""
    position = _index(issues, number)
    entries = _entries(issues)
    old = entries[position].issue
    entries[position].issue = old.model_copy(update={"title": _clean_title(title)})
    entries[position].reslug = old.github_issue is None
    return _build(entries)


def move_issue(issues: list[Issue], number: int, delta: int) -> list[Issue]:
    """Move up (delta<0) or down (delta>0), clamped."""
    position = _index(issues, number)
    entries = _entries(issues)
    entry = entries.pop(position)
    entries.insert(max(0, min(len(entries), position + delta)), entry)
    return _build(entries)


def split_issue(issues: list[Issue], number: int, first: str, second: str) -> list[Issue]:
    """Replace one issue by two (``Add Kafka consumer and storage service`` -> consumer, storage).

    The first part keeps the issue's criteria, notes, dependencies and GitHub number; the second depends on
    the first, and whatever depended on the old issue now depends on the second (the whole old work)."""
    position = _index(issues, number)
    entries = _entries(issues, {number: "part2"})
    old = entries[position]
    part1 = _Entry("part1", old.issue.model_copy(update={"title": _clean_title(first)}),
                   [d for d in old.deps if d != "part2"],
                   reslug=old.issue.github_issue is None)
    part2 = _Entry("part2", Issue(number=1, title=_clean_title(second), slug="x", phase=old.issue.phase,
                                  labels=list(old.issue.labels), source=old.issue.source), ["part1"],
                   reslug=True)  # both parts come from the same spec sentence
    entries[position:position + 1] = [part1, part2]
    return _build(entries)


def _join_titles(a: str, b: str) -> str:
    verb_a, verb_b = a.split()[0].lower(), b.split()[0].lower()
    if verb_a == verb_b and verb_a in LEADING_VERBS and len(b.split()) > 1:
        b = b.split(maxsplit=1)[1]
    return f"{a} and {b}"


def merge_issues(issues: list[Issue], number: int, other: int) -> list[Issue]:
    """Merge ``other`` into ``number``: titles joined, criteria and notes concatenated, deps united."""
    if number == other:
        raise ValueError(f"Cannot merge issue #{number} with itself.")
    keep, gone = _index(issues, number), _index(issues, other)
    entries = _entries(issues, {other: f"#{number}"})
    a, b = entries[keep], entries[gone]
    phases = [p for p in (a.issue.phase, b.issue.phase) if p is not None]
    merged = a.issue.model_copy(update={
        "title": _join_titles(a.issue.title, b.issue.title),
        "acceptance": list(dict.fromkeys([*a.issue.acceptance, *b.issue.acceptance])),
        "notes": "\n\n".join(n for n in (a.issue.notes.strip(), b.issue.notes.strip()) if n),
        "labels": list(dict.fromkeys([*a.issue.labels, *b.issue.labels])),
        "phase": min(phases) if phases else None,  # the earlier phase: the merged work must start there
        "github_issue": a.issue.github_issue if a.issue.github_issue is not None else b.issue.github_issue,
    })
    entries[keep] = _Entry(a.key, merged, [*a.deps, *b.deps], reslug=merged.github_issue is None)
    del entries[gone]
    return _build(entries)


def _path(issues: list[Issue], start: int, goal: int) -> list[int] | None:
    """A chain of ``depends_on`` links from ``start`` to ``goal`` (both included), or None."""
    graph = {i.number: i.depends_on for i in issues}
    trail: dict[int, int | None] = {start: None}
    queue = [start]
    while queue:  # breadth first, so the chain named in the error is the shortest one
        node = queue.pop(0)
        if node == goal:
            chain = [node]
            while (prev := trail[chain[-1]]) is not None:
                chain.append(prev)
            return chain[::-1]
        for dep in graph.get(node, []):
            if dep not in trail:
                trail[dep] = node
                queue.append(dep)
    return None


def set_depends_on(issues: list[Issue], number: int, deps: list[int]) -> list[Issue]:
    """Issue ``number`` now depends on exactly ``deps`` (other issues' numbers; order and repeats ignored).

    Refused with a one-line ``ValueError``: an unknown number, the issue itself, or a dependency that
    already (through others) depends on this issue, which would make a cycle."""
    position = _index(issues, number)
    wanted = sorted(set(deps))
    known = {i.number for i in issues}
    for dep in wanted:
        if dep == number:
            raise ValueError(f"Issue #{number} cannot depend on itself.")
        if dep not in known:
            raise ValueError(f"There is no issue #{dep}.")
        if (chain := _path(issues, dep, number)) is not None:
            loop = " → ".join(f"#{n}" for n in [number, *chain])
            raise ValueError(f"#{dep} already depends on #{number}: that would be a cycle ({loop}).")
    result = [issue.model_copy(deep=True) for issue in issues]
    result[position] = result[position].model_copy(update={"depends_on": wanted})
    return result


def suggest_split(title: str) -> tuple[str, str]:
    """A sensible default for split_issue's two titles (split on ``and`` / ``+`` / ``,``).

    ``Add Kafka consumer and storage service`` -> (``Add Kafka consumer service``, ``Add storage service``);
    ``Add TimescaleDB schema and migrations`` -> (``Add TimescaleDB schema``,
    ``Add TimescaleDB migrations``)."""
    words = title.split()
    verb = words[0] if words and words[0].lower() in LEADING_VERBS else ""
    rest = " ".join(words[1:]) if verb else title.strip()
    separators = r"\s+and\s+|\s*\+\s*|\s*,\s*|\s*&\s*"
    parts = [p.strip() for p in re.split(separators, rest, maxsplit=1) if p.strip()]
    if len(parts) < 2:
        return f"{title.strip()} (part 1)", f"{title.strip()} (part 2)"
    left, right = parts[0].split(), parts[1].split()
    if len(right) == 1 and len(left) > 1:  # "schema and migrations": the second borrows the qualifier
        right = [*left[:-1], *right]
    elif len(right) > 1 and right[-1].lower() in GENERIC and left[-1].lower() not in GENERIC:
        left = [*left, right[-1]]  # "consumer and storage service": the first borrows the head noun
    prefix = f"{verb} " if verb else ""
    return prefix + " ".join(left), prefix + " ".join(right)
