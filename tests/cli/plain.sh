#!/bin/sh
# --plain: answers from standard input, the same result file as the full
# screen; and what enkat says when it has no terminal.
set -u
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC
unset LANGUAGE
G=tests/tui/golden
# a run that dies early must not take the suite with it (the FIFO tests)
trap '' PIPE
# saving "in your home folder" goes here, never to the real one
HOME="$WORK/home"
export HOME
mkdir -p "$HOME"
NUM=tests/cli/plain/numbers.ini
# at_least N PATTERN FILE: FILE has N lines with PATTERN (fixed string)
at_least() { [ "$(grep -c -F -- "$2" "$3" 2>/dev/null)" -ge "$1" ]; }
# the value of column NAME for question Q in result file F
# (a CSV reader small enough for these files: quoted fields, no newlines)
field() {
	awk -v q="$2" -v name="$3" '
	function split_csv(line, out,    n, i, ch, f, quoted) {
		n = 1; f = ""; quoted = 0
		for (i = 1; i <= length(line); i++) {
			ch = substr(line, i, 1)
			if (quoted) {
				if (ch == "\"" && substr(line, i + 1, 1) == "\"") { f = f ch; i++ }
				else if (ch == "\"") quoted = 0
				else f = f ch
			} else if (ch == "\"") quoted = 1
			else if (ch == ",") { out[n++] = f; f = "" }
			else f = f ch
		}
		out[n] = f
		return n
	}
	NR == 1 { n = split_csv($0, h); for (i = 1; i <= n; i++) if (h[i] == name) c = i; next }
	{ split_csv($0, r); if (r[11] == q) print r[c] }' "$1"
}

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

# answers that do not fit are asked again, not guessed: the same question,
# the prompt only, with a message that says what is allowed
printf '9\n12\n2\n' | "$ENKAT" --plain --department Bad --out "$WORK/o3" surveys/demo.ini \
	>"$WORK/stdout4" 2>&1
if [ "$(grep -c 'Give one of the numbers 1 to 4.' "$WORK/stdout4")" -eq 2 ] &&
   [ "$(grep -c 'Question skarmlas' "$WORK/stdout4")" -eq 1 ] &&
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
if [ "$rc" -eq 1 ] && printf '%s' "$out" | grep -q "NOT SAVED: .*File too large" &&
   printf '%s' "$out" | grep -q "^Cannot save there either: " && [ ! -e "$HOME/demo-2026-full.csv" ] &&
   cmp -s "$WORK/full/demo-2026-full.csv" "$WORK/full-before.csv" &&
   [ "$(ls "$WORK/full" | grep -c tmp)" -eq 0 ]; then ok
else ko "failed save: rc=$rc: $out"; fi


# ---- issue 8: the engine's rules, and what --plain shows ----

# an empty assessment is never final: every question skipped, then the
# review says why it cannot be finalised, naming the first open required
# question, which is asked again (the "j" meant for "Finalise?" in an old
# script is refused as its answer)
printf '\n\n\n\n\n\nj\n' | "$ENKAT" --plain --department Tom --out "$WORK/empty" surveys/demo.ini \
	>"$WORK/empty.txt" 2>&1
rc=$?
f="$WORK/empty/demo-2026-tom.csv"
if [ "$rc" -eq 0 ] && ! grep -q ',final,' "$f" 2>/dev/null &&
   grep -q "^Nothing was answered, so nothing is saved yet." "$WORK/empty.txt" &&
   ! grep -q "Finalise the result" "$WORK/empty.txt" &&
   grep -q "Not finalised: 5 required questions are unanswered, the first is skarmlas." \
	"$WORK/empty.txt" &&
   [ "$(grep -c 'Question skarmlas' "$WORK/empty.txt")" -eq 2 ]; then ok
else ko "plain: an empty assessment became final or was not said (rc=$rc)"; cat "$WORK/empty.txt"; fi
# f at any question: the review (required ones marked), the summary;
# refused the same way
printf '5\nf\nj\n' | "$ENKAT" --plain --department F --out "$WORK/f" "$NUM" >"$WORK/f.txt" 2>&1
if grep -q "^Unanswered: 2 (required: 1, marked \*)" "$WORK/f.txt" &&
   grep -q "^  \* matt: How satisfied" "$WORK/f.txt" &&
   grep -q "^    frivillig: Would you answer" "$WORK/f.txt" &&
   grep -q "^Summary (draft):" "$WORK/f.txt" &&
   grep -q "Not finalised: 1 required questions are unanswered, the first is matt." "$WORK/f.txt" &&
   grep -q ',draft,' "$WORK/f/siffror-1-f.csv"; then ok
