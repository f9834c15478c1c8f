"""The proposal bench: the scorer's one-to-one matching on a tiny inline corpus, and a run on the corpus."""

from __future__ import annotations

from pathlib import Path

import yaml

from bench.proposal import score_corpus, table
from bench.proposal.score import fits, overall, score


def test_stems_match_word_starts_and_alternatives() -> None:
    assert fits("Add deploy.toml config loading", ["toml"])
    assert fits("Add ShipmentEvent models", [["schema", "model"]])
    assert not fits("Add ShipmentEvent models", ["event"])  # one word: shipmentevent
    assert fits("Add order cancellation admin API", ["cancel", "admin"])
    assert not fits("Add order cancellation API", ["cancel", "admin"])  # every element must fit


def test_matching_is_one_to_one_and_maximal() -> None:
    reference = [{"title": "models", "match": [["model"]]}, {"title": "refunds", "match": ["refund"]},
                 {"title": "tests", "match": ["test"]}]
    # First-come matching would give the models title to "refund" and leave the models reference unmatched.
    proposed = ["Add Order and Refund models", "Add Stripe refund client", "Add tests", "Add tests again"]
    s = score("tiny", "dev", proposed, reference)
    assert s.pairs == {0: 0, 1: 1, 2: 2}
    assert (s.recall, s.precision) == (1.0, 0.75)
    assert s.extra == ["Add tests again"]
    only = score("tiny", "dev", ["Add Order and Refund models"], reference)
    assert len(only.pairs) == 1 and len(only.missed) == 2
    assert overall([s, only]) == (4 / 6, 4 / 5)


def test_corpus_scoring_from_files(tmp_path: Path) -> None:
    spec = {"name": "tiny", "split": "held-out",
            "roadmap": {"id": "M1", "title": "Tiny", "scope": ["Widget exporter"]},
            "answers": {"epic": {}, "spec": {}},
            "reference": [{"title": "Add widget exporter", "match": ["widget"]},
                          {"title": "t", "match": ["x"]}]}
    (tmp_path / "tiny.yaml").write_text(yaml.safe_dump(spec), encoding="utf-8")
    scores = score_corpus(lambda session: [f"Add {session.roadmap.scope[0].lower()}"], tmp_path)
    assert [(s.name, s.split, s.recall, s.precision) for s in scores] == [("tiny", "held-out", 0.5, 1.0)]


def test_bench_runs_on_the_corpus() -> None:
    scores = score_corpus()
    assert len(scores) >= 12 and {s.split for s in scores} == {"dev", "held-out"}
    rendered = table(scores).render()
    assert "OVERALL dev" in rendered and "OVERALL held-out" in rendered


def test_dev_only_table_prints_no_held_out_row(tmp_path: Path) -> None:
    """``--dev-only``: dev rows and per-round sums, the held-out aggregate, never a held-out spec's name."""
    for name, split, rnd in (("alpha", "dev", None), ("beta", "dev", 3), ("secret", "held-out", 3)):
        spec = {"name": name, "split": split, "roadmap": {"id": "M1", "title": "T", "scope": ["Widget"]},
                "answers": {"epic": {}, "spec": {}}, "reference": [{"title": "w", "match": ["zzz"]}]}
        if rnd:
            spec["round"] = rnd
        (tmp_path / f"{name}.yaml").write_text(yaml.safe_dump(spec), encoding="utf-8")
    scores = score_corpus(lambda session: ["Add widget"], tmp_path)
    rendered = table(scores, held_out_rows=False).render()
    assert "secret" not in rendered and "OVERALL held-out" in rendered
    assert "dev round 1" in rendered and "dev round 3" in rendered and "alpha" in rendered
    assert "secret" in table(scores).render()


def test_dev_only_table_prints_held_out_round_aggregates_without_names(tmp_path: Path) -> None:
    """``--dev-only``: each round's held-out specs are summed into one row; no held-out name appears."""
    for name, split, rnd, hits in (("alpha", "dev", 4, True), ("secret", "held-out", 3, False),
                                   ("hidden", "held-out", 4, True), ("covert", "held-out", 4, False)):
        spec = {"name": name, "split": split, "round": rnd, "answers": {"epic": {}, "spec": {}},
                "roadmap": {"id": "M1", "title": "T", "scope": ["Widget"]},
                "reference": [{"title": "w", "match": ["widget" if hits else "zzz"]},
                              {"title": "t", "match": ["zzz"]}]}
        (tmp_path / f"{name}.yaml").write_text(yaml.safe_dump(spec), encoding="utf-8")
    scores = score_corpus(lambda session: ["Add widget"], tmp_path)
    table_ = table(scores, held_out_rows=False)
    rows = {row[0]: row for row in table_.rows}
    # Round 4's held-out pair: 1 of 4 reference issues matched, 1 of 2 proposed titles.
    assert rows["held-out round 4"][1:6] == ["held-out", "4", "2", "0.25", "0.50"]
    assert rows["held-out round 3"][1:6] == ["held-out", "2", "1", "0.00", "0.00"]
    rendered = table_.render()
    assert "held-out round 3" in rendered and "held-out round 4" in rendered and "dev round 4" in rendered
    assert not any(name in rendered for name in ("secret", "hidden", "covert"))
    assert "held-out round" not in table(scores).render()  # the full table has the rows themselves


def test_every_corpus_stem_is_a_string() -> None:
    """YAML reads a bare ``100`` as a number; the scorer needs text, so a stem must be quoted."""
    corpus = Path(__file__).parent.parent / "bench" / "proposal" / "corpus"
    bad = []
    for path in sorted(corpus.glob("*.yaml")):
        for ref in yaml.safe_load(path.read_text(encoding="utf-8"))["reference"]:
            for element in ref["match"]:
                stems = element if isinstance(element, list) else [element]
                bad += [f"{path.name}: {ref['title']}: {s!r}" for s in stems if not isinstance(s, str)]
    assert bad == []


def test_sources_count_where_dev_issues_are_said_and_skip_held_out(tmp_path: Path) -> None:
    """``--sources``: per answer, the dev reference issues one of its sentences holds; held-out files add
    nothing (their issue would be held by the tradeoffs)."""
    from bench.proposal.sources import sources

    for name, split in (("alpha", "dev"), ("secret", "held-out")):
        spec = {"name": name, "split": split,
                "roadmap": {"id": "M1", "title": "T", "scope": ["Widget export"]},
                "answers": {"epic": {"success": "Exports finish in 2 s."},
                            "spec": {"architecture": "- A widget exporter writes CSV.\n- It retries.",
                                     "tradeoffs": "Gzip over zstd for the archive uploader."}},
                "reference": [{"title": "Add widget exporter", "match": ["widget", "export"]},
                              {"title": "Add archive uploader", "match": ["upload"]},
                              {"title": "Add widget tests", "match": ["test"]}]}
        (tmp_path / f"{name}.yaml").write_text(yaml.safe_dump(spec), encoding="utf-8")
    rows = {row[0]: row[1:] for row in sources(tmp_path).rows}
    assert rows["scope"][:2] == ["1", "0"] and rows["architecture"][:2] == ["1", "0"]
    assert rows["tradeoffs"][:2] == ["1", "1"]  # the uploader is said only in the tradeoffs, once (dev)
    assert rows["(none)"][0] == "0" and rows["success"][0] == "0"
    assert "secret" not in sources(tmp_path).render()
