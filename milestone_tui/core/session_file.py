"""The session file format: YAML in model field order, multi-line text as literal blocks, diff-friendly.

Kept apart from the workspace so the format (dump and the checks on load) is one small, testable unit.
"""

from __future__ import annotations

import yaml
from pydantic import ValidationError

from milestone_tui.core import safe_yaml
from milestone_tui.core.model import SCHEMA_VERSION, Session
from milestone_tui.errors import SessionFormatError, YAMLLimitError

# libyaml's emitter when PyYAML was built with it: the session is saved after every answer, and the
# pure-Python dumper costs ~35 ms for a 100-issue milestone.
_BaseDumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _SessionDumper(_BaseDumper):  # type: ignore[valid-type,misc]
    """A private dumper, so the literal-block representer does not leak into other users of PyYAML."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # Literal blocks keep multi-line answers readable and make diffs line-by-line.
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_SessionDumper.add_representer(str, _represent_str)


def _int_key(item: tuple[object, object]) -> int:
    key = str(item[0])
    return int(key) if key.isdigit() else 0


def dump_session(session: Session) -> str:
    """YAML text of a session: keys in model field order; dict-valued fields sorted so saves do not churn."""
    data = session.model_dump(mode="json")
    data["artifact_hashes"] = dict(sorted(data["artifact_hashes"].items()))
    data["adopted_hashes"] = dict(sorted(data["adopted_hashes"].items()))
    data["github"]["pushed_hashes"] = dict(sorted(data["github"]["pushed_hashes"].items(), key=_int_key))
    return yaml.dump(data, Dumper=_SessionDumper, sort_keys=False, allow_unicode=True, width=100)


def parse_session(text: str) -> Session:
    """A session from YAML text; SessionFormatError with a one-line reason for anything wrong."""
    try:
        data = safe_yaml.load(text)
    except YAMLLimitError as exc:
        raise SessionFormatError(f"refused: {exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" at line {mark.line + 1}" if mark is not None else ""
        raise SessionFormatError(f"not valid YAML{at}") from None
    if not isinstance(data, dict):
        raise SessionFormatError("not a mapping")
    data.pop("breakdown_confirmed", None)  # written before 0.2; the same as "breakdown" in ``done``
    version = data.get("schema_version", SCHEMA_VERSION)
    # Exactly an integer: a quoted "2" or 2.0 is not silently read as 1 and rewritten.
    if type(version) is not int or version < 1:
        raise SessionFormatError(f"schema_version must be a whole number from 1 to {SCHEMA_VERSION}, "
                                 f"got {str(version)[:20]!r}")
    if version > SCHEMA_VERSION:
        raise SessionFormatError(f"schema version {version} is newer than this milestone-tui understands "
                                 f"({SCHEMA_VERSION}); upgrade milestone-tui")
    try:
        return Session.model_validate(data)
    except RecursionError:
        raise SessionFormatError("nested too deep") from None
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = ".".join(str(p) for p in err["loc"]) or "(top)"
        raise SessionFormatError(f"invalid field {loc}: {err['msg']}") from None
