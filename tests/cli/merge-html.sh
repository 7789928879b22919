#!/bin/sh
# The HTML report of enkat-merge, rendered in headless Chromium (Debian's
# chromium, which tests/deps.sh installs): the DOM has the charts and the
# numbers the generator computed, a screenshot and an A4 PDF are made, and
# the file holds nothing that would reach the network or run script.
set -u
cd "$(dirname "$0")/../.." || exit 2
ROOT=$PWD
. tests/lib.sh
M=$ENKAT_MERGE
GEN="sh $ROOT/tests/gen-results.sh"
export LC_ALL=C.UTF-8 TZ=UTC

has() {
	if grep -qF -- "$2" "$1"; then ok; else ko "$3: no '$2' in $1"; fi
}

tmp=$WORK
cd "$tmp" || exit 2


$GEN -n 14 -t truth in26 >/dev/null
$GEN -n 12 -v 2025 -b -s 9 in25 >/dev/null
"$M" in26 in25 --html sv.html --lang sv >/dev/null 2>err
rc=$?
[ "$rc" -eq 0 ] && ok || { ko "--html: exit $rc"; cat err; }
"$M" in26/gen-2026-d00001.csv --html one.html --lang en >/dev/null 2>&1 && ok ||
	ko "--html of one department"

# self-contained: nothing fetched, nothing run. Text may mention an address
# (a comment "=HYPERLINK("http://x")" is shown, escaped): the markup and the
# style may not.
for f in sv.html one.html; do
	grep -o '<[^>]*>' "$f" >"$f.tags"
	sed -n 's/.*<style>\(.*\)<\/style>.*/\1/p' "$f" >>"$f.tags"
	for bad in 'http:' 'https:' '<script' '@import' 'url(' 'src=' '<link' '<iframe' '<img'; do
		if grep -qiF -- "$bad" "$f.tags"; then ko "$f contains $bad"; else ok; fi
	done
	if grep -qiE ' on[a-z]+=' "$f"; then ko "$f has an event handler"; else ok; fi
done
has sv.html '<html lang="sv">' "Swedish report"
has one.html '<html lang="en">' "English report"
has one.html 'Information security self-assessment – Förvaltning 00001' "one department's own report"
if grep -q 'class="chart profile"' one.html; then ko "profiles in a one-department report"; else ok; fi

if ! command -v chromium >/dev/null 2>&1; then
	ko "chromium is not installed (tests/deps.sh check installs it)"
	finish cli-merge-html
	exit 1
fi

browser --dump-dom "file://$tmp/sv.html" >dom.html
[ -s dom.html ] && ok || ko "chromium --dump-dom gave nothing"
n_areas=$(grep -o 'class="chart areas"' dom.html | wc -l)
n_change=$(grep -o 'class="chart change"' dom.html | wc -l)
n_prof=$(grep -o 'class="chart profile"' dom.html | wc -l)
n_bars=$(grep -o 'class="bar"' dom.html | wc -l)
[ "$n_areas" -eq 1 ] && ok || ko "area chart: $n_areas"
[ "$n_change" -eq 1 ] && ok || ko "change chart: $n_change"
[ "$n_prof" -eq 14 ] && ok || ko "profiles: $n_prof, wanted 14"
[ "$n_bars" -eq 10 ] && ok || ko "area bars: $n_bars, wanted 9 areas and the overall"
has dom.html '<table class="heat">' "heat map"
has dom.html 'Svagaste frågorna' "weakest questions"
has dom.html 'Förändring sedan föregående version (2025 → 2026)' "change section"
has dom.html 'Frågor som bara finns i 2026' "questions only in one version"
# every department's every figure, as the generator computed it, in the
# heat map (Swedish decimals)
missing=0
checked=0
sed 1d truth/matrix.csv | tr ',' '\n' | grep -E '^[0-9]+\.[0-9]$' | sort -u >figures
while read -r x; do
	checked=$((checked + 1))
	sv=$(printf '%s' "$x" | tr . ,)
	grep -qF "$sv&nbsp;%" dom.html || grep -qF "$sv $(printf '\302\240')%" dom.html ||
		missing=$((missing + 1))
done <figures
[ "$missing" -eq 0 ] && [ "$checked" -gt 20 ] && ok ||
	ko "$missing of $checked figures of the oracle not in the report"

browser --screenshot="$tmp/shot.png" --window-size=1240,1754 "file://$tmp/sv.html" >/dev/null
if [ "$(head -c 8 shot.png 2>/dev/null | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] &&
   [ "$(wc -c <shot.png)" -gt 50000 ]; then ok; else ko "no screenshot"; fi
if [ -n "${KEEP_SHOT:-}" ]; then cp shot.png "$KEEP_SHOT"; fi

# prints on A4: 595 x 842 points
browser --no-pdf-header-footer --print-to-pdf="$tmp/r.pdf" "file://$tmp/sv.html" >/dev/null
if [ -s r.pdf ] && grep -aqE 'MediaBox \[ ?0 0 59[45]\.[0-9]* 84[12]' r.pdf; then ok
else ko "PDF is not A4: $(grep -ao 'MediaBox[^]]*' r.pdf | head -1)"; fi

# every printed page: the survey and version, the date, page N of M, and
# the --marking, from the print CSS (pdftotext reads the PDF back)
"$M" in26 in25 --html mk.html --lang sv --marking 'Känslig: "intern" </style><b>' >/dev/null 2>&1
browser --no-pdf-header-footer --print-to-pdf="$tmp/mk.pdf" "file://$tmp/mk.html" >/dev/null
pdftotext -layout mk.pdf - | tr -d '\f' >mk.txt
pages=$(grep -c 'Sida [0-9]* av [0-9]*' mk.txt)
check "page N of M on every page ($pages)" [ "$pages" -ge 3 ]
check "the last page says it is the last" grep -q "Sida $pages av $pages" mk.txt
check "the survey and version on every page" [ "$(grep -c '^ *gen 2026' mk.txt)" -eq "$pages" ]
check "the marking on every page" [ "$(grep -c 'Känslig: "intern" </style><b>' mk.txt)" -eq "$pages" ]
check "the date on every page" [ "$(grep -cE '^ *20[0-9]{2}-[0-9]{2}-[0-9]{2} ' mk.txt)" -eq "$pages" ]
check "the marking cannot end the style element" [ "$(grep -c '</style>' mk.html)" -eq 1 ]
# the overall: coloured by percentage, with the areas per level; the
# cumulative rule explained; the weakest questions on few departments
# marked; the departments missing last year named
has dom.html 'Den totala kolumnen är färgad efter procent' "the overall explained"
check "the overall shows areas per level" grep -q 'N[0-9]×[0-9]' dom.html
"$M" in26/gen-2026-d0000[12].csv in25/gen-2025-d00001.csv --html few.html --lang en >/dev/null 2>&1
browser --dump-dom "file://$tmp/few.html" >few.dom
has few.dom 'The mean rests on fewer than 3 departments' "few departments marked"
has few.dom '1 department had no result in version 2025: Förvaltning 00002.' "the missing one named"

# hostile names: escaped, never markup
sed 's/Förvaltning 00001/<script>alert(1)<\/script>\&amp;/' in26/gen-2026-d00001.csv >evil.csv
"$M" evil.csv --html evil.html >/dev/null 2>&1
if grep -q '<script' evil.html; then ko "a department name became markup"; else ok; fi
has evil.html '&lt;script&gt;alert(1)&lt;/script&gt;&amp;amp;' "the name shown as text"

finish cli-merge-html
