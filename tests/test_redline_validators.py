"""Two independent validators find nothing new in our output, in every mode.

ooxml-integrity checks structure (revisions, comment ranges, ids) and, with --against, what the output
lost relative to its input; openxml-audit checks the schema. Inputs are not always clean, so each output
is compared with its input's own findings rather than with silence.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from lxml import etree

from draft_agreement.api import accept, redline
from draft_agreement.model import load_document
from draft_agreement.ooxml import W_NS
from tests.corpus import CORPUS, require
from tests.docgen import paragraph_xml, write_docx

try:  # the writer package is being renamed; either path is the same writer
    from draft_agreement.redlining.writer import Edit, Mode, RedlineWriter
except ModuleNotFoundError:
    from draft_agreement.redlining.writer import Edit, Mode, RedlineWriter

openxml_audit = pytest.importorskip(
    "openxml_audit", reason="openxml-audit not installed (pip install -e .[test])"
)

SAMPLES = sorted((Path(__file__).resolve().parents[1] / "samples").glob("*.docx"))
US = "draft-agreement"
DATE = "2026-01-01T00:00:00Z"
MODES = ("track", "comments", "clean")


@dataclass(frozen=True)
class Case:
    source: Path
    outputs: dict[str, Path]
    accepted_track: Path  # the track output with only our changes accepted: what clean mode must equal


def _integrity_errors(case: Case) -> dict[Path, Counter[tuple[str, str]]]:
    """ooxml-integrity's errors for the input and every output, each checked --against the input.

    The input checked against itself gives its own findings and no losses."""
    tool = shutil.which("ooxml-integrity")
    if tool is None:
        pytest.skip("ooxml-integrity not installed (pip install -e .[test])")
    paths = [case.source, *case.outputs.values(), case.accepted_track]
    run = subprocess.run(
        [tool, "check", "--no-config", "--json", "--against", str(case.source), *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode in (0, 1), run.stderr
    files = json.loads(run.stdout)["files"]
    assert len(files) == len(paths)
    return {
        path: Counter((f["code"], f["message"]) for f in report["findings"] if f["severity"] == "error")
        for path, report in zip(paths, files, strict=True)
    }


def _is_revision_only_row(path: Path, part_uri: str, location: str) -> bool:
    """Whether the element at `location` is a w:trPr holding nothing but a row w:ins/w:del mark.

    openxml-audit reads CT_TrPrBase's choice as required, but Word itself writes a tracked row
    deletion as exactly <w:trPr><w:del .../></w:trPr> (RP009 in the corpus, saved by Word), and
    that is how a whole schedule row is struck."""
    steps = [s for s in location.split("/") if s]
    if not steps or not steps[-1].startswith("trPr["):
        return False
    xpath = "/" + "/".join(
        f"*[local-name()='{s.split('[')[0]}'][{s.split('[')[1].rstrip(']')}]" for s in steps
    )
    with zipfile.ZipFile(path) as z:
        found = etree.fromstring(z.read(part_uri.lstrip("/"))).xpath(xpath)
    marks = {f"{{{W_NS}}}ins", f"{{{W_NS}}}del"}
    return len(found) == 1 and len(found[0]) > 0 and all(child.tag in marks for child in found[0])


def _schema_errors(validator: object, path: Path) -> Counter[tuple[str, str, str]]:
    result = validator.validate(path)
    return Counter(
        (str(e.error_type), e.description, e.part_uri)
        for e in result.errors
        if str(e.severity).endswith("error") and not _is_revision_only_row(path, e.part_uri, e.path)
    )


def _check(case: Case) -> None:
    integrity = _integrity_errors(case)
    baseline = integrity[case.source]
    for mode in ("track", "comments"):
        assert integrity[case.outputs[mode]] - baseline == Counter(), mode
    # Clean mode drops the struck text without a trace, by design: it may lose exactly what accepting
    # our tracked changes loses, and nothing else.
    assert integrity[case.outputs["clean"]] - baseline - integrity[case.accepted_track] == Counter()

    validator = openxml_audit.OpenXmlValidator()
    schema_baseline = _schema_errors(validator, case.source)
    for mode, output in case.outputs.items():
        assert _schema_errors(validator, output) - schema_baseline == Counter(), mode


@pytest.mark.parametrize("source", SAMPLES, ids=lambda p: p.name)
def test_sample_redlines_pass_both_validators(source: Path, tmp_path: Path) -> None:
    outputs = {m: redline(source, tmp_path / f"{m}.docx", date="2026-01-01", mode=m).output for m in MODES}
    accept(outputs["track"], tmp_path / "accepted.docx", authors=[US])
    _check(Case(source, outputs, tmp_path / "accepted.docx"))


@st.composite
def _edits(draw: st.DrawFn, texts: list[str]) -> list[Edit]:
    """One replaced, deleted or commented span in some paragraphs; at least one edit in all."""
    edits = []
    for i, text in enumerate(texts):
        if len(text) < 2 or (edits and not draw(st.booleans())):
            continue
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
        replacement = draw(st.one_of(st.none(), st.just(""), st.sampled_from(["甲方保留账号", "keep it"])))
        edits.append(Edit("body", i, start, end, replacement, "第二十三条"))
    return edits


@settings(
    max_examples=5,
    derandomize=True,
    database=None,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],  # each example runs both validators over four files
    suppress_health_check=[HealthCheck.too_slow],
)
@given(st.lists(paragraph_xml(), min_size=1, max_size=4), st.data())
def test_generated_redlines_pass_both_validators(
    paragraphs: list[etree._Element], data: st.DataObject
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        source = write_docx(Path(tmp) / "in.docx", paragraphs)
        texts = [p.text for p in load_document(source).story("body").paragraphs]
        edits = data.draw(_edits(texts))
        outputs = {}
        for mode in MODES:
            writer = RedlineWriter(load_document(source), US, DATE, Mode(mode))
            writer.apply(edits)
            outputs[mode] = Path(tmp) / f"{mode}.docx"
            writer.save(outputs[mode])
        accept(outputs["track"], Path(tmp) / "accepted.docx", authors=[US])
        _check(Case(source, outputs, Path(tmp) / "accepted.docx"))


def test_the_deleted_row_exception_is_what_word_writes() -> None:
    """The one openxml-audit finding we discount is present in a file Word saved itself."""
    word_file = require(CORPUS / "RP" / "RP009-Deleted-Table-Row.docx")
    result = openxml_audit.OpenXmlValidator().validate(word_file)
    flagged = [e for e in result.errors if e.path.endswith("/trPr[1]")]
    assert flagged and all(_is_revision_only_row(word_file, e.part_uri, e.path) for e in flagged)
    assert _schema_errors(openxml_audit.OpenXmlValidator(), word_file) == Counter()
