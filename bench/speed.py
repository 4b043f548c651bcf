"""Speed against the floor on a 20,000-paragraph agreement: model, review and redline.

The floor is zip read + lxml parse + serialise + zip write of the same file, measured in the same run;
every figure is reported as a ratio to it. Targets: model <= 1.5x, review <= 2x, redline (the whole
process, start-up included) <= 3x with memory under 10x the unpacked XML.

Two documents: the rsid-heavy one Word writes (every run with rsids and full run properties; one
paragraph in 60 risky), and `dense`, a lean python-docx agreement (one run a paragraph, no rsids) where
30% of the clauses speak of accounts or personal data and about 2,000 findings result. For the dense
one, `review --format json` and `redline` are timed as whole processes against the floor as a whole
process too (interpreter start, lxml import, the same zip work): targets <= 2x and <= 3x.

Run: python bench/speed.py [--paragraphs N] [--repeat R] [--only model,review,redline,dense]
"""

from __future__ import annotations

import argparse
import compileall
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth import best_of, floor, write_agreement, write_lean_agreement  # noqa: E402

import draft_agreement  # noqa: E402
from draft_agreement.model.document import load_document  # noqa: E402


def build_model(path: Path) -> int:
    """Everything review needs from the model: text, labels and clause paths of every paragraph."""
    doc = load_document(path)
    return sum(len(p.text) for p in doc.paragraphs())


def run_review(path: Path) -> int:
    from draft_agreement.api import review

    return len(review(path).findings)


# Runs a command's Python code and, at exit, reports the process's own peak RSS. getrusage and wait4
# cannot be used: Linux carries the parent's high-water mark across fork into the child's figures.
_PEAK = "draft-agreement-peak-kib:"
_LAUNCH = (
    "import atexit, runpy, sys\n"
    "def peak():\n"
    "    for line in open('/proc/self/status'):\n"
    "        if line.startswith('VmHWM:'):\n"
    f"            sys.stderr.write('\\n{_PEAK}' + line.split()[1] + '\\n')\n"
    "atexit.register(peak)\n"
    "mode, target, *sys.argv = sys.argv[1:]\n"
    "sys.argv.insert(0, target)\n"
    "runpy.run_module(target, run_name='__main__') if mode == '-m' else runpy.run_path(target, run_name='__main__')\n"
)


def _child(mode: str, target: str, *args: str) -> tuple[float, int, int, str]:
    """Wall time, peak RSS (KiB), exit status and stderr of `python mode target args` in a new process."""
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", _LAUNCH, mode, target, *args], capture_output=True, text=True
    )
    elapsed = time.perf_counter() - start
    lines = proc.stderr.splitlines()
    peaks = [int(line.removeprefix(_PEAK)) for line in lines if line.startswith(_PEAK)]
    if not peaks:
        raise SystemExit(f"no peak reported: {proc.stderr.strip()}")
    err = "\n".join(line for line in lines if not line.startswith(_PEAK))
    return elapsed, peaks[-1], proc.returncode, err


def review_process(path: Path) -> float:
    """Wall time of `draft-agreement review --format json` as a separate process."""
    elapsed, _, code, err = _child("-m", "draft_agreement", "review", "--format", "json", str(path))
    if code not in (0, 1):
        raise SystemExit(f"review failed: {err.strip()}")
    return elapsed


def floor_process(path: Path) -> float:
    """Wall time of a process that only does the floor on `path`."""
    elapsed, _, status, err = _child("-p", str(Path(__file__).with_name("synth.py")), "--floor", str(path))
    if status != 0:
        raise SystemExit(f"floor failed: {err.strip()}")
    return elapsed


def dense(tmp: Path, paragraphs: int, repeat: int) -> None:
    """Whole-process review and redline of the lean, finding-dense agreement against the floor."""
    path = write_lean_agreement(tmp / "dense.docx", paragraphs)
    findings = run_review(path)
    redline_process(
        path, tmp / "dense.out.docx"
    )  # warm the caches (fold tables, rule set), as any run after the first
    t_floor = min(floor_process(path) for _ in range(repeat))
    t_floor_in = best_of(lambda: floor(path), repeat)
    t_review = min(review_process(path) for _ in range(repeat))
    t_redline = min(redline_process(path, tmp / "dense.out.docx")[0] for _ in range(repeat))
    print(
        f"dense:   {paragraphs} lean paragraphs, {findings} findings; floor {t_floor:.3f} s as a process "
        f"({t_floor_in:.3f} s of it the zip and XML work)"
    )
    print(
        f"dense:   review --format json {t_review:.3f} s = {t_review / t_floor:.2f}x the floor process (target <= 2x)"
    )
    print(f"dense:   redline {t_redline:.3f} s = {t_redline / t_floor:.2f}x the floor process (target <= 3x)")


