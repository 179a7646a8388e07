#!/usr/bin/env python3
"""Writes NotoSansSC-mqbook.ttf: the Simplified Chinese face of Noto Sans CJK, cut down to the
characters the book uses, so the PDF shows the guide's Chinese titles without committing a 16 MiB
font. The PDF theme (chapters/themes/pdf-theme.yml) uses it as the fallback font.

Run it from the project root after adding Chinese (or other non-Latin) text to the book:

    python3 chapters/fonts/subset_cjk.py [path/to/NotoSansCJK-Regular.ttc]

Needs fontTools (`pip install fonttools`) and the Noto Sans CJK collection (Debian: `apt-get
install fonts-noto-cjk`, which installs the default path below). The font is licensed under the
SIL Open Font License 1.1 (OFL.txt beside this script); the subset is renamed "mqbook CJK SC" as
the licence asks of modified versions. Its outlines are converted from CFF to TrueType: the PDF
writer (Prawn) embeds a CFF-flavoured OpenType font in a form PDF readers cannot display.
"""
import pathlib
import sys

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, newTable

DEFAULT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
SC_INDEX = 2  # the collection's order: JP, KR, SC, TC, HK, then the Mono faces
FAMILY = "mqbook CJK SC"
ROOTS = ["chapters", "src/main/java", "labs", "README.adoc"]


def used_characters(root: pathlib.Path) -> set:
    chars = set()
    for name in ROOTS:
        path = root / name
        files = [path] if path.is_file() else sorted(path.rglob("*"))
        for f in files:
            if f.suffix in (".adoc", ".java") and f.is_file():
                chars.update(c for c in f.read_text(encoding="utf-8") if ord(c) > 0x7E)
    return chars


def to_truetype(font) -> None:
    """Replaces the CFF outlines by quadratic TrueType ones (glyf), as a .ttf needs."""
    order = font.getGlyphOrder()
    glyphs = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyphs)
        glyphs[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf
    for tag in ("CFF ", "VORG"):
        if tag in font:
            del font[tag]
    glyf.compile(font)
    hmtx = font["hmtx"]
    for name, glyph in glyf.glyphs.items():
        if hasattr(glyph, "xMin"):
            hmtx[name] = (hmtx[name][0], glyph.xMin)
    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for field in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs",
                  "maxInstructionDefs", "maxStackElements", "maxSizeOfInstructions",
                  "maxComponentElements"):
        setattr(maxp, field, 0)
    maxp.maxZones = 1
    font["maxp"] = maxp
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order
    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"


def main() -> None:
    root = pathlib.Path.cwd()
    source = sys.argv[1] if len(sys.argv) > 1 else DEFAULT
    font = TTCollection(source).fonts[SC_INDEX]
    chars = used_characters(root)
    options = subset.Options()
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]  # keep copyright and licence records
    options.layout_features = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(c) for c in chars])
    subsetter.subset(font)
    for record in font["name"].names:
        if record.nameID in (1, 4, 16):
            record.string = FAMILY
        elif record.nameID == 6:
            record.string = FAMILY.replace(" ", "")
    to_truetype(font)
    out = root / "chapters/fonts/NotoSansSC-mqbook.ttf"
    font.save(str(out))
    print(f"{out.relative_to(root)}: {len(chars)} characters, {out.stat().st_size} bytes")


if __name__ == "__main__":
    main()
