"""A fast live markdown preview: only the top-level blocks that changed are rebuilt, off the event loop.

Textual's stock ``Markdown.update`` removes every block and mounts new ones, which costs about 0.7 s for a
30-issue plan. Here the document is split into top-level blocks with markdown-it-py (block rules only, and
only the sections that changed: ``blocks.py``), each block is one ``Static``
rendering Rich's Markdown, keyed by its source text, and an update is a keyed diff: unchanged blocks stay as
they are, changed ones are updated in place.

Keystrokes never wait for the preview. The expensive part (splitting the document, parsing and rendering each
new block with Rich at the pane's width) runs in a thread worker (group ``"preview"``); the event loop only
produces the text (a callable, called once per render) and swaps the changed blocks in, synchronously, so a
half-built preview is never shown. Updates are coalesced leading-edge + trailing: when idle a render starts at
once; while one runs only the latest text is kept, and one more render starts when it finishes.

Code blocks (an issue spec's YAML frontmatter) follow the app's theme: Rich paints them with a Pygments style
of their own, whose background and colours ignore Textual's, so a dark style is unreadable on a light theme.
On a theme change every block is rendered again, in the worker, with the matching style.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from rich.console import Console, ConsoleOptions, RenderResult
from rich.markdown import Markdown as RichMarkdown
from rich.segment import Segment
from textual import on
from textual.containers import VerticalScroll
from textual.geometry import Region
from textual.theme import Theme
from textual.widgets import Static
from textual.worker import Worker, WorkerState, get_current_worker

from milestone_tui.tui.paint import request_paint
from milestone_tui.tui.safe_text import strip_escapes
from milestone_tui.tui.widgets import anchors
from milestone_tui.tui.widgets.anchors import slug
from milestone_tui.tui.widgets.blocks import frontmatter_as_code, split_blocks

Source = str | Callable[[], str]
WORKER_GROUP = "preview"
# The Pygments styles of code blocks: Rich's own default for dark themes, Pygments' default for light ones
# (a near-white background with dark, saturated tokens).
DARK_CODE_THEME = "monokai"
LIGHT_CODE_THEME = "default"


def code_theme_for(dark: bool) -> str:
    """The code blocks' Pygments style for a dark or a light app theme."""
    return DARK_CODE_THEME if dark else LIGHT_CODE_THEME


class BlockMarkdown:
    """Rich's Markdown for one block, rendered once per width and replayed after.

    Textual asks a widget's renderable twice per change (once for its height, once to paint); Rich's
    Markdown would parse and render both times. Here the segments are kept, and a worker can render them
    ahead, off the event loop (:meth:`prerender`), so the event loop only replays them.
    """

    def __init__(self, source: str, code_theme: str = DARK_CODE_THEME) -> None:
        self.source = source
        self.code_theme = code_theme
        self._markdown: RichMarkdown | None = None
        self._cache: tuple[tuple[Any, ...], list[Segment]] | None = None
        self.height: int | None = None  # lines of the cached rendering
        self.width: int | None = None  # its width

    @staticmethod
    def _key(options: ConsoleOptions) -> tuple[Any, ...]:
        # Rich's Markdown resets the height itself; everything else that can change its output is here.
        return (options.max_width, options.min_width, options.justify, options.overflow, options.no_wrap,
                options.encoding, options.legacy_windows, options.is_terminal, options.markup)

    def prerender(self, console: Console, options: ConsoleOptions) -> list[Segment]:
        """The segments for ``options`` (rendered now unless already cached for the same width/options)."""
        key = self._key(options)
        if self._cache is not None and self._cache[0] == key:
            return self._cache[1]
        if self._markdown is None:
            self._markdown = RichMarkdown(self.source, code_theme=self.code_theme)
        segments = list(console.render(self._markdown, options))
        self._cache = (key, segments)
        self.height = sum(segment.text.count("\n") for segment in segments)
        self.width = options.max_width
        return segments

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield from self.prerender(console, options)


class PreviewBlock(Static):
    """One top-level block of the preview: a single Static rendering Rich's Markdown for that block."""

    DEFAULT_CSS = """
    PreviewBlock {
        padding: 0;
        margin: 0 0 1 0;
    }
    """

    def __init__(self, block: BlockMarkdown | str) -> None:
        block = BlockMarkdown(block) if isinstance(block, str) else block
        super().__init__(block)
        self.block = block
        self.block_source = block.source

    def set_block(self, block: BlockMarkdown) -> None:
        """Show another block in place (no remove + mount); without a layout pass when it is as tall."""
        old, self.block = self.block, block
        self.block_source = block.source
        same_height = (old.height is not None and old.height == block.height and old.width == block.width
                       and block.width == self.content_region.width)
        self.update(block, layout=not same_height)


@dataclass(frozen=True)
class _Job:
    """What a render worker is handed: immutable values only (the session never leaves the event loop)."""

    text: str
    shown: frozenset[str]  # block sources already on screen: not rendered again
    console: Console
    options: ConsoleOptions | None  # None: the pane has no width yet, blocks render when first painted
    code_theme: str = DARK_CODE_THEME


