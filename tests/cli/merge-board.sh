#!/bin/sh
# The board's report (enkat-merge --html) as printed, through the real
# binary and headless Chromium: every text at least 8 pt on A4 (SVG text
# included, measured as rendered at the printed column's width) and
# nothing wider than the page; headings kept with what follows them and
# sections numbered 1..n in every kind of report; --with-comments and its
# appendix, escaped; the terminal summary's weakest questions by area
# title, within the line.
set -u
cd "$(dirname "$0")/../.." || exit 2
ROOT=$PWD
. tests/lib.sh
M=$ENKAT_MERGE
GEN="sh $ROOT/tests/gen-results.sh"
export LC_ALL=C.UTF-8 TZ=UTC
unset LANGUAGE
cd "$WORK" || exit 2

has() { # FILE TEXT WHAT
	if grep -qF -- "$2" "$1"; then ok; else ko "$3: no '$2' in $1"; fi
}
hasnt() {
	if grep -qF -- "$2" "$1"; then ko "$3: '$2' in $1"; else ok; fi
}

# Nine areas with long Swedish titles (one with the id 'upptacka'), long
# department names, two versions. A comment with markup, quotes, åäö and a
# line break on one question of this year, one on last year's.
COMMENT_CSV='"Inte klart <b>&amp; ""citat"" '\''enkla'\'' åäö
rad två"'
COMMENT_HTML="Inte klart &lt;b&gt;&amp;amp; &quot;citat&quot; &#39;enkla&#39; åäö<br>rad två"
titles="Upptäcka och hantera avvikelser i verksamhetens informationsflöden
Riskhantering och klassning av informationstillgångar
Behörighetshantering och åtkomstskydd i verksamhetssystemen
Kontinuitetsplanering och krisberedskap för samhällsviktig verksamhet
Leverantörsstyrning och säkerhetskrav vid upphandling
Incidenthantering, rapportering och lärande efter händelser
Fysisk säkerhet och skydd av lokaler och utrustning
Utbildning och medvetenhet hos medarbetare och chefer
Dataskydd och behandling av personuppgifter enligt förordningen"
# board DIR COMMENT: long titles and names in DIR's files, COMMENT on
# q003 of department 1
board() {
	for f in "$1"/*.csv; do
		awk -F, -v OFS=, -v c="$2" '$4 == "Förvaltning 00001" && $11 == "q003" { $19 = c } 1' \
			"$f" >"$f.t" && mv "$f.t" "$f"
		i=1
		echo "$titles" | while IFS= read -r t; do
			sed -i "s/,Område $i,/,\"$t\",/" "$f"
			i=$((i + 1))
		done
		sed -i -e 's/,a01,/,upptacka,/' \
			-e 's/Förvaltning 0000\([0-9]\)/Förvaltningen för äldreomsorg och öppen vård nummer \1/' "$f"
	done
}
$GEN -f -n 9 -q 36 -a 9 -s 5 in >/dev/null
board in "$COMMENT_CSV"
$GEN -f -n 9 -q 36 -a 9 -s 8 -v 2025 old >/dev/null
board old '"förra årets kommentar"'
mv old/*.csv in/

"$M" in --html city.html --lang sv --with-comments >city.out 2>city.err
rc=$?
check "city report with comments (rc=$rc)" [ "$rc" -eq 0 ]
"$M" in --html plain.html --lang en >/dev/null 2>&1
"$M" in --html en.html --lang en --with-comments >/dev/null 2>&1
"$M" in/gen-2026-d00001.csv in/gen-2025-d00001.csv --html dept.html --lang sv \
	--with-comments >/dev/null 2>&1
check "one department's report" grep -q 'Självskattning informationssäkerhet – ' dept.html
has dept.html "$COMMENT_HTML" "the department's own comments keep their line break, escaped"
"$M" in/gen-2026-d0000[1-3].csv --html three.html --lang en >/dev/null 2>&1

# ------------------------------------- 4: the weakest questions by title
"$M" in >sum.txt 2>/dev/null
sed -n '/weakest questions/,/^below/p' sum.txt >weak.txt
check "the weakest questions are listed" [ "$(grep -c ' q[0-9]* (' weak.txt)" -ge 10 ]
if grep -qE ' q[0-9]+ \((a[0-9]+|upptacka)\)' weak.txt; then
	ko "an area id in the weakest questions:"; grep -E '\((a[0-9]+|upptacka)\)' weak.txt | head -3
else ok; fi
check "the weakest questions name areas by title" \
	grep -qE ' q[0-9]+ \((Upptäcka|Riskhantering|Behörighetshantering|Kontinuitetsplanering|Leverantörsstyrning|Incidenthantering|Fysisk|Utbildning|Dataskydd) ' weak.txt
w=$(wc -L <sum.txt)
check "the summary fits 80 columns with long area titles (widest $w)" [ "$w" -le 80 ]
for c in 40 60; do
	COLUMNS=$c "$M" in >sum$c.txt 2>/dev/null
	w=$(wc -L <sum$c.txt)
	check "COLUMNS=$c: the summary fits (widest $w)" [ "$w" -le "$c" ]
	check "COLUMNS=$c: titles still shown" grep -qE ' q[0-9]+ \((Upptä|Riskh|Behör|Konti|Lever|Incid|Fysis|Utbil|Datas)' sum$c.txt
done

# ----------------------------------- 3: --with-comments and its appendix
check "--help names --with-comments" sh -c "'$M' --help | grep -q -- '--with-comments'"
check "enkat-merge(1) documents --with-comments" grep -q 'with-comments' "$ROOT/man/enkat-merge.1"
sed -n '/<section class="appendix">/,/<\/section>/p' en.html >app.html
has en.html '<h2>Appendix: comments per question</h2>' "the appendix"
n=$(grep -oF "$COMMENT_HTML" en.html | wc -l)
check "the comment is in the report once, escaped, its line break kept ($n)" [ "$n" -eq 1 ]
n=$(grep -oF "$COMMENT_HTML" app.html | wc -l)
check "... in the appendix ($n)" [ "$n" -eq 1 ]
check "no markup from the comment" sh -c "! grep -q '<b>&amp;' en.html"
has app.html '<h3>Upptäcka och hantera avvikelser i verksamhetens informationsflöden</h3>' \
	"the commented question's area title"
has app.html '<h4>Fråga 3 <small>(q003)</small></h4>' "the commented question's text"
check "the comment in its department's row" \
	grep -qF "<tr><td class=\"l\">Förvaltningen för äldreomsorg och öppen vård nummer 1</td><td class=\"l\">$COMMENT_HTML</td></tr>" app.html
# every free-text answer of the latest version, in its department's row
want=0 found=0
for f in in/gen-2026-*.csv; do
	csvfields department,question_id,type,state,answer <"$f" |
		awk -F'|' '$3 == "text" && $4 == "answered" { print $1 "|" $2 "|" $5 }'
done >texts
while IFS='|' read -r dep q ans; do
	want=$((want + 1))
	# the question's table: from its heading to the end of the table
	sed -n "/(${q})<\/small><\/h4>/,/<\/table>/p" app.html |
		grep -qF "<tr><td class=\"l\">$dep</td><td class=\"l\">$ans</td>" &&
		found=$((found + 1))
done <texts
check "every free-text answer under its question ($found of $want)" \
	[ "$want" -gt 5 ] && [ "$found" -eq "$want" ]
has app.html '<th class="l">Answer</th>' "the answers' column"
hasnt en.html 'förra årets kommentar' "last year's comment (not the latest version)"
hasnt plain.html 'class="appendix"' "no appendix without --with-comments"
hasnt plain.html 'Inte klart' "no comment without --with-comments"
hasnt dept.html 'class="appendix"' "a department's own report lists its comments in a section"
has dept.html 'Inte klart &lt;b&gt;' "... the department's comments"

if ! command -v chromium >/dev/null 2>&1 || ! command -v pdftohtml >/dev/null 2>&1; then
	ko "chromium or pdftohtml is not installed (tests/deps.sh check installs them)"
	finish cli-merge-board
	exit 1
fi
browser --dump-dom "file://$WORK/en.html" >en.dom
n=$(grep -oF 'Inte klart &lt;b&gt;&amp;amp; "citat" '"'enkla'"' åäö<br>rad två' en.dom | wc -l)
check "Chromium shows the comment as text, on two lines ($n)" [ "$n" -eq 1 ]

# ------------------------------------------------ 1: 8 pt as printed on A4
# measure.js, run in the report: the print style sheet switched on, the
# page as wide as A4 less the @page margins; every rendered text node's
# font size in CSS px, an SVG text's scaled by its screen CTM (what the
# chart's width does to it), and its rendered box checked to be that tall;
# what is wider than the page (printing would shrink it all) and SVG text
# outside its chart (cut off).
cat >measure.js <<'EOF'
(function () {
	var ml = '', mr = '';
	for (var s of document.styleSheets)
		for (var r of s.cssRules) {
			if (r.type === CSSRule.MEDIA_RULE && /print/.test(r.media.mediaText))
				r.media.mediaText = 'all';
			if (r.type === CSSRule.PAGE_RULE) {
				ml = r.style.marginLeft || ml;
				mr = r.style.marginRight || mr;
			}
		}
	var out = [], n = 0, svg = 0, min = 1e9;
	if (!ml || !mr)
		out.push('no @page margins');
	document.documentElement.style.margin = '0';
	document.documentElement.style.width = 'calc(210mm - ' + ml + ' - ' + mr + ')';
	var page = document.documentElement.getBoundingClientRect().width;
	var w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
	for (var t; (t = w.nextNode());) {
		var el = t.parentElement;
		if (!/\S/.test(t.data) || el.closest('title,style,script'))
			continue;
		var rg = document.createRange();
		rg.selectNodeContents(t);
		var box = rg.getBoundingClientRect();
		if (!rg.getClientRects().length || !box.height)
			continue;
		var px = parseFloat(getComputedStyle(el).fontSize);
		if (el instanceof SVGElement) {
			var m = el.getScreenCTM(), c = el.closest('svg').getBoundingClientRect();
			px *= Math.sqrt(Math.abs(m.a * m.d - m.b * m.c));
			svg++;
			if (box.height < px)
				out.push('SVG text drawn smaller than its size: ' + t.data);
			if (box.right > c.right + 0.5 || box.left < c.left - 0.5)
				out.push('SVG text outside its chart: ' + t.data);
		}
		n++;
		min = Math.min(min, px);
		if (px < 32 / 3 - 0.01)
			out.push((px * 0.75).toFixed(2) + 'pt ' + el.tagName + ': ' + t.data.trim().slice(0, 60));
	}
	for (var e of document.body.querySelectorAll('*')) {
		var b = e.getBoundingClientRect();
		if (b.right > page + 0.5 && !(e instanceof SVGElement && e.tagName !== 'svg'))
			out.push('wider than the page (' + b.right.toFixed(0) + ' > ' +
				 page.toFixed(0) + ' px): ' + e.tagName + '.' + e.getAttribute('class'));
	}
	for (var hd of document.querySelectorAll('h2,h3,h4'))
		if (getComputedStyle(hd).breakAfter !== 'avoid')
			out.push('a heading that may end a page: ' + hd.textContent);
	var pre = document.createElement('pre');
	pre.id = 'measured';
	pre.textContent = 'MEASURED page=' + page.toFixed(1) + ' nodes=' + n + ' svg=' + svg +
		' minpt=' + (min * 0.75).toFixed(2) + (out.length ? '\n' + out.join('\n') : '') +
		'\nEND';
	document.body.appendChild(pre);
})();
EOF
# measure FILE: measure.js run in a copy of the report
measure() {
	{ sed 's#</body>##; s#</html>##' "$1"; printf '<script>\n'; cat measure.js
	  printf '</script>\n</body>\n</html>\n'; } >"m-$1"
	browser --dump-dom "file://$WORK/m-$1" | sed -n '/<pre id="measured">/,/^END/p' |
		sed '1s/.*MEASURED/MEASURED/; /^END/d' >"$1.measured"
}
for f in city.html dept.html three.html; do
	measure "$f"
	head -n 1 "$f.measured" | grep -q MEASURED || { ko "$f: not measured"; continue; }
	nodes=$(sed -n '1s/.* nodes=\([0-9]*\).*/\1/p' "$f.measured")
	svg=$(sed -n '1s/.* svg=\([0-9]*\).*/\1/p' "$f.measured")
	check "$f: text nodes measured ($nodes, $svg in charts)" [ "$nodes" -gt 100 ]
	case $f in dept.html) ;;
	*) check "$f: the charts' text measured ($svg)" [ "$svg" -gt 50 ] ;; esac
	if [ "$(wc -l <"$f.measured")" -eq 1 ]; then ok
	else ko "$f as printed on A4 ($(head -n 1 "$f.measured")):"
		sed '1d; s/&gt;/>/g; s/&lt;/</g; s/&amp;/\&/g' "$f.measured" | sort | uniq -c |
			sort -rn | head -n 12; fi
