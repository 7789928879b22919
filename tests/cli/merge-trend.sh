#!/bin/sh
# The board's picture over the years (issue 11) through the real binaries:
# four versions of a survey, answered with enkat --plain by six
# departments (a seventh joins in the last), with a question renamed in
# the second version (continues) and a weight changed in the fourth; a
# done action plan in three departments. Checks: the trend follows the
# revision mapping, changes whose definitions differ are marked where
# shown, the city's change is the mean of the departments' changes, and
# the effect of actions against a hand-computed case.
set -u
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC
unset LANGUAGE
trap '' PIPE

# survey VERSION: styr {policy, roller|ansvar}, tek {backup}; 2024 renames
# roller to ansvar; 2026 gives policy the weight 2
survey() {
	q2=roller; cont=""; w=1
	[ "$1" -ge 2024 ] && q2=ansvar
	[ "$1" -eq 2024 ] && cont="continues = roller"
	[ "$1" -ge 2026 ] && w=2
	cat <<EOF
[survey]
id = trend
version = $1
languages = sv en
title.sv = Trend
title.en = Trend
threshold = 0.5

[scale.s]
options = 0 1 2 3 4
0.label.sv = Noll
0.label.en = Zero
0.points = 0
1.label.sv = Ett
1.label.en = One
1.points = 1
2.label.sv = Två
2.label.en = Two
2.points = 2
3.label.sv = Tre
3.label.en = Three
3.points = 3
4.label.sv = Fyra
4.label.en = Four
4.points = 4

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
scale = s
level = 1
weight = $w
text.sv = Finns en policy?
text.en = Is there a policy?

[question.$q2]
area = styr
type = scale
scale = s
level = 1
$cont
text.sv = Är rollerna satta?
text.en = Are the roles set?

[area.tek]
title.sv = Teknik
title.en = Technology
target = 1

[question.backup]
area = tek
type = scale
scale = s
level = 1
text.sv = Finns säkerhetskopior?
text.en = Are there backups?
EOF
}
for y in 2023 2024 2025 2026; do survey $y >"$WORK/v$y.ini"; done
OUT="$WORK/out"

# answer YEAR DEPARTMENT POLICY ROLES BACKUP [COMMANDS AT BACKUP...]
answer() {
	y=$1 dep=$2 p=$3 r=$4 b=$5; shift 5
	{ printf '%s\n%s\n' "$p" "$r"; for c in "$@"; do printf '%s\n' "$c"; done
	  printf '%s\ny\nEva Ek\nDirektör\n' "$b"; } |
		"$ENKAT" --plain --lang en --department "$dep" --out "$OUT" "$WORK/v$y.ini" \
		>"$WORK/$y-$dep.out" 2>&1 || echo "enkat failed: $y $dep"
}
# the action on backup: added in 2024 by Alfa, Beta, Gamma; Gamma's done at
# once, Alfa's and Beta's reported done in 2025 (carried over)
answer 2023 Alfa 2 2 1;    answer 2023 Beta 1 1 0;    answer 2023 Gamma 2 0 1
answer 2023 Delta 3 3 2;   answer 2023 Epsilon 1 2 1; answer 2023 Zeta 0 0 0
answer 2024 Alfa 2 3 1 "a+ Säkerhetskopiera" 2025-06-30 IT ""
answer 2024 Beta 2 1 0 "a+ Säkerhetskopiera" 2025-06-30 IT ""
answer 2024 Gamma 2 1 1 "a+ Säkerhetskopiera" 2025-06-30 IT "" "as A1 done"
answer 2024 Delta 3 3 2;   answer 2024 Epsilon 2 2 1; answer 2024 Zeta 1 0 0
answer 2025 Alfa 3 3 4 "as A1 done"
answer 2025 Beta 2 2 3 "as A1 done"
answer 2025 Gamma 2 2 3;   answer 2025 Delta 3 3 2
answer 2025 Epsilon 2 2 2; answer 2025 Zeta 1 1 0
answer 2026 Alfa 4 3 4;    answer 2026 Beta 3 2 3;    answer 2026 Gamma 3 2 4
answer 2026 Delta 4 3 3;   answer 2026 Epsilon 2 3 2
answer 2026 Zeta 2 1 1 "a+ Köp backup" 2099-12-31 "Zetas IT" ""
answer 2026 Eta 4 4 4

