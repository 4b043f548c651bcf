"""Edit a package's parts and write the result: changed parts re-serialised, the rest copied as stored.

New parts (comments, people...) get their relationship from the main document and a content-type
override, so the output is a complete package without touching anything the edit did not need.
"""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Mapping
from pathlib import Path

from lxml import etree

from draft_agreement.atomicio import Compressed, write_zip_atomic
from draft_agreement.model.body_stream import BodyStore
from draft_agreement.ooxml import CT_NS, PKG_REL_NS
from draft_agreement.package import Package

_CONTENT_TYPES = "[Content_Types].xml"


def serialize(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def rels_name(part: str) -> str:
    folder, leaf = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{leaf}.rels")


class PartEditor:
    """Tracks which parts of a Package were changed or added, and writes the new package."""

    def __init__(
        self,
        package: Package,
        date_time: tuple[int, int, int, int, int, int],
        streamed: Mapping[str, BodyStore] | None = None,
    ) -> None:
        self.package = package
        self.streamed = streamed or {}  # parts held as blocks: written from their store when edited
        self.date_time = date_time  # timestamp for new zip entries, so output is reproducible
        self._changed: dict[str, etree._Element] = {}
        self._added: dict[str, etree._Element] = {}
        self._raw: dict[str, bytes] = {}

    def xml(self, name: str) -> etree._Element:
        """A part's tree for editing (an added part if we created it)."""
        if name in self._added:
            return self._added[name]
        return self.package.xml(name)

    def touch(self, name: str) -> etree._Element:
        """Declare that a part will be changed, and return its tree."""
        if name in self._added:
            return self._added[name]
        root = self.package.xml(name)
        self._changed[self._stored_name(name)] = root
        return root

    def has(self, name: str) -> bool:
        return name in self._added or name in self._raw or self.package.has(name)

    def related(self, source: str, type_suffix: str) -> str | None:
        """The first internal part `source` relates to with this type, including parts added here."""
        found = self.package.related(source, type_suffix)
        if found:
            return found[0]
        rels = rels_name(source)
        if not self.has(rels):
            return None
        for rel in self.xml(rels).iter(f"{{{PKG_REL_NS}}}Relationship"):
            if rel.get("Type", "").endswith("/" + type_suffix) and rel.get("TargetMode") != "External":
                return posixpath.normpath(posixpath.join(posixpath.dirname(source), rel.get("Target", "")))
        return None

    def add_part(
        self, name: str, root: etree._Element, content_type: str, source: str, rel_type: str
    ) -> None:
        """Add a new part with its content type, related from `source`."""
        self._added[name] = root
        self._override(name, content_type)
        self.add_relationship(source, rel_type, name)

    def add_raw(self, name: str, data: bytes, content_type: str | None) -> None:
        """Add a new binary part (an image that deleted text shows); it needs an Override only when no
        Default of [Content_Types].xml covers its extension."""
        self._raw[name] = data
        extension = posixpath.splitext(name)[1].lstrip(".").lower()
        types = self.xml(_CONTENT_TYPES)
        covered = any(
            d.get("Extension", "").lower() == extension and d.get("ContentType") == content_type
            for d in types.iter(f"{{{CT_NS}}}Default")
        )
        if content_type and not covered:
            self._override(name, content_type)

    def add_relationship(self, source: str, rel_type: str, target: str, external: bool = False) -> str:
        """Relate `source` to `target` (a part name, or a URI when external); returns the new id."""
        rels = rels_name(source)
        if self.has(rels):
            rels_root = self.touch(rels)
        else:
            rels_root = etree.Element(f"{{{PKG_REL_NS}}}Relationships", nsmap={None: PKG_REL_NS})
            self._added[rels] = rels_root
        used = {rel.get("Id") for rel in rels_root}
        n = len(used) + 1
        while f"rId{n}" in used:
            n += 1
        rel = etree.SubElement(rels_root, f"{{{PKG_REL_NS}}}Relationship")
        rel.set("Id", f"rId{n}")
        rel.set("Type", rel_type)
        if external:
            rel.set("Target", target)
            rel.set("TargetMode", "External")
        else:
            rel.set("Target", posixpath.relpath(target, posixpath.dirname(source) or "."))
        return f"rId{n}"

    def _override(self, name: str, content_type: str) -> None:
        types = self.touch(_CONTENT_TYPES)
        override = etree.SubElement(types, f"{{{CT_NS}}}Override")
        override.set("PartName", "/" + name)
        override.set("ContentType", content_type)

    def _stored_name(self, name: str) -> str:
        lowered = name.lower()
        for stored in self.package.names():
            if stored.lower() == lowered:
                return stored
        return name

    def entries(self) -> list[tuple[zipfile.ZipInfo, bytes | list[bytes | memoryview] | Compressed]]:
        """Every zip entry of the output, originals in their order first, then added parts."""
        out: list[tuple[zipfile.ZipInfo, bytes | list[bytes | memoryview] | Compressed]] = []
        for info in self.package.zip_infos():
            if info.is_dir():
                continue
            root = self._changed.get(info.filename)
            store = self.streamed.get(info.filename)
            data: bytes | list[bytes | memoryview] | Compressed
            if root is not None:
                data = serialize(root)
            elif store is not None and store.edited:
                data = store.chunks()
            else:
                data = self.package.compressed(info.filename)  # copied as stored, never inflated
            out.append((info, data))
        for name, root in self._added.items():
            info = zipfile.ZipInfo(name, date_time=self.date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            out.append((info, serialize(root)))
        for name, data in self._raw.items():
            info = zipfile.ZipInfo(name, date_time=self.date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            out.append((info, data))
        return out

    def save(self, target: Path) -> None:
        write_zip_atomic(target, self.entries())
