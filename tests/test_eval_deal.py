"""The deal model agrees with the labellers' `deal:` on the development split, field by field.

bench/eval_deal.py is the measurement (it builds each labelled agreement and compares the deal with
the YAML); the floors sit a little under what it measured, so a change that misreads the parties'
sides, the signing date or the law of many agreements fails here.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[1]
# field -> floor; measured on 267 agreements: kind 0.83, kinds 0.57, jurisdiction 1.00, signed 0.76
# (the rest name no date in the text), per_head 0.94, party labels 0.93, sides 0.75. On 377 (with the
# dev11 batches, whose deals nobody tuned the kind cues on: 12 of their 20 main kinds right): kind 0.796,
# kinds 0.54, signed 0.82, per_head 0.92, party labels 0.94, sides 0.80. The kind floor followed them down, and
# back up to 0.80 once data sharing led a sale of records and list licences read as sales (0.809 measured).
FLOORS = {
    "kind": 0.80,
    "kinds": 0.53,
    "jurisdiction": 0.97,
    "signed": 0.74,
    "per_head": 0.90,
    "party labels": 0.90,
    "sides": 0.72,
}


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("eval_deal", REPO / "bench" / "eval_deal.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def measured() -> dict[str, float]:
    count, right, total, _ = _bench().score(REPO / "tests" / "eval" / "real-dev")
    assert count >= 200
    return {name: right[name] / total[name] for name in total}


@pytest.mark.parametrize(("field", "floor"), sorted(FLOORS.items()))
def test_the_deal_model_stays_above_its_floor(measured: dict[str, float], field: str, floor: float) -> None:
    assert measured[field] >= floor, (field, measured[field])
