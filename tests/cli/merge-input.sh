#!/bin/sh
# enkat-merge's input side through the real binary (issue 10, "Figures that
# cannot be silently wrong"): one department under many spellings (NFC/NFD,
# case, spaces, zero-width), --expect by the same notion, a tampered value,
# the same file twice, an old-style final with required questions open,
# --survey (good, bad option, bad points, texts in English), disagreeing
# texts, an answer that is not an option, updated_at in the future, one bad
# row (only its file blamed), a merged --output split at its header, a
# sparse 1 GiB file, a 40,000-question file in another order, and a FIFO
# and a dangling link named *.csv.
set -u
cd "$(dirname "$0")/../.." || exit 2
ROOT=$PWD
. tests/lib.sh
M=$ENKAT_MERGE
GEN="sh $ROOT/tests/gen-results.sh"
DEMO=$ROOT/surveys/demo.ini
export LC_ALL=C.UTF-8 TZ=UTC
unset NO_COLOR ENKAT_NOW

tmp=$WORK
cd "$tmp" || exit 2

run() {
	"$M" "$@" >out 2>err
	rc=$?
}
expect_rc() {
	if [ "$rc" -eq "$1" ]; then ok; else ko "$2: exit $rc, wanted $1"; sed 's/^/    /' err | head -20; fi
}
has() {
	if grep -qF -- "$2" "$1"; then ok; else ko "$3: no '$2' in $1:"; sed 's/^/    /' "$1" | head -20; fi
}
hasnt() {
	if grep -qF -- "$2" "$1"; then ko "$3: '$2' in $1"; grep -F -- "$2" "$1" | head -5 | sed 's/^/    /'; else ok; fi
}
# the departments (third column) of a matrix, sorted, one a line
departments() { tr -d '\r' <"$1" | sed 1d | cut -d, -f3 | LC_ALL=C sort -u; }

NFD_FO=$(printf 'Fo\314\210rvaltning')   # "Fö" as a Mac types it
ZWSP=$(printf '\342\200\213')

# ------------------------------------------------ one department, NFC/NFD
rm -rf nfd; mkdir nfd
$GEN -f -n 3 -q 12 -a 3 -s 2 -v 2025 nfd >/dev/null
$GEN -f -n 3 -q 12 -a 3 -s 4 -v 2026 nfd >/dev/null
sed -i "s/Förvaltning 00001/$NFD_FO 00001/" nfd/gen-2026-d00001.csv
run nfd --matrix nfd.m.csv
expect_rc 0 "an NFD copy merges"
departments nfd.m.csv >nfd.deps
if [ "$(wc -l <nfd.deps)" -eq 3 ] && grep -qx "Förvaltning 00001" nfd.deps; then ok
else ko "NFD and NFC are one department, shown in NFC:"; sed 's/^/    /' nfd.deps; fi
has err "department 'Förvaltning 00001': 2 spellings of one name joined" "the join is noted"
has err "'$NFD_FO 00001' (decomposed: NFD) (nfd/gen-2026-d00001.csv:2)" "the NFD spelling named with FILE:LINE"
has err "'Förvaltning 00001' (nfd/gen-2025-d00001.csv:2)" "the NFC spelling named with FILE:LINE"
has out "gen: change from version 2025 to 2026" "a change across the two spellings"
# the change row of the department is there: one row, not two half rows
if [ "$(grep -c "Förvaltning 00001" out)" -ge 2 ]; then ok; else ko "change for the joined department"; fi

# --expect with an NFD name finds the NFC department, and says so
printf '%s 00001\nFörvaltning 00002\nFörvaltning 00003\n' "$NFD_FO" >nfd.exp
run nfd --expect nfd.exp
expect_rc 0 "--expect with an NFD name"
has out "Every expected department (nfd.exp) has a result." "--expect: all present"
has err "nfd.exp:1: '$NFD_FO 00001' is taken for department 'Förvaltning 00001'" "--expect: NFD hinted"
has err "(decomposed here: NFD)" "--expect: says NFD"

