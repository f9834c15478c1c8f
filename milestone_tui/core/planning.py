"""The implementation plan: phases, branch, scope tags, and the dependency check.

Phases come from a free-text answer (``Phase 1: endpoint + rate limiting + schema. Phase 2: ...``) whose items
are matched to issues by number or by the words of their titles, or from quick mode's two-phase default. The
dependency check and the mermaid diagram read the session; nothing here imports Textual.
"""

from __future__ import annotations

import re

from milestone_tui.core.breakdown.slugs import ascii_words
from milestone_tui.core.model import MAX_DIGITS, Issue, PlanPhase, Session

_BRANCH_STOPWORDS = {"a", "an", "the", "and", "or", "of", "for", "to", "in", "on", "with"}
_BAD_BRANCH_CHARS = "~^:?*[\\"


def propose_branch(session: Session) -> str:
    """``milestone/m5-detection-ingest`` from the milestone id and the first two significant title words."""
    words = [w.lower() for w in ascii_words(session.title) if w.lower() not in _BRANCH_STOPWORDS][:2]
    key = "-".join(ascii_words(session.milestone_id)).lower() or "milestone"
    return "milestone/" + "-".join([key, *words])


def branch_error(name: str) -> str | None:
    """None when ``name`` is a valid git branch name (git check-ref-format rules), else one line why."""
    if not name:
        return "The branch name is empty."
    if any(ch.isspace() for ch in name):
        return "A branch name cannot contain spaces."
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in name):
        return "A branch name cannot contain control characters."
    bad = next((ch for ch in name if ch in _BAD_BRANCH_CHARS), None)
    if bad:
        return f"A branch name cannot contain '{bad}'."
    checks = [
        (".." in name, "A branch name cannot contain '..'."),
        ("@{" in name, "A branch name cannot contain '@{'."),
        (name == "@", "A branch name cannot be '@'."),
        (name.startswith("-"), "A branch name cannot start with '-'."),
        (name.startswith("/") or name.endswith("/"), "A branch name cannot start or end with '/'."),
        ("//" in name, "A branch name cannot contain '//'."),
        (name.endswith("."), "A branch name cannot end with '.'."),
        (any(p.startswith(".") for p in name.split("/")), "No part of a branch name can start with '.'."),
        (any(p.endswith(".lock") for p in name.split("/")), "No part of a branch name can end with '.lock'."),
    ]
    return next((why for failed, why in checks if failed), None)


def is_tests(issue: Issue) -> bool:
    """The tests issue (it carries no metric of its own and always goes last)."""
    return re.search(r"\btests?\b|\btesting\b", issue.title, re.IGNORECASE) is not None


def default_phases(issues: list[Issue]) -> tuple[list[PlanPhase], dict[int, int]]:
    """Quick mode's 2-phase plan: (phases, issue number -> 1-based phase).

    The first half (rounded up) lays the foundations, the rest builds on it; test issues always go last."""
    if not issues:
        return [], {}
    if len(issues) == 1:
        return [PlanPhase(name="Phase 1", goal="Deliver the milestone")], {issues[0].number: 1}
    half = (len(issues) + 1) // 2
    assignment = {
        issue.number: 1 if i < half and not is_tests(issue) else 2 for i, issue in enumerate(issues)
    }
    if all(p == 2 for p in assignment.values()):  # only test issues: keep two meaningful phases anyway
        assignment[issues[0].number] = 1
    tested = any(is_tests(issue) for issue in issues)
    phases = [
        PlanPhase(name="Phase 1", goal="Foundations"),
        PlanPhase(name="Phase 2", goal="Features and tests" if tested else "Features"),
    ]
    return phases, assignment


# -- parsing the free-text phase answer --------------------------------------------------------------------
_PHASE_MARK = re.compile(r"\bphase\s*(\d+)\s*[:.)\-–—]", re.IGNORECASE)
_ITEM_SPLIT = re.compile(r"\s*(?:\+|,|;|&|\band\b|\n)\s*", re.IGNORECASE)
_WORD_NOISE = {"add", "the", "a", "an", "and", "of", "for", "to", "with", "issue", "issues"}


def _stem(word: str) -> str:
    word = word.lower()
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _tokens(text: str) -> set[str]:
    return {_stem(w) for w in ascii_words(text) if w.lower() not in _WORD_NOISE}