def redline_process(path: Path, out: Path) -> tuple[float, int]:
    """Wall time and peak RSS (KiB) of `draft-agreement redline` as a separate process."""
    args = ["redline", str(path), "-o", str(out), "--date", "2026-01-01"]
    elapsed, peak, code, err = _child("-m", "draft_agreement", *args)
    if code not in (0, 1):
        raise SystemExit(f"redline failed: {err.strip()}")
    return elapsed, peak


def floor_process_rss(path: Path) -> int:
    """Peak RSS (KiB) of a process that only does the floor on `path`: what lxml itself costs."""
    _, peak, status, err = _child("-p", str(Path(__file__).with_name("synth.py")), "--floor", str(path))
    if status != 0:
        raise SystemExit(f"floor failed: {err.strip()}")
    return peak


def baseline_rss() -> int:
    """Peak RSS (KiB) of a Python that only imports the package's CLI: the fixed cost of a process."""
    _, peak, _, _ = _child("-m", "draft_agreement", "--help")
    return peak


def unpacked_xml(path: Path) -> int:
    with zipfile.ZipFile(path) as z:
        return sum(i.file_size for i in z.infolist() if i.filename.endswith(".xml"))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--paragraphs", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", default="model,review,redline,dense")
    args = parser.parse_args()
    wanted = set(args.only.split(","))
    # An installed package has its bytecode compiled (pip does it); an editable checkout under
    # PYTHONDONTWRITEBYTECODE would otherwise compile every module in every redline process.
    compileall.compile_dir(Path(draft_agreement.__file__).parent, quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        if "dense" in wanted:
            dense(Path(tmp), args.paragraphs, args.repeat)
        plain = write_agreement(Path(tmp) / "plain.docx", args.paragraphs)
        risky = write_agreement(Path(tmp) / "risky.docx", args.paragraphs, risky_every=60)
        t_floor = best_of(lambda: floor(plain), args.repeat)
        print(
            f"paragraphs: {args.paragraphs}; floor (zip read + parse + serialise + zip write): {t_floor:.3f} s"
        )
        if "model" in wanted:
            t = best_of(lambda: build_model(plain), args.repeat)
            print(f"model:   {t:.3f} s  ratio {t / t_floor:.2f}x (target <= 1.5x)")
        if "review" in wanted:
            run_review(risky)  # compile the rule packs once, as a long-running pipeline would
            findings = run_review(risky)
            t = best_of(lambda: run_review(plain), args.repeat)
            t_risky = best_of(lambda: run_review(risky), args.repeat)
            print(f"review:  {t:.3f} s  ratio {t / t_floor:.2f}x (ordinary prose; target <= 2x)")
            print(f"review:  {t_risky:.3f} s  ratio {t_risky / t_floor:.2f}x ({findings} findings)")
        if "redline" in wanted:
            floor_kib = floor_process_rss(risky)
            base_kib = baseline_rss()
            t_risky_floor = best_of(lambda: floor(risky), args.repeat)
            times = [redline_process(risky, Path(tmp) / "out.docx") for _ in range(args.repeat)]
            t = min(e for e, _ in times)
            peak_kib = max(m for _, m in times)
            xml = unpacked_xml(risky)
            print(f"redline: {t:.3f} s  ratio {t / t_risky_floor:.2f}x end to end (target <= 3x)")
            print(
                f"redline: peak RSS {peak_kib / 1024:.0f} MiB = {peak_kib * 1024 / xml:.1f}x the unpacked XML "
                f"({xml / 2**20:.1f} MiB; target < 10x); {(peak_kib - base_kib) * 1024 / xml:.1f}x above the "
                f"{base_kib / 1024:.0f} MiB of a bare process"
            )
            print(
                f"floor:   peak RSS {floor_kib / 1024:.0f} MiB = {floor_kib * 1024 / xml:.1f}x the unpacked XML "
                f"(lxml's whole tree); redline uses {peak_kib / floor_kib:.2f}x the floor's memory"
            )
            growth = [(args.paragraphs, xml, peak_kib)]
            for n in (args.paragraphs // 4, args.paragraphs // 2, args.paragraphs * 2):
                doc = write_agreement(Path(tmp) / f"risky-{n}.docx", n, risky_every=60)
                growth.append((n, unpacked_xml(doc), redline_process(doc, Path(tmp) / "out.docx")[1]))
            growth.sort()
            print(
                "memory:  "
                + "; ".join(f"{n} paragraphs {k / 1024:.0f} MiB ({k * 1024 / x:.1f}x)" for n, x, k in growth)
            )
            (n0, x0, k0), (n1, x1, k1) = growth[0], growth[-1]
            print(
                f"memory:  {(k1 - k0) * 1024 / (x1 - x0):.1f} bytes per byte of XML from {n0} to {n1} paragraphs"
            )


if __name__ == "__main__":
    main()
