"""Tests of milestone_tui.github."""
