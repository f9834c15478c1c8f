"""Opening a GitHub page from a screen: the browser when one can open, else the URL in a notification.

The summary (``o`` the milestone, ``i`` the highlighted issue) and the issue-details screen (``f5``) share
it, so every such key says the same thing where no browser can open (over SSH, in a container).
"""

from __future__ import annotations

import webbrowser

from textual.widget import Widget


def open_page(widget: Widget, url: str | None, missing: str) -> None:
    """Open ``url`` in the browser; show it to copy where none opens; ``missing`` when there is no URL."""
    if url is None:
        widget.notify(missing, severity="warning")
    elif not webbrowser.open(url):
        widget.notify(f"Open {url}", timeout=12)
