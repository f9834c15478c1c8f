"""Tests of milestone_tui.cli."""