n=$(grep -l ',final,' "$OUT"/trend-*.csv | wc -l)
check "25 final results written by enkat --plain ($n)" [ "$n" -eq 25 ]
check "the 2025 results carry Alfa's action, done" \
	grep -q ',action,A1,Säkerhetskopiera,.*,done,,2024,' "$OUT/trend-2025-alfa.csv"

SURVEYS="--survey $WORK/v2023.ini --survey $WORK/v2024.ini --survey $WORK/v2025.ini --survey $WORK/v2026.ini"
# shellcheck disable=SC2086
"$ENKAT_MERGE" --lang en $SURVEYS --html "$WORK/r.html" --per-department "$OUT" \
	>"$WORK/sum.txt" 2>"$WORK/err.txt"
rc=$?
check "merged with the four definitions (rc=$rc)" [ "$rc" -eq 0 ]
"$ENKAT_MERGE" --lang en --html "$WORK/r-ids.html" "$OUT" >"$WORK/sum-ids.txt" 2>&1
rc=$?
check "merged without them, by id (rc=$rc)" [ "$rc" -eq 0 ]

# cells FILE CLASS: every row of the table of that class, its cells'
# text joined by " | " (FILE: the report, or the DOM Chromium built of it)
cells() {
	python3 - "$1" "$2" <<'PY'
import html, re, sys
s = open(sys.argv[1], encoding="utf-8").read()
m = re.search(r'<table class="%s">(.*?)</table>' % re.escape(sys.argv[2]), s, re.S)
for tr in re.findall(r"<tr[^>]*>(.*?)</tr>", m.group(1) if m else "", re.S):
    cs = [re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", c))).strip()
          for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", tr, re.S)]
    while cs and not cs[-1]:
        cs.pop()
    print(" | ".join(cs))
PY
}
row() { cells "$1" "$2" | awk -F ' [|] ' -v k="$3" '$1 == k'; }
# expect WHAT ACTUAL WANTED
expect() {
	if [ "$2" = "$3" ]; then ok; else ko "$1: got '$2', wanted '$3'"; fi
}

# Hand-computed. Technology is backup alone (value / 4). 2023: Alfa 1,
# Beta 0, Gamma 1, Delta 2, Epsilon 1, Zeta 0: mean 20.8 %; 2026 with Eta
# (4): 100 75 100 75 50 25 100, mean 75.0 %. The six in both rose by 75,
# 75, 75, 25, 25, 25: +50.0 (the difference of the two means would be
# +54.2, moved by Eta joining). Between each pair, the same: 2024 -> 2025
# +75 +75 +50 0 +25 0: +37.5; 2025 -> 2026 0 0 +25 +25 0 +25: +12.5.
expect "Technology over the versions" "$(row "$WORK/r.html" trend Technology)" \
	"Technology | 20.8% | 20.8% ±0 | 58.3% +37.5 | 75.0% +12.5 | +50.0 6 departments"
# Governance 2023 -> 2024: roller became ansvar (continues): comparable;
# 2026 gives policy the weight 2: marked, and so is first -> last
expect "Governance follows the renamed question; the weight change marked" \
	"$(row "$WORK/r.html" trend Governance)" \
	"Governance | 35.4% | 45.8% +10.4 | 54.2% +8.3 | 73.8% ≠ +15.3 | +34.0 ≠ 6 departments"
expect "the overall marked where the weight changed" "$(row "$WORK/r.html" trend Overall)" \
	"Overall | 28.1% | 33.3% +5.2 | 56.2% +22.9 | 74.4% ≠ +13.9 | +42.0 ≠ 6 departments"
# without the definitions the rename is a question removed and one added
expect "by id alone the rename is not comparable" "$(row "$WORK/r-ids.html" trend Styrning)" \
	"Styrning | 35.4% | 45.8% ≠ +10.4 | 54.2% +8.3 | 73.8% ≠ +15.3 | +34.0 ≠ 6 departments"
check "ranked: only the comparable area" grep -q 'Improved most:</b> Technology (+50.0)\.<' "$WORK/r.html"
check "what differs is said" grep -q '<li>Governance: a weight changed</li>' "$WORK/r.html"
expect "the levels per version: at target of those with a result" \
	"$(row "$WORK/r.html" trend-levels Technology)" \
	"Technology | L0 1 of 6 at target | L0 1 of 6 at target | L1 5 of 6 at target | L1 6 of 7 at target"
# one line per department on request, the city's line dashed where the
# definitions differ
n=$(grep -c '<polyline class="dept"' "$WORK/r.html")
check "one line per department and area with --per-department ($n)" [ "$n" -eq 21 ]
check "no department lines without it" sh -c "! grep -q 'class=\"dept\"' '$WORK/r-ids.html'"
n=$(grep -c 'class="mean nc"' "$WORK/r.html")
check "dashed steps: Governance and the overall 2025-2026 ($n)" [ "$n" -eq 2 ]
# three versions: 2023 to 2025, the rename alone; Governance per
# department +25 +25 +25 0 +12.5 +25: +18.75, comparable
mkdir -p "$WORK/three"
cp "$OUT"/trend-2023-*.csv "$OUT"/trend-2024-*.csv "$OUT"/trend-2025-*.csv "$WORK/three/"
"$ENKAT_MERGE" --lang en --survey "$WORK/v2024.ini" --survey "$WORK/v2025.ini" \
	--html "$WORK/three.html" "$WORK/three" >/dev/null 2>&1
expect "three versions: Governance comparable all along" \
	"$(row "$WORK/three.html" trend Governance)" \
	"Governance | 35.4% | 45.8% +10.4 | 54.2% +8.3 | +18.8 6 departments"

# the CSV outputs mark them too
# shellcheck disable=SC2086
"$ENKAT_MERGE" --lang en $SURVEYS --matrix "$WORK/m.csv" --questions "$WORK/q.csv" "$OUT" \
	>/dev/null 2>&1
expect "--matrix: Alfa 2026: Governance's change not comparable, Technology's comparable" \
	"$(csvfields survey_version,department,change_styr,comparable_styr,change_tek,comparable_tek \
		<"$WORK/m.csv" | grep '^2026|Alfa|')" "2026|Alfa|16.7|0|0.0|1"
expect "--matrix: Alfa 2024: the renamed question followed" \
	"$(csvfields survey_version,department,comparable_styr <"$WORK/m.csv" | grep '^2024|Alfa|')" \
	"2024|Alfa|1"
expect "--questions: ansvar continues roller, comparable" \
	"$(csvfields survey_version,question_id,comparable,previous_id <"$WORK/q.csv" |
		grep '^2024|ansvar|')" "2024|ansvar|1|roller"
