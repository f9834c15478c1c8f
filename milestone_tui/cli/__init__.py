"""The headless command line, ``create-milestone``: argument parsing (``main``), the headless run
(``run``), its printed lines (``output``), the answers file (``answers``) and the GitHub sync (``sync``).
Imports the TUI only to open it."""