else ko "plain: f with a required question open"; cat "$WORK/f.txt"; fi
# r: the review of the open questions, then the same question again
printf 'r\nq\n' | "$ENKAT" --plain --department R --out "$WORK/r" "$NUM" >"$WORK/r.txt" 2>&1
if grep -q "^Unanswered: 3 (required: 2, marked \*)" "$WORK/r.txt" &&
   grep -q "^  \* antal: How many computers" "$WORK/r.txt" &&
   grep -q "^  \* matt: " "$WORK/r.txt" && grep -q "^    frivillig: " "$WORK/r.txt" &&
   [ "$(grep -c 'q quits): ' "$WORK/r.txt")" -eq 2 ] &&
   [ "$(grep -c 'Question antal' "$WORK/r.txt")" -eq 1 ]; then ok
else ko "plain: review listing"; cat "$WORK/r.txt"; fi
# ... and with nothing required open, finalising is allowed
printf '5\n7\nf\nj\n' | "$ENKAT" --plain --department F2 --out "$WORK/f2" "$NUM" \
	>"$WORK/f2.txt" 2>&1
if grep -q ',final,' "$WORK/f2/siffror-1-f2.csv" && grep -q "^Final result saved." "$WORK/f2.txt" &&
   grep -q "^The answers are saved in $WORK/f2/siffror-1-f2.csv$" "$WORK/f2.txt" &&
   grep -q "^The result is final: send the file" "$WORK/f2.txt"; then ok
else ko "plain: finalise with only optional questions open"; cat "$WORK/f2.txt"; fi

# a final result: said, the summary, and reopened only when the user says so
printf 'n\n' | "$ENKAT" --plain --department F2 --out "$WORK/f2" "$NUM" >"$WORK/ro1.txt" 2>&1
rc=$?
if [ "$rc" -eq 0 ] && grep -q "^The result is final." "$WORK/ro1.txt" &&
   grep -q "^Summary (final):" "$WORK/ro1.txt" && grep -q ',final,' "$WORK/f2/siffror-1-f2.csv" &&
   ! grep -q "Question antal" "$WORK/ro1.txt"; then ok
else ko "plain: a final result declined to reopen (rc=$rc)"; cat "$WORK/ro1.txt"; fi
"$ENKAT" --plain --department F2 --out "$WORK/f2" "$NUM" </dev/null >"$WORK/ro2.txt" 2>&1
if grep -q ',final,' "$WORK/f2/siffror-1-f2.csv"; then ok
else ko "plain: end of input reopened a final result"; cat "$WORK/ro2.txt"; fi
printf 'maybe\nj\n1\n' | "$ENKAT" --plain --department F2 --out "$WORK/f2" "$NUM" \
	>"$WORK/ro3.txt" 2>&1
f="$WORK/f2/siffror-1-f2.csv"
if grep -q "^Answer y (yes) or n (no)." "$WORK/ro3.txt" && grep -q "^Reopened as a draft." "$WORK/ro3.txt" &&
   grep -q ',draft,' "$f" && [ "$(field "$f" frivillig answer)" = yes ] &&
   [ "$(field "$f" antal answer)" = 5 ]; then ok
else ko "plain: reopening a final result"; cat "$WORK/ro3.txt"; fi

# x clears, u takes the clearing back and shows that question again
printf '5\nb\nx\nu\nq\n' | "$ENKAT" --plain --department U --out "$WORK/u" "$NUM" \
	>"$WORK/u.txt" 2>&1
f="$WORK/u/siffror-1-u.csv"
if grep -q "^Answer cleared (u undoes it)." "$WORK/u.txt" && grep -q "^Undone." "$WORK/u.txt" &&
   [ "$(grep -c 'Question antal' "$WORK/u.txt")" -eq 3 ] &&
   [ "$(grep -A6 '^Undone.' "$WORK/u.txt" | grep -c '^Answer now: 5$')" -eq 1 ] &&
   [ "$(field "$f" antal answer)" = 5 ]; then ok
