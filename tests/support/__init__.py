"""Test support: the GitHub emulator and shared helpers."""
