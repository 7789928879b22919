#!/bin/sh
# A department's own report (enkat --report FILE.html), through the real
# binary and headless Chromium: made from what the department's file
# holds, by enkat-merge's code; its figures equal an independent
# computation from the result file (awk, enkat-results(5), Scores); it
# shows last year's result, the action plan with statuses, the comments and
# the approval, "changed after approval" after a hand edit, in Swedish and
# English; every refusal has its message.
set -u
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC
unset LANGUAGE
trap '' PIPE
cd "$WORK" || exit 2

has() { # FILE TEXT...: every fixed text is in FILE
	f=$1; shift
	for t in "$@"; do
		grep -qF -- "$t" "$f" || { echo "(no '$t' in $f)"; return 1; }
	done
}

# Two versions of one survey with weights and a scale, so that the
# percentages are not round.
survey() { # VERSION
	cat <<EOF
[survey]
id = rapport
version = $1
languages = sv en
title.sv = Rapportprov
title.en = Report test
threshold = 0.5

[scale.grad]
options = nej lite delvis ja
nej.label.sv = Nej
nej.label.en = No
nej.points = 0
lite.label.sv = Lite
lite.label.en = A little
lite.points = 1
delvis.label.sv = Delvis
delvis.label.en = Partly
delvis.points = 2
ja.label.sv = Ja
ja.label.en = Yes
ja.points = 3

[level.1]
title.sv = Grund
title.en = Basic

[area.styr]
title.sv = Styrning
title.en = Governance
weight = 2
target = 1

[question.policy]
area = styr
type = scale
scale = grad
level = 1
weight = 3
text.sv = Finns en policy?
text.en = Is there a policy?

[question.roller]
area = styr
type = scale
scale = grad
level = 1
na = yes
text.sv = Är rollerna satta?
text.en = Are the roles set?

[area.tek]
title.sv = Teknik
title.en = Technology
target = 1

[question.backup]
area = tek
type = scale
scale = grad
level = 1
text.sv = Finns säkerhetskopior?
text.en = Are there backups?

[question.logg]
area = tek
type = yesno
level = 1
weight = 2
text.sv = Loggas åtkomst?
text.en = Is access logged?
EOF
}
survey 2025 >v1.ini
survey 2026 >v2.ini
OUT="$WORK/out"

# year 1: answers with comments, an action, final with approval
cat >y1.txt <<'EOF'
c Antagen av nämnden
3
2
2
c Inget system ännu
a+ Inför loggning
2027-06-30
IT-chefen
STK-2025-0042
as A1 ongoing
2
j
Eva Ek
Förvaltningsdirektör
EOF
"$ENKAT" --plain --lang sv --department "Kultur och fritid" --respondent Åsa --out "$OUT" \
	v1.ini <y1.txt >y1.out 2>&1
check "year 1 answered and approved" grep -q "Slutfört resultat sparat" y1.out
# year 2: a draft, one answer taken over, one changed
printf '2\nt\n2\n3\nq\n' | "$ENKAT" --plain --lang sv --department "Kultur och fritid" \
	--respondent Åsa --out "$OUT" v2.ini >y2.out 2>&1
F1=$OUT/rapport-2025-kultur-och-fritid.csv
F2=$OUT/rapport-2026-kultur-och-fritid.csv
check "both results are there" test -s "$F1" -a -s "$F2"

# percent FILE: "area percent" per area, then "overall percent": the
# oracle, straight from the rows and the formulas of enkat-results(5)
percent() {
	csvfields record,area_id,area_weight,value,max_value,weight,na,state <"$1" |
	awk -F'|' 'NR > 1 && ($1 == "" || $1 == "question") {
		if (!($2 in seen)) { seen[$2] = 1; order[++n] = $2; aw[$2] = $3 }
		if ($5 != "" && $7 != 1 && ($8 == "answered" || $8 == "unanswered")) {
			num[$2] += $8 == "answered" ? $6 * $4 / $5 : 0
			den[$2] += $6
		}
	}
	END {
		for (i = 1; i <= n; i++) {
			a = order[i]
			if (den[a] > 0) {
				p = 100 * num[a] / den[a]
				printf "%s %.1f\n", a, p
				ws += aw[a] * p; wsum += aw[a]
			}
		}
		if (wsum > 0) printf "overall %.1f\n", ws / wsum
	}'
}
percent "$F1" >want1
percent "$F2" >want2
check "the oracle has figures" test "$(wc -l <want2)" -eq 3

