#!/usr/bin/env python3
"""Reads an .xlsx workbook cell by cell, with the standard library only
(zipfile and xml.etree), so that the tests see what Excel would see
without LibreOffice.

  xlsx-cells.py FILE                  the sheets: "N<TAB>NAME", one a line
  xlsx-cells.py FILE SHEET            the sheet as TSV: one line a row, the
                                      cells' values (empty when absent)
  xlsx-cells.py --cells FILE SHEET    every cell: "REF<TAB>TYPE<TAB>VALUE",
                                      TYPE n (number), s (string), f (a
                                      formula), b (boolean), e (error)
  xlsx-cells.py --formulas FILE       every cell of every sheet that holds
                                      a formula: "SHEET!REF<TAB>FORMULA"

SHEET is a sheet's name or its number (1 = the first). Values: numbers in
Python's shortest form (0.417, 12), strings as stored, with Excel's
"_xHHHH_" escapes decoded and tab, line break and backslash written as
\\t, \\n and \\\\. Exit status 1 when the file is not a workbook or the
sheet is not in it.
"""
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "pr": "http://schemas.openxmlformats.org/package/2006/relationships",
}
M = "{%s}" % NS["m"]
ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def unescape(s):
    """Excel's ST_Xstring: _xHHHH_ is the character HHHH (_x005F_ an
    underscore, so a typed "_x0041_" is stored as "_x005F_x0041_")."""
    return ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), s)


def text_of(node):
    """The text of an <si> or <is>: its <t>, or the <t> of every run."""
    t = node.find("m:t", NS)
    if t is not None:
        return unescape(t.text or "")
    return "".join(unescape(r.text or "") for r in node.iterfind("m:r/m:t", NS))


def shared_strings(z):
    try:
        root = ET.fromstring(z.read("xl/sharedStrings.xml"))
    except KeyError:
        return []
    return [text_of(si) for si in root.iterfind("m:si", NS)]


def sheets(z):
    """[(name, path in the zip)] in the workbook's order."""
    wb = ET.fromstring(z.read("xl/workbook.xml"))
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    target = {r.get("Id"): r.get("Target") for r in rels.iterfind("pr:Relationship", NS)}
    out = []
    for s in wb.iterfind("m:sheets/m:sheet", NS):
        t = target[s.get("{%s}id" % NS["r"])]
        t = t.lstrip("/") if t.startswith("/") else "xl/" + t
        out.append((s.get("name"), t))
    return out


def col_number(letters):
    n = 0
    for c in letters:
        n = n * 26 + ord(c) - 64
    return n


def number(v):
    f = float(v)
    return str(int(f)) if f.is_integer() and abs(f) < 1e15 else repr(f)


def cells(z, path, strings):
    """[(row, col, ref, type, value)] of one sheet, formulas as type f."""
    root = ET.fromstring(z.read(path))
    out = []
    for r_i, row in enumerate(root.iterfind("m:sheetData/m:row", NS), 1):
        rn = int(row.get("r", r_i))
        cn = 0
        for c in row.iterfind("m:c", NS):
            ref = c.get("r")
            if ref:
                m = re.match(r"([A-Z]+)([0-9]+)$", ref)
                cn, rn = col_number(m.group(1)), int(m.group(2))
            else:
                cn += 1
                ref = "?%d:%d" % (rn, cn)
            t = c.get("t", "n")
            f = c.find("m:f", NS)
            v = c.find("m:v", NS)
            if f is not None:
                out.append((rn, cn, ref, "f", f.text or ""))
            elif t == "s":
                out.append((rn, cn, ref, "s", strings[int(v.text)]))
            elif t == "inlineStr":
                out.append((rn, cn, ref, "s", text_of(c.find("m:is", NS))))
            elif t == "str":
                out.append((rn, cn, ref, "s", unescape(v.text or "") if v is not None else ""))
            elif v is None:
                continue  # a formatted blank
            elif t == "b":
                out.append((rn, cn, ref, "b", v.text))
            elif t == "e":
                out.append((rn, cn, ref, "e", v.text))
            else:
                out.append((rn, cn, ref, "n", number(v.text)))
    return out


def show(s):
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\r", "\\r").replace("\n", "\\n")


def find_sheet(z, want):
    all_ = sheets(z)
    if want.isdigit() and 1 <= int(want) <= len(all_):
        return all_[int(want) - 1][1]
    for name, path in all_:
        if name == want:
            return path
    sys.stderr.write("xlsx-cells: no sheet %r (sheets: %s)\n" % (want, ", ".join(n for n, _ in all_)))
    sys.exit(1)


def main(argv):
    mode = "grid"
    if argv and argv[0] in ("--cells", "--formulas"):
        mode = argv.pop(0)[2:]
    if not argv or len(argv) > 2 or (mode == "formulas" and len(argv) != 1) or \
            (mode == "cells" and len(argv) != 2):
        sys.stderr.write(__doc__)
        return 2
    try:
        z = zipfile.ZipFile(argv[0])
        strings = shared_strings(z)
        if mode == "formulas":
            for name, path in sheets(z):
                for _, _, ref, t, v in cells(z, path, strings):
                    if t == "f":
                        print("%s!%s\t%s" % (name, ref, v))
            return 0
        if len(argv) == 1:
            for i, (name, _) in enumerate(sheets(z), 1):
                print("%d\t%s" % (i, name))
            return 0
        got = cells(z, find_sheet(z, argv[1]), strings)
    except (zipfile.BadZipFile, KeyError, ET.ParseError, OSError, ValueError) as e:
        sys.stderr.write("xlsx-cells: %s: %s\n" % (argv[0], e))
        return 1
    if mode == "cells":
        for _, _, ref, t, v in got:
            print("%s\t%s\t%s" % (ref, t, show(v)))
        return 0
    grid = {}
    for rn, cn, _, _, v in got:
        grid.setdefault(rn, {})[cn] = v
    for rn in range(1, max(grid, default=0) + 1):
        row = grid.get(rn, {})
        print("\t".join(show(row.get(c, "")) for c in range(1, max(row, default=0) + 1)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
