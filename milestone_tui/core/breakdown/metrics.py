"""Cross-cutting issues from the success metrics only (issue 9): the test a metric is measured with (load
test, soak test, benchmark), a check the metrics name as what shows them (``checked by a determinism test``,
``which a nightly reconciliation report shows``), a dashboard a metric is watched on, else health
(availability) and metrics (performance) for things that run. The rules are described in
``docs/proposal-rules.md``.
"""

from __future__ import annotations

import re

from milestone_tui.core.breakdown import titles
from milestone_tui.core.breakdown import vocabulary as v
from milestone_tui.core.breakdown.kinds import Item
from milestone_tui.core.model import Session

# A test the success metrics say they are measured with ("in a load test", "a nightly benchmark query").
_MEASURED = re.compile(r"\b(load|soak|stress|performance)[- ]tests?\b|\bbenchmark\w*\b", re.IGNORECASE)


# Kinds that run as a service: only those get health check and metrics endpoints.
SERVED = {"endpoint", "webhook", "consumer", "worker", "ui"}


# A metric the success answer says is watched on a dashboard: "cost per encoded hour under $0.40, tracked on a
# dashboard", "error rate below 1%, shown in Grafana".
_WATCHED = re.compile(r"\b(?:dashboards?|grafana|kibana)\b", re.IGNORECASE)
_METRIC_END = re.compile(r"\s+(?:under|below|above|over|within|less|more|at|is|are|must|should|stays?|"
                         r"drops?|falls?|of|in|on|from|to|by|tracked|shown|charted|reported|measured|"
                         r"watched|plotted|visible)\b|\s*[\d$<>≤≥%,(]", re.IGNORECASE)


# A check the success metrics name as what shows the metric: the agent of a passive of showing or checking
# ("checked by a determinism test in CI"), the subject of a relative clause ("which a nightly reconciliation
# report shows"), or a parenthesis that names it ("(a parity run)"). Its head is a test, report, run or audit.
_ARTEFACT = r"((?:[a-z][\w-]*\s+){0,3}(?:tests?|reports?|runs?|audits?))\b"
_MEASURED_BY = re.compile(
    rf"\b(?:(?:shown|checked|measured|verified|proven|proved|confirmed|tracked)\s+by|which|that)\s+(?:an?|the)\s+"
    rf"{_ARTEFACT}|\(\s*(?:an?|the)\s+{_ARTEFACT}\s*\)")


_METRICS_DASHBOARD = "Add metrics dashboard"  # a dashboard the metrics name no subject for


def _dashboard(clause: str) -> str:
    """``cost per encoded hour under $0.40, tracked on a dashboard`` -> ``Add cost per encoded hour
    dashboard``: the metric is the clause's words before its number or comparison."""
    text = re.sub(r"^\s*(?:the|a|an|our)\s+", "", clause.strip(), flags=re.IGNORECASE)
    metric = _METRIC_END.split(text, maxsplit=1)[0].strip()
    words = metric.split()
    if not words or len(words) > 5 or _WATCHED.search(metric):
        return _METRICS_DASHBOARD
    return f"Add {titles.lower_word(words[0])} {' '.join(words[1:])} dashboard".replace("  ", " ")


def ops(session: Session, served: bool, has_ui: bool = False) -> list[Item]:
    """Cross-cutting issues from the success metrics: the test they are measured with (load test, soak
    test, benchmark), else health (availability) and metrics (performance) for things that run."""
    success = session.epic.success
    out: list[Item] = []
    for clause in re.split(r"[;\n]|\.\s", success):
        match = _MEASURED.search(clause)
        if match:
            kind = match.group(1)
            subject = re.search(r"\b(\w+)\s+(?:latency|throughput|query|queries)\b", clause, re.I)
            what = f"{kind.lower()} test" if kind else "benchmark"
            thing = subject.group(1).lower() if subject and subject.group(1).lower() not in {
                "p95", "p99", "p50", "the", "a", "scheduling"} else ""
            title = f"Add {thing + ' ' if thing else ''}{what}"
            if title not in {i.title for i in out}:
                out.append(Item("ops", v.RANK["ops"], 0, title, clause.strip()))
        elif (named := _MEASURED_BY.search(clause)) is not None:
            title = f"Add {(named.group(1) or named.group(2)).lower()}"
            if title not in {i.title for i in out}:
                out.append(Item("ops", v.RANK["ops"], 0, title, clause.strip()))
        elif _WATCHED.search(clause) and not has_ui:
            title = _dashboard(clause)
            generic = title == _METRICS_DASHBOARD
            out.append(Item("ops", v.RANK["ops"], 0, title, clause.strip(), generic=generic))
    if out:
        return out
    text = success  # the success metrics ask for it, not a word of the architecture ("availability")
    perf = v.find(v.PERF, text) is not None
    health = v.find(v.HEALTH, text) is not None
    source = success.strip()
    if not served:  # nothing listens: measure rather than expose
        title = "Add performance benchmarks" if perf else ""
    else:
        title = ("Add health check and metrics endpoints" if perf and health else
                 "Add health check endpoint" if health else "Add metrics endpoint" if perf else "")
    # the vocabulary's own titles: the roadmap's words for the same work replace them (``propose``)
    return [Item("ops", v.RANK["ops"], 0, title, source, generic=True)] if title else []
