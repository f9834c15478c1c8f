"""Roadmap parsing: heading shapes, labelled lines, bullet scopes, tables, lookup and its error messages."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import milestone_tui
from milestone_tui.core.lookup import find_milestone
from milestone_tui.core.roadmap import canonical_id, split_items
from milestone_tui.core.roadmap_markdown import load_roadmap
from milestone_tui.errors import RoadmapError
from tests.support.roadmaps import parse_both as parse_roadmap

DEMO = Path(milestone_tui.__file__).parent / "data/demo/docs/01-roadmap/roadmap.md"


def only(text: str):
    roadmap = parse_roadmap(text, "roadmap.md")
    assert len(roadmap.milestones) == 1, roadmap.milestones
    return roadmap.milestones[0]


# -- ids -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [("m5", "M5"), ("M5", "M5"), ("Milestone 5", "M5"), ("milestone-5", "M5"), ("MILESTONE 5", "M5"),
     (" m05 ", "M5"), ("M10", "M10"), ("m5a", "M5a"), ("M5A", "M5a"), ("Milestone M7", "M7"), ("m-3", "M3")],
)
def test_canonical_id_accepts_common_spellings(text: str, expected: str) -> None:
    assert canonical_id(text) == expected


@pytest.mark.parametrize("text", ["", "5", "mx", "Milestones", "M5 - Title", "phase 1", "m5ab", "../m5"])
def test_canonical_id_rejects_non_ids(text: str) -> None:
    assert canonical_id(text) is None


# -- headings -----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "heading",
    ["## M5 - Detection Ingest", "### M5: Detection Ingest", "### M5 — Detection Ingest",
     "### M5 – Detection Ingest", "### Milestone 5 - Detection Ingest", "## M5 Detection Ingest",
     "# **M5** - Detection Ingest", "#### milestone-5: Detection Ingest", "## M5. Detection Ingest",
     "## [M5] Detection Ingest"],
)
def test_heading_shapes(heading: str) -> None:
    milestone = only(f"# Roadmap\n\nIntro text.\n\n{heading}\n\nSome prose.\n")
    assert (milestone.id, milestone.title, milestone.description) == ("M5", "Detection Ingest", "Some prose.")


def test_heading_without_title_and_non_milestone_headings() -> None:
    roadmap = parse_roadmap("# Milestones\n\n## M1\n\nText.\n\n## Migration plan\n\nNot a milestone.\n")
    assert [(m.id, m.title, m.description) for m in roadmap.milestones] == [("M1", "", "Text.")]


def test_higher_heading_ends_milestone_deeper_heading_is_a_section() -> None:
    text = (
        "## Phase 1\n\n### M1 - One\n\nAbout one.\n\n#### Scope\n\n- Alpha\n- Beta\n\n"
        "#### Notes\n\nCareful.\n\n"
        "## Phase 2\n\nPhase prose is not M1's.\n"
    )
    milestone = only(text)
    assert milestone.scope == ["Alpha", "Beta"]
    assert milestone.fields == {"Notes": "Careful."}
    assert milestone.description == "About one."


# -- labelled lines -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "lines",
    [
        "Scope: Real-time ingestion, validation, storage\nDependencies: M4 (Risk Assessment)",
        "**Scope:** Real-time ingestion, validation, storage\n**Dependencies:** M4 (Risk Assessment)",
        "**Scope**: Real-time ingestion; validation; storage\n\n**Depends on**: M4 (Risk Assessment)",
        "- **Scope:** Real-time ingestion, validation, storage\n- **Dependencies:** M4 (Risk Assessment)",
        "* Scope: Real-time ingestion, validation, storage\n* Depends on: M4 (Risk Assessment)",
        "__Scope:__ Real-time ingestion, validation, storage\n\n*Dependencies:* M4 (Risk Assessment)",
    ],
)
def test_labelled_line_shapes(lines: str) -> None:
    milestone = only(f"## M5 - Detection Ingest Pipeline\n\n{lines}\n")
    assert milestone.scope == ["Real-time ingestion", "validation", "storage"]
    assert milestone.dependencies == ["M4 (Risk Assessment)"]
    assert milestone.description == ""


@pytest.mark.parametrize("value", ["none", "None", "-", "—", "N/A", "None."])
def test_no_dependencies(value: str) -> None:
    assert only(f"## M1 - Start\n\n**Dependencies:** {value}\n").dependencies == []


def test_dependencies_split_on_commas_outside_parentheses() -> None:
    milestone = only("## M6 - X\n\nDependencies: M3, M4 (Risk Assessment, phase 2), M5\n")
    assert milestone.dependencies == ["M3", "M4 (Risk Assessment, phase 2)", "M5"]


def test_semicolons_win_over_commas() -> None:
    assert split_items("Alerts, rules; SMS, email; routing.") == ["Alerts, rules", "SMS, email", "routing"]


def test_other_labels_go_to_fields_as_written() -> None:
    milestone = only(
        "## M5 - Ingest\n\nIngests things.\n\n**Target date:** 2027-03-31\n**Owner:** Data Platform team\n"
        "- **Status:** Planned\n"
    )
    assert milestone.fields == {
        "Target date": "2027-03-31", "Owner": "Data Platform team", "Status": "Planned"}
    assert milestone.due_date == "2027-03-31"
    assert milestone.description == "Ingests things."


def test_prose_with_a_colon_stays_description() -> None:
    text = "## M4 - Risk\n\nThe first risk model: scores assets weekly.\n\n**Owner:** Analysts\n"
    milestone = only(text)
    assert milestone.description == "The first risk model: scores assets weekly."
    assert milestone.fields == {"Owner": "Analysts"}


def test_description_label_and_links_and_wrapped_lines() -> None:
    text = (
        "## M2 - Registry\n\nFirst paragraph with a [link](http://x.example) and `code`.\n\n"
        "Second\nparagraph.\n\n"
        "**Description:** Labelled description.\n"
    )
    milestone = only(text)
    assert milestone.description == (
        "First paragraph with a link and code.\n\nSecond paragraph.\n\nLabelled description."
    )


# -- bullet scope -------------------------------------------------------------------------------------
FUSION_SCOPE = ["Combine detection and weather data", "Risk calculation engine", "Caching layer"]


@pytest.mark.parametrize(
    "block",
    [
        "**Scope:**\n\n- Combine detection and weather data\n- Risk calculation engine\n- Caching layer",
        "Scope:\n- Combine detection and weather data\n- Risk calculation engine\n- Caching layer.",
        "- **Scope:**\n  - Combine detection and weather data\n  - Risk calculation engine\n"
        "  - Caching layer",
        "### Scope\n\n1. Combine detection and weather data\n2. Risk calculation engine\n3. Caching layer",
    ],
)
def test_bullet_list_scope(block: str) -> None:
    milestone = only(f"## M6 - Fusion Engine\n\nFuses data.\n\n{block}\n\n**Dependencies:** M5\n")
    assert milestone.scope == FUSION_SCOPE
    assert milestone.dependencies == ["M5"]
    assert milestone.description == "Fuses data."


def test_label_inside_scope_list_ends_the_scope() -> None:
    milestone = only("## M6 - F\n\n**Scope:**\n- One\n- Two\n- **Dependencies:** M5\n")
    assert (milestone.scope, milestone.dependencies) == (["One", "Two"], ["M5"])


def test_unlabelled_bullets_are_the_scope_when_none_is_given() -> None:
    milestone = only("## M3 - Geo\n\n- Region boundaries\n- Validation: schema checks\n")
    assert milestone.scope == ["Region boundaries", "Validation: schema checks"]


# -- tables -------------------------------------------------------------------------------------------
def test_table_roadmap() -> None:
    text = (
        "# Roadmap\n\n| ID | Milestone | Scope | Depends on | Target Date |\n|---|---|---|---|---|\n"
        "| M4 | Risk Assessment | Scoring; review | none | |\n"
        "| m5 | **Detection Ingest Pipeline** | Real-time ingestion, validation, storage "
        "| M4 (Risk Assessment) | 2027-03-31 |\n"
        "| Milestone 6 | Fusion Engine | Fusion<br>Caching | M5, M4 (Risk Assessment) | |\n"
        "| Later | Ideas | | | |\n"
    )
    roadmap = parse_roadmap(text, "roadmap.md")
    assert [(m.id, m.title) for m in roadmap.milestones] == [
        ("M4", "Risk Assessment"), ("M5", "Detection Ingest Pipeline"), ("M6", "Fusion Engine")]
    m4, m5, m6 = roadmap.milestones
    assert (m4.scope, m4.dependencies) == (["Scoring", "review"], [])
    assert m5.scope == ["Real-time ingestion", "validation", "storage"]
    assert m5.dependencies == ["M4 (Risk Assessment)"]
    assert m5.fields == {"Target Date": "2027-03-31"}
    assert (m6.scope, m6.dependencies) == (["Fusion", "Caching"], ["M5", "M4 (Risk Assessment)"])


def test_table_with_id_and_title_in_one_column() -> None:
    text = "| Milestone | Scope | Dependencies |\n|---|---|---|\n| M2 - Registry | Sensors | M1 |\n"
    milestone = only(text)
    assert (milestone.id, milestone.title, milestone.scope, milestone.dependencies) == (
        "M2", "Registry", ["Sensors"], ["M1"])


def test_field_value_table_inside_a_milestone() -> None:
    text = "## M7 - Alerts\n\n| Field | Value |\n|---|---|\n| Scope | Rules; routing |\n| Owner | Ops |\n"
    milestone = only(text)
    assert (milestone.scope, milestone.fields) == (["Rules", "routing"], {"Owner": "Ops"})


def test_summary_row_and_heading_keep_the_first_and_fill_gaps() -> None:
    text = (
        "| ID | Title |\n|---|---|\n| M1 | From table |\n\n"
        "## M1 - From heading\n\nDetails.\n\n**Scope:** a, b\n"
    )
    milestone = only(text)
    assert (milestone.title, milestone.scope, milestone.description) == ("From table", ["a", "b"], "Details.")


# -- lookup and errors --------------------------------------------------------------------------------
SMALL = "".join(f"## M{n} - Title {n}\n\nText.\n\n" for n in range(1, 7))


@pytest.mark.parametrize("query", ["m5", "M5", "Milestone 5", "milestone-5", "M05", "Title 5"])
def test_find_milestone_is_case_insensitive(query: str) -> None:
    roadmap = parse_roadmap(SMALL, "docs/01-roadmap/roadmap.md")
    assert find_milestone(roadmap, query).id == "M5"


def test_missing_milestone_names_path_ids_and_nearest() -> None:
    roadmap = parse_roadmap(SMALL, "docs/01-roadmap/roadmap.md")
    with pytest.raises(RoadmapError) as err:
        find_milestone(roadmap, "m9")
    assert str(err.value) == (
        "Milestone M9 not found in docs/01-roadmap/roadmap.md (found: M1, M2, M3, M4, M5, M6); "
        "did you mean M6?"
    )
    assert "\n" not in str(err.value)


def test_missing_milestone_by_title_suggests_by_spelling() -> None:
    roadmap = parse_roadmap("## M1 - Fusion Engine\n\n## M2 - Registry\n", "r.md")
    with pytest.raises(RoadmapError, match=r"did you mean M1\?$"):
        find_milestone(roadmap, "fusion engin")


def test_missing_milestone_in_empty_roadmap() -> None:
    with pytest.raises(RoadmapError, match="no milestones found"):
        find_milestone(parse_roadmap("# Nothing yet\n", "r.md"), "m1")


def test_long_id_list_is_shortened() -> None:
    roadmap = parse_roadmap("".join(f"## M{n} - T\n" for n in range(1, 41)), "r.md")
    with pytest.raises(RoadmapError) as err:
        find_milestone(roadmap, "M99")
    assert "M1, M2" in str(err.value) and "..., M40; 40 in all" in str(err.value)
    assert str(err.value).endswith("did you mean M40?")


def test_missing_roadmap_file(tmp_path: Path) -> None:
    with pytest.raises(RoadmapError) as err:
        load_roadmap(tmp_path / "docs/01-roadmap/roadmap.md", display="docs/01-roadmap/roadmap.md")
    assert str(err.value) == "Roadmap not found: docs/01-roadmap/roadmap.md (use --roadmap PATH)"


def test_unreadable_roadmap_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "roadmap.md").write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(RoadmapError, match=r"^Cannot read roadmap .*roadmap\.md"):
        load_roadmap(tmp_path / "roadmap.md")
    with pytest.raises(RoadmapError, match="Cannot read roadmap"):
        load_roadmap(tmp_path)  # a directory


def test_load_roadmap_records_path(tmp_path: Path) -> None:
    path = tmp_path / "roadmap.md"
    path.write_text("## M1 - One\n", encoding="utf-8")
    assert load_roadmap(path).path == str(path)
    assert load_roadmap(path, display="x/roadmap.md").path == "x/roadmap.md"


# -- the demo roadmap ---------------------------------------------------------------------------------
def test_demo_roadmap_has_the_seed_milestones() -> None:
    roadmap = load_roadmap(DEMO, display="docs/01-roadmap/roadmap.md")
    assert [m.id for m in roadmap.milestones] == [f"M{n}" for n in range(1, 9)]
    assert find_milestone(roadmap, "m4").display_title == "M4 - Risk Assessment"

    m5 = find_milestone(roadmap, "m5")
    assert m5.display_title == "M5 - Detection Ingest Pipeline"
    assert ", ".join(m5.scope) == "Real-time ingestion, validation, storage"
    assert m5.dependencies == ["M4 (Risk Assessment)"]
    assert "ingesting detection data from sensors and feeds" in m5.description
    assert m5.description.count(".") == 1
    assert m5.due_date == "2027-03-31"

    m6 = find_milestone(roadmap, "M6")
    assert m6.display_title == "M6 - Fusion Engine"
    assert m6.scope == FUSION_SCOPE
    assert m6.dependencies == ["M5 (Detection Ingest Pipeline)"]
    assert m6.description


def test_demo_roadmap_every_milestone_is_complete() -> None:
    for milestone in load_roadmap(DEMO).milestones:
        assert milestone.title and milestone.scope and milestone.description, milestone.id
        assert not [k for k in milestone.fields if k.lower() in {"field", "scope", "dependencies"}]


# -- scale --------------------------------------------------------------------------------------------
def test_thousand_milestones() -> None:
    parts = []
    for n in range(1, 1001):
        parts.append(
            f"## M{n} - Milestone number {n}\n\nDoes thing {n}.\n\n**Scope:** a{n}, b{n}; c{n}\n"
            f"**Dependencies:** M{n - 1} (Milestone number {n - 1})\n\n- Extra {n}\n\n"
        )
    roadmap = parse_roadmap("# Big\n\n" + "".join(parts), "big.md")
    assert len(roadmap.milestones) == 1000
    last = find_milestone(roadmap, "milestone 1000")
    assert last.scope == ["a1000, b1000", "c1000"]
    assert last.dependencies == ["M999 (Milestone number 999)"]
    assert last.description == "Does thing 1000.\n\n- Extra 1000"


PIECES = ["## ", "### ", "M5", "m", "Milestone ", "-", " — ", ":", "**", "Scope", "Dependencies", "\n",
          "\n\n", "- ", "  - ", "| ", " |", "|---|", "(", ")", ",", ";", "x", "1", "*", "`", "<br>",
          "Target date", "None"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=60).map("".join))
def test_any_markdown_parses_to_unique_canonical_ids(text: str) -> None:
    try:
        ids = [m.id for m in parse_roadmap(text).milestones]
    except RoadmapError as exc:  # two headings (or rows) for one id: one line, never a guess
        assert "appears twice" in str(exc) and "\n" not in str(exc)
        return
    assert len(ids) == len(set(ids))
    assert all(canonical_id(i) == i for i in ids)
