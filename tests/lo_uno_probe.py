"""What LibreOffice sees in .docx files: run by Debian's /usr/bin/python3 (which has `uno`), never by pytest.

Usage: /usr/bin/python3 lo_uno_probe.py PIPE_NAME < request.json > answer.json

The request is {"files": [path, ...], "formats": false}; with "formats", each view also carries the
body's paragraph alignment and run weight, posture and underline. For each file the answer holds the numbers of tracked insertions
and deletions and of comments LibreOffice counts, and the text of every story as loaded, after
.uno:AcceptAllTrackedChanges and, on a fresh load, after .uno:RejectAllTrackedChanges; or "error" when
LibreOffice cannot load it. Every load is of a private copy and never ReadOnly: a stale lock file
makes a load return None, and a ReadOnly document silently ignores accept/reject.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]

CONNECT_SECONDS = 60.0


def _props(**values: object) -> tuple:
    out = []
    for name, value in values.items():
        prop = PropertyValue()
        prop.Name, prop.Value = name, value
        out.append(prop)
    return tuple(out)


def _connect(pipe: str) -> object:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + CONNECT_SECONDS
    while True:
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except Exception:  # NoConnectException while soffice is still starting
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def _paragraphs(text: object) -> list[str]:
    """Paragraph strings of an XText in reading order, descending into tables cell by cell."""
    out: list[str] = []
    enum = text.createEnumeration()
    while enum.hasMoreElements():
        block = enum.nextElement()
        if block.supportsService("com.sun.star.text.TextTable"):
            for name in block.getCellNames():
                out.extend(_paragraphs(block.getCellByName(name).getText()))
        else:
            out.append(block.getString())
    return out


def _formatting(text: object) -> list[list[object]]:
    """Per body paragraph (tables cell by cell): its alignment and its text portions with weight,
    posture and underline, equal neighbours merged; what "run formatting and paragraph properties"
    look like to LibreOffice."""
    out: list[list[object]] = []
    enum = text.createEnumeration()
    while enum.hasMoreElements():
        block = enum.nextElement()
        if block.supportsService("com.sun.star.text.TextTable"):
            for name in block.getCellNames():
                out.extend(_formatting(block.getCellByName(name).getText()))
            continue
        portions: list[list[object]] = []
        parts = block.createEnumeration()
        while parts.hasMoreElements():
            portion = parts.nextElement()
            chars = portion.getString()
            if not chars:
                continue
            key = [
                round(float(portion.getPropertyValue("CharWeight"))),
                str(portion.getPropertyValue("CharPosture").value),
                int(portion.getPropertyValue("CharUnderline")),
            ]
            if portions and portions[-1][1:] == key:
                portions[-1][0] += chars
            else:
                portions.append([chars, *key])
        out.append([int(block.getPropertyValue("ParaAdjust")), portions])
    return out


def _stories(doc: object) -> dict[str, list[str]]:
    stories = {"body": _paragraphs(doc.getText())}
    styles = doc.getStyleFamilies().getByName("PageStyles")
    for name in styles.getElementNames():
        style = styles.getByName(name)
        if not style.isInUse():
            continue
        for kind in ("Header", "Footer"):
            if not style.getPropertyValue(f"{kind}IsOn"):
                continue
            for variant in ("", "First", "Left", "Right"):
                part = style.getPropertyValue(f"{kind}Text{variant}")
                if part is not None:
                    stories[f"{kind.lower()}:{name}:{variant or 'default'}"] = _paragraphs(part)
    for kind, notes in (("footnote", doc.getFootnotes()), ("endnote", doc.getEndnotes())):
        for i in range(notes.getCount()):
            stories[f"{kind}:{i}"] = _paragraphs(notes.getByIndex(i))
    frames = doc.getTextFrames()
    for name in sorted(frames.getElementNames()):
        stories[f"frame:{name}"] = _paragraphs(frames.getByName(name))
    return stories


def _insertions_and_deletions(doc: object) -> int:
    """Tracked insertions and deletions only: with change recording on, as track mode leaves it,
    LibreOffice's own import records dozens of formatting changes by "Unknown Author"."""
    enum = doc.getRedlines().createEnumeration()
    n = 0
    while enum.hasMoreElements():
        if enum.nextElement().getPropertyValue("RedlineType") in ("Insert", "Delete"):
            n += 1
    return n


def _comments(doc: object) -> int:
    enum = doc.getTextFields().createEnumeration()
    n = 0
    while enum.hasMoreElements():
        if enum.nextElement().supportsService("com.sun.star.text.textfield.Annotation"):
            n += 1
    return n


class Office:
    def __init__(self, pipe: str) -> None:
        ctx = _connect(pipe)
        smgr = ctx.ServiceManager
        self.desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        self.dispatcher = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
        self.scratch = Path(tempfile.mkdtemp(prefix="lo-probe-"))

    def _load(self, path: Path) -> object:
        copy = self.scratch / f"{time.monotonic_ns()}{path.suffix}"
        shutil.copyfile(path, copy)
        doc = self.desktop.loadComponentFromURL(
            uno.systemPathToFileUrl(str(copy)), "_blank", 0, _props(Hidden=True)
        )
        if doc is None:
            raise RuntimeError("LibreOffice returned no document")
        return doc

    def _dispatch(self, doc: object, command: str) -> dict[str, list[str]]:
        frame = doc.getCurrentController().getFrame()
        self.dispatcher.executeDispatch(frame, command, "", 0, ())
        return _stories(doc)

    def _formats(self, doc: object, wanted: bool) -> list | None:
        return _formatting(doc.getText()) if wanted else None

    def probe(self, path: Path, formats: bool = False) -> dict[str, object]:
        try:
            doc = self._load(path)
        except Exception as exc:  # a failed load is an answer, not a crash of the whole batch
            return {"path": str(path), "error": f"{type(exc).__name__}: {exc}"}
        try:
            answer = {
                "path": str(path),
                "redlines": _insertions_and_deletions(doc),
                "comments": _comments(doc),
                "text": _stories(doc),
                "accepted": self._dispatch(doc, ".uno:AcceptAllTrackedChanges"),
                "accepted_formats": self._formats(doc, formats),
            }
        finally:
            doc.close(True)
        doc = self._load(path)
        try:
            answer["rejected"] = self._dispatch(doc, ".uno:RejectAllTrackedChanges")
            answer["rejected_formats"] = self._formats(doc, formats)
        finally:
            doc.close(True)
        return answer

    def close(self) -> None:
        shutil.rmtree(self.scratch, ignore_errors=True)


def main() -> None:
    request = json.load(sys.stdin)
    office = Office(sys.argv[1])
    try:
        answer = [office.probe(Path(p), bool(request.get("formats"))) for p in request["files"]]
    finally:
        office.close()
    json.dump(answer, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
