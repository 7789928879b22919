#!/bin/sh
# The workbook of enkat-merge (--xlsx), read back cell by cell with
# tests/xlsx-cells.py (python3's standard library, no LibreOffice) and
# compared with the figures tests/gen-results.sh computes on its own: every
# department x area percentage and every question's figures; the number
# questions against sums made here from the files; hostile text as string
# cells (no formula anywhere in the workbook), the file's mode, Swedish
# headers, sheet names within Excel's limits, and the error paths. When
# LibreOffice is installed (soffice), it opens the workbook too.
set -u
cd "$(dirname "$0")/../.." || exit 2
ROOT=$PWD
. tests/lib.sh
M=$ENKAT_MERGE
GEN="sh $ROOT/tests/gen-results.sh"
X="python3 $ROOT/tests/xlsx-cells.py"
export LC_ALL=C.UTF-8 TZ=UTC
unset NO_COLOR

cd "$WORK" || exit 2

run() {
	"$M" "$@" >out 2>err
	rc=$?
}
expect_rc() {
	if [ "$rc" -eq "$1" ]; then ok; else ko "$2: exit $rc, wanted $1"; sed 's/^/    /' err; fi
}
has() {
	if grep -qF -- "$2" "$1"; then ok; else ko "$3: no '$2' in $1:"; sed 's/^/    /' "$1" | head -20; fi
}
# same WANT GOT WHAT: two files alike, else the difference
same() {
	if [ -s "$1" ] && cmp -s "$1" "$2"; then ok
	else ko "$3:"; diff "$1" "$2" | head -10 | sed 's/^/    /'; fi
}
# part FILE NAME: one member of the zip, for looking at the XML itself
part() {
	python3 -c 'import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())' "$1" "$2"
}

# The truth's matrix (CSV with quoted names) as "department|area|percent"
# lines, and the version sheet of the workbook the same way: the row of
# ids (2) and the row of column heads (3) say where each area's
# percentage is; the departments follow until the first empty row.
truth_cells() {
	awk '
	function split_csv(line,   i, c, f, inq, n) {
		n = 0; f = ""; inq = 0
		for (i = 1; i <= length(line); i++) {
			c = substr(line, i, 1)
			if (inq) {
				if (c != "\"") f = f c
				else if (substr(line, i + 1, 1) == "\"") { f = f c; i++ }
				else inq = 0
			} else if (c == "\"") inq = 1
			else if (c == ",") { fld[++n] = f; f = "" }
			else f = f c
		}
		fld[++n] = f
		return n
	}
	NR == 1 { n = split_csv($0); for (i = 2; i <= n; i++) id[i] = fld[i]; next }
	{ n = split_csv($0); for (i = 2; i <= n; i++) print fld[1] "|" id[i] "|" fld[i] }' "$1" |
		LC_ALL=C sort
}
sheet_cells() { # TSV of the version sheet; PCT: the word of the percentage column
	awk -F'\t' -v pct="${PCT:-Percent}" '
	NR == 2 { cur = ""; for (i = 2; i <= NF; i++) { if ($i != "") cur = $i; idat[i] = cur } }
	NR == 3 { for (i = 2; i <= NF; i++) if ($i == pct) col[i] = idat[i] }
	NR >= 4 && $1 == "" { exit }
	NR >= 4 { for (i in col) print $1 "|" col[i] "|" ($i == "" ? "" : sprintf("%.4f", $i * 100)) }' "$1" |
		LC_ALL=C sort
}
# compare WANT GOT: the same keys, and percentages within 0.05
compare_pct() {
	awk -F'|' 'NR == FNR { want[$1 "|" $2] = $3; n++; next }
	{ k = $1 "|" $2; if (!(k in want)) { print "not in the truth: " k; bad = 1; next }
	  w = want[k]; g = $3; seen++
	  if ((w == "") != (g == "")) { print k ": want " w ", got " g; bad = 1 }
	  else if (w != "" && (w - g > 0.05 + 1e-9 || g - w > 0.05 + 1e-9)) { print k ": want " w ", got " g; bad = 1 } }
	END { if (seen != n) { print seen " cells of " n; bad = 1 } exit bad }' "$1" "$2"
}