else ko "plain: u after x"; cat "$WORK/u.txt"; fi
# x alone, then end of input: the answer stays cleared in the file
printf '5\nb\nx\n' | "$ENKAT" --plain --department U2 --out "$WORK/u2" "$NUM" >/dev/null 2>&1
if [ "$(field "$WORK/u2/siffror-1-u2.csv" antal state)" = unanswered ]; then ok
else ko "plain: x clears in the file"; fi

# numbers: the survey's min, max and decimals, the engine's parser; a
# refused one keeps the question, with a message that says what is allowed
printf '200000\n42,5\n1 234\n7,55\n7,5\n' | "$ENKAT" --plain --department Tal --out "$WORK/tal" "$NUM" \
	>"$WORK/tal.txt" 2>&1
f="$WORK/tal/siffror-1-tal.csv"
if grep -q "^'200000' is refused: give a number from 0 to 100000, a whole number.$" "$WORK/tal.txt" &&
   grep -q "^'42,5' is refused: give a number from 0 to 100000, a whole number.$" "$WORK/tal.txt" &&
   grep -q "^'7,55' is refused: give a number from 0 to 10, with at most 1 decimal.$" "$WORK/tal.txt" &&
   [ "$(grep -c 'Question antal' "$WORK/tal.txt")" -eq 1 ] &&
   [ "$(field "$f" antal answer)" = 1234 ] && [ "$(field "$f" matt answer)" = 7.5 ]; then ok
else ko "plain: numbers"; cat "$WORK/tal.txt"; fi
# the prompt says what is allowed; piped input is echoed after the prompt
if grep -q "^Answer (a number from 0 to 100000, a whole number; .*q quits): 42,5$" "$WORK/tal.txt" &&
   grep -q "^Answer (a number from 0 to 10, with at most 1 decimal; .*q quits): 7,5$" "$WORK/tal.txt"
then ok; else ko "plain: prompt with the allowed input and the echoed answer"; fi
# a number shown as the file holds it, with the user's decimal comma
printf 'o matt\nq\n' | "$ENKAT" --plain --lang sv --department Tal --out "$WORK/tal" "$NUM" \
	>"$WORK/tal2.txt" 2>&1
if grep -q "^[^:]*: 7,5$" "$WORK/tal2.txt"; then ok
else ko "plain: the answer shown as held"; cat "$WORK/tal2.txt"; fi

# what the author wrote: the survey's, areas', options' and levels' texts;
# guidance, help, and a summary with levels, targets and gaps
printf '?\nh\ng\nhelp\n3\n' | "$ENKAT" --plain --department Text --out "$WORK/txt" surveys/demo.ini \
	>"$WORK/txt.txt" 2>&1
t="$WORK/txt.txt"
if [ "$(grep -c "^Answer honestly; this is an exercise." "$t")" -eq 2 ] &&
   [ "$(grep -c "^Commands (type one and press Enter):" "$t")" -eq 2 ] &&
   grep -q "^A short practice survey that shows how enkat works" "$t" &&
   grep -q "^Physical security and habits at the workplace." "$t" &&
   grep -q "^     In most cases, with occasional exceptions.$" "$t" &&
   grep -q "^Answer honestly; this is an exercise." "$t" &&
   grep -q "^Level 1: Basic. The everyday routines work" "$t" &&
   grep -q "^  u        undo the last change" "$t" && grep -q "^  ? g      guidance" "$t" &&
   grep -q "^  Level 2: Advanced. In addition to the basics" "$t"; then ok
else ko "plain: texts of the survey, guidance and help"; cat "$t"; fi
printf '4\n1\n1\ns\nq\n' | "$ENKAT" --plain --department Sum --out "$WORK/sum" surveys/demo.ini \
	>"$WORK/sum.txt" 2>&1