# enkat has the same notion: a draft of "Kultur" is resumed as KULTUR, or
# as Kultur typed with a zero-width space, and keeps its spelling
rm -rf ek; mkdir ek
printf '2\n' | "$ENKAT" --plain --department Kultur --out ek "$DEMO" >/dev/null 2>&1
for name in KULTUR "Kul${ZWSP}tur" " kultur "; do
	printf 'q\n' | "$ENKAT" --plain --department "$name" --out ek "$DEMO" >ek.out 2>&1
	if grep -q "continues: 1 of 6 answered" ek.out; then ok
	else ko "enkat resumes Kultur's draft as '$name'"; sed 's/^/    /' ek.out | head -5; fi
done
if [ "$(ls ek | grep -c csv)" -eq 1 ] && grep -q ',Kultur,' ek/demo-2026-kultur.csv; then ok
else ko "one file, the first spelling kept"; ls ek; fi

# ----------------------------------- KULTUR, "Kultur ", Kultur with U+200B
rm -rf sp; mkdir sp
for y in 2024 2025 2026; do $GEN -f -n 2 -q 8 -a 2 -s 3 -v $y sp >/dev/null; done
sed -i 's/Förvaltning 00001/KULTUR/' sp/gen-2024-d00001.csv
sed -i 's/Förvaltning 00001/"Kultur "/' sp/gen-2025-d00001.csv
sed -i "s/Förvaltning 00001/Kul${ZWSP}tur/" sp/gen-2026-d00001.csv
run sp --matrix sp.m.csv
expect_rc 0 "spellings of one department"
departments sp.m.csv >sp.deps
if [ "$(wc -l <sp.deps)" -eq 2 ] && grep -qx KULTUR sp.deps; then ok
else ko "three spellings are one department (first in file order shown):"; sed 's/^/    /' sp.deps; fi
has err "department 'KULTUR': 3 spellings of one name joined" "three spellings noted"
has err "'Kul<U+200B>tur' (sp/gen-2026-d00001.csv:2)" "the zero-width space made visible"
has err "'Kultur ' (sp/gen-2025-d00001.csv:2)" "the trailing space shown"
# the most used spelling wins over the first one
cp sp/gen-2026-d00002.csv sp/gen-2026-d00003.csv
sed -i "s/Förvaltning 00002/Kul${ZWSP}tur/; s/,gen,2026,/,gen,2026,/" sp/gen-2026-d00003.csv
sed -i 's/,2026,/,2023,/' sp/gen-2026-d00003.csv
mv sp/gen-2026-d00003.csv sp/gen-2023-d00001.csv
run sp --matrix sp.m.csv
expect_rc 0 "four results, one department"
if departments sp.m.csv | grep -qx "Kul${ZWSP}tur"; then ok; else ko "the most used spelling is shown"; departments sp.m.csv; fi
# one department twice in one version is a duplicate, whatever the spelling
rm -f sp/gen-2023-d00001.csv
cp sp/gen-2026-d00002.csv sp/kultur-copy.csv
sed -i 's/Förvaltning 00002/Kultur/; s/2026-11-20T10:00:00Z/2026-11-20T11:00:00Z/' sp/kultur-copy.csv
run sp
expect_rc 1 "two spellings in one version are one department twice"
has err "sp/kultur-copy.csv:2: department 'Kultur' has two results for survey gen version 2026: here and in sp/gen-2026-d00001.csv:2" "duplicate across spellings"
run sp --latest --matrix sp.m.csv
expect_rc 0 "--latest settles it"
has err "--latest: department 'Kul${ZWSP}tur' (survey gen version 2026): this result" "--latest across spellings"