done

# the PDF Chromium prints (A4 with the report's own @page): no font in it
# below 8 pt, as poppler reads it back (a page shrunk to fit would show)
for f in city.html dept.html; do
	browser --no-pdf-header-footer --print-to-pdf="$WORK/$f.pdf" "file://$WORK/$f" >/dev/null
	pdftohtml -xml -i -stdout -zoom 1 "$f.pdf" >"$f.xml" 2>/dev/null
	sizes=$(sed -n 's/.*<fontspec [^>]*size="\([0-9.-]*\)".*/\1/p' "$f.xml" | sort -n | uniq | tr '\n' ' ')
	check "$f.pdf: fonts read back ($sizes)" [ -n "$sizes" ]
	small=$(echo "$sizes" | tr ' ' '\n' | awk 'NF && $1 < 8' | tr '\n' ' ')
	check "$f.pdf: no font below 8 pt (${small:-none})" [ -z "$small" ]
done

# ------------------------------------------------------- 2: headings and numbers
# numbers FILE: per survey's section, the numbers of its h2 headings
numbers() {
	awk '/<section class="survey">/ { if (s != "") print s; s = "" }
	     { while (match($0, /<h2>[0-9]+\. /)) {
		s = s (s == "" ? "" : " ") substr($0, RSTART + 4, RLENGTH - 6)
		$0 = substr($0, RSTART + RLENGTH) } }
	     END { print s }' "$1"
}
# consecutive LIST: 1 2 ... n, n >= 5
consecutive() {
	echo "$1" | awk '{ if (NF < 5) exit 1; for (i = 1; i <= NF; i++) if ($i != i) exit 1 }'
}