if grep -q "^  The office and the desk: 100.0 %, level 2 (Advanced), target 1, gap 0, 3 of 3 answered$" \
	"$WORK/sum.txt" &&
   grep -q "^  Digital work: 0.0 %, level 1 (Basic), target 2, gap 1, 0 of 3 answered$" "$WORK/sum.txt" &&
   grep -q "^  All areas: 33.3 %, level 1 (Basic), 3 of 6 answered$" "$WORK/sum.txt"; then ok
else ko "plain: summary with levels, targets and gaps"; cat "$WORK/sum.txt"; fi
printf 's\nq\n' | "$ENKAT" --plain --lang sv --department Sum --out "$WORK/sum" surveys/demo.ini \
	>"$WORK/sum2.txt" 2>&1
if grep -q "^  Kontoret och skrivbordet: 100,0 %" "$WORK/sum2.txt"; then ok
else ko "plain: the Swedish decimal comma in the summary"; cat "$WORK/sum2.txt"; fi

# o lists the questions, o ID goes to one, b at the first says so, a
# leading \ gives a command-like text as the answer
printf 'b\no\no nosuch\no natfiske_rapport\no ovrigt\n\\q\n' | "$ENKAT" --plain --department Go \
	--out "$WORK/go" surveys/demo.ini >"$WORK/go.txt" 2>&1
if grep -q "^This is the first question." "$WORK/go.txt" &&
   grep -q "^  las_skap: unanswered, required$" "$WORK/go.txt" &&
   grep -q "^  ovrigt: unanswered$" "$WORK/go.txt" &&
   grep -q "^There is no question nosuch" "$WORK/go.txt" &&
   grep -q "^Question natfiske_rapport is not shown" "$WORK/go.txt" &&
   [ "$(field "$WORK/go/demo-2026-go.csv" ovrigt answer)" = q ]; then ok
else ko "plain: b, o, o ID and \\TEXT"; cat "$WORK/go.txt"; fi

# n marks not applicable and moves on; n again (after b) takes it back
printf 'n\nb\nn\nq\n' | "$ENKAT" --plain --department NA --out "$WORK/na" "$NUM" >"$WORK/na.txt" 2>&1
if grep -q "cannot be marked not applicable" "$WORK/na.txt"; then ok
else ko "plain: n refused where N/A is not allowed"; cat "$WORK/na.txt"; fi
printf '5\n7\nn\nn\n' | "$ENKAT" --plain --department NA2 --out "$WORK/na2" "$NUM" \
	>/dev/null 2>&1
printf 'o frivillig\nn\nq\n' | "$ENKAT" --plain --department NA2 --out "$WORK/na2" "$NUM" \
	>"$WORK/na2.txt" 2>&1
if grep -q "^Answer now: not applicable$" "$WORK/na2.txt" && grep -q "^No longer not applicable" "$WORK/na2.txt" &&
   [ "$(field "$WORK/na2/siffror-1-na2.csv" frivillig state)" = unanswered ]; then ok
else ko "plain: n twice"; cat "$WORK/na2.txt"; fi

# the first lines: what enkat is, the survey (title, version, description)
# and the folder; texts from the survey file and the arguments only ever
# reach the terminal as visible characters
esc=$(printf '\033')
sed -e "s/^title.en = Number test$/title.en = Number ${esc}]0;pwned$(printf '\007')test/" \
    -e "s/^text.en = How many computers.*/text.en = How many ${esc}[2J computers?/" \
    -e "s/^description.en = Counts and measures.$/description.en = Counts${esc}[31m/" \
    "$NUM" >"$WORK/hostile.ini"
printf '5\n?\nh\no\nr\ns\nq\n' | "$ENKAT" --plain --department "Ond${esc}[5m" --respondent "${esc}c" \
	--out "$WORK/hostile" "$WORK/hostile.ini" >"$WORK/hostile.txt" 2>&1
if ! grep -q "$esc" "$WORK/hostile.txt" &&
   grep -q "^enkat is the yearly information-security self-assessment" "$WORK/hostile.txt" &&
   grep -q "^Survey: Number ^\[\]0;pwned^Gtest (version 1)$" "$WORK/hostile.txt" &&
   grep -q "^A survey for the tests of --plain.$" "$WORK/hostile.txt" &&
   grep -q "Answers are saved in the folder $WORK/hostile, in a file" "$WORK/hostile.txt" &&
   grep -q "^How many ^\[\[2J computers?$" "$WORK/hostile.txt" &&
   grep -q "^Counts^\[\[31m$" "$WORK/hostile.txt"; then ok
