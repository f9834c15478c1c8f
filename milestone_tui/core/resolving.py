"""The three ways out of a two-sided conflict, and the GitHub numbers of a hand-edited spec, for the flow.

``ConflictResolution`` is the part of ``MilestoneFlow`` that settles what a write did (a file written is ours
again; one not written because it was edited by hand is ``pending``) and resolves a pending ``Conflict``:
``keep_mine`` writes the session's rendering, ``keep_file`` reads the file back, ``keep_edited`` takes the
user's merge of both. Each saves the session before it returns.
"""

from __future__ import annotations

from pathlib import Path

from milestone_tui.core.artifacts.render import Renderer
from milestone_tui.core.conflicts import Conflict, has_markers, set_numbers
from milestone_tui.core.model import Issue, Session
from milestone_tui.core.reconcile import read_back, render_one, session_changed
from milestone_tui.core.workspace import Workspace, WriteReport, atomic_write, text_hash
from milestone_tui.errors import ArtifactError


class ConflictResolution:
    """Mixed into ``MilestoneFlow``: the attributes below are the flow's."""

    workspace: Workspace
    session: Session
    renderer: Renderer
    pending: list[Conflict]
    conflicts: list[Path]
    read_only: bool

    def save(self) -> None:
        raise NotImplementedError  # the flow's

    def _settle(self, report: WriteReport, files: dict[str, str]) -> None:
        """After a write: a file written (or found equal) is ours again; one not written because it was
        edited by hand while the session changed it too is pending."""
        done = {p.name for p in [*report.written, *report.unchanged]}
        for name in done:
            self.session.adopted_hashes.pop(name, None)
        # Only where the session changed too: a hand edit alone is left as it is (read back at the next open).
        found = [Conflict(p.name, p, p.read_text(encoding="utf-8", errors="replace"), files[p.name])
                 for p in report.conflicts if p.name in files and p.is_file() and not p.is_symlink()
                 and session_changed(self.session, p.name, files[p.name])]
        names = done | {c.name for c in found}
        self.pending = [c for c in self.pending if c.name not in names] + found

    # -- two-sided conflicts: the three ways out ----------------------------------------------------------
    def keep_mine(self, conflict: Conflict) -> None:
        """Write what the session renders over the hand-edited file."""
        mine = render_one(self.session, self.renderer, conflict.name)
        if mine is not None and not self.read_only:
            report = self.workspace.write_artifacts(self.session, {conflict.name: mine}, force=True)
            self._settle(report, {conflict.name: mine})
        self._resolved(conflict)

    def keep_file(self, conflict: Conflict) -> None:
        """Read the file as it is now back into the session (ArtifactError: it cannot be read back; then
        nothing changed)."""
        self._adopt(conflict, conflict.path.read_text(encoding="utf-8", errors="replace"))
        self._resolved(conflict)

    def keep_edited(self, conflict: Conflict, text: str) -> None:
        """The user's merge of both (from ``conflict.merged()``): read back into the session, then written
        as the file. ArtifactError, with nothing changed, while conflict markers are left or it cannot be
        read back."""
        if has_markers(text):
            raise ArtifactError(f"{conflict.name}: the edited text still has conflict markers "
                                "(<<<<<<< ======= >>>>>>>)")
        self._adopt(conflict, text)
        if not self.read_only:
            atomic_write(conflict.path, text)
        self._resolved(conflict)

    def _adopt(self, conflict: Conflict, text: str) -> None:
        try:
            read_back(self.session, conflict.name, text)
        except Exception as exc:  # noqa: BLE001 - a hand-written file must never crash the tool
            raise ArtifactError(f"{conflict.name} cannot be read back ({exc})") from None
        mine = render_one(self.session, self.renderer, conflict.name)
        if mine is not None:
            self.session.adopted_hashes[conflict.name] = text_hash(mine)

    def _resolved(self, conflict: Conflict) -> None:
        self.pending = [c for c in self.pending if c.name != conflict.name]
        self.conflicts = [p for p in self.conflicts if p.name != conflict.name]
        self.save()

    def _number_hand_edit(self, path: Path, issue: Issue, mine: str) -> None:
        """A hand-edited spec gets the GitHub numbers in its frontmatter, its body untouched. If the session
        changed nothing else of it since it was written or adopted, it is adopted as it now is."""
        text = path.read_text(encoding="utf-8", errors="replace")
        numbered = set_numbers(text, issue.github_issue, issue.github_id)
        if numbered != text:
            atomic_write(path, numbered)
        unnumbered = self.renderer.issue(self.session, issue.model_copy(update={"github_issue": None,
                                                                                 "github_id": None}))
        if not session_changed(self.session, path.name, unnumbered) or \
                not session_changed(self.session, path.name, mine):
            self.session.adopted_hashes[path.name] = text_hash(mine)
