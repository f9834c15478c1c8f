"""Tests of milestone_tui.tui."""
