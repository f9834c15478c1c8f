"""TUI widgets (Textual only; the core never imports these)."""