def _segments(text: str) -> list[tuple[str, str]]:
    """``(phase name, items text)`` per phase: ``Phase N:`` markers, else one line per phase."""
    marks = list(_PHASE_MARK.finditer(text))
    if marks:
        ends = [m.start() for m in marks[1:]] + [len(text)]
        return [(f"Phase {m.group(1)}", text[m.end():end]) for m, end in zip(marks, ends, strict=True)]
    lines = [ln.strip(" -*\t") for ln in text.splitlines()]
    out = []
    for i, line in enumerate(ln for ln in lines if ln):
        name, sep, items = line.partition(":")
        out.append((name.strip(), items) if sep and name.strip() else (f"Phase {i + 1}", line))
    return out


def _numbers(item: str, known: set[int]) -> list[int] | None:
    """``#3``, ``3``, ``#1-#3``: explicit issue numbers, or None when the item is words."""
    match = re.fullmatch(r"#?(\d+)(?:\s*(?:-|–|to)\s*#?(\d+))?", item.strip())
    if not match:
        return None
    if max(len(match.group(1)), len(match.group(2) or "")) > MAX_DIGITS:
        return []  # no issue has a number that long (and int() would refuse 5000 digits)
    low, high = int(match.group(1)), int(match.group(2) or match.group(1))
    return sorted(n for n in known if low <= n <= high)  # never a walk over a huge range


def parse_phase_answer_report(
    text: str, issues: list[Issue]
) -> tuple[list[PlanPhase], dict[int, int], list[str]]:
    """Like ``parse_phase_answer``, plus the items that matched no issue (to show the user)."""
    known = {i.number for i in issues}
    vocab = {i.number: _tokens(f"{i.title} {i.slug}") for i in issues}
    phases: list[PlanPhase] = []
    assignment: dict[int, int] = {}
    pending: list[tuple[int, set[int]]] = []  # (phase, best candidates): resolved after the clear matches
    unmatched: list[str] = []
    for name, items_text in _segments(text):
        items = [it.strip(" .") for it in _ITEM_SPLIT.split(items_text.strip().rstrip(".")) if it.strip(" .")]
        phases.append(PlanPhase(name=name, goal=" + ".join(items)))
        index = len(phases)
        for item in items:
            numbers = _numbers(item, known)
            if numbers is not None:
                for n in numbers:
                    assignment.setdefault(n, index)
                continue
            words = _tokens(item)
            scores = {n: len(words & toks) for n, toks in vocab.items()}
            best = max(scores.values(), default=0)
            if best == 0:
                unmatched.append(item)
                continue
            # Fewer title words: a closer match ("endpoint" is the ingest endpoint, not "metrics endpoints").
            tight = min(len(vocab[n]) for n, s in scores.items() if s == best)
            pending.append((index, {n for n, s in scores.items() if s == best and len(vocab[n]) == tight}))
    # Clear matches first; then ties go to a candidate nobody else claimed, lowest number first.
    changed = True
    while changed:
        changed = False
        for entry in list(pending):
            index, candidates = entry
            free = candidates - assignment.keys()
            if len(candidates) == 1 or len(free) == 1:
                assignment.setdefault(min(free or candidates), index)
                pending.remove(entry)
                changed = True
    for index, candidates in pending:
        unclaimed = sorted(candidates - assignment.keys())
        assignment.setdefault(unclaimed[0] if unclaimed else min(candidates), index)
    return phases, assignment, unmatched


def parse_phase_answer(text: str, issues: list[Issue]) -> tuple[list[PlanPhase], dict[int, int]]:
    """The seed's free-text answer (``Phase 1: endpoint + rate limiting + schema. Phase 2: ...``) ->
    phases and assignments, matching each item to an issue by number or by words of its title."""
    phases, assignment, _ = parse_phase_answer_report(text, issues)
    return phases, assignment


def apply_phases(session: Session, phases: list[PlanPhase], assignment: dict[int, int]) -> None:
    """Set session.plan.phases and each issue's ``phase`` (None for an issue the assignment leaves out)."""
    session.plan.phases = [p.model_copy() for p in phases]
    for issue in session.issues:
        phase = assignment.get(issue.number)
        issue.phase = phase if phase is not None and 1 <= phase <= len(phases) else None


# -- checks and the diagram --------------------------------------------------------------------------------
def _label(issue: Issue) -> str:
    return f"#{issue.number} {issue.title}"


