"""Tests of milestone_tui.core."""