# ---------------------------------------------------------- the oracle
oracle() { # NAME GEN-OPTIONS...
	name=$1
	shift
	rm -rf "o-$name"
	$GEN "$@" -t "o-$name/truth" "o-$name/in" || { ko "$name: generator failed"; return; }
	run "o-$name/in" --xlsx "o-$name/w.xlsx"
	expect_rc 0 "oracle $name"
	$X "o-$name/w.xlsx" "gen 2026" >"o-$name/sheet.tsv" || { ko "$name: no sheet gen 2026"; return; }
	truth_cells "o-$name/truth/matrix.csv" >"o-$name/want"
	sheet_cells "o-$name/sheet.tsv" >"o-$name/got"
	if compare_pct "o-$name/want" "o-$name/got" >"o-$name/diff"; then ok
	else ko "oracle $name: the workbook's matrix differs from the generator's figures:"
		head -10 "o-$name/diff" | sed 's/^/    /'; fi
	# the questions: counts exactly, means within the truth's rounding
	$X "o-$name/w.xlsx" Questions >"o-$name/q.tsv"
	awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	{ mp = $c["Mean points"]; m = $c["Mean"]
	  printf "%s,%d,%d,%d,%s,%s,%s\n", $c["Question id"], $c["Answered"], $c["Unanswered"],
		$c["N/A"], mp, m == "" ? "" : m * 100, $c["Below threshold"] }' \
		"o-$name/q.tsv" | LC_ALL=C sort >"o-$name/qgot"
	sed 1d "o-$name/truth/questions.csv" | LC_ALL=C sort >"o-$name/qwant"
	if awk -F, 'NR == FNR { want[$1] = $0; n++; next }
	function near(w, g, tol) { return (w == "" && g == "") || (w != "" && g != "" && w - g <= tol && g - w <= tol) }
	{ split(want[$1], w, ","); seen++
	  if (!($1 in want) || w[2] != $2 || w[3] != $3 || w[4] != $4 || w[7] != $7 ||
	      !near(w[5], $5, 0.0051) || !near(w[6], $6, 0.051)) { print want[$1] " <> " $0; bad = 1 } }
	END { if (seen != n) { print seen " questions of " n; bad = 1 } exit bad }' \
		"o-$name/qwant" "o-$name/qgot" >"o-$name/qdiff"; then ok
	else ko "oracle $name: questions differ from the generator's figures:"
		head -5 "o-$name/qdiff" | sed 's/^/    /'; fi
	# weakest first: the mean never falls
	awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	$c["Mean"] != "" { if (seen && $c["Mean"] + 0 < prev - 1e-12) bad = 1; prev = $c["Mean"] + 0; seen = 1 }
	END { exit bad }' "o-$name/q.tsv" && ok || ko "oracle $name: questions not weakest first"
	echo "oracle $name: $(wc -l <"o-$name/want") matrix cells and $(wc -l <"o-$name/qwant") questions compared"
}
oracle default
oracle drafts -n 40 -D 3 -s 5
oracle wide -n 150 -q 37 -a 5 -s 11
oracle small -n 1 -q 8 -a 3 -s 3

# the overview: files, results, drafts, missing departments, the notes
printf 'Förvaltning 00001\nValnämnden\n' >exp.txt
run o-drafts/in --expect exp.txt --xlsx ov2.xlsx
expect_rc 1 "--expect with a department missing"
$X ov2.xlsx Overview >ov2.tsv
has ov2.tsv "Files read	40" "overview: files read"
has ov2.tsv "Results merged	27" "overview: results merged"
has ov2.tsv "Drafts not counted	13" "overview: drafts"
has ov2.tsv "Expected departments with no result	1" "overview: missing departments"
has ov2.tsv "	Valnämnden" "overview: the missing department named"
has ov2.tsv "draft of 'Förvaltning 00003'" "overview: the merge's notes"
has ov2.tsv "gen	2026	27	13	0	" "overview: the version's row"