expect "--questions: policy 2026, its weight changed" \
	"$(csvfields survey_version,question_id,comparable,previous_id <"$WORK/q.csv" |
		grep '^2026|policy|')" "2026|policy|0|"

# the city's change 2025 -> 2026 in the summary: the mean of the six
# departments' changes (+12.5 for Technology: 0 0 25 0 25 25), where the
# difference of the means would be +16.7
check "the summary's city change is the mean of the changes" \
	grep -qE '^City mean +\+15\.3≠ +\+12\.5 +\+13\.9≠$' "$WORK/sum.txt"
check "the summary says what differs" grep -q '^  Governance: a weight changed$' "$WORK/sum.txt"
check "the summary: every version, first to last" \
	grep -qE '^Technology +20\.8 +20\.8 +58\.3 +75\.0 +\+50\.0$' "$WORK/sum.txt"
check "the summary: a step whose definitions differ marked" \
	grep -qE '^Governance +35\.4 +45\.8 +54\.2 +73\.8≠ +\+34\.0≠$' "$WORK/sum.txt"
check "the summary: the effect of actions" \
	grep -qE '^  Technology: \+66\.7 \(3\) against \+8\.3 \(3\)$' "$WORK/sum.txt"
check "the summary: ranked" grep -qx 'Improved most: Technology (+50.0)' "$WORK/sum.txt"
n=$(awk '{ if (length($0) > 80) n++ } END { print n + 0 }' "$WORK/sum.txt")
check "the summary fits 80 columns ($n lines wider)" [ "$n" -eq 0 ]

# the effect of actions, 2024 -> 2025, on backup: Alfa 1->4, Beta 0->3,
# Gamma 1->3 had a done action: +66.7; Delta 2->2, Epsilon 1->2, Zeta 0->0
# had none: +8.3. Alfa's and Beta's action was done before 2025's
# assessment, so 2025 -> 2026 has no effect row.
expect "effect on the area" "$(row "$WORK/r.html" effect "Technology")" \
	"Technology | 3 | +66.7 n = 3 | +8.3 n = 3"