# a survey with an action plan and comments, made by enkat itself
cat >s.ini <<'EOF'
[survey]
id = plan
version = 2026
languages = sv en
title.sv = Planprov
title.en = Plan test
threshold = 0.5

[scale.grad]
options = nej ja
nej.label.sv = Nej
nej.label.en = No
nej.points = 0
ja.label.sv = Ja
ja.label.en = Yes
ja.points = 1

[level.1]
title.sv = Grund
title.en = Basic

[area.styr]
title.sv = Styrning
title.en = Governance
target = 1

[question.policy]
area = styr
type = scale
scale = grad
level = 1
text.sv = Finns en policy?
text.en = Is there a policy?

[area.tek]
title.sv = Teknik
title.en = Technology
target = 1

[question.logg]
area = tek
type = yesno
level = 1
text.sv = Loggas åtkomst?
text.en = Is access logged?
EOF
# a comment, an answer, an action added at the second question, a draft
printf 'c Antagen <&> av nämnden\n2\na+ Inför loggning\n2027-06-30\nIT-chefen\nSTK-1\n1\nn\n' >plan.txt
"$ENKAT" --plain --lang sv --department "Kultur och fritid" --respondent Åsa --out "$WORK/plan" \
	s.ini <plan.txt >plan.out 2>&1