# (not the workbook's: the department table grows past 32 departments,
# and a department must still be found by its name afterwards)
awk -F, 'NR > 1 && $6 == "final" { print $4 }' o-drafts/in/*.csv | sort -u >exp40.txt
run o-drafts/in --expect exp40.txt
expect_rc 0 "--expect finds every one of 27 departments of 40"
sed s/2026-11-20T10:00:00Z/2026-11-21T10:00:00Z/ o-drafts/in/gen-2026-d00001.csv >o-drafts/in/zz-copy.csv
run o-drafts/in
expect_rc 1 "a second result of a department among 40"
has err "department 'Förvaltning 00001' has two results" "the second result found after the table grew"
rm o-drafts/in/zz-copy.csv

# every figure is a number cell, every name and title a string cell
$X --cells o-default/w.xlsx "gen 2026" >cells.tsv
awk -F'\t' '$1 ~ /^[A-Z]+[4-9]$|^[A-Z]+1[0-9]$/ && $1 !~ /^A/ && $2 != "n" { bad = 1; print }
	END { exit bad }' cells.tsv >notnum && ok || { ko "a figure that is not a number cell:"; head -3 notnum; }
grep -q '^A4	s	' cells.tsv && ok || ko "the department is not a string cell"
grep -q "^B1	s	Område 1, \"del\" åäö$" cells.tsv && ok || ko "the area title heads its columns"
grep -q '^B2	s	a01$' cells.tsv && ok || ko "the area id under its title"

# the workbook's own parts: heat map, frozen heads, filter, a native chart
part o-default/w.xlsx xl/workbook.xml >wb.xml
sheet2=$(part o-default/w.xlsx xl/worksheets/sheet2.xml)
case $sheet2 in *'<conditionalFormatting'*) ok ;; *) ko "no conditional format (heat map)" ;; esac
case $sheet2 in *'state="frozen"'*) ok ;; *) ko "no frozen panes" ;; esac
case $sheet2 in *'<autoFilter ref="A3:'*) ok ;; *) ko "no autofilter on the heads" ;; esac
case $sheet2 in *'<cols>'*) ok ;; *) ko "no column widths" ;; esac
part o-default/w.xlsx xl/charts/chart1.xml >chart.xml 2>/dev/null
has chart.xml "<c:barChart>" "a native bar chart"
has chart.xml "Overview!\$C\$" "the chart reads the city's mean"

# ------------------------------------------- several versions: change
$GEN -n 3 -q 12 -a 3 -s 2 two >/dev/null
$GEN -n 3 -q 12 -a 3 -s 4 -v 2025 -b two >/dev/null
run two --xlsx two.xlsx --matrix two.csv
expect_rc 0 "two versions"
$X two.xlsx >sheets
has sheets "gen 2025" "a sheet for the earlier version too"
has sheets "Change" "a change sheet"
$X two.xlsx Change >change.tsv
# a change is the matrix's change_a01, for the same department
awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	$2 == 2026 && $c["change_a01"] != "" { printf "%s|%.1f\n", $3, $c["change_a01"] }' two.csv |
	LC_ALL=C sort >chwant
awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	$c["Area id"] == "a01" && $c["Department"] != "City (mean)" {
		printf "%s|%.1f\n", $c["Department"], $c["Change (percentage points)"] }' change.tsv |
	LC_ALL=C sort >chgot
same chwant chgot "change per department as in the matrix"
awk -F'\t' '$4 == "City (mean)" && $5 == "overall" && $9 != "" { f = 1 } END { exit !f }' change.tsv &&
	ok || ko "the city's change"
$X two.xlsx Overview >ov.tsv
has ov.tsv "Areas only in	gen 2025	extra	Extra område" "area only in 2025 on the overview"
has ov.tsv "Questions only in	gen 2026	q002" "question only in 2026 on the overview"

# --------------------------------------- number questions, from the files
$GEN -f -n 12 -q 30 -a 3 -s 7 num >/dev/null
# no quoted comma in a name, so that awk -F, below reads every row
sed -i 's/"Kultur, fritid \([0-9]*\)"/Kultur fritid \1/' num/*.csv
run num --xlsx num.xlsx
expect_rc 0 "number questions"
# sums made here: final results, answered number questions
cat num/*.csv | tr -d '\r' | awk -F, '$22 == "number" && $23 == "answered" && $6 == "final" {
		v = $14; sub(/^\047/, "", v) # a negative number is stored neutralised
		v += 0; n[$11]++; s[$11] += v; if (!($11 in lo) || v < lo[$11]) lo[$11] = v
		if (!($11 in hi) || v > hi[$11]) hi[$11] = v }
	END { for (q in n) printf "%s|%d|%.4f|%.4f|%.4f|%.4f\n", q, n[q], s[q], s[q] / n[q], lo[q], hi[q] }' |
	LC_ALL=C sort >nwant
$X num.xlsx "Number questions" | awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	{ printf "%s|%d|%.4f|%.4f|%.4f|%.4f\n", $c["Question id"], $c["Departments"], $c["Total"],
		$c["Mean"], $c["Lowest"], $c["Highest"] }' | LC_ALL=C sort >ngot
same nwant ngot "number questions: total, mean, lowest, highest"
# every free-text answer is on the comments sheet, by department
texts=$(cat num/*.csv | tr -d '\r' | awk -F, '$22 == "text" && $23 == "answered" && $6 == "final"' | wc -l)
got=$($X num.xlsx "Comments and texts" | awk -F'\t' '$7 ~ /^fritt svar /' | wc -l)
if [ "$texts" -gt 0 ] && [ "$texts" -eq "$got" ]; then ok; else ko "free-text answers: $got of $texts"; fi

# ------------------------------------------------------- hostile text
rm -rf h; mkdir h
cp num/gen-2026-d00001.csv num/gen-2026-d00002.csv h/
# a department named like a formula (stored neutralised, as enkat writes it)
sed -i "s/,Förvaltning 00001,/,\"'=HYPERLINK(\"\"http:\/\/x\"\")\",/" h/gen-2026-d00001.csv
# an answer and comments that a spreadsheet would take for formulas or
# escapes
awk -F, 'BEGIN { OFS = "," }
	$22 == "text" && $23 == "answered" && !a { $14 = "'"'"'=1+1"; a = 1 }
	$11 == "q001" { $19 = "'"'"'@SUM(A1)" }
	$11 == "q002" { $19 = "_x0041_ stays" }
	$11 == "q003" { $19 = "'"'"'-2+3" }
	$11 == "q004" { $19 = long }
	{ print }' long="$(python3 -c 'print("Lång" * 12000)')" h/gen-2026-d00002.csv >x &&
	mv x h/gen-2026-d00002.csv
run h --xlsx h.xlsx
expect_rc 0 "hostile text"
$X --formulas h.xlsx >formulas
if [ -s h.xlsx ] && [ ! -s formulas ]; then ok; else ko "a formula in the workbook:"; head -3 formulas; fi
n=$(python3 -c 'import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
print(sum(z.read(n).count(b"<f>") + z.read(n).count(b"<f ") for n in z.namelist() if n.endswith(".xml")))' h.xlsx)
if [ "$n" = 0 ]; then ok; else ko "$n <f> elements in the workbook's XML"; fi
$X --cells h.xlsx "gen 2026" >hc.tsv
grep -qF 'A3	s	Department' hc.tsv && grep -qF "	s	=HYPERLINK(\"http://x\")" hc.tsv && ok ||
	ko "the formula-like department is not a string cell as typed"
$X --cells h.xlsx "Comments and texts" >hcom.tsv
grep -qF "	s	=1+1" hcom.tsv && ok || ko "the answer =1+1 is not a string cell"
grep -qF "	s	@SUM(A1)" hcom.tsv && ok || ko "the comment @SUM(A1) is not a string cell"
grep -qF "	s	-2+3" hcom.tsv && ok || ko "the comment -2+3 is not a string cell"
grep -qF "	s	_x0041_ stays" hcom.tsv && ok || ko "a typed _x0041_ does not read back as typed"
# a comment longer than a cell holds (32,767 characters) is cut, visibly
python3 -c 'import sys
for line in open(sys.argv[1], encoding="utf-8"):
    ref, t, v = line.rstrip("\n").split("\t", 2)
    if v.startswith("LångLång"):
        sys.exit(0 if t == "s" and 16000 < len(v) <= 32767 and v.endswith("\u2026") else 1)
sys.exit(1)' hcom.tsv && ok || ko "a 48,000-character comment is not cut to a cell"

# --------------------------------------------------- the file itself
# readable by its owner only, whatever the umask; atomic; a link at the
# target is replaced, never followed
(umask 000; "$M" num --xlsx mode.xlsx >/dev/null 2>&1)
if [ "$(stat -c %a mode.xlsx)" = 600 ]; then ok; else ko "mode $(stat -c %a mode.xlsx), wanted 600"; fi
printf 'secret\n' >target.txt
ln -s target.txt link.xlsx
run num --xlsx link.xlsx
expect_rc 0 "a link at the target"
if [ "$(cat target.txt)" = secret ] && [ -f link.xlsx ] && [ ! -L link.xlsx ]; then ok
else ko "the link at the target was followed"; fi
if ls -a | grep -q '\.tmp-'; then ko "a temporary file left behind"; ls -a | grep tmp; else ok; fi

# ------------------------------------------------------- error paths
run num --xlsx nowhere/w.xlsx
expect_rc 1 "a folder that is not there"
has err "nowhere/w.xlsx: cannot write: No such file or directory" "the folder's error"
has out "Merged 12 results" "the summary is still printed"
mkdir isdir.xlsx
run num --xlsx isdir.xlsx
expect_rc 1 "a folder at the target"
has err "isdir.xlsx: cannot write: Is a directory" "the target's error"
if [ -z "$(ls -A isdir.xlsx)" ] && ! ls -a | grep -q '\.tmp-'; then ok
else ko "something left behind after a failed write"; ls -a; fi
mkdir ro
chmod 500 ro
if [ "$(id -u)" -ne 0 ]; then
	run num --xlsx ro/w.xlsx
	expect_rc 1 "an unwritable folder"
	has err "ro/w.xlsx: cannot write: Permission denied" "the unwritable folder's error"
	if [ -z "$(ls -A ro)" ]; then ok; else ko "something left in the unwritable folder"; fi
else
	skip "an unwritable folder (root writes anywhere)"
fi
chmod 700 ro
run num --xlsx same.csv --matrix same.csv
expect_rc 2 "--xlsx and --matrix to one file"
has err "two outputs would be written to same.csv" "one file for two outputs"
printf 'not,a,result\n' >num/broken.csv
run num --xlsx bad.xlsx
expect_rc 1 "invalid input"
if [ -e bad.xlsx ]; then ko "a workbook written from invalid input"; else ok; fi
run num --xlsx skip.xlsx --skip-invalid
expect_rc 1 "--skip-invalid"
$X skip.xlsx Overview >skip.tsv 2>&1
has skip.tsv "Invalid files skipped	1" "--skip-invalid: counted on the overview"
has skip.tsv "num/broken.csv" "--skip-invalid: the file's problem in the notes"
rm num/broken.csv
run --help
has out "--xlsx FILE" "--help names --xlsx"

# ---------------------------------------------------------- sheet names
# two long survey ids alike in their first 26 characters: two sheets,
# each within 31 characters, the version kept
rm -rf long; mkdir long
sed 's/^gen,/survey_with_a_very_long_identifier_one,/' num/gen-2026-d00001.csv >long/a.csv
sed 's/^gen,/survey_with_a_very_long_identifier_two,/' num/gen-2026-d00002.csv >long/b.csv
run long --xlsx long.xlsx
expect_rc 0 "long survey ids"
$X long.xlsx | cut -f2 >lsheets
python3 -c 'import sys
names = [l.rstrip("\n") for l in open(sys.argv[1], encoding="utf-8")]
bad = [n for n in names if len(n.encode("utf-16-le")) // 2 > 31 or any(c in n for c in "[]:*?/\\\\")]
vers = [n for n in names if n.endswith(" 2026") or n.endswith(" 2026 (2)")]
low = [n.lower() for n in names]
sys.exit(1 if bad or len(vers) != 2 or len(set(low)) != len(low) else 0)' lsheets && ok ||
	{ ko "sheet names:"; sed 's/^/    /' lsheets; }

# ---------------------------------------------------------- in Swedish
run o-default/in --lang sv --xlsx sv.xlsx
expect_rc 0 "--lang sv"
$X sv.xlsx 2 >sv.tsv
if [ "$(sed -n 3p sv.tsv | cut -f1-3)" = "$(printf 'Förvaltning\tProcent\tNivå')" ] ||
	[ "$(sed -n 3p sv.tsv | cut -f1)" = "Förvaltning" ]; then ok
else ko "Swedish column heads: $(sed -n 3p sv.tsv | cut -f1-3)"; fi
has sv.tsv "Medel" "the city's mean in Swedish"
has sv.tsv "Lägst" "the city's lowest in Swedish"
# the figures are the same number cells (Excel shows the decimal comma)
PCT=$(sed -n 3p sv.tsv | cut -f2) sheet_cells sv.tsv >svgot
same o-default/got svgot "Swedish: the same figures"

# a Swedish locale (decimal comma in printf) changes no number in the XML
if [ -d "${LOCPATH:-/nonexistent}/sv_SE.UTF-8" ]; then
	LC_ALL=sv_SE.UTF-8 "$M" o-default/in --xlsx svloc.xlsx >/dev/null 2>&1
	if $X svloc.xlsx 2 >svloc.tsv 2>svloc.err; then ok
	else ko "sv_SE: the workbook cannot be read:"; sed 's/^/    /' svloc.err; fi
	PCT=$(sed -n 3p svloc.tsv | cut -f2) sheet_cells svloc.tsv >svlocgot
	same o-default/got svlocgot "sv_SE: the same figures"
else
	skip "no sv_SE locale in LOCPATH (make test builds one)"
fi

# --------------------------------------------------------- LibreOffice
if command -v soffice >/dev/null 2>&1; then
	mkdir -p lo lohome
	if HOME=$WORK/lohome timeout 120 soffice --headless --convert-to \
		'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1' \
		--outdir lo h.xlsx o-default/w.xlsx >lo.log 2>&1; then ok
	else ko "LibreOffice could not convert the workbook:"; sed 's/^/    /' lo.log | head; fi
	# the department named like a formula stays text (a formula would
	# show http://x)
	if grep -qF '"=HYPERLINK(""http://x"")"' "lo/h-gen 2026.csv"; then ok
	else ko "LibreOffice: the department is not text:"; head -5 "lo/h-gen 2026.csv" | sed 's/^/    /'; fi
	grep -qF '=1+1' "lo/h-Comments and texts.csv" && ok || ko "LibreOffice: =1+1 is not text"
	# LibreOffice's percentages are the oracle's
	awk '
	function split_csv(line,   i, c, f, inq, n) {
		n = 0; f = ""; inq = 0
		for (i = 1; i <= length(line); i++) {
			c = substr(line, i, 1)
			if (inq) {
				if (c != "\"") f = f c
				else if (substr(line, i + 1, 1) == "\"") { f = f c; i++ }
				else inq = 0
			} else if (c == "\"") inq = 1
			else if (c == ",") { fld[++n] = f; f = "" }
			else f = f c
		}
		fld[++n] = f
		return n
	}
	{ n = split_csv($0) }
	NR == 2 { cur = ""; for (i = 2; i <= n; i++) { if (fld[i] != "") cur = fld[i]; idat[i] = cur } }
	NR == 3 { for (i = 2; i <= n; i++) if (fld[i] == "Percent") col[i] = idat[i] }
	NR >= 4 && fld[1] == "" { exit }
	NR >= 4 { for (i in col) { v = fld[i]; sub(/%$/, "", v); print fld[1] "|" col[i] "|" v } }' \
		"lo/w-gen 2026.csv" | LC_ALL=C sort >lo.got
	if compare_pct o-default/want lo.got >lo.diff; then ok
	else ko "LibreOffice: percentages differ from the oracle:"; head -5 lo.diff | sed 's/^/    /'; fi
	echo "LibreOffice: $(wc -l <lo.got) percentages compared"
else
	skip "LibreOffice (soffice) is not installed: the workbook is read by tests/xlsx-cells.py only"
fi

finish cli-merge-xlsx
