"""TUI dialogs (Textual only; the core never imports these)."""
