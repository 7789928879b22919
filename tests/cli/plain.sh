#!/bin/sh
# --plain: answers from standard input, the same result file as the full
# screen; and what enkat says when it has no terminal.
set -u
cd "$(dirname "$0")/../.." || exit 2
ENKAT="${ENKAT:-$PWD/enkat}"
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC
unset LANGUAGE
G=tests/tui/golden
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
ko() { fail=$((fail + 1)); echo "FAIL: $*"; }
normalise() { sed -E 's/,[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z,/,TIME,/' "$1" | tr -d '\r'; }

# The same answers as the full-screen walk (tests/cli/tui.sh), so the
# result must be the same file, byte for byte but the time.
cat >"$WORK/answers.txt" <<'ANSWERS'
c Vi låser alltid; "oftast" räcker inte, =A1
oftast
n
1
1 3
7
2
Mer utbildning för åäö-användare
j
ANSWERS
# option keys: skarmlas has ids that are words, so its keys are 1-4
sed -i 's/^oftast$/3/' "$WORK/answers.txt"
"$ENKAT" --plain --lang sv --department "Miljöförvaltningen" --respondent "Åsa Öberg" \
	--out "$WORK/out" surveys/demo.ini <"$WORK/answers.txt" >"$WORK/stdout" 2>&1
rc=$?
if [ "$rc" -eq 0 ]; then ok; else ko "plain walk: exit $rc"; cat "$WORK/stdout"; fi
if normalise "$WORK/out/demo-2026-miljoforvaltningen.csv" | diff -u "$G/walk.csv" -; then ok
else ko "plain walk: result differs from the full-screen walk's golden"; fi
if grep -q "Slutfört resultat sparat" "$WORK/stdout"; then ok; else ko "plain: finalised"; fi
if grep -q "Kontoret och skrivbordet" "$WORK/stdout" && grep -q "  1) Aldrig" "$WORK/stdout"
then ok; else ko "plain: questions and choices printed"; fi

# end of input in the middle: what was answered is kept, as a draft
printf '2\n' | "$ENKAT" --plain --department Kultur --out "$WORK/o2" surveys/demo.ini \
	>"$WORK/stdout2" 2>&1
rc=$?
f="$WORK/o2/demo-2026-kultur.csv"
if [ "$rc" -eq 0 ] && grep -q ',draft,' "$f" && [ "$(grep -c ',answered,' "$f")" -eq 1 ]
then ok; else ko "plain: end of input keeps the draft (rc=$rc)"; cat "$WORK/stdout2"; fi
# ... and the next run resumes at the first unanswered question
printf 'q\n' | "$ENKAT" --plain --department Kultur --out "$WORK/o2" surveys/demo.ini \
	>"$WORK/stdout3" 2>&1
if grep -q "Draft from .* continues: 1 of 6 answered" "$WORK/stdout3" &&
   grep -q "Question las_skap" "$WORK/stdout3"; then ok
else ko "plain: resumes"; cat "$WORK/stdout3"; fi

# answers that do not fit are asked again, not guessed
printf '9\nx\n2\n' | "$ENKAT" --plain --department Bad --out "$WORK/o3" surveys/demo.ini \
	>"$WORK/stdout4" 2>&1
if [ "$(grep -c 'Give one of the numbers in the list.' "$WORK/stdout4")" -eq 2 ] &&
   grep -q ',ibland,' "$WORK/o3/demo-2026-bad.csv"; then ok
else ko "plain: bad answers asked again"; cat "$WORK/stdout4"; fi
# the department asked for on standard input
printf 'Gatukontoret\nÖrjan\n1\nq\n' | "$ENKAT" --plain --out "$WORK/o4" surveys/demo.ini \
	>/dev/null 2>&1
if grep -q ',Gatukontoret,Örjan,' "$WORK/o4/demo-2026-gatukontoret.csv" 2>/dev/null; then ok
else ko "plain: asks the department and respondent"; fi

