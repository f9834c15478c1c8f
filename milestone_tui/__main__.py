"""``python -m milestone_tui``: the same as the ``create-milestone`` command."""

from milestone_tui.cli.main import main

raise SystemExit(main())
