"""Which repository a session is bound to, and moving it to another one (``--rebind``).

No githubkit import, so the TUI can ask before a sync starts. Why a binding at all: the numbers a session
records (issues, milestone) mean something only in the repository they were made in. Syncing a session made
for ``acme/api`` into ``acme/web`` used to adopt that repository's same-titled milestone and any issue with
the same marker, and the next edit overwrote their bodies. A repository change is therefore refused unless
asked for (``--rebind`` on the command line; a question in the TUI), and a rebind forgets every number.

- ``repo_change(session, repo) -> RepoChange | None``: None when ``repo`` is the session's own (or the
  session was never synced).
- ``rebind(session, repo)``: forget the old repository's numbers and bind to ``repo``.
"""

from __future__ import annotations

from dataclasses import dataclass

from milestone_tui.core.model import Session


@dataclass(frozen=True)
class RepoChange:
    """The session holds numbers for ``old`` and is about to be synced to ``new``."""

    old: str
    new: str
    issues: int  # issue numbers recorded for ``old``
    milestone: int | None

    def line(self) -> str:
        """The one line the command line stops with (the TUI asks its question from the same facts)."""
        held = f"milestone #{self.milestone} and {self.issues} issue(s)" if self.milestone else \
            f"{self.issues} issue(s)"
        return (f"This milestone is synced to {self.old} ({held}); syncing it to {self.new} starts afresh "
                f"there: pass --rebind to do that (the numbers for {self.old} are forgotten), or --repo "
                f"{self.old} to keep it.")


def same_repo(a: str | None, b: str | None) -> bool:
    """GitHub compares OWNER/NAME without case."""
    return (a or "").casefold() == (b or "").casefold()


def repo_change(session: Session, repo: str) -> RepoChange | None:
    """A change of repository that would reuse numbers made elsewhere; None when there is nothing to lose."""
    gh = session.github
    recorded = sum(1 for i in session.issues if i.github_issue is not None)
    if not gh.repo or same_repo(gh.repo, repo) or (not recorded and gh.milestone_number is None):
        return None
    return RepoChange(old=gh.repo, new=repo, issues=recorded, milestone=gh.milestone_number)


def rebind(session: Session, repo: str) -> None:
    """Free the session for ``repo``: every GitHub number, id and hash of the old repository is dropped."""
    gh = session.github
    for issue in session.issues:
        issue.github_issue = issue.github_id = None
    # the sync binds it once the milestone exists there; until then nothing made by an older version (whose
    # marker names no repository) counts as ours in ``repo``
    gh.repo = None
    gh.milestone_number = gh.milestone_id = gh.milestone_title = gh.milestone_url = None
    gh.pushed_hashes, gh.body_hashes, gh.links, gh.sub_issues, gh.status = {}, {}, {}, [], {}
    gh.status_etags = []
    gh.epic_issue = gh.epic_id = gh.epic_hash = None
    gh.last_synced = gh.status_read = None
    gh.last_error = None
