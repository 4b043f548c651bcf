"""Undo docxcompose's import-time rebinding of python-docx's `cp` namespace prefix.

docxcompose.utils runs `docx.oxml.ns.nsmap.update(NS)` when first imported (docxtpl imports it too),
pointing `cp` at the custom-properties namespace instead of the core-properties one. Every later
python-docx write of a `cp:` core property in the same process (last modified by, revision, keywords)
then lands in the wrong namespace, which breaks any other code that writes core properties. Importing
this module restores the prefix; docxcompose gets its binding back only while it composes.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import docxcompose.utils
from docx.oxml.ns import nsmap

CORE_PROPERTIES = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
CUSTOM_PROPERTIES = docxcompose.utils.NS["cp"]

nsmap["cp"] = CORE_PROPERTIES


@contextmanager
def docxcompose_prefixes() -> Iterator[None]:
    """Lend `cp` to docxcompose (its custom-property handling needs it) and take it back afterwards."""
    nsmap["cp"] = CUSTOM_PROPERTIES
    try:
        yield
    finally:
        nsmap["cp"] = CORE_PROPERTIES
