"""The seed's "Milestone folder exists" dialog: what was found (✓/✗) and refine | overwrite | abort."""

from __future__ import annotations

from milestone_tui.core.layout import FolderReport
from milestone_tui.tui.dialogs.choice import ChoiceDialog


class RefineDialog(ChoiceDialog):
    """Dismisses with ``refine``, ``overwrite`` or ``abort`` (escape)."""

    def __init__(self, report: FolderReport) -> None:
        super().__init__("⚠ Milestone folder exists", ["Found:", *(f"  {line}" for line in report.lines())],
                         ["refine", "overwrite", "abort"])
        self.report = report
