"""GitHub sync: the milestone, its labels and one issue per spec; safe to re-run, interrupt and rate-limit.

No Textual here, and importing this package loads nothing: ``events`` (what a running sync reports; no
githubkit) is cheap for the TUI, the rest loads githubkit.

- ``auth.resolve_target(repo, api_url, session_repo=..., cwd=...) -> Target`` (or one GitHubError line)
- ``sync.plan_sync(host, target, options) -> SyncPlan`` (dry run: ``plan.actions``; reads only)
- ``sync.run_sync(host, target, options, on_event=..., cancelled=...) -> SyncResult``, reporting
  ``events.SyncStarted``, ``MilestoneReady``, ``LabelsReady``, ``IssueSynced``, ``RateLimitWait``,
  ``Reconciling`` and one of ``SyncFinished`` / ``SyncFailed`` / ``SyncCancelled``
- ``diff``: the dry run's plan (what would be created, adopted, updated or left unchanged); ``reading``
  reads GitHub into it (and ``read_status``, the issues' states for ``--status``)
- ``client``: the githubkit client with its retries, pacing and rate-limit waits; ``transport``: the total
  deadline per request and readable rate-limit headers; ``endpoints``: sub-issues, dependencies, types
- ``milestone``: the milestone by number and id; ``epic``: the parent issue; ``relations``: sub-issues and
  blocked-by links; ``board``: the Projects board; ``edits``: edits made on GitHub, never clobbered
- no githubkit import, cheap for a screen: ``binding`` (``repo_change`` / ``rebind``), ``status``
  (``status_line``, ``status_rows``, ``issue_url``, ``apply_status``), ``events``
"""