expect "effect on the question" "$(row "$WORK/r.html" effect "Are there backups? (Technology)")" \
	"Are there backups? (Technology) | 3 | +66.7 n = 3 | +8.3 n = 3"
n=$(grep -c '<table class="effect">' "$WORK/r.html")
check "one pair with an effect ($n)" [ "$n" -eq 1 ]
# too few: the same actions with one department on the other side
mkdir -p "$WORK/few"
cp "$OUT"/trend-2024-alfa.csv "$OUT"/trend-2024-delta.csv "$OUT"/trend-2025-alfa.csv \
	"$OUT"/trend-2025-delta.csv "$WORK/few/"
"$ENKAT_MERGE" --lang en --html "$WORK/few.html" "$WORK/few" >/dev/null 2>&1
expect "too few departments marked" "$(row "$WORK/few.html" effect "Teknik")" \
	"Teknik | 1 | +75.0 n = 1 | ±0 n = 1 | too few to say"


# ---- the city-wide plan: the central office keeps it with enkat, in a
# result file of its own (a draft: only its actions are read)
printf '%s\n' "a+ Gemensam backuptjänst" 2099-03-31 IT-avdelningen KS-2026-12 \
	"ae A1 addresses tek" "a+ Stadsgemensam utbildning" 2024-01-15 HR "" \
	"ae A2 addresses styr" "as A2 ongoing" q |
	"$ENKAT" --plain --lang en --department Stadsledningskontoret --out "$WORK/plan" \
	"$WORK/v2026.ini" >"$WORK/plan.out" 2>&1
PLAN="$WORK/plan/trend-2026-stadsledningskontoret.csv"
# shellcheck disable=SC2086
"$ENKAT_MERGE" --lang en $SURVEYS --city-plan "$PLAN" --html "$WORK/p.html" \
	--actions "$WORK/actions.csv" "$OUT" >/dev/null 2>"$WORK/p.err"
rc=$?
check "merged with the city-wide plan (rc=$rc)" [ "$rc" -eq 0 ]
expect "the city-wide plan: A1" "$(row "$WORK/p.html" actions A1 | cut -d'|' -f1-3,5-6 | sed 's/ $//')" \
	"A1 | Gemensam backuptjänst | Technology | 2099-03-31 | planned"
expect "the city-wide plan: A2, overdue" "$(row "$WORK/p.html" actions A2 | cut -d'|' -f1-3,5-6 | sed 's/ $//')" \
	"A2 | Stadsgemensam utbildning | Governance | 2024-01-15 overdue | ongoing"
check "the plan's keeper named" grep -q 'The city-wide plan kept by Stadsledningskontoret (version 2026)' "$WORK/p.html"
expect "per area: departments with actions, the city's, below target with none" \
	"$(row "$WORK/p.html" area-actions Technology)" "Technology | Zeta (planned 1) | 1 | –"
expect "per area: Zeta below target in Governance with no action" \
	"$(row "$WORK/p.html" area-actions Governance)" "Governance | – | 1 | Zeta"
expect "per question: whose actions, in which status" \
	"$(row "$WORK/p.html" question-actions "Are there backups? (Technology)")" \
	"Are there backups? (Technology) | Zeta: A1 planned"
