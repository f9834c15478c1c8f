"""The flow over one open milestone, shared by the TUI and the headless command line.

``MilestoneFlow`` holds the session, saves it after every change, renders and writes artifacts when a phase is
completed, and holds the milestone's lock while open. A caller that changes the session on every keystroke
(the TUI) may pause the saving (``autosave = False`` or ``with flow.saves_deferred():``): a change then only
marks the flow ``dirty``, and ``flush()`` writes it when the caller chooses. Hand edits are never overwritten
silently: at open they are read back into the session (``notices``); a write that would replace one is a
conflict (``conflicts``), written only when forced (``write(force=True)``). When both sides changed (the file
by hand, the session since the file was written or adopted), the open and the write leave both as they are
and list a ``Conflict`` in ``pending``, for the caller to ask: ``keep_mine``, ``keep_file`` or
``keep_edited`` (core.conflicts).

Opening is decided in one place, ``plan_open``: the key, what the folder holds, whether the roadmap is needed
and what mode the open really is. The command line prints from that plan before it opens; the TUI asks its
questions from it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from milestone_tui.core import defaults, planning, summary
from milestone_tui.core.artifacts.parse import read_folder
from milestone_tui.core.artifacts.render import Renderer
from milestone_tui.core.breakdown import criteria
from milestone_tui.core.conflicts import Conflict
from milestone_tui.core.drafting.review import ReviewEdits
from milestone_tui.core.layout import FolderReport
from milestone_tui.core.lock import MilestoneLock
from milestone_tui.core.lookup import find_milestone, key_for
from milestone_tui.core.model import Issue, PlanPhase, Session, SyncDecision
from milestone_tui.core.phases import PHASES, PLANNING_PHASES, Phase
from milestone_tui.core.reconcile import reconcile
from milestone_tui.core.resolving import ConflictResolution
from milestone_tui.core.roadmap import Roadmap, RoadmapMilestone
from milestone_tui.core.workspace import Workspace, WriteReport, text_hash
from milestone_tui.errors import FolderExistsError, RoadmapError

OpenMode = Literal["new", "refine", "overwrite"]


@dataclass(frozen=True)
class OpenPlan:
    """What opening a milestone will do, decided once (``plan_open``) for the command line and the TUI."""

    key: str  # the folder id, ``m5``
    folder: Path
    shown: str  # the folder as the user sees it, relative to the root
    report: FolderReport  # what the folder holds now
    requested: OpenMode  # what the caller asked for
    milestone: RoadmapMilestone | None  # None only when refining existing work without a readable roadmap
    roadmap_note: str | None = None  # why the roadmap is not there (refine only)

    @property
    def has_work(self) -> bool:
        return self.report.has_work

    @property
    def mode(self) -> OpenMode:
        """The mode the open really is: refine and overwrite of a folder without work start afresh."""
        return self.requested if self.has_work else "new"

    @property
    def exists_error(self) -> FolderExistsError | None:
        """``new`` on a folder that holds work: the caller must choose refine or overwrite."""
        if self.requested == "new" and self.has_work:
            return FolderExistsError(f"milestone folder exists: {self.shown}/ "
                                     "(use --refine or --overwrite)", self.report)
        return None


def plan_open(workspace: Workspace, milestone_id: str, mode: OpenMode = "new") -> OpenPlan:
    """Decide how a milestone opens. Reads the folder and the roadmap once; any spelling of the id or the
    title gives the one folder. RoadmapError when the roadmap is needed (anything but refining a folder that
    holds work) and cannot give the milestone; WorkspaceError for an id that would leave the milestones
    folder. Writes nothing."""
    roadmap: Roadmap | None = None
    problem: RoadmapError | None = None
    try:
        roadmap = workspace.roadmap()
    except RoadmapError as exc:
        problem = exc
    key = key_for(roadmap, milestone_id)  # the title typed as the id is the same folder
    folder = workspace.milestone_dir(key)  # refuses ids that would leave the milestones folder
    report = workspace.inspect(key)
    shown = workspace.relative(folder)
    milestone: RoadmapMilestone | None = None
    if roadmap is not None:
        try:
            milestone = find_milestone(roadmap, key)
        except RoadmapError as exc:
            problem = exc
    if milestone is not None:
        return OpenPlan(key, folder, shown, report, mode, milestone)
    assert problem is not None
    if not (mode == "refine" and report.has_work):  # refining existing work does not need the roadmap
        raise problem
    return OpenPlan(key, folder, shown, report, mode, None, f"Roadmap context unavailable: {problem}")


class MilestoneFlow(ConflictResolution, ReviewEdits):
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
        self.pending: list[Conflict] = []  # changed on both sides, not resolved yet: nothing was written
        self._lock: MilestoneLock | None = None
        self.read_only = False  # opened by ``peek``: nothing is ever written
        self.autosave = True  # False: mutators only set ``dirty`` (the TUI writes on a timer, off the keys)
        self.dirty = False  # the session changed since the last write
        self._listeners: list[Callable[[], None]] = []

    def subscribe(self, listener: Callable[[], None]) -> Callable[[], None]:
        """Call ``listener()`` after every change to the session (saved or deferred); returns the function
        that unsubscribes it. The TUI binds its phase bar and preview this way instead of refreshing them
        by hand after each call."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def _notify(self) -> None:
        for listener in list(self._listeners):
            listener()

    @property
    def is_open(self) -> bool:
        """Still holding the milestone's lock (``close()`` saved and released it)."""
        return self._lock is not None

    # -- opening and closing ------------------------------------------------------------------------------
    @classmethod
    def open(cls, workspace: Workspace, target: str | OpenPlan, *, quick: bool = False,
             mode: OpenMode = "new") -> MilestoneFlow:
        """Open (and lock) a milestone, from an id (planned here with ``mode``) or from a plan. ``new`` on a
        folder that holds work raises FolderExistsError; ``refine`` loads the session (or parses the folder)
        and continues at the first missing phase; ``overwrite`` backs the folder up and starts afresh.
        RoadmapError as ``plan_open`` says; SessionFileError and LockedError propagate."""
        plan = target if isinstance(target, OpenPlan) else plan_open(workspace, target, mode)
        if (error := plan.exists_error) is not None:
            raise error
        lock = workspace.lock(plan.key)  # creates the folder; nothing else is written before this succeeds
        try:
            flow = cls._open_locked(workspace, plan, quick)
        except BaseException:
            lock.release()
            if not plan.report.exists and plan.folder.is_dir() and not any(plan.folder.iterdir()):
                plan.folder.rmdir()  # nothing half-written: a failed first open leaves no empty folder behind
            raise
        flow._lock = lock
        if plan.roadmap_note:
            flow.notices.insert(0, plan.roadmap_note)
        return flow

    @classmethod
    def peek(cls, workspace: Workspace, plan: OpenPlan) -> MilestoneFlow:
        """The milestone as refining it would see it (hand edits read back), in memory only: no lock, and
        every save is a no-op, so a dry run works on a folder it may not write and changes no file."""
        return cls._open_locked(workspace, replace(plan, requested="refine"), quick=False, read_only=True)

    @classmethod
    def _open_locked(cls, workspace: Workspace, plan: OpenPlan, quick: bool,
                     read_only: bool = False) -> MilestoneFlow:
        key, mode = plan.key, plan.mode
        backup: Path | None = None
        if mode == "overwrite":
            backup = workspace.backup(key)
            workspace.clear(key)
        session: Session | None = workspace.load_session(key) if mode == "refine" else None
        parsed = False
        if session is None and mode == "refine":
            session = read_folder(plan.folder, key)
            parsed = True
        if session is None:
            session = Session(milestone_id=key, quick=quick)
        if plan.milestone is not None:
            session.roadmap = plan.milestone
        session.quick = session.quick or quick
        flow = cls(workspace, session)
        flow.read_only = read_only
        flow.found = plan.report
        flow.backup_path = backup
        if mode == "refine":
            found = reconcile(session, plan.folder, flow.renderer, adopt_all=parsed)
            flow.notices += found.notices
            # While the session renders what it did when a hand edit was read back, the user's file is left
            # as it is (no conflict); once the session changes, it is a conflict.
            session.adopted_hashes.update({name: text_hash(text) for name, text in found.adopted.items()})
            flow.pending = found.conflicts
            if parsed:  # no session file: where the folder's artifacts stop; else where the planner stopped
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
        """Write the session now (atomic), whatever ``autosave`` says (never for a ``peek``)."""
        if self.read_only:
            self.dirty = False
            return
        self.workspace.save_session(self.session)
        self.dirty = False
        self._notify()

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
            self._notify()

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

    def set_position(self, issue: int | None) -> None:
        """The issue open on the issue-details screen, so a resume lands on it (not on #01)."""
        if self.session.current_issue != issue:
            self.session.current_issue = issue
            self._changed()

    def set_github(self, *, repo: str | None = None, decision: SyncDecision | None = None) -> None:
        """The GitHub screen's answers: the repository (blank: from the git remote) and yes | no | later."""
        if repo is not None:
            self.session.github.repo = repo.strip() or None
        if decision is not None:
            self.session.github.decision = decision
        self._changed()

    def propose(self, force: bool = False) -> list[Issue]:
        """Fill session.issues from the proposer (spec, or roadmap in quick mode) unless already filled:
        titles, proposed ``depends_on`` and ``source``; the drafted criteria are ``drafts()``, not kept."""
        if self.session.issues and not force:
            return self.session.issues
        self.session.issues = defaults.proposed_issues(self.session)
        self._changed()
        return self.session.issues

    def drafts(self) -> dict[str, list[str]]:
        """The proposer's drafted acceptance criteria by issue title, to offer (never kept unasked)."""
        return defaults.drafted_acceptance(self.session)

    def uncarried_metrics(self) -> list[str]:
        """The success metrics no issue of the breakdown carries (a warning before it is confirmed)."""
        return defaults.uncarried_metrics(self.session)

    def proposed_phases(self) -> str:
        """The phases box's proposal for the issues as they are now, in the seed's free-text form."""
        return defaults.phases_answer(self.session)

    def set_issues(self, issues: list[Issue]) -> None:
        """Replace the breakdown (after a core edit op); un-confirms it."""
        self.session.issues = issues
        self.session.mark_undone(Phase.BREAKDOWN)
        self._changed()

    def set_issue_details(self, number: int, acceptance: list[str] | None = None, notes: str | None = None,
                          labels: list[str] | None = None) -> None:
        """One issue's criteria, notes and labels (each left as it is when None)."""
        issue = self.session.issue(number)
        if acceptance is not None:
            issue.acceptance = [a.strip() for a in acceptance if a.strip()]
        if notes is not None:
            issue.notes = notes
        if labels is not None:
            issue.labels = criteria.clean_labels(labels)
        self._changed()

    def set_plan(self, phases: list[PlanPhase] | None = None, assignment: dict[int, int] | None = None,
                 branch: str | None = None, scope_tags: list[str] | None = None,
                 phases_answer: str | None = None) -> None:
        """The plan's answers; ``phases_answer`` is the phases as typed (kept so the planner sees their own
        words again), ``phases``/``assignment`` what the core parsed from them."""
        if phases_answer is not None:
            self.session.plan.phases_answer = phases_answer
        if phases is not None:
            planning.apply_phases(self.session, phases, assignment or {})
        if branch is not None:
            self.session.plan.branch = branch.strip()
        if scope_tags is not None:
            self.session.plan.scope_tags = [t.strip() for t in scope_tags if t.strip()]
        self._changed()

    # -- phases and artifacts -----------------------------------------------------------------------------
    def complete(self, phase: Phase) -> WriteReport:
        """Mark a phase done and write its artifact(s) (breakdown: confirm; issues: the NN-slug.md files)."""
        self.session.mark_done(phase)
        later = [p for p in PHASES if p.index > phase.index]
        self.session.current = next((p for p in later if not self.session.is_done(p)), Phase.SUMMARY)
        report = self.write()
        self.save()
        return report

    def write(self, force: bool = False) -> WriteReport:
        """Render every done phase's artifacts and write them; hand edits are ``conflicts`` unless forced."""
        if self.read_only:
            return WriteReport()
        files = self.renderer.all(self.session)
        adopted = self.session.adopted_hashes
        for name in list(files):
            if not force and adopted.get(name) == text_hash(files[name]):
                del files[name]  # the user's edited file still says what the session says: leave it alone
        report = self.workspace.write_artifacts(self.session, files, force=force)
        self._settle(report, files)
        self.conflicts = report.conflicts
        return report

    def save_numbers(self, issue: Issue) -> None:
        """After GitHub created (or adopted) one issue: its spec gets ``github_issue`` and the session is
        saved, at once. Only that file is rendered, so a 100-issue sync stays linear (the sync's hook)."""
        if self.read_only:
            return
        if self.session.is_done(Phase.ISSUES):
            mine = self.renderer.issue(self.session, issue)
            report = self.workspace.write_artifacts(self.session, {issue.filename: mine})
            for path in report.written:
                self.session.adopted_hashes.pop(path.name, None)
            for path in report.conflicts:
                if path.is_file() and not path.is_symlink():
                    self._number_hand_edit(path, issue, mine)  # the frontmatter is ours, the body theirs
                elif path not in self.conflicts:
                    self.conflicts.append(path)
        self.save()

    def quick_fill(self) -> WriteReport:
        """Quick mode: fill every unanswered phase with roadmap defaults and write all artifacts."""
        defaults.fill_all(self.session)
        for phase in PLANNING_PHASES:
            self.session.mark_done(phase)
        self.session.current = Phase.GITHUB
        report = self.write()
        self.save()
        return report

    def artifact_paths(self) -> list[Path]:
        """The artifacts of the done phases, in the seed's order (epic, spec, issues, plan)."""
        folder = self.workspace.milestone_dir(self.session.milestone_id)
        return [folder / name for name, _ in summary.artifact_names(self.session)]

    def next_steps(self) -> list[str]:
        """The seed's next steps: review the plan, create and push the branch, run the milestone."""
        folder = self.workspace.relative(self.workspace.milestone_dir(self.session.milestone_id))
        return summary.next_steps(self.session, folder)
