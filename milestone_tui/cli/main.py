"""``create-milestone``: the dashboard (TUI), one milestone in the TUI, or a whole milestone headless.

Every bad input is one line on stderr (``create-milestone: error: ...``) and exit status 2, with nothing
half-written: the answers file is validated, and the roadmap read, before the milestone folder is created.
Unexpected failures are one line too (exit 1); ``--debug`` shows the traceback. Each run loads one side
(``_load``): the headless run never loads Textual, and the TUI path loads only the cheap layout and dashboard
reader before the app's first frame.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import traceback
from importlib import import_module
from pathlib import Path
from types import ModuleType
from typing import NoReturn, TextIO

from milestone_tui import __version__
from milestone_tui.core import drafting
from milestone_tui.core.layout import Layout
from milestone_tui.core.lookup import resolve_key
from milestone_tui.errors import MilestoneError, UsageError

PROG = "create-milestone"
DEMO_DATA = Path(__file__).resolve().parent.parent / "data" / "demo"


class _Parser(argparse.ArgumentParser):
    """argparse, but its errors are one line (no usage block) so scripts can show them as they are."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see --help)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, description="Turn one roadmap item into a planned milestone, step by step, "
                     "and put it on GitHub. Without an ID: the dashboard.")
    parser.add_argument("milestone", nargs="?", metavar="ID", help="milestone id from the roadmap, e.g. m5")
    parser.add_argument("--demo", action="store_true",
                        help="work on the demo workspace, a copy of the bundled one kept in "
                        "$XDG_DATA_HOME/milestone-tui/demo: a second --demo resumes it")
    parser.add_argument("--fresh", action="store_true", help="with --demo: start again from a new copy")
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--from-roadmap", action="store_true",
                        help="the full interview, starting from the roadmap (the default)")
    source.add_argument("--quick", action="store_true",
                        help="quick mode: fill what is not answered from the roadmap")
    parser.add_argument("--root", metavar="DIR", type=Path, help="repository root (default: current folder)")
    parser.add_argument("--roadmap", metavar="PATH", type=Path,
                        help="roadmap file (default: DIR/docs/01-roadmap/roadmap.md)")
    parser.add_argument("--answers", metavar="FILE", type=Path,
                        help="run every phase headless with the answers in FILE (YAML or JSON)")
    existing = parser.add_mutually_exclusive_group()
    existing.add_argument("--refine", action="store_true",
                          help="continue an existing milestone folder from its first missing phase")
    existing.add_argument("--overwrite", action="store_true",
                          help="start an existing milestone afresh (the old folder is backed up first)")
    parser.add_argument("--yes", action="store_true",
                        help="take every proposal and default without asking; never opens the TUI")
    parser.add_argument("--sync", action="store_true", help="create/update the GitHub milestone and issues")
    parser.add_argument("--dry-run", action="store_true", help="with --sync: show the plan, send nothing")
    parser.add_argument("--repo", metavar="OWNER/NAME", help="GitHub repository for the sync")
    parser.add_argument("--github-api-url", metavar="URL", help="GitHub API base (Enterprise, emulator)")
    parser.add_argument("--status", action="store_true",
                        help="read each issue's state, assignees and blockers back from GitHub")
    edits = parser.add_mutually_exclusive_group()
    edits.add_argument("--theirs", action="store_true",
                       help="with --sync: an issue edited on GitHub and in its spec takes GitHub's text")
    edits.add_argument("--ours", action="store_true",
                       help="with --sync: an issue edited on GitHub and in its spec gets the spec's text")
    parser.add_argument("--github-api-version", metavar="VERSION",
                        help="REST API version to send, e.g. 2022-11-28 for GitHub Enterprise before 3.21 "
                        "(detected by default)")
    parser.add_argument("--project", metavar="N", type=int,
                        help="with --sync: mirror the plan to Projects board N (a Phase field per issue)")
    parser.add_argument("--rebind", action="store_true",
                        help="with --sync: move a milestone synced to another repository to --repo")
    parser.add_argument("--adopt-titles", action="store_true",
                        help="with --sync: adopt an existing issue of the same title instead of a duplicate")
    parser.add_argument("--model", metavar="NAME",
                        help="draft the breakdown with this model (env MILESTONE_TUI_MODEL; docs/model.md)")
    parser.add_argument("--model-url", metavar="URL",
                        help="OpenAI-compatible endpoint for --model (env OPENAI_BASE_URL), e.g. "
                        "http://localhost:11434/v1")
    parser.add_argument("--model-show-prompt", action="store_true",
                        help="print what --model would send for this milestone, and exit (sends nothing)")
    sides = parser.add_mutually_exclusive_group()
    sides.add_argument("--keep-mine", action="store_true",
                       help="a spec edited by hand and changed in the session: write the session's text")
    sides.add_argument("--keep-file", action="store_true",
                       help="a spec edited by hand and changed in the session: read the file back")
    parser.add_argument("--debug", action="store_true", help="show tracebacks of unexpected errors")
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    return parser