else ko "plain: the first lines, and hostile texts made visible"; cat -v "$WORK/hostile.txt"; fi

# a lock file another user could write: its text reaches the terminal only
# as visible characters (a crashed session's lock, taken over) ...
mkdir -p "$WORK/lk"
lock="$WORK/lk/.siffror-1-lk.csv.lock"
printf 'evil\033]0;pwned\007\033[2J host\033[31m 99999 1700000000\n' >"$lock"
printf 'q\n' | "$ENKAT" --plain --department Lk --out "$WORK/lk" "$NUM" >"$WORK/lk.txt" 2>&1
if ! grep -q "$(printf '\033')" "$WORK/lk.txt" && grep -q "evil^\[\]0;pwned^G" "$WORK/lk.txt" &&
   grep -q "lock is taken over" "$WORK/lk.txt"; then ok
else ko "plain: a hostile stale lock's text"; cat -v "$WORK/lk.txt"; fi
# ... and a live one: who holds it, the summary read-only, exit 1 (the
# holder a real session, its input a FIFO kept open; its text replaced)
# hold DEPARTMENT: starts the holder; unhold: ends it
hold() {
	rm -f "$WORK/hold.in"
	mkfifo "$WORK/hold.in"
	"$ENKAT" --plain --department "$1" --out "$WORK/lk" "$NUM" <"$WORK/hold.in" \
		>"$WORK/hold.out" 2>&1 &
	hold_pid=$!
	exec 4>"$WORK/hold.in"
	poll 5 grep -q "Answer (\|Reopen it" "$WORK/hold.out"
}
unhold() { exec 4>&-; wait "$hold_pid" 2>/dev/null; }
hold Lk
printf 'evil\033]0;pwned\007 host\033[31m 99999 1700000000\n' >"$lock"
printf '5\n' | "$ENKAT" --plain --department Lk --out "$WORK/lk" "$NUM" >"$WORK/lk2.txt" 2>&1
echo $? >"$WORK/lk2.txt.rc"
unhold
if [ "$(cat "$WORK/lk2.txt.rc")" -eq 1 ] && ! grep -q "$(printf '\033')" "$WORK/lk2.txt" &&
   grep -q "open in another session: evil^\[\]0;pwned^G on host^\[\[31m" "$WORK/lk2.txt" &&
   grep -q "^Summary (draft):" "$WORK/lk2.txt" &&
   grep -q "^Read-only: another session holds this assessment." "$WORK/lk2.txt" &&
   ! grep -q "Question antal" "$WORK/lk2.txt"; then ok
else ko "plain: a result locked by another"; cat -v "$WORK/lk2.txt"; fi
# a final result another session holds: reopening it is refused
printf '5\n7\nf\ny\n' | "$ENKAT" --plain --department Lk2 --out "$WORK/lk" "$NUM" \
	>/dev/null 2>&1
hold Lk2
printf 'j\n' | "$ENKAT" --plain --department Lk2 --out "$WORK/lk" "$NUM" >"$WORK/lk3.txt" 2>&1
echo $? >"$WORK/lk3.txt.rc"
unhold
if [ "$(cat "$WORK/lk3.txt.rc")" -eq 1 ] && grep -q "^Summary (final):" "$WORK/lk3.txt" &&
   grep -q "^Read-only: another session holds this assessment." "$WORK/lk3.txt" &&
   grep -q ',final,' "$WORK/lk/siffror-1-lk2.csv"; then ok
else ko "plain: a final result locked by another"; cat -v "$WORK/lk3.txt"; fi


