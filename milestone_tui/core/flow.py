"""The flow over one open milestone, shared by the TUI and the headless command line.

``MilestoneFlow`` holds the session, saves it after every change, renders and writes artifacts when a phase is
completed, and holds the milestone's lock while open. A caller that changes the session on every keystroke
(the TUI) may pause the saving (``autosave = False`` or ``with flow.saves_deferred():``): a change then only
marks the flow ``dirty``, and ``flush()`` writes it when the caller chooses. Hand edits are never overwritten
silently: at open they are read back into the session (``notices``); a write that would replace one is a
conflict (``conflicts``), written only when forced (``write(force=True)``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Literal

from milestone_tui.core import planning as plans
from milestone_tui.core.artifacts.render import EPIC_FILE, PLAN_FILE, SPEC_FILE, Renderer
from milestone_tui.core.breakdown import propose as proposal
from milestone_tui.core.defaults import fill_defaults, scope_tags_from_title
from milestone_tui.core.lock import MilestoneLock
from milestone_tui.core.model import PHASES, Issue, Phase, PlanPhase, RoadmapMilestone, Session, SyncDecision
from milestone_tui.core.reconcile import reconcile
from milestone_tui.core.workspace import FolderReport, Workspace, WriteReport
from milestone_tui.errors import FolderExistsError

OpenMode = Literal["new", "refine", "overwrite"]
__all__ = ["FolderExistsError", "MilestoneFlow", "OpenMode", "milestone_key", "scope_tags_from_title"]

def milestone_key(milestone_id: str) -> str:
    """The folder id: ``M5`` / ``Milestone 5`` -> ``m5``; anything else lower-cased (validated later)."""
    from milestone_tui.core.roadmap import canonical_id

    canonical = canonical_id(milestone_id)
    return canonical.lower() if canonical else milestone_id.strip().lower()


class MilestoneFlow:
    """One open milestone. Every mutating method saves the session atomically before it returns, unless
    ``autosave`` is off: then it sets ``dirty`` and ``flush()`` saves. Completing a phase, quick fill, the
    GitHub numbers and ``close()`` always save."""

    def __init__(self, workspace: Workspace, session: Session) -> None:
        self.workspace = workspace
        self.session = session
        self.renderer = Renderer(workspace.templates_dir if workspace.templates_dir.is_dir() else None)
        self.notices: list[str] = []  # one line each: hand edits read back, roadmap not found on refine ...
        self.conflicts: list[Path] = []  # artifacts the last write did not overwrite (edited by hand)
        self.found: FolderReport | None = None  # what the folder held when opened
        self.backup_path: Path | None = None  # where --overwrite put the old folder
        self._lock: MilestoneLock | None = None
        # artifact name -> its rendering when a hand edit was read back: while the session renders the same
        # text, the user's file is left as it is (no conflict); once the session changes, it is a conflict.
        self._adopted: dict[str, str] = {}
        self.autosave = True  # False: mutators only set ``dirty`` (the TUI writes on a timer, off the keys)
        self.dirty = False  # the session changed since the last write

    # -- opening and closing ------------------------------------------------------------------------------
    @classmethod
    def open(cls, workspace: Workspace, milestone_id: str, *, quick: bool = False,
             mode: OpenMode = "new") -> MilestoneFlow:
        """Open (and lock) a milestone. ``new`` on an existing folder raises WorkspaceError asking for refine
        or overwrite; ``refine`` loads the session (or parses the folder) and continues at the first missing
        phase; ``overwrite`` backs the folder up and starts afresh.

        Roadmap problems raise RoadmapError, except when refining a folder that already holds work (then the
        roadmap is optional and the problem becomes a notice). SessionFileError and LockedError propagate.
        """
        from milestone_tui.core.roadmap import find_milestone, resolve_key
        from milestone_tui.errors import RoadmapError

        key = resolve_key(workspace, milestone_id)  # the title typed as the id is the same folder
        folder = workspace.milestone_dir(key)  # refuses ids that would leave the milestones folder
        report = workspace.inspect(key)
        has_work = report.has_artifacts or report.session
        milestone: RoadmapMilestone | None = None
        roadmap_note: str | None = None
        try:
            milestone = find_milestone(workspace.roadmap(), key)
        except RoadmapError as exc:
            if not (mode == "refine" and has_work):  # refining existing work does not need the roadmap
                raise
            roadmap_note = f"Roadmap context unavailable: {exc}"
        if mode == "new" and has_work:
            raise FolderExistsError(f"milestone folder exists: {workspace.relative(folder)}/ "
                                    "(use --refine or --overwrite)", report)
        lock = workspace.lock(key)  # creates the folder; nothing else is written before this succeeds
        try:
            flow = cls._open_locked(workspace, key, milestone, quick, mode if has_work else "new", report)
        except BaseException:
            lock.release()
            if not report.exists and folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()  # nothing half-written: a failed first open leaves no empty folder behind
            raise
        flow._lock = lock
        if roadmap_note:
            flow.notices.insert(0, roadmap_note)
        return flow

    @classmethod
    def _open_locked(cls, workspace: Workspace, key: str, milestone: RoadmapMilestone | None, quick: bool,
                     mode: OpenMode, report: FolderReport) -> MilestoneFlow:
        backup: Path | None = None
        if mode == "overwrite":
            backup = workspace.backup(key)
            workspace.clear(key)
        session: Session | None = workspace.load_session(key) if mode == "refine" else None
        parsed = False
        if session is None and mode == "refine":
            from milestone_tui.core.artifacts.render import read_folder

            session = read_folder(workspace.milestone_dir(key), key)
            parsed = True
        if session is None:
            session = Session(milestone_id=key, quick=quick)
        if milestone is not None:
            session.roadmap = milestone
        session.quick = session.quick or quick
        flow = cls(workspace, session)
        flow.found = report
        flow.backup_path = backup
        if mode == "refine":
            flow.notices += reconcile(flow, adopt_all=parsed)
            session.current = session.first_missing_phase
        flow.save()
        return flow

    def close(self) -> None:
        """Save and release the lock."""
        if self._lock is None:
            return
        try:
            self.save()
        finally:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> MilestoneFlow:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def save(self) -> None:
        """Write the session now (atomic), whatever ``autosave`` says."""
        self.workspace.save_session(self.session)
        self.dirty = False

    def flush(self) -> bool:
        """Write the session if a change since the last write is pending; True if it wrote."""
        if not self.dirty:
            return False
        self.save()
        return True

    @contextmanager
    def saves_deferred(self) -> Iterator[None]:
        """Changes made inside only mark the flow ``dirty`` (``autosave`` is restored afterwards)."""
        previous, self.autosave = self.autosave, False
        try:
            yield
        finally:
            self.autosave = previous

    def _changed(self) -> None:
        """After a change to the session: save at once, or leave it to ``flush()`` while autosave is off."""
        if self.autosave:
            self.save()
        else:
            self.dirty = True

    # -- answers ------------------------------------------------------------------------------------------
    def set_answer(self, section: Literal["epic", "spec"], key: str, value: str) -> None:
        answers = self.session.epic if section == "epic" else self.session.spec
        if key not in type(answers).model_fields:
            raise KeyError(f"{section}.{key}")
        setattr(answers, key, value)
        self._changed()

    def goto(self, phase: Phase) -> None:
        """Record where the user is (session.current) so reopening resumes there."""
        if self.session.current is phase:
            return  # complete() already moved it: no second write on arrival
        self.session.current = phase
        self._changed()

    def set_github(self, *, repo: str | None = None, decision: SyncDecision | None = None) -> None:
        """The GitHub screen's answers: the repository (blank: from the git remote) and yes | no | later."""
        if repo is not None:
            self.session.github.repo = repo.strip() or None
        if decision is not None:
            self.session.github.decision = decision
        self._changed()

    def propose(self, force: bool = False) -> list[Issue]:
        """Fill session.issues from the proposer (spec, or roadmap in quick mode) unless already filled."""
        if self.session.issues and not force:
            return self.session.issues
        if self.session.quick and self.session.roadmap is not None:
            titles = proposal.propose_from_roadmap(self.session.roadmap)
        else:
            titles = proposal.propose_from_spec(self.session)
        self.session.issues = proposal.make_issues(titles)
        self.session.breakdown_confirmed = False
        self._changed()
        return self.session.issues

    def set_issues(self, issues: list[Issue]) -> None:
        """Replace the breakdown (after a core edit op); un-confirms it."""
        self.session.issues = issues
        self.session.breakdown_confirmed = False
        self.session.mark_undone(Phase.BREAKDOWN)
        self._changed()

    def set_issue_details(self, number: int, acceptance: list[str], notes: str | None = None) -> None:
        issue = self.session.issue(number)
        issue.acceptance = [a.strip() for a in acceptance if a.strip()]
        if notes is not None:
            issue.notes = notes
        self._changed()

    def set_plan(self, phases: list[PlanPhase] | None = None, assignment: dict[int, int] | None = None,
                 branch: str | None = None, scope_tags: list[str] | None = None) -> None:
        if phases is not None:
            plans.apply_phases(self.session, phases, assignment or {})
        if branch is not None:
            self.session.plan.branch = branch.strip()
        if scope_tags is not None:
            self.session.plan.scope_tags = [t.strip() for t in scope_tags if t.strip()]
        self._changed()

    # -- phases and artifacts -----------------------------------------------------------------------------
    def complete(self, phase: Phase) -> WriteReport:
        """Mark a phase done and write its artifact(s) (breakdown: confirm; issues: the NN-slug.md files)."""
        if phase is Phase.BREAKDOWN:
            self.session.breakdown_confirmed = True
        self.session.mark_done(phase)
        later = [p for p in PHASES if p.index > phase.index]
        self.session.current = next((p for p in later if not self.session.is_done(p)), Phase.SUMMARY)
        report = self.write()
        self.save()
        return report

    def write(self, force: bool = False) -> WriteReport:
        """Render every done phase's artifacts and write them; hand edits are ``conflicts`` unless forced."""
        files = self.renderer.all(self.session)
        for name, adopted in list(self._adopted.items()):
            if name in files and files[name] == adopted and not force:
                del files[name]  # the user's edited file still says what the session says: leave it alone
        report = self.workspace.write_artifacts(self.session, files, force=force)
        if force:
            self._adopted.clear()
        self.conflicts = report.conflicts
        return report

    def save_numbers(self, issue: Issue) -> None:
        """After GitHub created (or adopted) one issue: its spec gets ``github_issue`` and the session is
        saved, at once. Only that file is rendered, so a 100-issue sync stays linear (the sync's hook)."""
        if self.session.is_done(Phase.ISSUES):
            files = {issue.filename: self.renderer.issue(self.session, issue)}
            adopted = self._adopted.get(issue.filename)
            if adopted is None or adopted != files[issue.filename]:
                report = self.workspace.write_artifacts(self.session, files)
                self.conflicts = [*{*self.conflicts, *report.conflicts}]
        self.save()

    def quick_fill(self) -> WriteReport:
        """Quick mode: fill every unanswered phase with roadmap defaults and write all artifacts."""
        fill_defaults(self.session)
        for phase in (Phase.EPIC, Phase.SPEC, Phase.BREAKDOWN, Phase.ISSUES, Phase.PLAN):
            self.session.mark_done(phase)
        self.session.breakdown_confirmed = True
        self.session.current = Phase.GITHUB
        report = self.write()
        self.save()
        return report

    def artifact_paths(self) -> list[Path]:
        """The artifacts of the done phases, in the seed's order (epic, spec, issues, plan)."""
        folder = self.workspace.milestone_dir(self.session.milestone_id)
        names: list[str] = []
        if self.session.is_done(Phase.EPIC):
            names.append(EPIC_FILE)
        if self.session.is_done(Phase.SPEC):
            names.append(SPEC_FILE)
        if self.session.is_done(Phase.ISSUES):
            names += [i.filename for i in sorted(self.session.issues, key=lambda i: i.number)]
        if self.session.is_done(Phase.PLAN):
            names.append(PLAN_FILE)
        return [folder / name for name in names]

    def next_steps(self) -> list[str]:
        """The seed's next steps: review the plan, create and push the branch, run the milestone."""
        folder = self.workspace.relative(self.workspace.milestone_dir(self.session.milestone_id))
        branch = self.session.plan.branch or plans.propose_branch(self.session)
        return [
            "1. Review generated specs:",
            f"   cat {folder}/{PLAN_FILE}",
            "",
            "2. Create milestone branch:",
            f"   git checkout -b {branch} main",
            f"   git push origin {branch}",
            "",
            "3. Run milestone:",
            f"   run-milestone {self.session.milestone_id}",
        ]
