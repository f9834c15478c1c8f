"""Every error the tool raises for a reason a user can fix, under one root, ``MilestoneError``.

``str()`` of each is one clear line for the user (the command line prints it as
``create-milestone: error: ...`` with exit status 2; the TUI shows it on the dashboard or as a notice).
Imports nothing, so any layer, and the command line before it loads the core, can catch these.
"""

from __future__ import annotations

from typing import Any


class MilestoneError(Exception):
    """The root: a problem the user can fix; ``str()`` is one line."""


class UsageError(MilestoneError):
    """Bad command-line input (a flag combination, a missing id)."""


class AnswersError(MilestoneError):
    """A bad answers file, or an answer that does not fit the breakdown."""


class RoadmapError(MilestoneError):
    """A roadmap that cannot be read, or a milestone it does not name."""


class WorkspaceError(MilestoneError):
    """A workspace problem: an invalid id, a folder that cannot be written, a milestone not planned yet."""


class LockedError(WorkspaceError):
    """Another process has this milestone open."""


class SessionFileError(WorkspaceError):
    """The session file is corrupt or of an unknown schema version; it is kept, never replaced."""


class ConflictError(WorkspaceError):
    """An artifact edited by hand while the session changed too, not resolved: nothing was overwritten."""


class FolderExistsError(WorkspaceError):
    """``new`` on a folder that already holds work; carries the ✓/✗ report (a ``FolderReport``) so the
    caller can show it."""

    def __init__(self, message: str, report: Any) -> None:
        super().__init__(message)
        self.report = report


class SessionFormatError(MilestoneError, ValueError):
    """Why a session text cannot be loaded; a short reason, the caller adds the path."""


class YAMLLimitError(MilestoneError, ValueError):
    """YAML refused before it is built: too large, too deep, or aliases that expand too far (a YAML bomb).
    ``str()`` is the reason; the caller adds which file."""


class ArtifactError(MilestoneError, ValueError):
    """A template or artifact problem (a template that fails, a spec file that cannot be read)."""


class LockHeld(MilestoneError):
    """A live process holds a milestone's lock; carries what the lock file says (the workspace turns it into
    a ``LockedError`` naming the process)."""

    def __init__(self, pid: int | None, host: str | None) -> None:
        super().__init__(f"pid {pid} on {host}")
        self.pid = pid
        self.host = host


class GitHubError(MilestoneError):
    """A sync problem that says what to do (never the token). ``status``/``code`` keep GitHub's HTTP status
    and error code (``already_exists``) for callers to test."""

    def __init__(self, message: str, status: int | None = None, code: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code


class RepoError(GitHubError):
    """A repository that is missing, malformed or not found. ``str()`` says how to fix it on the command line
    (``--repo``); ``in_field(name)`` says the same for a screen where the repository is a field."""

    def __init__(self, problem: str, cli_fix: str, field_fix: str, status: int | None = None) -> None:
        super().__init__(f"{problem}: {cli_fix}", status)
        self.problem = problem
        self.field_fix = field_fix

    def in_field(self, name: str) -> str:
        """The message for a screen: ``field_fix`` names the field as ``{field}``."""
        return f"{self.problem}: {self.field_fix.format(field=name)}"


class WriteUncertain(MilestoneError):
    """A create failed in a way that may or may not have created it (5xx, timeout, dropped connection):
    the sync reads GitHub back before it tries again."""

    def __init__(self, what: str, cause: str) -> None:
        super().__init__(f"{what}: {cause}")
        self.cause = cause


class Cancelled(MilestoneError):
    """The user cancelled a sync; what is done stays done."""


class ModelConfigError(MilestoneError):
    """A model configuration problem: a key in the repository's config file, a bad config file, the
    ``[model]`` extra missing. Never carries the key."""


class DraftError(MilestoneError):
    """Why a model draft was not used (a refused key, a timeout, an invalid reply): one line, never the key.
    The caller falls back on the rules' proposal and shows the line."""
