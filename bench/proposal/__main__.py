"""``python -m bench.proposal [--detail NAME] [--record-baseline] [--dev-only] [--sources]``: see
``bench.proposal``."""

from __future__ import annotations

import argparse
import sys

from bench.proposal import detail, record_baseline, score_corpus, table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.proposal")
    parser.add_argument("--detail", metavar="NAME", action="append", help="one dev spec's matching")
    parser.add_argument("--record-baseline", action="store_true", help="write today's numbers as baseline")
    parser.add_argument("--dev-only", action="store_true",
                        help="dev rows, per-round dev sums, only held-out aggregates (overall, per round)")
    parser.add_argument("--sources", action="store_true",
                        help="where the dev references' issues are said, and the missed ones (dev only)")
    args = parser.parse_args(argv)
    if args.sources:
        from bench.proposal.sources import sources

        print(sources().render())
        return 0
    if args.record_baseline:
        record_baseline(score_corpus())
    if args.detail:
        print("\n\n".join(detail(n) for n in args.detail))
        return 0
    print(table(score_corpus(), held_out_rows=not args.dev_only).render())
    return 0


if __name__ == "__main__":
    sys.exit(main())
