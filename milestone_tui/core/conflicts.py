"""Two-sided conflicts: an artifact edited by hand while the session changed what it would write.

Neither side may win silently, and no text may be dropped: a ``Conflict`` carries both texts (the file as it
is and what the session renders) and a unified diff between them, for the caller to ask the user. There are
three ways out, carried out by ``MilestoneFlow.resolve``: keep mine (write the session's rendering), keep the
file (read it back into the session), or an edited text (the caller's editor, started from ``merged()``),
which is written to the file and read back. Until one is chosen, both stay as they are.

Also here: ``set_numbers`` writes the GitHub numbers into a hand-edited issue spec's frontmatter (ours)
without touching its body (the user's).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Resolution = Literal["mine", "file"]

MARK_FILE = "<<<<<<< the file"
MARK_SPLIT = "======="
MARK_MINE = ">>>>>>> milestone-tui"
# a marker line whatever its label: the GitHub screen's merge says "GitHub #302" and "this spec" instead
_MARKER_LINE = re.compile(r"^(<{7}|>{7})( .*)?$|^={7}$")


@dataclass(frozen=True)
class Conflict:
    """One artifact changed on both sides: ``file_text`` on disk, ``mine`` what the session renders; the
    labels name each side on its marker line in ``merged()`` (another pair of sides names itself)."""

    name: str  # the artifact's file name, ``01-event-schema.md``
    path: Path
    file_text: str
    mine: str
    file_label: str = MARK_FILE.removeprefix("<<<<<<< ")
    mine_label: str = MARK_MINE.removeprefix(">>>>>>> ")

    @property
    def diff(self) -> str:
        """The unified diff from the file to what the app would write."""
        lines = difflib.unified_diff(self.file_text.splitlines(keepends=True),
                                     self.mine.splitlines(keepends=True), fromfile=f"{self.name} (the file)",
                                     tofile=f"{self.name} (milestone-tui)")
        return "".join(_ended(list(lines)))

    def merged(self) -> str:
        """Both texts in one, for an editor: the lines both share once, each difference as a marked block
        (the file's lines, then the app's), so nothing of either side is missing from the start."""
        ours, theirs = self.file_text.splitlines(keepends=True), self.mine.splitlines(keepends=True)
        out: list[str] = []
        for tag, a0, a1, b0, b1 in difflib.SequenceMatcher(a=ours, b=theirs, autojunk=False).get_opcodes():
            if tag == "equal":
                out += ours[a0:a1]
                continue
            out += [f"<<<<<<< {self.file_label}\n", *_ended(ours[a0:a1]), f"{MARK_SPLIT}\n",
                    *_ended(theirs[b0:b1]), f">>>>>>> {self.mine_label}\n"]
        return "".join(out)

    def line(self, shown: str) -> str:
        """The one line the command line prints for it (``shown``: the file as the user sees it)."""
        return (f"{shown} was edited by hand and changed in the session; nothing was overwritten: rerun "
                "adding --keep-mine (write the session's) or --keep-file (read the file back), or resolve it "
                "in the TUI (create-milestone ID --refine)")


def has_markers(text: str) -> bool:
    """Whether an edited merge still holds a conflict block (a marker line with any label, or none)."""
    return any(_MARKER_LINE.match(line.rstrip()) for line in text.splitlines())


def _ended(lines: list[str]) -> list[str]:
    return [line if line.endswith("\n") else line + "\n" for line in lines]


_FENCE = re.compile(r"^(---|\.\.\.)\s*$")


def set_numbers(text: str, github_issue: int | None, github_id: int | None) -> str:
    """``text`` with ``github_issue`` (and ``github_id`` when known) set in its frontmatter, every other line
    as it was; a file without frontmatter gets one holding just those keys."""
    values = {"github_issue": "null" if github_issue is None else str(github_issue)}
    if github_id is not None:
        values["github_id"] = str(github_id)
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip() != "---":
        block = "".join(f"{key}: {value}\n" for key, value in values.items())
        return f"---\n{block}---\n\n{text}"
    end = next((i for i in range(1, len(lines)) if _FENCE.match(lines[i])), None)
    if end is None:
        return text  # not frontmatter we can edit safely (the parser refuses it too)
    head = lines[1:end]
    for key, value in values.items():
        at = next((i for i, line in enumerate(head) if line.startswith(f"{key}:")), None)
        if at is not None:
            head[at] = f"{key}: {value}\n"
        else:
            head.append(f"{key}: {value}\n")
    return "".join([lines[0], *head, *lines[end:]])
