"""Turn on Word's track changes in settings.xml, at the place the schema orders it."""

from __future__ import annotations

from lxml import etree

from draft_agreement.ooxml import W_NS, w
from draft_agreement.redlining.parts import PartEditor

_CT_SETTINGS = "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"
_REL_SETTINGS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings"

# CT_Settings children that come after w:trackRevisions (ECMA-376 Part 1, 17.15.1.78).
_AFTER_TRACK_REVISIONS = {
    w(name)
    for name in (
        "doNotTrackMoves",
        "doNotTrackFormatting",
        "documentProtection",
        "autoFormatOverride",
        "styleLockTheme",
        "styleLockQFSet",
        "defaultTabStop",
        "autoHyphenation",
        "consecutiveHyphenLimit",
        "hyphenationZone",
        "doNotHyphenateCaps",
        "showEnvelope",
        "summaryLength",
        "clickAndTypeStyle",
        "defaultTableStyle",
        "evenAndOddHeaders",
        "bookFoldRevPrinting",
        "bookFoldPrinting",
        "bookFoldPrintingSheets",
        "drawingGridHorizontalSpacing",
        "drawingGridVerticalSpacing",
        "displayHorizontalDrawingGridEvery",
        "displayVerticalDrawingGridEvery",
        "doNotUseMarginsForDrawingGridOrigin",
        "drawingGridHorizontalOrigin",
        "drawingGridVerticalOrigin",
        "doNotShadeFormData",
        "noPunctuationKerning",
        "characterSpacingControl",
        "printTwoOnOne",
        "strictFirstAndLastChars",
        "noLineBreaksAfter",
        "noLineBreaksBefore",
        "savePreviewPicture",
        "doNotValidateAgainstSchema",
        "saveInvalidXml",
        "ignoreMixedContent",
        "alwaysShowPlaceholderText",
        "doNotDemarcateInvalidXml",
        "saveXmlDataOnly",
        "useXSLTWhenSaving",
        "saveThroughXslt",
        "showXMLTags",
        "alwaysMergeEmptyNamespace",
        "updateFields",
        "hdrShapeDefaults",
        "footnotePr",
        "endnotePr",
        "compat",
        "docVars",
        "rsids",
        "mathPr",
        "attachedSchema",
        "themeFontLang",
        "clrSchemeMapping",
        "doNotIncludeSubdocsInStats",
        "doNotAutoCompressPictures",
        "forceUpgrade",
        "captions",
        "readModeInkLockDown",
        "smartTagType",
        "schemaLibrary",
        "shapeDefaults",
        "doNotEmbedSmartTags",
        "decimalSymbol",
        "listSeparator",
    )
}


def enable_track_revisions(editor: PartEditor) -> None:
    """Add w:trackRevisions so the lawyer's own further edits are tracked too."""
    main = editor.package.main_part
    name = editor.related(main, "settings")
    if name is None or not editor.has(name):
        root = etree.Element(w("settings"), nsmap={"w": W_NS})
        etree.SubElement(root, w("trackRevisions"))
        editor.add_part("word/settings.xml", root, _CT_SETTINGS, main, _REL_SETTINGS)
        return
    root = editor.xml(name)
    if root.find(w("trackRevisions")) is not None:
        return
    root = editor.touch(name)
    marker = etree.Element(w("trackRevisions"))
    for child in root:
        if not isinstance(child.tag, str):
            continue
        # Extension elements (w14:, w15:...) follow every w: setting.
        if child.tag in _AFTER_TRACK_REVISIONS or etree.QName(child).namespace != W_NS:
            child.addprevious(marker)
            return
    root.append(marker)