def _cycles(graph: dict[int, list[int]]) -> list[list[int]]:
    """Each dependency cycle once, as a path starting at its lowest number (``[2, 4, 2]``)."""
    found: dict[tuple[int, ...], list[int]] = {}
    state: dict[int, int] = {}  # 1: on the current path, 2: finished
    path: list[int] = []

    def visit(node: int) -> None:
        state[node] = 1
        path.append(node)
        for nxt in graph.get(node, []):
            if state.get(nxt) == 1:
                loop = path[path.index(nxt):]
                start = loop.index(min(loop))
                loop = loop[start:] + loop[:start]
                found.setdefault(tuple(loop), [*loop, loop[0]])
            elif nxt in graph and state.get(nxt) is None:
                visit(nxt)
        path.pop()
        state[node] = 2

    for node in sorted(graph):
        if state.get(node) is None:
            visit(node)
    return list(found.values())


def dependency_problems(session: Session) -> list[str]:
    """Cycles, unknown issue numbers, and an issue in an earlier phase depending on a later one."""
    issues = {i.number: i for i in session.issues}
    problems: list[str] = []
    graph: dict[int, list[int]] = {}
    for issue in session.issues:
        graph[issue.number] = []
        for dep in issue.depends_on:
            if dep == issue.number:
                problems.append(f"{_label(issue)} depends on itself.")
            elif dep not in issues:
                problems.append(f"{_label(issue)} depends on #{dep}, which does not exist.")
            else:
                graph[issue.number].append(dep)
        if issue.phase is not None and not 1 <= issue.phase <= len(session.plan.phases):
            problems.append(f"{_label(issue)} is in phase {issue.phase}, but the plan has "
                            f"{len(session.plan.phases)} phase(s).")
    for loop in _cycles(graph):
        # Edges point from an issue to what it depends on, so the path reads "#2 needs #4 needs #2".
        path = " -> ".join(f"#{n}" for n in loop)
        problems.append(f"Dependency cycle: {path} (each depends on the next).")
    for issue in session.issues:
        for dep in graph[issue.number]:
            other = issues[dep]
            if issue.phase is not None and other.phase is not None and other.phase > issue.phase:
                problems.append(f"{_label(issue)} (phase {issue.phase}) depends on {_label(other)}, "
                                f"which is in a later phase ({other.phase}).")
    return problems


_MERMAID_ESCAPES = {"#": "#35;", '"': "#quot;", "<": "#lt;", ">": "#gt;", "&": "#amp;", "`": "#96;"}


def mermaid_text(text: str) -> str:
    """User text made safe inside a quoted mermaid label: entity codes for the characters mermaid (or the
    surrounding markdown fence) would interpret, and one line."""
    flat = " ".join(text.split())
    return "".join(_MERMAID_ESCAPES.get(ch, ch) for ch in flat)


def mermaid(session: Session) -> str:
    """A mermaid ``flowchart`` of phases (subgraphs) and dependencies (edges) that GitHub renders."""
    lines = ["flowchart TD"]

    def node(issue: Issue) -> str:
        return f'i{issue.number}["#{issue.number:02d} {mermaid_text(issue.title)}"]'

    for index, phase in enumerate(session.plan.phases, 1):
        title = phase.name if not phase.goal else f"{phase.name}: {phase.goal}"
        lines.append(f'  subgraph p{index}["{mermaid_text(title)}"]')
        lines.extend(f"    {node(issue)}" for issue in session.phase_issues(index))
        lines.append("  end")
    in_phase = range(1, len(session.plan.phases) + 1)
    lines.extend(f"  {node(issue)}" for issue in session.issues if issue.phase not in in_phase)
    known = {i.number for i in session.issues}
    for issue in session.issues:
        # An edge from the dependency to the dependent: the arrow reads "comes before".
        lines.extend(f"  i{dep} --> i{issue.number}" for dep in issue.depends_on
                     if dep in known and dep != issue.number)
    return "\n".join(lines) + "\n"


def _unique_labels(names: list[str]) -> list[str]:
    """Stripped, non-empty, de-duplicated case-insensitively (GitHub compares label names that way)."""
    seen: set[str] = set()
    out: list[str] = []
    for name in (n.strip() for n in names):
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            out.append(name)
    return out


def issue_labels(session: Session, issue: Issue) -> list[str]:
    """The labels one GitHub issue gets, in a stable order: its own, the scope tags, ``phase-N``."""
    return _unique_labels([*issue.labels, *session.plan.scope_tags]
                          + ([f"phase-{issue.phase}"] if issue.phase else []))


def milestone_labels(session: Session) -> list[str]:
    """Every label the milestone's issues use: scope tags first, then ``phase-N``, then the issues' own."""
    phases = [f"phase-{n}" for n in sorted({i.phase for i in session.issues if i.phase})]
    own = [label for issue in session.issues for label in issue.labels]
    return _unique_labels([*session.plan.scope_tags, *phases, *own])
