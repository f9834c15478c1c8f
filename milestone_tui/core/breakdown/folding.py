"""Round-6 readings of what a planner keeps (issue 9): a library or API the architecture already names is
folded into the work that uses it (``the FMCSA QCMobile API`` next to ``checked against the FMCSA registry``),
and agentless passives that are one step of the work are one issue (``reads are checked with FastQC and
adapters are trimmed with fastp``). The rules are described in ``docs/proposal-rules.md``.
"""

from __future__ import annotations

import re

from milestone_tui.core.breakdown import grammar as g
from milestone_tui.core.breakdown.kinds import Item
from milestone_tui.core.breakdown.nouns import Component


def coordinated(comps: list[Component]) -> list[Component]:
    """Two agentless passives coordinated in one clause (``reads are checked with FastQC and adapters are
    trimmed with fastp``), or the second the first's return leg (``the catalogue is handed to the agency, and
    finished translations are pulled back nightly``), are one step of the work: one issue."""
    out: list[Component] = []
    for comp in comps:
        prev = out[-1] if out else None
        alone = prev is not None and [c for c in comps if c.sentence == comp.sentence] == [prev, comp]
        passives = prev is not None and all(c.behaviour and not c.subject and not c.condition and c.uses
                                            for c in (prev, comp))  # not what "we" do: each is work
        if prev is not None and alone and passives:
            between = _between(comp.sentence, prev.uses[0].text, comp.uses[0].text)
            opening = comp.sentence[:max(comp.sentence.find(" ".join(prev.uses[0].text.split()[:3])), 0)]
            listed = opening.rstrip().endswith(",")  # "the load is awarded, X, and Y": a list of steps
            # ", and" joins separate work ("expired holds are released, and the seat map is refreshed"),
            # unless the second is the first's return leg ("handed to the agency, and ... pulled back")
            back = re.search(r"\bback\b", comp.uses[0].text) is not None
            if between is not None and not listed and re.fullmatch(r"\s*and\s*" if not back else
                                                                   r"\s*,?\s*and\s*", between):
                prev.joined.append(comp)
                continue
        out.append(comp)
    return out


def _between(sentence: str, first: str, second: str) -> str | None:
    """The words of ``sentence`` between the end of clause ``first`` and the start of clause ``second``."""
    def find(clause: str) -> int:
        return sentence.find(" ".join(clause.split()[:3]).rstrip(" ,"))
    a, b = find(first), find(second)
    if a < 0 or b <= a:
        return None
    tail = " ".join(first.split()[-2:]).rstrip(" ,")
    end = sentence.find(tail, a)
    return sentence[end + len(tail):b] if 0 <= end < b else None


def word_set(text: str) -> set[str]:
    """The lower-case words of ``text``, a hyphenated word as its parts too (``implicit-feedback``)."""
    return {w.lower() for w in re.findall(r"[A-Za-z][A-Za-z0-9]*", text)}


def folded(item: str, head: str, architecture_words: set[str]) -> bool:
    """A technology-answer library or API (``the FMCSA QCMobile API``, ``the implicit library's ALS``) whose
    name the architecture uses (``checked against the FMCSA registry``, ``trains an implicit-feedback ALS
    model``) is folded into the work of the sentence that uses it: no issue of its own. Its name is its words
    but the head noun, the determiners and the generic words of a technology's kind."""
    if head not in _CALLED:
        return False  # a part the milestone builds ("a small provisioning CLI", "Iceberg tables")
    words = word_set(item) - {head, *g.DETERMINERS, *_KIND_WORDS}
    return bool({w for w in words if len(w) > 2} & architecture_words)


def folded_client(item: Item, technology: str, at: int, architecture_words: set[str]) -> bool:
    """An API client from a technology-answer item the architecture folds into its own work (``the FMCSA
    QCMobile API`` next to ``checked against the FMCSA registry``): the client is that work's, no issue."""
    if item.pos < at:
        return False
    offset = item.pos - at
    start = max(technology.rfind(",", 0, offset), technology.rfind(";", 0, offset)) + 1
    ends = [e for e in (technology.find(",", offset), technology.find(";", offset)) if e >= 0]
    return folded(technology[start:min(ends) if ends else len(technology)], "api", architecture_words)


# Technologies the milestone calls rather than builds.
_CALLED = {"library", "api", "sdk", "client"}


# What kind of technology an item is, not its name ("the implicit library", "the Stripe SDK").
_KIND_WORDS = {"library", "api", "sdk", "client", "service", "integration", "integrations", "framework",
               "package", "module", "plugin", "tool", "s", "existing", "our", "own", "new", "for", "with",
               "and", "on", "of", "in"}
