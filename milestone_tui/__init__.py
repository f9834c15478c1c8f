"""milestone-tui: turn one roadmap item into a planned milestone, step by step, and put it on GitHub."""

__version__ = "0.1.0"