# no terminal and no --plain: a clear message, not a broken screen
out=$("$ENKAT" --department X --out "$WORK/o5" surveys/demo.ini </dev/null 2>&1)
rc=$?
if [ "$rc" -eq 2 ] && printf '%s' "$out" | grep -q -- "--plain"; then ok
else ko "no terminal: rc=$rc: $out"; fi
out=$(TERM=dumb "$ENKAT" --department X --out "$WORK/o5" surveys/demo.ini 2>&1 </dev/null)
if printf '%s' "$out" | grep -q "TERM is dumb"; then ok; else ko "TERM=dumb: $out"; fi

# bad options and a bad survey
if "$ENKAT" --lang fi --plain --department X </dev/null >/dev/null 2>&1; then
	ko "--lang fi accepted"; else ok; fi
printf '[survey]\n' >"$WORK/bad.ini"
out=$("$ENKAT" --plain --department X --out "$WORK/o6" "$WORK/bad.ini" </dev/null 2>&1)
rc=$?
if [ "$rc" -eq 1 ] && printf '%s' "$out" | grep -q "bad.ini:1: "; then ok
else ko "bad survey: rc=$rc: $out"; fi
# an unwritable output folder: a clear error, exit 1
mkdir -p "$WORK/ro" && chmod 500 "$WORK/ro"
if [ "$(id -u)" -ne 0 ]; then
	out=$(printf '1\n' | "$ENKAT" --plain --department X --out "$WORK/ro/sub" surveys/demo.ini 2>&1)
	if printf '%s' "$out" | grep -q "cannot create the folder"; then ok; else ko "unwritable: $out"; fi
fi

# a save that fails (a full disk, here a file-size limit): a clear message,
# the file on disk stays whole, and the answer is saved once there is room
printf '1\n' | "$ENKAT" --plain --department Full --out "$WORK/full" surveys/demo.ini >/dev/null 2>&1
cp "$WORK/full/demo-2026-full.csv" "$WORK/full-before.csv"
out=$( (ulimit -f 1; printf '2\nq\n' | "$ENKAT" --plain --department Full --out "$WORK/full" \
	surveys/demo.ini 2>&1) )
rc=$?
if [ "$rc" -eq 1 ] && printf '%s' "$out" | grep -q "NOT SAVED: cannot write .*File too large" &&
   cmp -s "$WORK/full/demo-2026-full.csv" "$WORK/full-before.csv" &&
   [ "$(ls "$WORK/full" | grep -c tmp)" -eq 0 ]; then ok
else ko "failed save: rc=$rc: $out"; fi

# a draft written for another definition of the same survey id and version:
# said, the old file kept, the answers that still fit carried over
sed -e 's/^\[question.utskrifter\]/[question.utskrifter_ny]/' surveys/demo.ini >"$WORK/demo2.ini"
printf '2\n1\n1\nq\n' | "$ENKAT" --plain --department Byte --out "$WORK/chg" surveys/demo.ini \
	>/dev/null 2>&1
out=$(printf 'q\n' | "$ENKAT" --plain --department Byte --out "$WORK/chg" "$WORK/demo2.ini" 2>&1)
kept=$(ls "$WORK/chg" | grep -c '^demo-2026-byte.csv\.[0-9a-f]*\.csv$')
f="$WORK/chg/demo-2026-byte.csv"
if printf '%s' "$out" | grep -q "survey definition has changed" &&
   printf '%s' "$out" | grep -q "^- utskrifter$" && printf '%s' "$out" | grep -q "^+ utskrifter_ny$" &&
   [ "$kept" -eq 1 ] && grep -q ',skarmlas,.*,answered,' "$f" && grep -q ',las_skap,.*,answered,' "$f" &&
   ! grep -q ',utskrifter,' "$f"; then ok
else ko "changed definition: kept=$kept: $out"; fi

echo "plain: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
