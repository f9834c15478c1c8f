"""What is sent to the model: built from the session's roadmap item, epic and spec answers, nothing else.

Never sent: the key (it is a header, set by the client), file paths, the GitHub state, other milestones,
issues already typed. ``prompt_hash`` is the sha256 of the messages, recorded with a draft so a planner can
see what drafted what, and so a draft is used only while the answers it was drafted from are unchanged.
"""

from __future__ import annotations

import hashlib
import json

from milestone_tui.core.drafting.reply import MAX_ISSUES
from milestone_tui.core.model import Session

SYSTEM = (
    "You are a software planner. You break one milestone of a project's roadmap into GitHub issues. "
    "Reply with one JSON object only, no prose and no code fence."
)

FORMAT = f"""Reply with JSON of this shape (only issues[].title is required):
{{"issues": [{{"title": "Add ...", "summary": "one line of scope", "depends_on": [1],
   "acceptance": ["a testable criterion"], "source": "the spec sentence it comes from"}}],
 "phases": [{{"name": "Foundation", "issues": [1, 2]}}],
 "review": [{{"text": "a vague or untestable success metric or criterion, quoted",
   "suggestion": "a measurable rewording"}}]}}
Rules: at most {MAX_ISSUES} issues, each title starting with a verb ("Add", "Implement", ...);
depends_on and phases[].issues are 1-based issue numbers of this list; an issue depends only on issues
it needs first; the last issue is the integration tests; review lists words like "fast", "scalable",
"user-friendly" in the success metrics or the spec, each with a measurable rewording."""


def _section(title: str, fields: dict[str, str]) -> str:
    lines = [f"## {title}"]
    lines += [f"{name}: {value.strip()}" for name, value in fields.items() if value.strip()]
    return "\n".join(lines) if len(lines) > 1 else ""


def messages(session: Session) -> list[dict[str, str]]:
    """The chat messages for a draft of this session's breakdown."""
    road = session.roadmap
    parts = [f"# Milestone {session.display_id}: {session.title}".rstrip(": ")]
    if road is not None:
        parts.append(_section("Roadmap item", {
            "Description": road.description or "",
            "Scope": "; ".join(s.strip() for s in road.scope if s.strip()),
        }))
    parts.append(_section("Epic", {
        "Problem": session.epic.problem, "Users": session.epic.users,
        "Success metrics": session.epic.success, "Out of scope": session.epic.out_of_scope,
    }))
    if not session.quick:
        parts.append(_section("Specification", {
            "Architecture": session.spec.architecture, "Data models": session.spec.data_models,
            "Trade-offs": session.spec.tradeoffs, "Technology": session.spec.technology,
        }))
    parts.append(FORMAT)
    return [{"role": "system", "content": SYSTEM},
            {"role": "user", "content": "\n\n".join(p for p in parts if p)}]


def prompt_hash(session: Session) -> str:
    text = json.dumps(messages(session), sort_keys=True, ensure_ascii=False)
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def show(session: Session) -> str:
    """The prompt as ``--model-show-prompt`` prints it."""
    return "\n\n".join(f"--- {m['role']} ---\n{m['content']}" for m in messages(session)) + "\n"