# --actions: every action row of the merged files and of the plan
want=$(cat "$OUT"/*.csv "$PLAN" | grep -c ',action,A[0-9]*,')
got=$(($(wc -l <"$WORK/actions.csv") - 1))
check "--actions: every action, the plan's too ($got of $want)" [ "$got" -eq "$want" ]
expect "--actions: the plan's rows say scope city" \
	"$(csvfields department,action_id,status,overdue,scope <"$WORK/actions.csv" | grep '|city$' | tr '\n' ' ')" \
	"Stadsledningskontoret|A1|planned|0|city Stadsledningskontoret|A2|ongoing|1|city "

# the workbook: the same figures, as numbers
# shellcheck disable=SC2086
"$ENKAT_MERGE" --lang en $SURVEYS --city-plan "$PLAN" --xlsx "$WORK/w.xlsx" "$OUT" >/dev/null 2>&1
sheet() { python3 tests/xlsx-cells.py "$WORK/w.xlsx" "$1"; }
# near TSV-LINE FIELD=VALUE...: numbers within 1e-9, texts as they are
near() {
	python3 - "$@" <<'PY'
import sys
f = sys.argv[1].split("\t")
for want in sys.argv[2:]:
    i, v = want.split("=", 1)
    got = f[int(i)] if int(i) < len(f) else ""
    try:
        ok = abs(float(got) - float(v)) < 1e-9
    except ValueError:
        ok = got == v
    if not ok:
        print("(field %s: got %r, wanted %r)" % (i, got, v)); sys.exit(1)
PY
}
check "workbook: Technology 2026, +50 first to last over 6, comparable" \
	near "$(sheet Trends | grep -P '^trend\t2026\ttek\t')" 5=0.75 9=12.5 10=yes 12=50 13=6 14=yes
check "workbook: Governance 2026: the weight change said" \
	near "$(sheet Trends | grep -P '^trend\t2026\tstyr\t')" 10=no "11=a weight changed" 14=no
check "workbook: Governance 2024 continues roller as ansvar, comparable" \
	near "$(sheet Trends | grep -P '^trend\t2024\tstyr\t')" 9=10.416666666666667 10=yes
check "workbook: the effect on the area, hand-computed" \
	near "$(sheet 'Effect of actions' | grep -P '\tArea\ttek\t')" 1=2024 2=2025 6=3 7=3 \
	8=66.66666666666667 9=3 10=8.333333333333334 11=no 12=yes
n=$(($(sheet Actions | wc -l) - 1))
check "workbook: every action, the city's too ($n of $want)" [ "$n" -eq "$want" ]
check "workbook: per area, whose actions and who is below target with none" \
	near "$(sheet 'Actions per area' | grep -P '\ttek\t')" 4=1 "5=Zeta (planned 1)" 6=1 7=0
check "workbook: Zeta below target in Governance with no action" \
	near "$(sheet 'Actions per area' | grep -P '\tstyr\t')" 4=0 6=1 7=1 8=Zeta
check "workbook: the city-wide plan's totals" \
	near "$(sheet 'Action plans' | grep -P '\tCity-wide\t')" 3=1 4=1 5=0 6=0 7=1

# in Swedish: the sections' words, the plural, the decimal comma
# shellcheck disable=SC2086
"$ENKAT_MERGE" --lang sv $SURVEYS --city-plan "$PLAN" --html "$WORK/sv.html" "$OUT" \
	>"$WORK/sv.txt" 2>&1
check "Swedish: the trend and effect sections" sh -c "grep -q 'Utveckling över versionerna (2023–2026)' '$WORK/sv.html' &&
	grep -q 'Effekt av åtgärder' '$WORK/sv.html' && grep -q 'Stadsgemensamma åtgärder' '$WORK/sv.html'"
expect "Swedish: the trend row, decimal commas and plural" "$(row "$WORK/sv.html" trend Teknik)" \
	"Teknik | 20,8 % | 20,8 % ±0 | 58,3 % +37,5 | 75,0 % +12,5 | +50,0 6 förvaltningar"
check "Swedish: the summary's trend and effect" sh -c "grep -qE '^Teknik +20,8 +20,8 +58,3 +75,0 +\\+50,0\$' '$WORK/sv.txt' &&
	grep -q '^  Teknik: +66,7 (3) mot +8,3 (3)\$' '$WORK/sv.txt'"

# a hand edit after the approval: named in the report, the workbook and
# the summary
mkdir -p "$WORK/edited"
cp "$OUT"/trend-2026-*.csv "$WORK/edited/"
awk -F, -v OFS=, '$11 == "backup" { $19 = "ändrad i efterhand" } 1' \
	"$OUT/trend-2026-beta.csv" >"$WORK/edited/trend-2026-beta.csv"
"$ENKAT_MERGE" --lang en --html "$WORK/e.html" --xlsx "$WORK/e.xlsx" --matrix "$WORK/e.csv" \
	"$WORK/edited" >"$WORK/e.txt" 2>&1
expect "a broken seal named in --matrix" \
	"$(csvfields department,approval <"$WORK/e.csv" | grep -E '^(Alfa|Beta)\|' | tr '\n' ' ')" \
	"Alfa|approved Beta|changed-after-approval "
expect "a broken seal named in the report" "$(row "$WORK/e.html" plans Beta)" \
	"Beta | 0 | 0 | 0 | 0 | 0 | Changed after approval"
expect "an intact seal in the report" "$(row "$WORK/e.html" plans Alfa)" \
	"Alfa | 0 | 0 | 0 | 0 | 0 | Approved"
check "a broken seal named in the workbook" sh -c "python3 tests/xlsx-cells.py '$WORK/e.xlsx' \
	'Action plans' | grep -P '\tBeta\t.*\tChanged after approval$' >/dev/null"
check "a broken seal named in the summary" grep -q 'Changed after approval.*Beta' "$WORK/e.txt"

# a plan of another survey: nothing written, said why
sed 's/^trend,/annan,/' "$PLAN" >"$WORK/annan.csv"
rm -f "$WORK/x.html"
"$ENKAT_MERGE" --lang en --city-plan "$WORK/annan.csv" --html "$WORK/x.html" "$OUT" \
	>/dev/null 2>"$WORK/x.err"
rc=$?
check "a plan of another survey: exit 1 (rc=$rc)" [ "$rc" -eq 1 ]
check "a plan of another survey: said" \
	grep -q "annan.csv: the city-wide action plan is of survey annan, which no merged result is of" "$WORK/x.err"
check "a plan of another survey: nothing written" [ ! -e "$WORK/x.html" ]
# a plan that is two results
{ cat "$PLAN"; sed 1d "$OUT/trend-2026-alfa.csv"; } >"$WORK/two.csv"
"$ENKAT_MERGE" --lang en --city-plan "$WORK/two.csv" "$OUT" >/dev/null 2>"$WORK/two.err"
rc=$?
check "a plan of two results: exit 1 (rc=$rc)" [ "$rc" -eq 1 ]
check "a plan of two results: FILE:LINE, the reader's own words" \
	grep -qE "two.csv:[0-9]+: department 'Alfa' differs from the first row's 'Stadsledningskontoret' \(line 2\): a result file holds one assessment" "$WORK/two.err"
head -n 1 "$PLAN" >"$WORK/header.csv"
"$ENKAT_MERGE" --lang en --city-plan "$WORK/header.csv" "$OUT" >/dev/null 2>"$WORK/h.err"
rc=$?
check "a plan with no rows: exit 1, FILE:LINE (rc=$rc)" sh -c "[ $rc -eq 1 ] &&
	grep -q 'header.csv:1: no rows after the header' '$WORK/h.err' &&
	grep -qx 'enkat-merge: nothing written' '$WORK/h.err'"
"$ENKAT_MERGE" --city-plan "$WORK/nosuch.csv" "$OUT" >/dev/null 2>"$WORK/no.err"
rc=$?
check "a missing plan: exit 1, named (rc=$rc)" sh -c "[ $rc -eq 1 ] && grep -q 'nosuch.csv' '$WORK/no.err'"

# the DOM Chromium builds holds the same
if command -v chromium >/dev/null 2>&1; then
	browser --dump-dom "file://$WORK/r.html" >"$WORK/dom.html"
	expect "Chromium: the trend table" "$(row "$WORK/dom.html" trend Technology)" \
		"Technology | 20.8% | 20.8% ±0 | 58.3% +37.5 | 75.0% +12.5 | +50.0 6 departments"
	expect "Chromium: the effect" "$(row "$WORK/dom.html" effect "Technology")" \
		"Technology | 3 | +66.7 n = 3 | +8.3 n = 3"
	browser --dump-dom "file://$WORK/p.html" >"$WORK/pdom.html"
	expect "Chromium: the city-wide plan's overdue action" \
		"$(row "$WORK/pdom.html" actions A2 | cut -d'|' -f1-3,5-6 | sed 's/ $//')" \
		"A2 | Stadsgemensam utbildning | Governance | 2024-01-15 overdue | ongoing"
	expect "Chromium: actions per question" \
		"$(row "$WORK/pdom.html" question-actions "Are there backups? (Technology)")" \
		"Are there backups? (Technology) | Zeta: A1 planned"
else
	for n in 1 2 3 4; do skip "chromium is not installed"; done
fi

if [ -n "${KEEP:-}" ]; then rm -rf "$KEEP"; cp -r "$WORK" "$KEEP"; fi
finish merge-trend