printf '1\n2\nn\n' | "$ENKAT" --plain --lang sv --department "Miljö" --respondent Bo \
	--out "$WORK/plan" s.ini >plan2.out 2>&1
check "enkat wrote a result with an action plan" grep -q ',action,A1,' plan/plan-2026-kultur-och-fritid.csv

for set in "city:in" "city-new:in/gen-2026-*.csv" "dept:in/gen-2026-d00002.csv in/gen-2025-d00002.csv" \
	   "dept-new:in/gen-2026-d00002.csv" "plan-city:plan" \
	   "plan-dept:plan/plan-2026-kultur-och-fritid.csv" "few:in/gen-2026-d0000[12].csv"; do
	name=${set%%:*}
	for opt in "" --with-comments; do
		# shellcheck disable=SC2086 # the list of files is split on purpose
		"$M" --include-drafts ${set#*:} --html "n-$name.html" --lang en $opt >/dev/null 2>&1
		l=$(numbers "n-$name.html")
		if [ -n "$l" ] && consecutive "$l"; then ok
		else ko "$name ${opt:-(no options)}: section numbers '$l', not 1..n"; fi
	done
done
check "the change section in a report with a previous version" \
	grep -q '<h2>[0-9]*\. Change since the previous version' n-dept.html
check "no change section without one" sh -c "! grep -q 'Change since' n-dept-new.html"
check "the action plan in the department's report" grep -q 'Inför loggning' n-plan-dept.html
check "the appendix is not numbered" grep -q '<h2>Appendix: comments per question</h2>' n-plan-city.html
check "the plan's comment in the appendix, escaped" grep -qF 'Antagen &lt;&amp;&gt; av nämnden' n-plan-city.html

# no printed page ends with a heading (a section's, an area's, a
# department's profile, a question's): the last line above a page's foot
# (date, page N of M) is never one
for f in city.html n-plan-city.html; do
	[ -s "$f.pdf" ] || browser --no-pdf-header-footer --print-to-pdf="$WORK/$f.pdf" \
		"file://$WORK/$f" >/dev/null
	sed -n 's/.*<h\([234]\)>\(.*\)<\/h\1>.*/\2/p' "$f" |
		sed 's/<[^>]*>//g; s/&lt;/</g; s/&gt;/>/g; s/&quot;/"/g; s/&#39;/'"'"'/g; s/&amp;/\&/g; s/ *$//' >"$f.heads"
	pages=$(pdfinfo "$f.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
	alone=0
	for p in $(seq 1 "${pages:-0}"); do
		last=$(pdftotext -f "$p" -l "$p" -layout "$f.pdf" - | grep -v '^[[:space:]]*$' |
			grep -vE '(Sida|Page) [0-9]+ (av|of) [0-9]+' | tail -n 1 | sed 's/^ *//')
		[ "$p" -lt "$pages" ] && [ -n "$last" ] && grep -qxF -- "$last" "$f.heads" &&
			{ alone=$((alone + 1)); echo "    page $p ends with: $last"; }
	done
	check "$f: $pages pages, no heading alone at a page's foot ($alone)" \
		[ "${pages:-0}" -ge 2 ] && [ "$alone" -eq 0 ]
done

finish cli-merge-board