# ---- a save that fails in the middle of a session (issue 8, item 2) ----
# The input is a FIFO, so that the test can act between two answers: the
# result folder is replaced by a file (root can write any folder, but not
# into a file), then the next answer cannot be saved.
PROMPT='q quits): '
# fifo_start NAME OUT: enkat on numbers.ini, department NAME, results in
# OUT, input from fd 3, output in $WORK/NAME.txt
fifo_start() {
	rm -f "$WORK/fifo"
	mkfifo "$WORK/fifo"
	"$ENKAT" --plain --department "$1" --out "$2" "$NUM" <"$WORK/fifo" >"$WORK/$1.txt" 2>&1 &
	pid=$!
	exec 3>"$WORK/fifo"
	out_txt="$WORK/$1.txt"
}
send() { printf '%s\n' "$1" >&3; }
# seen N TEXT: waits until the output has N lines with TEXT
seen() {
	poll 10 at_least "$1" "$2" "$out_txt" && return 0
	echo "(waited for $1 x '$2' in $out_txt)"
	return 1
}
# fifo_end: end of input, then the exit status in rc
fifo_end() {
	exec 3>&-
	poll 10 sh -c "! kill -0 $pid 2>/dev/null" || kill "$pid" 2>/dev/null
	wait "$pid"
	rc=$?
}
break_folder() { mv "$1" "$1.gone" && : >"$1"; }
mend_folder() { rm -f "$1" && mv "$1.gone" "$1"; }
# every "NOT SAVED" line fits 80 columns (this folder's name makes the
# reason longer than that)
long="$WORK/a-folder-with-a-name-long-enough-to-make-the-reason-wider-than-a-line"
narrow() {
	grep "NOT SAVED" "$1" >"$WORK/ns.txt" && [ "$(wc -L <"$WORK/ns.txt")" -le 80 ]
}

# 1. q with unsaved changes: retried, then saved in a folder the user names
# (one that cannot be made first, under a file: said, and asked again)
mkdir -p "$long" "$WORK/elsewhere"
: >"$WORK/afile"
fifo_start A "$long/a"
if seen 1 "$PROMPT" && send 5 && seen 2 "$PROMPT" && break_folder "$long/a" && send 7 &&
   seen 1 "NOT SAVED: " && seen 3 "$PROMPT" && send q &&
   seen 1 "Choose r, w or d:" && send w && seen 1 "Folder (Enter: $HOME): " &&
   send "$WORK/afile/sub" && seen 1 "Cannot save there either: " && seen 2 "Choose r, w or d:" &&
   send w && seen 2 "Folder (Enter: " && send "$WORK/elsewhere"; then
	fifo_end
	f="$WORK/elsewhere/siffror-1-a.csv"
	if [ "$rc" -eq 1 ] && [ "$(field "$f" antal answer)" = 5 ] &&
	   [ "$(field "$f" matt answer)" = 7 ] &&
	   grep -q "could not be written; the answers were saved in $f instead.$" "$out_txt" &&
	   grep -q "^The last changes are not in $long/a/siffror-1-a.csv.$" "$out_txt" &&
	   narrow "$out_txt"; then ok
	else ko "failed save: q, then another folder (rc=$rc)"; cat "$out_txt"; fi
else fifo_end; ko "failed save: q, then another folder: out of step"; cat "$out_txt"; fi

# 2. end of input with unsaved changes: no one to ask, saved in $HOME
# (exit 1: the result file lacks them)
mkdir -p "$WORK/b"
fifo_start B "$WORK/b/out"
if seen 1 "$PROMPT" && break_folder "$WORK/b/out" && send 5 && seen 1 "NOT SAVED" &&
   seen 2 "$PROMPT"; then
	fifo_end
	f="$HOME/siffror-1-b.csv"
	if [ "$rc" -eq 1 ] && [ "$(field "$f" antal answer)" = 5 ] &&
	   grep -q "could not be written; the answers were saved in $f instead.$" "$out_txt"
	then ok
	else ko "failed save: end of input saves in \$HOME (rc=$rc)"; cat "$out_txt"; fi
else fifo_end; ko "failed save: end of input: out of step"; cat "$out_txt"; fi

# 3. leaving without them only by an explicit choice, with exit 1
mkdir -p "$WORK/c"
fifo_start C "$WORK/c/out"
if seen 1 "$PROMPT" && break_folder "$WORK/c/out" && send 5 && seen 2 "$PROMPT" &&
   send q && seen 1 "Choose r, w or d:" && send 3 && seen 1 "Answer r, w or d." &&
   send d; then
	fifo_end
	if [ "$rc" -eq 1 ] && grep -q ": the last changes are NOT saved.$" "$out_txt" &&
	   [ ! -e "$HOME/siffror-1-c.csv" ] && [ ! -s "$WORK/c/out" ]; then ok
	else ko "failed save: leaving without them (rc=$rc)"; cat "$out_txt"; fi
