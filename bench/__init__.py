"""Benchmarks of milestone-tui, each against a baseline in the same run: ``python -m bench``."""