@dataclass(frozen=True)
class _Prepared:
    """A worker's result: the new block keys and the renderables made for the keys not on screen."""

    text: str
    keys: list[str]
    blocks: dict[str, BlockMarkdown]
    code_theme: str = DARK_CODE_THEME


def prepare(job: _Job, cancelled: Callable[[], bool] = lambda: False) -> _Prepared | None:
    """Split the text and render every new block (runs in the worker thread); None once cancelled."""
    # Terminal escapes in user text never reach the terminal through the preview.
    keys = split_blocks(frontmatter_as_code(strip_escapes(job.text)))
    blocks: dict[str, BlockMarkdown] = {}
    for key in keys:
        if cancelled():
            return None
        if key in job.shown or key in blocks:
            continue
        block = BlockMarkdown(key, job.code_theme)
        if job.options is not None:
            block.prerender(job.console, job.options)
        blocks[key] = block
    return None if cancelled() else _Prepared(job.text, keys, blocks, job.code_theme)


class MarkdownPreview(VerticalScroll):
    """A scrolling markdown preview updated by keyed diff of top-level blocks, rendered in a worker.

    Call :meth:`update` with text, or with a callable that produces the text: the callable is called on the
    event loop once per render (not once per call), so the caller's keystroke path does not pay for it.
    """

    DEFAULT_CSS = """
    MarkdownPreview {
        height: 1fr;
        padding: 0 1 0 2;
        background: $surface;
    }
    """

    def __init__(self, markdown: str = "", *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._latest: Source | None = markdown or None  # the newest text not yet handed to a worker
        self._worker: Worker[_Prepared | None] | None = None  # the render in flight (at most one)
        self._start_scheduled = False  # a start waits for the first layout
        self._running_text = ""
        self._shown_text: str | None = None
        self.code_theme = DARK_CODE_THEME  # the code blocks' style for the app's theme (set when mounted)
        self._shown_theme = DARK_CODE_THEME  # the style of the blocks on screen
        self._blocks: list[PreviewBlock] = []
        self.updates_applied = 0  # how many diffs were applied (tests and benchmarks read it)
        self._follow: str | None = None  # the anchor of the section kept in view (see follow)
        self._following = False
        self.renders_started = 0  # how many worker renders were started

    def on_mount(self) -> None:
        self.code_theme = self._shown_theme = code_theme_for(self.app.current_theme.dark)
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)
        if self._latest is not None:
            self._start_scheduled = self.call_after_refresh(self._start)

    def _theme_changed(self, theme: Theme) -> None:
        """A light/dark switch renders every block again (in the worker) with the matching code style."""
        code_theme = code_theme_for(theme.dark)
        if code_theme == self.code_theme:
            return
        self.code_theme = code_theme
        if self._latest is None and self._shown_text is not None:
            self.update(self._running_text if self._worker is not None else self._shown_text)

    def _shown_blocks(self) -> frozenset[str]:
        """The block sources a render may skip: those on screen, unless their code style is stale."""
        if self._shown_theme != self.code_theme:
            return frozenset()
        return frozenset(block.block_source for block in self._blocks)

    @property
    def source(self) -> str:
        """The markdown currently shown, as the joined block sources."""
        return "\n\n".join(block.block_source for block in self._blocks)

    @property
    def table_of_contents(self) -> list[tuple[int, str, str]]:
        """(level, title, anchor) of every heading shown, in document order."""
        sources = [block.block_source for block in self._blocks]
        return [(level, title, slug(title)) for level, title, _ in anchors.table_of_contents(sources)]

    def goto_anchor(self, anchor: str | None) -> bool:
        """Scroll the section ``anchor`` names into view (like Textual's ``Markdown.goto_anchor``, but the
        least scroll that shows the whole section, or its top when it is taller than the pane); None is the
        document's opening. False when no heading has that anchor (or the blocks are not laid out yet)."""
        span = anchors.section([block.block_source for block in self._blocks], anchor)
        if span is None:
            return False
        first, last = span
        regions = [block.virtual_region_with_margin for block in self._blocks[first:last + 1]]
        if not all(region.size for region in regions):
            return False  # mounted, not laid out yet: on_resize scrolls once they are
        self.scroll_to_region(Region.from_union(regions), animate=False, immediate=True)
        return True

    def follow(self, anchor: str | None) -> None:
        """Keep the section ``anchor`` names in view: now, and after every update until the next call (a
        field being typed in, whose section grows or moves as the text changes). None: the opening."""
        self._follow, self._following = anchor, True
        self.goto_anchor(anchor)

    def on_resize(self) -> None:
        # The pane, or the document's height (a section grew, blocks were mounted), changed: scroll again.
        if self._following:
            self.goto_anchor(self._follow)

    @property
    def pending(self) -> bool:
        """True while an update is waiting or rendering (the screen does not show the newest text yet)."""
        return self._latest is not None or self._worker is not None

    def update(self, source: Source) -> None:
        """Show new text: when idle a render starts now; during a render only the latest text is kept."""
        self._latest = source
        if self._worker is not None or self._start_scheduled or not self.is_mounted:
            return
        if self.size.width:
            self._start()
        else:  # not laid out yet: render once the pane's width is known (so blocks can be rendered ahead)
            self._start_scheduled = self.call_after_refresh(self._start)

    def _start(self) -> None:
        """Hand the latest text to a new render worker (on the event loop; cheap)."""
        self._start_scheduled = False
        if self._worker is not None:
            return  # a render started meanwhile (flush, or a trailing start): it picks the text up after
        source, self._latest = self._latest, None
        if source is None:
            return
        text = source() if callable(source) else source
        if text == self._shown_text and self._shown_theme == self.code_theme:
            return  # e.g. a key that does not change this artifact: nothing to render
        width = self.scrollable_content_region.width
        options = self.app.console_options.update(highlight=False).update_width(width) if width > 0 else None
        job = _Job(text, self._shown_blocks(), self.app.console, options, self.code_theme)
        self._running_text = text
        self.renders_started += 1
        # exclusive: a newer render supersedes an older one of this widget; other groups (the GitHub sync)
        # are never touched.
        self._worker = self.run_worker(lambda: self._work(job), name="preview", group=WORKER_GROUP,
                                       exclusive=True, thread=True, exit_on_error=False)

    @staticmethod
    def _work(job: _Job) -> _Prepared | None:
        worker = get_current_worker()
        return prepare(job, lambda: worker.is_cancelled)

    @on(Worker.StateChanged)
    def _worker_changed(self, event: Worker.StateChanged) -> None:
        if event.worker is not self._worker or event.state in (WorkerState.PENDING, WorkerState.RUNNING):
            return  # a superseded render (its result is never applied), or not finished yet
        event.stop()
        self._worker = None
        result = event.worker.result if event.state is WorkerState.SUCCESS else None
        if isinstance(result, _Prepared):
            self._apply(result)
            # The frame after the echo, not the update timer's slot after next (see milestone_tui.tui.paint).
            request_paint(self.screen)
        elif event.state is WorkerState.ERROR:
            self.log.error(f"preview render failed: {event.worker.error!r}")
        if self._latest is not None:
            self._start()  # the trailing render: the newest text typed while this one ran

    def flush(self) -> None:
        """Apply the newest text now, synchronously (tests and scripts that need a settled preview)."""
        source, self._latest = self._latest, None
        if source is not None:
            text: str | None = source() if callable(source) else source
        else:
            text = self._running_text if self._worker is not None else None
        if self._worker is not None:
            self._worker.cancel()
            self._worker = None  # its result, if it still comes, is ignored
        if text is not None and (text != self._shown_text or self._shown_theme != self.code_theme):
            prepared = prepare(_Job(text, self._shown_blocks(), self.app.console, None, self.code_theme))
            assert prepared is not None
            self._apply(prepared)

    def _apply(self, prepared: _Prepared) -> None:
        """Swap in only the blocks whose source changed.

        Runs synchronously in one message handler: updating, mounting and pruning change the DOM
        immediately, so there is no await point at which the preview could be seen half-updated.
        """
        self._shown_text = prepared.text
        new_keys = prepared.keys
        old = self._blocks
        old_keys = [block.block_source for block in old]
        restyle = prepared.code_theme != self._shown_theme  # every block was rendered again: swap all in
        self._shown_theme = prepared.code_theme
        if old_keys == new_keys and not restyle:
            return

        on_screen = {} if restyle else {widget.block_source: widget.block for widget in old}

        def block(key: str) -> BlockMarkdown:
            # rendered by the worker, or already on screen (a moved block), or (rarely) rendered when painted
            return prepared.blocks.get(key) or on_screen.get(key) or BlockMarkdown(key, prepared.code_theme)

        result: list[PreviewBlock] = []
        stale: list[PreviewBlock] = []
        matcher = SequenceMatcher(a=old_keys, b=new_keys, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                for widget in old[i1:i2] if restyle else []:
                    widget.set_block(block(widget.block_source))
                result.extend(old[i1:i2])
                continue
            reused = old[i1:i2][: j2 - j1]  # replaced blocks are updated in place
            for widget, key in zip(reused, new_keys[j1:j2], strict=False):
                widget.set_block(block(key))
            result.extend(reused)
            stale.extend(old[i1 + len(reused):i2])
            fresh = [PreviewBlock(block(key)) for key in new_keys[j1 + len(reused):j2]]
            if fresh:
                # The opcode after a change is always "equal", so old[i2] (if any) stays mounted.
                anchor = old[i2] if i2 < len(old) else None
                if anchor is not None:
                    self.mount_all(fresh, before=anchor)
                else:
                    self.mount_all(fresh)
            result.extend(fresh)
        if stale:
            self.remove_children(stale)
        self._blocks = result
        self.updates_applied += 1
        if self._following:
            # Now, with the geometry as it stands (a section's heading does not move when its own text
            # changes); new or taller blocks scroll again once laid out (on_resize). Not call_after_refresh:
            # it wakes the screen before the blocks' refreshes reach it, and the paint of this change would
            # then wait for the update timer's slot (see milestone_tui.tui.paint).
            self.goto_anchor(self._follow)