def _check_combinations(args: argparse.Namespace) -> None:
    headless = args.answers is not None or args.yes
    needs_id = {"--answers": args.answers is not None, "--yes": args.yes, "--quick": args.quick,
                "--from-roadmap": args.from_roadmap, "--refine": args.refine, "--overwrite": args.overwrite,
                "--sync": args.sync, "--status": args.status, "--model-show-prompt": args.model_show_prompt}
    for flag, used in needs_id.items():
        if used and not args.milestone:
            raise UsageError(f"{flag} needs a milestone ID (e.g. {PROG} m5 {flag})")
    if args.fresh and not args.demo:
        raise UsageError("--fresh only applies to --demo")
    if args.dry_run and not args.sync:
        raise UsageError("--dry-run only applies to --sync")
    for flag, used in {"--rebind": args.rebind, "--adopt-titles": args.adopt_titles, "--theirs": args.theirs,
                       "--ours": args.ours, "--project": args.project is not None,
                       "--github-api-version": args.github_api_version is not None}.items():
        if used and not args.sync:
            raise UsageError(f"{flag} only applies to --sync")
    if args.status and (args.sync or headless or args.refine or args.overwrite):
        raise UsageError("--status only reads GitHub back: use it alone (e.g. create-milestone m5 --status)")
    if (args.repo or args.github_api_url) and not (args.sync or args.status or args.answers is not None):
        raise UsageError("--repo and --github-api-url apply to --sync (or to an answers file's github)")
    if (args.keep_mine or args.keep_file) and not (headless or args.sync or args.status):
        raise UsageError("--keep-mine and --keep-file apply to a run without the TUI (--yes, --answers, "
                         "--sync, --status); the TUI asks")
    if args.sync and args.overwrite:
        raise UsageError("--sync cannot be combined with --overwrite")
    if args.sync and args.quick and not headless:
        raise UsageError("--sync with --quick needs --yes or --answers (the quick run happens first)")


def demo_folder() -> Path:
    """Where the demo workspace lives between runs: ``$XDG_DATA_HOME/milestone-tui/demo`` (the XDG default
    ``~/.local/share`` when the variable is unset or not absolute, as the XDG spec says)."""
    data_home = os.environ.get("XDG_DATA_HOME", "")
    base = Path(data_home) if os.path.isabs(data_home) else Path.home() / ".local" / "share"
    return base / "milestone-tui" / "demo"


def _demo_workspace(fresh: bool) -> Path:
    """The persistent demo workspace: copied from the bundled one the first time (or with ``--fresh``),
    reused as it is otherwise, so a second ``--demo`` finds the work of the first."""
    target = demo_folder()
    if fresh and target.exists():
        shutil.rmtree(target)
    if not (target / "docs").is_dir():
        target.mkdir(parents=True, exist_ok=True)
        shutil.copytree(DEMO_DATA, target, dirs_exist_ok=True)
    return target


def resume_command(args: argparse.Namespace) -> str:
    """The one command that comes back to this demo workspace (its milestone, if one was named)."""
    milestone = f" {args.milestone}" if args.milestone else ""
    return f"{PROG} --demo{milestone}"


def has_terminal() -> bool:
    """Both ends of the TUI are a terminal: without one (stdin from /dev/null or a pipe, as in CI or cron)
    Textual cannot read keys and would spin."""
    return sys.stdin is not None and sys.stdout is not None and sys.stdin.isatty() and sys.stdout.isatty()