# ---- the report of this year's draft, in Swedish
"$ENKAT" --lang sv --report r2.html --department "Kultur och fritid" --out "$OUT" v2.ini \
	>rep.out 2>rep.err
rc=$?
check "--report: exit 0 (rc=$rc)" test "$rc" -eq 0
check "--report says where" has rep.out "r2.html"
check "--report: readable by its owner alone" test "$(stat -c %a r2.html)" = 600
if ! command -v chromium >/dev/null 2>&1; then
	ko "chromium is not installed (tests/deps.sh check installs it)"
	finish report
fi
browser --dump-dom "file://$WORK/r2.html" >dom2.html
check "Chromium renders the report" grep -q 'Självskattning informationssäkerhet – Kultur och fritid' dom2.html
# every figure of the oracle, as the report writes it (decimal comma)
while read -r area p; do
	sv=$(printf '%s' "$p" | tr . ,)
	check "this year's $area: $sv % as computed from the file" grep -q ">$sv&nbsp;%<" dom2.html
done <want2
while read -r area p; do
	sv=$(printf '%s' "$p" | tr . ,)
	check "last year's $area: $sv % in the comparison" grep -q ">$sv&nbsp;%<" dom2.html
done <want1
check "the survey's texts in Swedish" has dom2.html "Styrning" "Teknik" "Loggas åtkomst?"
check "speaks of the department" has dom2.html "Förvaltningens åtgärdsplan"
check "no 'departments' of a city report" sh -c "! grep -q 'Förvaltningarnas profiler' dom2.html"
check "the carried action with its status" has dom2.html "Inför loggning" "pågående" \
	"STK-2025-0042" "IT-chefen" "2027-06-30"
check "an area below target names its action" has dom2.html "A1 Inför loggning (pågående)"
check "a draft is said to be one" has dom2.html "utkast"
check "the change since last year" has dom2.html "Förändring sedan föregående version (2025 → 2026)"
check "page numbers in the print margin" grep -q '@bottom-right{content:"Sida " counter(page) " av " counter(pages)' r2.html
browser --no-pdf-header-footer --print-to-pdf="$WORK/r2.pdf" "file://$WORK/r2.html" >/dev/null
check "prints on A4" grep -aqE 'MediaBox \[ ?0 0 59[45]\.[0-9]* 84[12]' r2.pdf
pdftotext -layout r2.pdf - | tr -d '\f' >r2.txt
pages=$(grep -c 'Sida [0-9]* av [0-9]*' r2.txt)
check "page N of M on every printed page ($pages)" [ "$pages" -ge 2 ]
check "... the last says so" grep -q "Sida $pages av $pages" r2.txt
check "... with the survey and version" [ "$(grep -c 'Rapportprov 2026' r2.txt)" -ge "$pages" ]

# ---- last year's final result: the approval and the comments, in English
"$ENKAT" --lang en --report r1.html --department "Kultur och fritid" --out "$OUT" v1.ini \
	>/dev/null 2>&1
browser --dump-dom "file://$WORK/r1.html" >dom1.html
while read -r area p; do
	check "2025 $area: $p% as computed" grep -q ">$p%<" dom1.html
done <want1
check "the approval, name and role" has dom1.html \
	"Approved for the department's management by Eva Ek (Förvaltningsdirektör)"
check "the comments" has dom1.html "Antagen av nämnden" "Inget system ännu"
check "English words" has dom1.html "The department's action plan" "Governance"
check "the seal holds: no warning" sh -c "! grep -q 'Changed after approval' dom1.html"

# ---- a hand edit after the approval is shown
sed 's/Antagen av nämnden/Antagen av ingen/' "$F1" >"$F1.tmp" && cat "$F1.tmp" >"$F1" && rm "$F1.tmp"
"$ENKAT" --lang en --report r1b.html --department "Kultur och fritid" --out "$OUT" v1.ini \
	>/dev/null 2>&1
check "changed after approval: said in the report" has r1b.html "Changed after approval."
"$ENKAT_MERGE" "$F1" >m1b.out 2>&1
check "changed after approval: said by enkat-merge" \
	has m1b.out "Changed after approval (the seal does not match): Kultur och fritid"

# ---- the city's side: every department's actions (--actions) and the
# approvals, in the CSV and the board's report
printf '1\n2\n3\na+ Ny policy\n2020-01-01\nCISO\n\n1\nj\n\n' |
	"$ENKAT" --plain --lang sv --department Miljö --respondent X --out "$OUT" v1.ini \
	>miljo.out 2>&1
