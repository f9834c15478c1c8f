"""``python -m bench [NAME ...] [--quick] [--markdown FILE]``: run the benchmarks (all by default) and print
one table per benchmark. Each measures the app and a baseline in the same run; compare ratios across machines.

Names: startup, typing, preview, scale, sync, memory, proposal, plan, drafting.
"""

from __future__ import annotations

import argparse
import importlib
import os
import platform
import sys
import time
from pathlib import Path

# Run from anywhere: the repository root (for ``bench`` and ``tests.support.emulator``) goes on the path.
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

BENCHMARKS = {
    "startup": "bench.startup",
    "typing": "bench.typing_latency",
    "preview": "bench.preview",
    "scale": "bench.scale",
    "sync": "bench.sync",
    "memory": "bench.memory",
    "proposal": "bench.proposal",
    "plan": "bench.plan",
    "drafting": "bench.drafting",
}


def machine() -> str:
    """One line naming the machine: cores, CPU model, Python and Textual versions."""
    import textual

    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (f"{os.cpu_count()} cores, {model}, Python {platform.python_version()}, "
            f"Textual {textual.__version__}, {platform.system()} {platform.release()}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", metavar="NAME", help=f"subset to run: {', '.join(BENCHMARKS)}")
    parser.add_argument("--quick", action="store_true", help="fewer runs (rougher numbers, about 4x faster)")
    parser.add_argument("--markdown", type=Path, help="also write the tables as markdown to this file")
    args = parser.parse_args(argv)
    unknown = [n for n in args.names if n not in BENCHMARKS]
    if unknown:
        print(f"error: unknown benchmark {', '.join(unknown)} (choose from {', '.join(BENCHMARKS)})",
              file=sys.stderr)
        return 2
    names = args.names or list(BENCHMARKS)
    print(f"Machine: {machine()}")
    sections = [f"Machine: {machine()}\n"]
    began = time.perf_counter()
    for name in names:
        start = time.perf_counter()
        result = importlib.import_module(BENCHMARKS[name]).run(quick=args.quick)
        tables = result if isinstance(result, list) else [result]
        for table in tables:
            print(table.render(), flush=True)
            sections.append(f"### {table.title}\n\n{table.markdown()}\n")
        print(f"  ({name}: {time.perf_counter() - start:.0f} s)", flush=True)
    print(f"\nTotal: {time.perf_counter() - began:.0f} s")
    if args.markdown:
        args.markdown.write_text("\n".join(sections), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
