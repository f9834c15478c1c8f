"""TUI screens (Textual only; the core never imports these)."""