else fifo_end; ko "failed save: leaving without them: out of step"; cat "$out_txt"; fi

# 4. the folder mended while asked: trying again saves where it belongs
mkdir -p "$WORK/d"
fifo_start D "$WORK/d/out"
if seen 1 "$PROMPT" && send 5 && seen 2 "$PROMPT" && break_folder "$WORK/d/out" && send 7 &&
   seen 1 "NOT SAVED" && seen 3 "$PROMPT" && send q && seen 1 "Choose r, w or d:" &&
   send r && seen 2 "Choose r, w or d:" && mend_folder "$WORK/d/out" && send r; then
	fifo_end
	f="$WORK/d/out/siffror-1-d.csv"
	if [ "$rc" -eq 0 ] && [ "$(field "$f" matt answer)" = 7 ] &&
	   grep -q "^The answers are saved in $f$" "$out_txt"; then ok
	else ko "failed save: trying again (rc=$rc)"; cat "$out_txt"; fi
else fifo_end; ko "failed save: trying again: out of step"; cat "$out_txt"; fi

# 5. a hangup or SIGTERM ends the session as the end of input does: what
# the result file lacks goes to $HOME, with exit 1; all saved, exit 0
mkdir -p "$WORK/e"
fifo_start E "$WORK/e/out"
if seen 1 "$PROMPT" && break_folder "$WORK/e/out" && send 5 && seen 1 "NOT SAVED" &&
   seen 2 "$PROMPT" && kill -TERM "$pid"; then
	fifo_end
	f="$HOME/siffror-1-e.csv"
	if [ "$rc" -eq 1 ] && [ "$(field "$f" antal answer)" = 5 ] &&
	   grep -q "could not be written; the answers were saved in $f instead.$" "$out_txt"
	then ok
	else ko "SIGTERM with unsaved changes (rc=$rc)"; cat "$out_txt"; fi
else fifo_end; ko "SIGTERM with unsaved changes: out of step"; cat "$out_txt"; fi
fifo_start F "$WORK/f3"
if seen 1 "$PROMPT" && send 5 && seen 2 "$PROMPT" && kill -HUP "$pid"; then
	fifo_end
	if [ "$rc" -eq 0 ] && [ "$(field "$WORK/f3/siffror-1-f.csv" antal answer)" = 5 ] &&
	   grep -q "^The answers are saved in $WORK/f3/siffror-1-f.csv$" "$out_txt"; then ok
	else ko "SIGHUP with everything saved (rc=$rc)"; cat "$out_txt"; fi
else fifo_end; ko "SIGHUP: out of step"; cat "$out_txt"; fi

# a draft written for another definition of the same survey id and version:
# said, the old file kept aside at the first save (where enkat-merge does
# not read it), the answers that still fit carried over
sed -e 's/^\[question.utskrifter\]/[question.utskrifter_ny]/' surveys/demo.ini >"$WORK/demo2.ini"
printf '2\n1\n1\nq\n' | "$ENKAT" --plain --department Byte --out "$WORK/chg" surveys/demo.ini \
	>/dev/null 2>&1
out=$(printf '1\nq\n' | "$ENKAT" --plain --department Byte --out "$WORK/chg" "$WORK/demo2.ini" 2>&1)
kept=$(ls "$WORK/chg" | grep -c '^demo-2026-byte\.csv\.[0-9a-f]*\.kept$')
f="$WORK/chg/demo-2026-byte.csv"
if printf '%s' "$out" | grep -q "survey definition has changed" &&
   printf '%s' "$out" | grep -q "^Question utskrifter_ny added$" &&
   printf '%s' "$out" | grep -q "^Question utskrifter removed" &&
   [ "$kept" -eq 1 ] && [ "$(field "$f" skarmlas state)" = answered ] &&
   [ "$(field "$f" las_skap state)" = answered ] &&
   [ "$(field "$f" utskrifter_ny answer)" = pinkod ] && ! grep -q ',utskrifter,' "$f"; then ok
else ko "changed definition: kept=$kept: $out"; fi

finish plain
