"""Building the document model of a 20,000-paragraph agreement, as a ratio to the floor.

Run: python bench/model_speed.py [--paragraphs N]. Target: model <= 1.5x floor.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth import best_of, floor, write_agreement  # noqa: E402

from draft_agreement.model.document import load_document  # noqa: E402


def build_model(path: Path) -> int:
    """Everything review needs from the model: text, labels and clause paths of every paragraph."""
    doc = load_document(path)
    return sum(len(p.text) for p in doc.paragraphs())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--paragraphs", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = write_agreement(Path(tmp) / "agreement.docx", args.paragraphs)
        t_floor = best_of(lambda: floor(path), args.repeat)
        t_model = best_of(lambda: build_model(path), args.repeat)
    print(f"paragraphs: {args.paragraphs}")
    print(f"floor (zip read + parse + serialise + zip write): {t_floor:.3f} s")
    print(f"document model:                                    {t_model:.3f} s")
    print(f"ratio model/floor: {t_model / t_floor:.2f}x (target <= 1.5x)")


if __name__ == "__main__":
    main()
