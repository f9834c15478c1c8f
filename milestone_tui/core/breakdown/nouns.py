"""The nouns that name components: role nouns (service, job, endpoint, API...), agent nouns (scheduler,
matcher: a word in -er/-or that is not a person of the spec's users nor one of the -er/-or words that name no
doer), and the ``Component`` a noun phrase naming one becomes, with its uses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from milestone_tui.core.breakdown import grammar as g
from milestone_tui.core.breakdown.grammar import Token
from milestone_tui.core.breakdown.phrases import Use

ROLE_NOUNS = {
    "service", "job", "worker", "endpoint", "api", "command", "gateway", "cli", "daemon", "bridge",
    "pipeline", "webhook", "proxy", "broker", "registry", "catalog", "index", "log", "dashboard", "ui",
    "app", "module", "library", "plugin", "function", "task", "loop", "script", "handler", "hook",
    "middleware", "watchdog", "projection", "sink", "connector", "adapter", "engine", "server", "backend",
    "frontend", "console", "portal", "sdk", "table", "consumer", "producer",
}
# -er/-or words that name no doer (and comparatives); people come from the epic's users answer.
NOT_AGENTS = {
    "order", "number", "other", "after", "under", "over", "per", "layer", "folder", "filter", "header",
    "footer", "buffer", "error", "paper", "letter", "water", "power", "minor", "major", "color", "colour",
    "floor", "door", "factor", "sensor", "cluster", "container", "counter", "parameter", "character",
    "center", "centre", "quarter", "either", "neither", "never", "ever", "however", "whether", "together",
    "rather", "later", "offer", "matter", "member", "user", "customer", "owner", "partner", "author",
    "vendor", "provider", "carrier", "manager", "developer", "engineer", "operator", "actor", "super",
    "cover", "answer", "corner", "border", "anchor", "vector", "sector", "mirror", "tensor", "monitor",
    "calendar", "behavior", "behaviour", "favor", "flavor", "humor", "honor", "labor", "tutor", "doctor",
    "editor", "visitor", "player", "driver", "rider", "buyer", "seller", "reader", "writer", "viewer",
    "leader", "officer", "lower", "upper", "inner", "outer", "former", "latter", "newer", "older",
    "fewer", "faster", "slower", "better", "larger", "smaller", "higher", "longer", "shorter", "earlier",
    "whatever", "wherever", "whenever", "meter", "liter", "litre", "daughter", "mother", "father",
}
DEVICES = {"app", "phone", "browser", "device", "client", "laptop"}


@dataclass
class Component:
    """A noun phrase naming a part of the system, where the spec names it, and its uses."""

    words: list[str]  # modifiers and head as written, without determiners ("compactor", "job")
    head: str  # singular, lower-case
    sentence: str
    pos: int
    owner: list[str] = field(default_factory=list)  # a possessor ("Kafka Connect" 's S3 sink)
    name: str = ""  # a code-span name (`deploy` command)
    definite: bool = False
    existing: bool = False
    source_of: bool = False  # the spec says something comes from it
    uses: list[Use] = field(default_factory=list)
    subject: bool = False  # named only by being the subject of an action, not by a role or agent noun
    behaviour: bool = False  # an agentless passive: what happens to the data ("failed runs are retried")
    mentions: set[str] = field(default_factory=set)  # a behaviour's other words, singular and lower-case
    unnamed: bool = False  # named by its verb ("something has to release them": the releaser)
    condition: bool = False  # a behaviour in a condition ("if the offer is declined")
    mentions_at: set[int] = field(default_factory=set)  # an enumeration's token indices (read, not rescanned)
    people: bool = False  # owned by the spec's users ("drivers' apps"): their device, not the system
    foreign: bool = False  # someone else's ("its REST API", "OctoPrint's API"): called, not built
    placed: bool = False  # named only as a preposition's object ("entered in the app", "with host, service")
    made: bool = False  # what the spec says we make ("our own renewal scheduler", "we will give them a ...")
    joined: list[Component] = field(default_factory=list)  # passives coordinated into this one's step
    ability: bool = False  # what someone must be able to do ("the desk needs a way to enter a bid")

    @property
    def key(self) -> str:
        return " ".join(w.lower() for w in [self.name, *self.words] if w)


def is_head(token: Token, people: set[str]) -> bool:
    w = g.singular(token.low)
    if token.punct or token.code or not re.fullmatch(r"[a-z][a-z-]*", w) or w in people:
        return False
    if w in ROLE_NOUNS:
        return not (w == "log" and token.text.endswith("s"))
    return len(w) >= 5 and w.endswith(("er", "or")) and w not in NOT_AGENTS and not token.text.isupper()


def agentive(word: str) -> bool:
    """An agent noun or a gerund: the word itself names what the component does."""
    w = word.lower()
    if w in ROLE_NOUNS - {"consumer", "producer", "worker"}:
        return False
    return (len(w) >= 5 and w.endswith(("er", "or", "ing")) and w not in NOT_AGENTS) or w.endswith("ers")