def run(argv: list[str] | None, out: TextIO) -> int:
    """Parse and dispatch; raises the core's error types, which ``main`` turns into one line."""
    args = build_parser().parse_args(argv)
    _check_combinations(args)
    headless_run = args.answers is not None or args.yes or args.sync or args.status
    if args.model_show_prompt:
        root = (args.root or Path.cwd()).resolve()
        shown = _load("milestone_tui.cli.drafting").show_prompt(root, args)
        print(shown, end="", file=out)
        return 0
    if not headless_run and not has_terminal():
        example = f"{PROG} {args.milestone or 'm5'}"
        raise UsageError(f"the TUI needs a terminal (stdin or stdout is not one); run headless instead: "
                         f"{example} --answers FILE, or {example} --yes")
    demo_root = _demo_workspace(args.fresh) if args.demo else None
    root = (demo_root or args.root or Path.cwd()).resolve()
    if not root.is_dir():
        raise UsageError(f"--root {root}: not a folder")
    roadmap = args.roadmap.resolve() if args.roadmap else None
    try:
        if headless_run:
            headless = _load("milestone_tui.cli.run")
            workspace = headless.Workspace(root, roadmap)
            if args.status:
                return int(_load("milestone_tui.cli.status").run_status_only(workspace, args, out))
            if args.sync and not (args.answers is not None or args.yes):
                return int(headless.run_sync_only(workspace, args, out))
            args.model_config = _model_config(args, root)
            return int(headless.run_headless(workspace, args, out))
        return _run_tui(Layout(root, roadmap), args)
    finally:
        if demo_root is not None:
            print(f"Demo workspace: {demo_root}", file=out)
            print(f"Resume with: {resume_command(args)}", file=out)


def _model_config(args: argparse.Namespace, root: Path) -> object:
    """The configured model (None: nothing is sent); a configured one without the extra is one line."""
    if not (args.model or args.model_url or drafting.configurable(root, os.environ)):
        return None  # nothing could configure one: the config reader (and tomllib) stays unloaded
    from milestone_tui.core.drafting.config import load_config, require_client

    config = load_config(args.model, args.model_url, root)
    if config is not None:
        require_client()
    elif args.model_url:
        raise UsageError("--model-url needs a model: --model NAME (or MILESTONE_TUI_MODEL)")
    return config


def _load(name: str) -> ModuleType:
    """The side of the command line a run needs, and only that: the headless run (the whole core, never
    Textual) or the TUI (Textual and the cheap dashboard reader; the rest loads behind its registry)."""
    return import_module(name)


def _run_tui(layout: Layout, args: argparse.Namespace) -> int:
    mode = "refine" if args.refine else "overwrite" if args.overwrite else None
    key = None
    if args.milestone:
        key = resolve_key(layout, args.milestone)  # a title typed as the id is the same folder
        layout.milestone_dir(key)  # refuse ../x before the app starts
    model = _model_config(args, layout.root)
    extra = {"model": model} if model is not None else {}  # nothing configured: the app as it always was
    app = _load("milestone_tui.tui.app").MilestoneApp(layout, milestone_id=key, quick=args.quick, mode=mode,
                                                      **extra)
    result = app.run()
    crashed = getattr(app, "return_code", None)  # Textual sets 1 after an exception in the app
    if crashed:
        return _fail("the app stopped on an unexpected error (its traceback is above)", crashed)
    return result if isinstance(result, int) else 0


def main(argv: list[str] | None = None) -> int:
    """The console script. Returns the exit status: 0 ok, 2 bad input, 1 unexpected failure."""
    debug = "--debug" in (sys.argv[1:] if argv is None else argv)
    try:
        return run(argv, sys.stdout)
    except MilestoneError as exc:
        return _fail(str(exc), 2)
    except Exception as exc:  # noqa: BLE001 - sorted below: bad input, OS trouble, or unexpected
        return _failure(exc, debug)
    except KeyboardInterrupt:
        return _fail("interrupted", 130)


def _failure(exc: Exception, debug: bool) -> int:
    """One line for a failure that is not a ``MilestoneError``: OS errors exit 2, anything else 1."""
    if isinstance(exc, OSError):  # a folder we may not write, a full disk: still one line
        name = f" {exc.filename}" if exc.filename else ""
        return _fail(f"{exc.strerror or exc}{':' if name else ''}{name}", 2)
    if debug:
        traceback.print_exc()  # still inside main's except clause: the exception being handled
    detail = str(exc).splitlines()[0] if str(exc) else ""
    return _fail(f"unexpected {type(exc).__name__}{': ' + detail if detail else ''} "
                 "(run with --debug for the traceback)", 1)


def _fail(message: str, status: int) -> int:
    sys.stdout.flush()
    print(f"{PROG}: error: {' '.join(message.split())}", file=sys.stderr)
    return status
