"""Session -> prompt -> reply -> ``ModelDraft`` (recorded in the session), or the rules with one line why.

An invalid reply gets one repair request quoting the validation error; a second invalid one, or any fault
of the endpoint, leaves the rules' proposal (``core.defaults.proposal_for`` reads the draft from the session,
the one place that chooses). The draft is all or nothing: it is recorded only once it is whole.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import dataclass

from pydantic import ValidationError

from milestone_tui.core import defaults
from milestone_tui.core.drafting import prompt
from milestone_tui.core.drafting.client import Cancelled, Request
from milestone_tui.core.drafting.config import ModelConfig
from milestone_tui.core.drafting.reply import Reply, json_schema, to_proposal
from milestone_tui.core.model import DraftedIssue, DraftedPhase, ModelDraft, ReviewLine, Session
from milestone_tui.errors import DraftError

_FENCE = re.compile(r"^\s*```(?:json)?\s*|\s*```\s*$")


@dataclass(frozen=True)
class Outcome:
    """A draft, or why there is none (``notice``: one line; ``cancelled`` when the planner stopped it)."""

    draft: ModelDraft | None
    notice: str
    cancelled: bool = False


def _error_line(exc: ValidationError | ValueError) -> str:
    if isinstance(exc, ValidationError):
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"]) or "reply"
        return f"{where}: {err['msg']}"[:200]
    return str(exc).splitlines()[0][:200] if str(exc) else "not valid JSON"


def parse(text: str) -> Reply:
    """The reply's JSON (a code fence around it tolerated); ``ValidationError`` or ``ValueError``."""
    return Reply.model_validate_json(_FENCE.sub("", text))


def record(reply: Reply, session: Session, config: ModelConfig) -> ModelDraft:
    """The normalised draft (the rules filling the gaps), with the model, host and prompt hash."""
    proposal, phases = to_proposal(reply, defaults.rules_proposal(session))
    return ModelDraft(
        model=config.model, host=config.host, prompt_hash=prompt.prompt_hash(session),
        issues=[DraftedIssue(title=i.title, summary=i.summary, source=i.source, depends_on=list(i.depends_on),
                             acceptance=list(i.acceptance)) for i in proposal.issues],
        phases=[DraftedPhase(name=name, issues=numbers) for name, numbers in phases],
        review=[ReviewLine(text=" ".join(r.text.split()), suggestion=" ".join(r.suggestion.split()))
                for r in reply.review])


def draft(session: Session, config: ModelConfig, *, on_text: Callable[[str], None] | None = None,
          cancel: threading.Event | None = None, stream: bool = True) -> Outcome:
    """Ask the model for the breakdown; never raises for the endpoint's or the reply's faults."""
    request = Request(config, cancel, stream=stream)
    messages = prompt.messages(session)
    schema = json_schema()
    try:
        text = request.complete(messages, schema, on_text)
        try:
            made = record(parse(text), session, config)
        except (ValidationError, ValueError) as first:
            repair = [*messages, {"role": "assistant", "content": text[:20_000]},
                      {"role": "user", "content": f"That reply is invalid: {_error_line(first)}. "
                       "Reply again with the whole corrected JSON object only."}]
            text = request.complete(repair, schema, on_text)
            try:
                made = record(parse(text), session, config)
            except (ValidationError, ValueError) as second:
                raise DraftError(request._line(f"the reply does not fit the format, even repaired "
                                               f"({_error_line(second)})")) from None
    except Cancelled as exc:
        return Outcome(None, f"Model draft cancelled: {exc}", cancelled=True)
    except DraftError as exc:
        return Outcome(None, f"Model draft not used: {exc}; the rules propose the breakdown.")
    return Outcome(made, f"Breakdown drafted by {config.model} at {config.host}.")


def apply(session: Session, outcome: Outcome) -> None:
    """Record the draft in the session (a failed one leaves the rules: no half-applied draft)."""
    if not outcome.cancelled:
        session.draft = outcome.draft