FM=$OUT/rapport-2025-miljo.csv
"$ENKAT_MERGE" --lang sv --actions act.csv --html city.html "$F1" "$FM" >city.out 2>&1
rc=$?
check "--actions and --html of two departments: exit 0 (rc=$rc)" test "$rc" -eq 0
check "--actions: readable by its owner alone" test "$(stat -c %a act.csv)" = 600
csvfields department,action_id,title,status,due,overdue,case_number,questions,approval <act.csv >act.txt
check "--actions: the header" has act.txt "department|action_id|title|status|due|overdue|case_number|questions|approval"
check "--actions: an open action of a result changed after approval" \
	has act.txt "Kultur och fritid|A1|Inför loggning|ongoing|2027-06-30|0|STK-2025-0042|logg|changed-after-approval"
check "--actions: an overdue action of a result not approved" \
	has act.txt "Miljö|A1|Ny policy|planned|2020-01-01|1||"
check "--actions: not approved said" has act.txt "|not-approved"
check "--actions: one row an action" test "$(wc -l <act.txt)" -eq 3
browser --dump-dom "file://$WORK/city.html" >city.dom
check "the board's report: action plans and approval" has city.dom \
	"Åtgärdsplaner och godkännande" "Ändrat efter godkännandet" "Inte godkänt" \
	"0 godkända, 1 ändrade efter godkännandet, 1 inte godkända"
check "the board's report: the overdue action counted" grep -q 'class="c down">1<' city.dom
"$ENKAT_MERGE" --actions act.csv --matrix act.csv "$F1" >/dev/null 2>e5.out
rc=$?
check "--actions and --matrix to one file: usage (rc=$rc)" test "$rc" -eq 2
"$ENKAT_MERGE" --actions "$WORK/nofolder/act.csv" "$F1" >/dev/null 2>e6.out
rc=$?
check "--actions into a folder that is not there: exit 1 (rc=$rc)" test "$rc" -eq 1
check "... names the file" has e6.out "nofolder/act.csv"

# ---- the same report from the full screen's summary (w), beside the file
start ui -- --lang en --department "'Kultur och fritid'" --out "$OUT" "$WORK/v2.ini"
check "full screen: started" wait_for ui "Report test"
keys ui s
check "full screen: the summary" wait_for ui "Summary"
keys ui w
check "full screen: w writes the report" wait_for ui "The report is written to"
R2=$OUT/rapport-2026-kultur-och-fritid.html
check "full screen: beside the result file" test -s "$R2"
check "full screen: readable by its owner alone" test "$(stat -c %a "$R2")" = 600
while read -r area p; do
	check "full screen's report: $area $p%" grep -q ">$p%<" "$R2"
done <want2
keys ui q

# ---- refusals
"$ENKAT" --report x.html --out "$OUT" v2.ini >e1.out 2>&1
rc=$?
check "--report without a department: usage (rc=$rc)" test "$rc" -eq 2
check "... says what is needed" has e1.out "--report needs --department"
"$ENKAT" --lang en --report x.html --department Ingen --out "$OUT" v2.ini >e2.out 2>&1
rc=$?
check "--report of a department with no result: exit 1 (rc=$rc)" test "$rc" -eq 1
check "... says there is nothing to report" has e2.out "Ingen has no result yet"
check "... and writes nothing" test ! -e x.html
mkdir ro && chmod 500 ro
if [ "$(id -u)" -ne 0 ]; then
	"$ENKAT" --lang en --report ro/x.html --department "Kultur och fritid" --out "$OUT" \
		v2.ini >e3.out 2>&1
	rc=$?
	check "--report into a folder not writable: exit 1 (rc=$rc)" test "$rc" -eq 1
	check "... names the file" has e3.out "ro/x.html"
else
	skip "root writes into a read-only folder"
fi
cp "$F2" f2.bak
sed '3s/,answered,/,bogus,/' f2.bak >"$F2"
"$ENKAT" --lang en --report x.html --department "Kultur och fritid" --out "$OUT" v2.ini \
	>e4.out 2>&1
rc=$?
check "--report of an invalid file: exit 1 (rc=$rc)" test "$rc" -ne 0
check "... FILE:LINE: message" grep -q "rapport-2026-kultur-och-fritid.csv:3: " e4.out
check "... and nothing written" test ! -e x.html
cp f2.bak "$F2"

[ -n "${KEEP:-}" ] && cp -r "$WORK" "$KEEP"
finish report
