"""The one YAML loader for everything a user or a repository can hand us: frontmatter, session, answers.

``yaml.safe_load`` builds no Python objects, but it still lets a small file cost gigabytes: aliases are
shared references, and whatever walks the result afterwards (pydantic, the renderer) walks every expansion
(a "billion laughs" of 1 KB becomes 10**9 nodes). So before loading, the text is measured: its size, the
number of aliases, and the number of nodes the document has once every alias is expanded. Past a limit it is
refused with one line (``YAMLLimitError``), before any of it is built. Deep nesting is refused too (libyaml
stops at its own depth limit; the pure-Python loader would raise ``RecursionError``).
"""

from __future__ import annotations

from typing import Any

import yaml

from milestone_tui.errors import YAMLLimitError

_Loader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_CHARS = 16 * 1024 * 1024  # a 100-issue session is ~100 KB: far below
MAX_ALIASES = 1000
MAX_NODES = 1_000_000  # scalars + collections, every alias expanded
MAX_DEPTH = 200


def _check_expansion(text: str) -> None:
    """Walk the parse events once: count aliases and expanded nodes, and the depth."""
    anchors: dict[str, int] = {}
    frames: list[list[Any]] = []  # [expanded nodes inside, anchor]
    total = aliases = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.CollectionStartEvent):
            total += 1
            frames.append([0, event.anchor])
            if len(frames) > MAX_DEPTH:
                raise YAMLLimitError(f"nested more than {MAX_DEPTH} levels deep")
            continue
        if isinstance(event, yaml.CollectionEndEvent):
            count, anchor = frames.pop()
            size = count + 1
            if anchor is not None:
                anchors[anchor] = size
        elif isinstance(event, yaml.AliasEvent):
            aliases += 1
            if aliases > MAX_ALIASES:
                raise YAMLLimitError(f"more than {MAX_ALIASES} aliases")
            size = anchors.get(event.anchor or "", 1)
            total += size
        elif isinstance(event, yaml.ScalarEvent):
            total += 1
            size = 1
            if event.anchor is not None:
                anchors[event.anchor] = 1
        else:
            continue
        if frames:
            frames[-1][0] += size
        if total > MAX_NODES:
            raise YAMLLimitError(f"expands to more than {MAX_NODES:,} values (aliases of aliases)")


def load(text: str, max_chars: int = MAX_CHARS) -> Any:
    """``yaml.safe_load`` within limits: YAMLLimitError (one line, no position) when the text is too big, too
    deep or expands too far; ``yaml.YAMLError`` when it is not YAML."""
    if len(text) > max_chars:
        raise YAMLLimitError(f"larger than {max_chars // 1024:,} KB")
    # Without '*' there is no alias to expand, and libyaml bounds the depth itself; the pure-Python loader
    # recurses, so there every text is walked first.
    if "*" in text or _Loader is yaml.SafeLoader:
        _check_expansion(text)
    try:
        return yaml.load(text, Loader=_Loader)
    except RecursionError:
        raise YAMLLimitError("nested too deep") from None
    except ValueError as exc:  # a value the constructor cannot build: 5000 digits, February 30th
        raise YAMLLimitError(f"holds a value that cannot be read ({str(exc).splitlines()[0][:80]})") from None
