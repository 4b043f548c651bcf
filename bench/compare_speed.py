"""Compare speed: a generated agreement pair (5,000 paragraphs by default, every edit kind, the other side's
tracked changes and comments already in it), whole process per pair, against the floor and the peers.

- floor: one process that reads both zips, parses every XML part with lxml, serialises and writes them
  (bench/synth.py's floor, once per file): what any tool pays to touch the two files at all;
- draft-agreement: `python -m draft_agreement compare OLD NEW -o OUT --date ...`;
- python-redlines (Docxodus engine, then the Open-XML-PowerTools WmlComparer engine) and jubarte, each
  when installed (optional bench dependencies: `pip install python-redlines[docxodus]
  python-redlines[ooxmlpowertools] jubarte-redlines`; the engines ship their own binaries).

Every command runs `--repeat` times after one warm-up, in a process of its own; the median wall time is
reported, with its ratio to the floor and to draft-agreement.

With `--wc N`, the median over the first N pairs of the WmlComparer set in ../shared/corpus instead (one
run per pair and tool after one warm-up): small documents, where start-up dominates.

Run: python bench/compare_speed.py [--paragraphs N] [--lang zh|en] [--repeat R] [--wc N]
"""

from __future__ import annotations

import argparse
import importlib.util
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.agreements import pair  # noqa: E402
from tests.corpus import wc_pairs  # noqa: E402

_FLOOR = (
    "import sys; sys.path.insert(0, {bench!r}); from synth import floor; from pathlib import Path; "
    "[floor(Path(p)) for p in sys.argv[1:]]"
)
_PYTHON_REDLINES = (
    "import sys; from python_redlines.engines import {engine}; "
    "old, new, out = sys.argv[1:]; "
    "result = {engine}().run_redline('bench', open(old, 'rb').read(), open(new, 'rb').read()); "
    "open(out, 'wb').write(result[0])"
)


def _commands(old: Path, new: Path, work: Path) -> dict[str, list[str]]:
    py = sys.executable
    commands = {
        "floor": [py, "-c", _FLOOR.format(bench=str(ROOT / "bench")), str(old), str(new)],
        "draft-agreement": [
            py,
            "-m",
            "draft_agreement",
            "compare",
            str(old),
            str(new),
            "-o",
            str(work / "ours.docx"),
            "--date",
            "2026-01-01T00:00:00Z",
        ],
    }
    if importlib.util.find_spec("python_redlines") is not None:
        for name, engine, package in (
            ("python-redlines (Docxodus)", "DocxodusEngine", "python_redlines_docxodus"),
            ("python-redlines (WmlComparer)", "XmlPowerToolsEngine", "python_redlines_ooxmlpowertools"),
        ):
            if importlib.util.find_spec(package) is not None:
                code = _PYTHON_REDLINES.format(engine=engine)
                commands[name] = [py, "-c", code, str(old), str(new), str(work / f"{package}.docx")]
    jubarte = shutil.which("jubarte-redlines")
    if jubarte is not None:
        commands["jubarte"] = [
            jubarte,
            "compare",
            str(old),
            str(new),
            "-o",
            str(work / "jubarte.docx"),
            "--force",
        ]
    return commands


def _median_wall(command: list[str], repeat: int) -> tuple[float, str | None]:
    """Median wall time of `repeat` runs after a warm-up; or the first line of a failure."""
    times = []
    for i in range(repeat + 1):
        start = time.perf_counter()
        run = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=600)
        elapsed = time.perf_counter() - start
        if run.returncode != 0:
            return float("nan"), (run.stderr.strip().splitlines() or ["failed"])[-1][:200]
        if i:
            times.append(elapsed)
    return statistics.median(times), None


def _corpus(count: int) -> None:
    pairs = [(a, b) for a, b in wc_pairs() if a.name < b.name][:count]
    if not pairs:
        raise SystemExit("the WmlComparer set is not in ../shared/corpus")
    with tempfile.TemporaryDirectory() as tmp:
        per_tool: dict[str, list[float]] = {}
        for old, new in pairs:
            for name, command in _commands(old, new, Path(tmp)).items():
                median, error = _median_wall(command, 1)
                if error is None:
                    per_tool.setdefault(name, []).append(median)
        print(f"{len(pairs)} WmlComparer pairs, whole process, median over the pairs")
        for name, times in per_tool.items():
            print(
                f"  {name:32s} {statistics.median(times):7.3f} s   ({len(times)} of {len(pairs)} pairs ran)"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=5000)
    parser.add_argument("--lang", choices=("zh", "en"), default="zh")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--wc", type=int, default=0, help="time this many corpus pairs instead")
    args = parser.parse_args()
    if args.wc:
        _corpus(args.wc)
        return
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        old, new = pair(work, args.paragraphs, args.lang, seed=args.paragraphs)
        print(
            f"{args.lang} agreement pair, {args.paragraphs} paragraphs, whole process, median of {args.repeat}"
        )
        results: dict[str, float] = {}
        for name, command in _commands(old, new, work).items():
            median, error = _median_wall(command, args.repeat)
            results[name] = median
            if error:
                print(f"  {name:32s} could not run here: {error}")
                continue
            line = f"  {name:32s} {median:7.3f} s   {median / results['floor']:6.1f}x floor"
            if name not in ("floor", "draft-agreement"):
                line += f"   {median / results['draft-agreement']:6.1f}x draft-agreement"
            print(line)


if __name__ == "__main__":
    main()