# --------------------------------------------------------- the base set
$GEN -f -n 4 -q 12 -a 3 base >/dev/null
fresh() { rm -rf v; mkdir v; cp base/*.csv v/; }
# check NAME MESSAGE: the set in v fails with MESSAGE and writes nothing
fails() {
	rm -f v.m.csv
	run v --matrix v.m.csv "$@"
}
bad() {
	expect_rc 1 "$1"
	has err "$2" "$1"
	has err "nothing written" "$1: nothing written"
	if [ -e v.m.csv ]; then ko "$1: the matrix was written"; else ok; fi
}

# --------------------------------------------- a value that contradicts
fresh
cp v/gen-2026-d00001.csv v/gen-2026-d00009.csv
cp v/gen-2026-d00001.csv v/gen-2026-d00010.csv
sed -i 's/Förvaltning 00001/Förvaltning 00009/' v/gen-2026-d00009.csv
sed -i 's/Förvaltning 00001/Förvaltning 00010/' v/gen-2026-d00010.csv
# the first answered scale row: its value one more (mod 5) than the answer
awk -F, 'BEGIN { OFS = "," } NR > 1 && !done && $22 == "scale" && $23 == "answered" {
	$15 = ($14 + 1) % 5; done = 1; printf "%s %s %s %s\n", NR, $11, $14, $15 > "tamper.txt" } { print }' \
	v/gen-2026-d00010.csv >x && mv x v/gen-2026-d00010.csv
read -r tl tq ta tv <tamper.txt
fails
bad "a tampered value" "v/gen-2026-d00010.csv:$tl: answer '$ta' to question '$tq' is worth $tv points here but $ta in v/gen-2026-d00001.csv:$tl"
hasnt err "v/gen-2026-d00001.csv:$tl: answer" "the files that agree are not blamed"
hasnt err "v/gen-2026-d00009.csv:$tl: answer" "the files that agree are not blamed (2)"
# --skip-invalid merges the others
run v --matrix v.m.csv --skip-invalid
expect_rc 1 "--skip-invalid with a tampered value"
has err "skipped v/gen-2026-d00010.csv (invalid)" "the tampered file skipped"

# --------------------------------------------------- the same file twice
fresh
cp v/gen-2026-d00002.csv v/zz-copy.csv
run v --matrix v.m.csv
expect_rc 0 "the same file twice"
has err "v/zz-copy.csv: the same bytes as v/gen-2026-d00002.csv: read once" "double file named"
has out "Merged 4 results from 5 files." "the double file is one result"
if [ "$(grep -c 'Förvaltning 00002' v.m.csv)" -eq 1 ]; then ok; else ko "the double file is in the matrix once"; fi
run v --output v.o.csv
if [ "$(grep -c '^gen,' v.o.csv)" -eq 48 ]; then ok; else ko "--output holds the double file once"; fi

# ------------------------------------------------ disagreeing texts
fresh
sed -i '3s/,Fråga 2,/,Har ni slutat låsa skärmen helt?,/' v/gen-2026-d00003.csv
fails
bad "a question text differs" "v/gen-2026-d00003.csv:3: question 'q002' has the text 'Har ni slutat låsa skärmen helt?' here but 'Fråga 2' in v/gen-2026-d00001.csv:3"
# a file named to sort first does not decide the board's wording: the text
# most results have does, and only the odd file is named
fresh
sed '3s/,Fråga 2,/,Har ni slutat låsa skärmen helt?,/; s/Förvaltning 00001/Förvaltning 00009/' \
	v/gen-2026-d00001.csv >v/aaa.csv
fails
bad "the first file's text differs" "v/aaa.csv:3: question 'q002' has the text 'Har ni slutat låsa skärmen helt?' here but 'Fråga 2' in v/gen-2026-d00001.csv:3 (as in 4 of the 5 results of survey gen version 2026)"
if [ "$(grep -c "has the text" err)" -eq 1 ]; then ok; else ko "only the odd file is named"; sed 's/^/    /' err; fi
run v --skip-invalid --questions v.q.csv
has v.q.csv ",q002,Fråga 2," "--skip-invalid: the majority's text"
hasnt v.q.csv "slutat låsa" "--skip-invalid: not the odd file's text"
fresh
sed -i 's/,Område 1,/,Område ett,/' v/gen-2026-d00002.csv
fails
bad "an area title differs" "v/gen-2026-d00002.csv:2: area 'a01' has the title 'Område ett' here but 'Område 1' in v/gen-2026-d00001.csv:2"
if [ "$(grep -c "area 'a01' has the title" err)" -eq 1 ]; then ok; else ko "an area title is reported once per file"; fi
# a text that differs only in Unicode form (saved on a Mac) is the same text
fresh
sed -i "s/,Område 1,/,$(printf 'Omra\314\212de') 1,/" v/gen-2026-d00002.csv
if grep -q "$(printf 'Omra\314\212de')" v/gen-2026-d00002.csv; then ok; else ko "the NFD title was not written"; fi
run v
expect_rc 0 "an area title in NFD is the same title"
fresh
# an option label: Ja -> Jo in one file, wherever yes was answered
awk -F, 'BEGIN { OFS = "," } NR > 1 && !done && $14 == "yes" { $24 = "Jo"; done = 1; printf "%s %s\n", NR, $11 > "label.txt" } { print }' \
	v/gen-2026-d00004.csv >x && mv x v/gen-2026-d00004.csv
read -r ll lq <label.txt
fails
bad "an option label differs" "v/gen-2026-d00004.csv:$ll: option 'yes' of question '$lq' is labelled 'Jo' here but 'Ja' in"

# ------------------------------------------- answers that are not options
fresh
awk -F, 'BEGIN { OFS = "," } NR > 1 && !done && ($22 == "choice" || $22 == "scale") && $23 == "answered" {
	$14 = "=10*10"; done = 1; printf "%s %s %s\n", NR, $11, $22 > "formula.txt" } { print }' \
	v/gen-2026-d00002.csv >x && mv x v/gen-2026-d00002.csv
read -r fl fq ft <formula.txt
fails
bad "an answer that is a formula" "v/gen-2026-d00002.csv:$fl: answer '=10*10' to question '$fq' ($ft) is not an option id"
run v --questions v.q.csv --skip-invalid
if grep -q '10\*10' v.q.csv; then ko "=10*10 reached --questions"; else ok; fi

# ------------------------------------------------- updated_at in the future
fresh
cp v/gen-2026-d00001.csv v/other.csv
sed -i 's/Förvaltning 00001/Förvaltning 00002/; s/2026-11-20T10:00:00Z/2030-01-01T00:00:00Z/' v/other.csv
ENKAT_NOW=2026-12-01T12:00:00Z run v --matrix v.m.csv --latest
expect_rc 1 "updated_at in the future"
has err "v/other.csv:2: updated_at 2030-01-01T00:00:00Z is later than the merge's own time 2026-12-01T12:00:00Z" "future refused"
hasnt err "replaced by the newer one in v/other.csv" "--latest does not let it win"
# a clock a few minutes fast is not the future
ENKAT_NOW=2026-11-20T09:56:00Z run base --matrix v.m.csv
expect_rc 0 "four minutes of clock skew"
ENKAT_NOW=2026-11-20T09:54:00Z run base
expect_rc 1 "six minutes ahead"
ENKAT_NOW=soon run base
expect_rc 2 "ENKAT_NOW that is not a time"

# ---------------------------------- one bad row blames its own file only
fresh
sed -i '5s/Förvaltning 00002/Förvaltning 00003/' v/gen-2026-d00002.csv
fails
bad "one row of another department" "v/gen-2026-d00002.csv:5: department 'Förvaltning 00003' differs from the first row's 'Förvaltning 00002' (line 2): a result file holds one assessment"
for f in 1 3 4; do
	hasnt err "v/gen-2026-d0000$f.csv" "one bad row does not blame gen-2026-d0000$f.csv"
done
if [ "$(grep -c 'gen-2026-d00002.csv' err)" -eq 1 ]; then ok; else ko "one bad row: one message"; sed 's/^/    /' err; fi

# ... and the last row too
fresh
sed -i '13s/Förvaltning 00002/Förvaltning 00003/' v/gen-2026-d00002.csv
fails
bad "the last row of another department" "v/gen-2026-d00002.csv:13: department 'Förvaltning 00003' differs from the first row's"
if [ "$(grep -c 'gen-2026-d0000[134]' err)" -eq 0 ]; then ok; else ko "the last bad row blames another file"; sed 's/^/    /' err; fi

# ----------------------------------------- a merged --output: header again
rm -rf mo; mkdir mo
cat base/gen-2026-d00001.csv base/gen-2026-d00002.csv >mo/two.csv
run mo --matrix mo.m.csv
expect_rc 0 "results under repeated headers"
has out "Merged 2 results from 1 file." "split at the header"
# the second result's header has the yearly loop's column record: still a
# header line, another result
{ cat base/gen-2026-d00001.csv; sed '1s/answer_label/answer_label,record/; 2,$s/\r$/,question\r/' \
	base/gen-2026-d00002.csv; } >mo/yearly.csv
run mo/yearly.csv --matrix mo.y.csv
expect_rc 0 "results under headers of two widths"
has out "Merged 2 results from 1 file." "split at a wider header"
rm mo/yearly.csv
# a problem in the second result has the file's line
sed -i '16s/,final,/,finale,/' mo/two.csv
run mo
expect_rc 1 "a bad row in the second result"
has err "mo/two.csv:16: status: 'finale' is neither draft nor final" "the line in the whole file"

# an --output of an older enkat-merge: one header, results one after
# another (here the second in another order of questions)
{ cat base/gen-2026-d00001.csv; tail -n +2 base/gen-2026-d00002.csv | tac; } >mo/two.csv
run mo/two.csv --matrix mo2.m.csv
expect_rc 0 "an older --output"
has out "Merged 2 results from 1 file." "an older --output split"

# --------------------------------------------------- large and binary
rm -rf big; mkdir big
truncate -s 1G big/sparse.csv
if [ -x /usr/bin/time ]; then
	/usr/bin/time -f %M -o rss.txt "$M" big >out 2>err; rc=$?
else
	run big; echo 0 >rss.txt
fi
expect_rc 1 "a sparse 1 GiB file"
has err "big/sparse.csv:1: NUL byte: this is a binary file, not a result file" "NUL refused"
if [ "$(tail -n 1 rss.txt)" -lt 65536 ]; then ok; else ko "a sparse 1 GiB file took $(tail -n 1 rss.txt) KiB"; fi
rm -f big/sparse.csv
head -c 70000000 /dev/zero | tr '\0' a >big/long.csv
run big
expect_rc 1 "a result of 70 MB"
has err "big/long.csv:1: more than 64 MiB in one result" "a result too large"
rm -rf big

# ---------------------------------- 40,000 questions in another order
rm -rf wide; mkdir wide
$GEN -f -n 2 -q 40000 -a 9 -s 5 wide >/dev/null
run wide --matrix wide1.csv
expect_rc 0 "40,000 questions"
{ head -n 1 wide/gen-2026-d00002.csv; tail -n +2 wide/gen-2026-d00002.csv | tac; } >x
mv x wide/gen-2026-d00002.csv
run wide --matrix wide2.csv
expect_rc 0 "40,000 questions, the second file in reverse order"
if cmp -s wide1.csv wide2.csv; then ok; else ko "the order of the rows changes the figures"; fi
# both as one --output of more than 8 MiB: streamed by the merging thread
cat wide/gen-2026-d00001.csv wide/gen-2026-d00002.csv >wide.csv
if [ "$(wc -c <wide.csv)" -gt 8388608 ]; then ok; else ko "wide.csv is too small to be streamed"; fi
run wide.csv --matrix wide3.csv
expect_rc 0 "a large --output"
has out "Merged 2 results from 1 file." "a large --output split"
tr -d '\r' <wide1.csv | cut -d, -f3- >w1; tr -d '\r' <wide3.csv | cut -d, -f3- >w3
if cmp -s w1 w3; then ok; else ko "a large --output gives other figures"; fi
rm -rf wide wide.csv

# ------------------------------------ a FIFO and a dangling link, *.csv
rm -rf odd; mkdir odd
cp base/gen-2026-d00001.csv odd/
mkfifo odd/x.csv
ln -s "$tmp/nowhere.csv" odd/y.csv
run odd
expect_rc 1 "a FIFO and a dangling link"
has err "odd/x.csv: not a regular file: left out" "the FIFO named"
has err "odd/y.csv: a symbolic link: not followed" "the dangling link named"

# ---------------------------------------------------------------- --survey
rm -rf sv; mkdir sv
cat >answers.txt <<'ANSWERS'
c Vi låser alltid
3
n
1
1 3
7
2
Mer utbildning
j
ANSWERS
"$ENKAT" --plain --lang sv --department "Miljöförvaltningen" --respondent "Åsa" \
	--out sv "$DEMO" <answers.txt >/dev/null 2>&1
good=sv/demo-2026-miljoforvaltningen.csv
if [ -s "$good" ]; then ok; else ko "enkat --plain wrote no result"; fi
run "$good" --survey "$DEMO" --questions q.en.csv --matrix m.en.csv --lang en
expect_rc 0 "--survey, a good result"
has q.en.csv "Think of an ordinary working week" "question texts in English"
has out "The office and the desk" "area titles in English"
has q.en.csv "I release them with a card or PIN at the printer" "option labels in English"
run "$good" --survey "$DEMO" --questions q.sv.csv --lang sv
has q.sv.csv "Tänk på en vanlig arbetsvecka" "question texts in Swedish"
run "$good" --questions q.none.csv --lang en
has q.none.csv "Tänk på en vanlig arbetsvecka" "without --survey, the file's texts"

run "$good" base --survey "$DEMO"
expect_rc 0 "--survey for one survey, another without"
has err "base/gen-2026-d00001.csv: no --survey for survey gen version 2026: its results are checked against each other only" "a version without --survey named"

rm -rf sb; mkdir sb
sed '4s/,2,pinkod,2,2,/,2,bogus,2,2,/' "$good" >sb/a.csv
run sb --survey "$DEMO"
expect_rc 1 "--survey, an answer that is not an option"
has err "sb/a.csv:4: answer 'bogus' does not fit question 'utskrifter'" "bad option named"
sed '5s/,"mfa;uppdateringar",3,5,/,"mfa;uppdateringar",4,5,/' "$good" >sb/a.csv
run sb --survey "$DEMO"
expect_rc 1 "--survey, points that are not the options'"
has err "sb/a.csv:5: question 'skydd': value is '4' here but '3' by the survey $DEMO:" "bad points named"
sed '6s/,2,7,2.8,4,/,2,7.25,2.9,4,/' "$good" >sb/a.csv
run sb --survey "$DEMO"
expect_rc 1 "--survey, a number with too many decimals"
has err "sb/a.csv:6: question 'natfiske_antal': the answer '7.25' does not fit" "decimals named"
sed '3s/Förvaras pappershandlingar/Har ni slutat låsa skärmen helt/' "$good" >sb/a.csv
run sb --survey "$DEMO"
expect_rc 1 "--survey, a question text not the survey's"
has err "sb/a.csv:3: question 'las_skap': question_text is 'Har ni slutat låsa skärmen helt" "text named"
sed '3s/,las_skap,/,las_skap2,/' "$good" >sb/a.csv
run sb --survey "$DEMO"
expect_rc 1 "--survey, a question not in the survey"
has err "sb/a.csv: question 'las_skap' of $DEMO:74 has no row here" "a question of the survey missing"
sed 's/,[0-9a-f]\{64\},/,aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa,/' "$good" >sb/a.csv
run sb --survey "$DEMO"
expect_rc 1 "--survey, answered to another definition"
has err "sb/a.csv:2: survey_sha256 aaaaaaaaaaaa... is not that of $DEMO" "another definition named"
run "$good" --survey nowhere.ini
expect_rc 1 "--survey, no such file"
run "$good" --survey "$DEMO" --survey "$DEMO"
expect_rc 1 "--survey twice for one version"
has err "survey demo version 2026 is given twice with --survey" "twice named"

# ----------------------------- an old-style final with required questions open
sed '2s/,1,oftast,3,4,1,0,/,1,,,4,1,0,/; 2s/,scale,answered,Oftast/,scale,unanswered,/' "$good" >sb/a.csv
run sb --survey "$DEMO" --matrix sb.m.csv
expect_rc 0 "an old final with a required question open"
has err "sb/a.csv:2: final result of 'Miljöförvaltningen' with 1 required question unanswered" "open required named"
# completeness: 5 of the 6 applicable questions answered (las_skap is N/A)
if [ "$(csvfields overall_answered,overall_applicable <sb.m.csv | tail -n 1 | tr '|' /)" = 5/6 ]; then ok
else ko "the old final is not complete in the matrix"; tail -n 1 sb.m.csv; fi
has out "Final with 1 required question open: Miljöförvaltningen" "the summary names the old final"
run sb --survey "$DEMO" --html sb.html --lang sv
has sb.html "slutfört, men 1 obligatorisk fråga är obesvarad" "the report names the old final"
run sb --matrix sb.m.csv
expect_rc 0 "without --survey, an old final"
hasnt err "required question" "without --survey, required is not known"

finish cli-merge-input
