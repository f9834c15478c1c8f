"""The core: the session model, the roadmap, the proposer, the artifacts, the workspace and the flow.

Never imports Textual (``tests/core/test_layers.py`` walks the whole package to prove it); the command line
(``milestone_tui.cli``) and the TUI (``milestone_tui.tui``) both serve this core.
"""
