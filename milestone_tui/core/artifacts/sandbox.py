"""What a template can reach: files inside its folder only, and a read-only view of the session.

The jinja2 sandbox stops attribute tricks (``__class__``, ``__globals__``) but neither file access nor calls
to ordinary methods. So:

* ``FolderLoader`` reads a template only when it is a regular file whose resolved path lies inside the
  override folder: a symlink that leaves it (``/proc/self/environ``, a secret next door), a FIFO, a device or
  a folder is refused with one line, never read. Names jinja2 would not accept (``..``) are refused too.
* ``freeze`` wraps the session and everything in it into views that expose the fields and read-only
  properties and nothing else: lists become tuples, dicts mapping proxies, models ``ModelView`` objects with
  no methods. Rendering is used with ``ImmutableSandboxedEnvironment``, which also refuses the mutating
  methods of the plain lists and dicts the renderer builds for a template.
"""

from __future__ import annotations

import os
import stat
import traceback
from collections.abc import Callable
from pathlib import Path
from types import MappingProxyType
from typing import Any

import jinja2
from jinja2.loaders import split_template_path
from pydantic import BaseModel

from milestone_tui.errors import ArtifactError

MAX_TEMPLATE_BYTES = 1024 * 1024


class TemplateRefused(ArtifactError):
    """A template name that resolves to something the loader will not read (outside the folder, not a
    regular file). Not a TemplateNotFound: jinja2's ChoiceLoader would quietly fall back to the shipped
    template, and a refused override must be said."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"template {name}: {reason}")


class FolderLoader(jinja2.BaseLoader):
    """Templates from one folder; only regular files whose real path is inside it (links inside are fine)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.real = folder.resolve()

    def get_source(self, environment: jinja2.Environment,
                   template: str) -> tuple[str, str, Callable[[], bool]]:
        pieces = split_template_path(template)  # refuses ".." itself
        path = self.folder.joinpath(*pieces)
        if not os.path.lexists(path):
            raise jinja2.TemplateNotFound(template)
        real = path.resolve()
        if not real.is_relative_to(self.real) or real.parts[1:2] in (("proc",), ("dev",), ("sys",)):
            raise TemplateRefused(template, f"refers to a file outside {self.folder} (not read)")
        try:
            info = os.stat(real)
        except OSError as exc:
            raise TemplateRefused(template, f"cannot be read ({exc.strerror})") from None
        if not stat.S_ISREG(info.st_mode):
            raise TemplateRefused(template, "not a regular file (not read)")
        if info.st_size > MAX_TEMPLATE_BYTES:
            raise TemplateRefused(template, f"larger than {MAX_TEMPLATE_BYTES // 1024} KB (not read)")
        # O_NOFOLLOW on the resolved path: a link swapped in after the check is not followed either.
        fd = os.open(real, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise TemplateRefused(template, "not a regular file (not read)")
            data = handle.read(MAX_TEMPLATE_BYTES + 1)
        try:
            source = data.decode("utf-8")
        except UnicodeDecodeError:
            raise TemplateRefused(template, "not UTF-8 text") from None
        mtime = info.st_mtime
        return source, str(path), lambda: os.path.exists(real) and os.stat(real).st_mtime == mtime


class ModelView:
    """A read-only view of a pydantic model: its fields and properties, frozen in turn; no methods."""

    __slots__ = ("_model", "_cache")

    def __init__(self, model: BaseModel) -> None:
        object.__setattr__(self, "_model", model)
        object.__setattr__(self, "_cache", {})

    def __getattr__(self, name: str) -> Any:
        cache = object.__getattribute__(self, "_cache")
        if name in cache:
            return cache[name]
        model = object.__getattribute__(self, "_model")
        kind = type(model)
        if name not in kind.model_fields and not isinstance(getattr(kind, name, None), property):
            raise AttributeError(name)  # methods (clear, touch, mark_done ...) do not exist here
        value = cache[name] = freeze(getattr(model, name))
        return value

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("read-only")

    def __str__(self) -> str:
        return str(object.__getattribute__(self, "_model"))

    def __eq__(self, other: object) -> bool:
        mine = object.__getattribute__(self, "_model")
        theirs = object.__getattribute__(other, "_model") if isinstance(other, ModelView) else other
        return bool(mine == theirs)

    __hash__ = None  # type: ignore[assignment]


def freeze(value: Any) -> Any:
    """A read-only counterpart of ``value``: models as views, lists/tuples/sets as tuples, dicts as mapping
    proxies (all frozen in turn); immutable values as they are."""
    if isinstance(value, BaseModel):
        return ModelView(value)
    if isinstance(value, (list, tuple)):
        return tuple(freeze(v) for v in value)
    if isinstance(value, (set, frozenset)):
        return frozenset(freeze(v) for v in value)
    if isinstance(value, dict):
        return MappingProxyType({k: freeze(v) for k, v in value.items()})
    return value


def template_line(exc: BaseException, folders: tuple[Path, ...]) -> tuple[str, int] | None:
    """(template file name, line) where a runtime error happened: jinja2 rewrites the traceback so its frames
    carry the template's file and line; the deepest frame in one of ``folders`` is the one. None if none."""
    found = None
    for frame, lineno in traceback.walk_tb(exc.__traceback__):
        path = Path(frame.f_code.co_filename)
        if path.parent in folders:
            found = (path.name, lineno)
    return found
