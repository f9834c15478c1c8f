"""Conditional reads of the progress (issue 11, item 6) against the emulator over real HTTP: each page of the
milestone's listing sent with its last ETag, an unchanged one answered 304 (free of GitHub's rate limit) and
the last read kept; a page that changed gets a new ETag and is read in full."""

from __future__ import annotations

from pathlib import Path

import pytest

from milestone_tui.github.reading import read_status
from milestone_tui.github.status import status_line
from tests.github.conftest import REPO, TOKEN
from tests.github.test_sync import FAST, SEED, FakeFlow, sync, target
from tests.support.emulator import Emulator
from tests.support.emulator_relations import refresh_all


async def synced(emu: Emulator) -> FakeFlow:
    """The seed synced, then its status read once: the session holds the listing's current ETags."""
    flow = FakeFlow()
    result, _ = await sync(emu, flow)
    assert result.status == "finished", result.message
    await read_status(target(emu), flow.session, FAST)
    assert flow.session.github.status_etags
    return flow


async def test_an_unchanged_listing_is_a_304_and_keeps_the_last_read(emu: Emulator) -> None:
    flow = await synced(emu)
    kept, read_at = dict(flow.session.github.status), flow.session.github.status_read
    full, before = len(emu.listings(200)), len(emu.log)
    await read_status(target(emu), flow.session, FAST)
    assert len(emu.listings(200)) == full  # no full listing: GitHub would not count it
    assert [s for _, p, s in emu.log[before:] if "/issues" in p] == [304]
    assert flow.session.github.status == kept
    assert read_at is not None and flow.session.github.status_read is not None
    assert flow.session.github.status_read >= read_at  # read now, found the same


async def test_a_changed_listing_gets_a_new_etag_and_is_read_in_full(emu: Emulator) -> None:
    flow = await synced(emu)
    tags = list(flow.session.github.status_etags)
    emu.repo(REPO).issues[0]["state"] = "closed"  # #301 done on GitHub
    refresh_all(emu, emu.repo(REPO))
    full = len(emu.listings(200))
    await read_status(target(emu), flow.session, FAST)
    assert len(emu.listings(200)) == full + 1
    assert flow.session.github.status[301].state == "closed"
    assert flow.session.github.status_etags != tags
    assert status_line(flow.session).startswith("1/9 closed")


async def test_pages_are_conditional_one_by_one(emu: Emulator) -> None:
    """Four a page: 10 issues (the epic too) on three pages; one changed on the second page: the first and
    the third answer 304 and are read again in full (which issue was on which page is not kept)."""
    emu.max_per_page = 4
    flow = await synced(emu)
    assert len(flow.session.github.status_etags) == 3
    full, not_modified = len(emu.listings(200)), len(emu.listings(304))
    await read_status(target(emu), flow.session, FAST)
    assert (len(emu.listings(200)), len(emu.listings(304))) == (full, not_modified + 3)
    emu.repo(REPO).issues[5]["assignees"] = [emu.user()]  # #306, on the second page
    await read_status(target(emu), flow.session, FAST)
    assert len(emu.listings(304)) == not_modified + 3 + 2
    assert len(emu.listings(200)) == full + 3  # the changed page, then the two unchanged ones in full
    assert flow.session.github.status[306].assignees == ["octocat"]
    assert len(flow.session.github.status) == len(SEED) + 1  # every issue still there, the epic too
    await read_status(target(emu), flow.session, FAST)  # and the new ETags hold
    assert len(emu.listings(304)) == not_modified + 3 + 2 + 3


async def test_a_resync_with_nothing_changed_reads_no_full_listing(emu: Emulator) -> None:
    flow = FakeFlow()
    await sync(emu, flow)
    await sync(emu, flow)  # the first sync's writes changed the listing: this one reads it in full
    full, writes = len(emu.listings(200)), len(emu.writes())
    result, _ = await sync(emu, flow)
    assert result.status == "finished" and {s.verb for s in result.synced} == {"unchanged"}
    assert len(emu.listings(200)) == full and len(emu.listings(304)) >= 1
    assert emu.writes()[writes:] == []


async def test_a_spec_changed_since_reads_the_listing_in_full(emu: Emulator) -> None:
    """The sync compares GitHub's text with the spec's: a 304 could not give it, so nothing conditional."""
    flow = FakeFlow()
    await sync(emu, flow)
    await sync(emu, flow)
    flow.session.issues[2].acceptance.append("and one more thing")
    not_modified = len(emu.listings(304))
    result, _ = await sync(emu, flow)
    assert result.status == "finished", result.message
    assert len(emu.listings(304)) == not_modified
    assert [s.verb for s in result.synced].count("update") == 1


async def test_an_edit_on_github_is_still_seen_after_a_304_read(emu: Emulator) -> None:
    """The status read keeps the ETags; GitHub's edit changes the page, so the sync sees it (a conflict)."""
    flow = FakeFlow()
    await sync(emu, flow)
    await sync(emu, flow)
    await read_status(target(emu), flow.session, FAST)
    on_github = emu.repo(REPO).issues[8]
    on_github["body"] = on_github["body"].replace("## Acceptance Criteria", "Typed on GitHub.\n\n"
                                                  "## Acceptance Criteria")
    flow.session.issues[8].acceptance.append("also ours")
    result, _ = await sync(emu, flow)
    assert result.status == "failed" and "#309" in result.message and "--theirs" in result.message


def test_status_twice_on_the_command_line_costs_one_full_listing(
        emu: Emulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from milestone_tui.cli.main import main
    from tests.support.helpers import copy_demo

    root = copy_demo(tmp_path / "repo")
    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.setenv("GH_TOKEN", TOKEN)
    monkeypatch.setenv("GITHUB_API_URL", emu.url)
    assert main(["m5", "--quick", "--yes", "--root", str(root)]) == 0
    assert main(["m5", "--sync", "--repo", REPO, "--root", str(root)]) == 0
    capsys.readouterr()
    assert main(["m5", "--status", "--root", str(root)]) == 0
    first = capsys.readouterr().out.splitlines()
    full = len(emu.listings(200))
    assert main(["m5", "--status", "--root", str(root)]) == 0
    assert capsys.readouterr().out.splitlines() == first
    assert len(emu.listings(200)) == full and len(emu.listings(304)) == 1
