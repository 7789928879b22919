#!/bin/sh
# The paths that lost or misstated an answer (issue 8), each through the
# real ./enkat in tmux at 80x24 (and at the documented minimum, 50x15):
# refused input, undo, N/A twice, decimals, a dropped connection while
# typing, text that does not fit, long lists, the texts an author wrote,
# the first and the last screen, a long paste, names that are too long.
set -u
cd "$(dirname "$0")/../.." || exit 2
. tests/tui/lib.sh
command -v tmux >/dev/null || { echo "tui-rules: tmux is missing"; exit 1; }

RULES="$PWD/tests/tui/rules/rules.ini"
KOMMUN="$PWD/surveys/kommun.ini"
# field FILE QUESTION COLUMN: one field of a result file (no quoted commas
# in these rows before the column asked for)
field() {
	c=$(col_index "$1" "$3")
	tr -d '\r' <"$1" | awk -F, -v q="$2" -v c="$c" '$11 == q { print $c }'
}
has_field() { [ "$(field "$1" "$2" "$3")" = "$4" ]; }

# --- the first screen says what enkat is, which survey, where answers go;
# leaving says where the file is and how to go on (item 10)
out="$WORK/first"
start id -- --lang en --out "$out" "$RULES"
check "first screen: says what enkat is" wait_for id "yearly information-security self-assessment"
check "first screen: names the survey" wait_for id "Survey: Follow-up of the information-security"
check "first screen: says where answers go" sh -c \
	"tmux -L $SOCK capture-pane -p -t id | tr '\n' ' ' | grep -q 'Answers are saved in the folder *$out,'"
check "first screen: the survey's description" wait_for id "A survey to try the rules."
# typed ahead in one burst, as a slow link may deliver it: each Enter ends
# its line (only a terminal's paste marks make line breaks spaces)
tm send-keys -t id "Kultur" Enter "Åsa" Enter
check "first screen: then the first question" wait_for id "question 1 of 3"
keys id 1
# a long survey title never hides the screen's name (item 8)
keys id o
check "header: the screen's name beside a long title" sh -c \
	"tmux -L $SOCK capture-pane -p -t id | head -n 1 | grep -q '^ Overview .*…'"
keys id q
check "last screen: where the file is" wait_for id "The answers are saved in $out/regler-2026-kultur.csv"
check "typed ahead: department and respondent as typed" grep -q ',Kultur,Åsa,' "$out/regler-2026-kultur.csv"
check "last screen: how to go on" wait_for id "start enkat again for the department \"Kultur\""
# nothing answered: nothing written, and it says so
start id2 -- --lang en --department Tom --out "$WORK/empty" "$RULES"
wait_for id2 "question 1 of 3" >/dev/null
keys id2 q
check "last screen: nothing answered, nothing saved" wait_for id2 "Nothing was answered, so nothing is saved yet."
check "last screen: and no file" [ ! -e "$WORK/empty/regler-2026-tom.csv" ]

# --- long option labels wrap; every choice can be reached and is in view
# when highlighted, at 80x24 and at the minimum 50x15 (item 8)
out="$WORK/wrap"
start wrap 50 15 -- --lang en --department Wrap --out "$out" "$RULES"
check "wrap: opens at 50x15" wait_for wrap "Which option fits best?"
check "wrap: more below is marked" wait_for wrap "↓ more"
keys wrap Down Down Down Down Down Down
check "wrap: the 7th choice is in view when highlighted" wait_for wrap "> 7 ( ) Option 7"
check "wrap: its label is wrapped, not cut" sh -c \
	"tmux -L $SOCK capture-pane -p -t wrap | sed 's/ *\$//' | grep -qx '          7'"
keys wrap Enter
check "wrap: Enter chose the 7th" wait_for wrap "How many systems"
check "wrap: the file holds choice 7" has_field "$out/regler-2026-wrap.csv" val answer o7
keys wrap q

# --- the bundled survey's utb_former at 50x15: options 6 and 7 (item 8)
out="$WORK/utb"
start utb 50 15 -- --lang en --department Utb --out "$out" "$KOMMUN"
wait_for utb "question 1 of" >/dev/null
keys utb o Down Down Down Down Down Enter
i=0
while ! screen utb | grep -q "Which forms" && [ "$i" -lt 12 ]; do
	keys utb Right
	i=$((i + 1))
done
check "utb_former: reached" wait_for utb "Which forms"
keys utb Down Down Down Down Down
check "utb_former: option 6 in view" wait_for utb "> 6 [ ] Simulated phishing"
keys utb Down
check "utb_former: option 7 in view" wait_for utb "> 7 [ ] News and campaigns"
keys utb 6 7 Enter
check "utb_former: 6 and 7 chosen" \
	grep -q ',utb_former,.*,"*natfiske;intranat"*,' "$out/infosak-kommun-2026-utb.csv"
keys utb q

# --- a long area title at 80 columns leaves the progress whole (item 8)
start hdr -- --lang en --department Hdr --out "$WORK/hdr" "$KOMMUN"
wait_for hdr "question 1 of" >/dev/null
keys hdr o Down Enter
check "header: a long area title is cut, the progress is whole" sh -c \
	"tmux -L $SOCK capture-pane -p -t hdr | head -n 1 | grep -q '^ Governing documents.*… *question 1 of 6 · 0/55 answered\$'"
# long area titles wrap in the overview, the summary and the review:
# nothing is cut, even at 50x15 (item 8)
keys hdr o
check "overview: a long title wraps, not cut" sh -c \
	"tmux -L $SOCK capture-pane -p -t hdr | grep -q '^   and instructions *\$'"
tm resize-window -t hdr -x 50 -y 15
keys hdr s
check "summary at 50x15: the whole title on lines of its own" sh -c \
	"tmux -L $SOCK capture-pane -p -t hdr | grep -A1 '^  Organisation, responsibility and' |
	 grep -q '^  mandate *\$'"
keys hdr r
check "review at 50x15: area and question wrap, not cut" \
	wait_for hdr "mandate: Has the department's"
keys hdr q

# --- a refused number keeps the editor open with the text; decimals and a
# thousands space (items 3 and 6); x clears and u brings it back (item 3)
out="$WORK/num"
f="$out/regler-2026-num.csv"
start num -- --lang en --department Num --out "$out" "$RULES"
wait_for num "question 1 of 3" >/dev/null
keys num 1
check "number: what is allowed is shown" wait_for num "Allowed: a number from 0 to 5000, a whole number."
keys num Enter
type_text num "42,5"
keys num Enter
check "number: 42,5 with no decimals is refused" wait_for num "'42,5' is refused"
check "number: the editor stays open with the text" wait_for num "Number: 42,5"
keys num BSpace BSpace BSpace BSpace
type_text num "1 234"
keys num Enter
check "number: 1 234 accepted, on to the next" wait_for num "Do you use cloud services?"
check "number: the file holds 1234" has_field "$f" antal answer 1234
keys num Left
check "number: shown as the file holds it" wait_for num "1234"
keys num Enter
type_text num "x"
keys num Enter
check "number: x in the editor is refused, not a command" wait_for num "'1234x' is refused"
keys num Escape
check "number: the answer is unchanged" has_field "$f" antal answer 1234
keys num x
check "clear: says u brings it back" wait_for num "Answer cleared; u brings it back."
check "clear: the file has it cleared" has_field "$f" antal state unanswered
keys num u
check "undo: the answer is back on screen" wait_for num "1234"
check "undo: the answer is back in the file" has_field "$f" antal answer 1234
keys num q

# --- n marks N/A and moves on; n on an N/A question removes the mark and
# does not touch the next question (item 4); the hint offers n only where
# N/A is allowed (item 17)
out="$WORK/na"
f="$out/regler-2026-na.csv"
start na -- --lang en --department NA --out "$out" "$RULES"
wait_for na "question 1 of 3" >/dev/null
check "hint: no n/a where N/A is not allowed" sh -c \
	"! tmux -L $SOCK capture-pane -p -t na | tail -n 1 | grep -q 'n/a'"
keys na 2 Enter
type_text na "12"
keys na Enter
check "hint: n/a offered where it is allowed" sh -c \
	"tmux -L $SOCK capture-pane -p -t na | tail -n 1 | grep -q 'n n/a'"
keys na n
check "n: marked N/A and moved on" wait_for na "Describe the work"
check "n: the file says na" has_field "$f" grind state na
keys na Left
check "n: back at the N/A question" wait_for na "[Not applicable]"
keys na n
check "n twice: the mark is removed" wait_for na "No longer marked not applicable."
check "n twice: the question is open again" has_field "$f" grind state unanswered
check "n twice: the next question untouched" has_field "$f" lang state unanswered
keys na "?"
check "help: the survey's description first (item 9)" wait_for na "A survey to try the rules."
keys na NPage
check "help: says what n does again" wait_for na "n removes the"
keys na Escape q

# --- guidance longer than the screen scrolls; keys that scroll do not
# close it (item 8)
out="$WORK/guide"
start guide -- --lang en --department Guide --out "$out" "$RULES"
wait_for guide "question 1 of 3" >/dev/null
keys guide o Down Enter
check "guidance: at the question with long guidance" wait_for guide "Describe the work"
check "area description shown where the area begins (item 9)" wait_for guide "SECOND DESCRIPTION"
keys guide g
check "guidance: more is marked" wait_for guide "↓ more"
keys guide NPage NPage NPage NPage NPage NPage
check "guidance: scrolls to its end" wait_for guide "END OF THE GUIDANCE."
check "guidance: still open after scrolling" wait_for guide "Guidance"
keys guide Up PPage
check "guidance: scrolls back" wait_for guide "↑ more"
keys guide Escape
check "guidance: Esc goes back" wait_for guide "question 1 of 2"
keys guide q

# --- a comment and a text answer half-typed when the connection drops are
# saved (item 7)
out="$WORK/hup"
start hup -- --lang en --department Hup --out "$out" "$RULES"
wait_for hup "question 1 of 3" >/dev/null
keys hup c
type_text hup "Halvskriven kommentar åäö"
tm kill-session -t hup
check "hangup: enkat has ended" wait_gone "department Hup --out $out"
check "hangup: the half-typed comment is saved" \
	grep -q "Halvskriven kommentar åäö" "$out/regler-2026-hup.csv"
start hup2 -- --lang en --department Hup --out "$out" "$RULES"
wait_for hup2 "continues" >/dev/null
keys hup2 Enter o Down Enter Enter
type_text hup2 "Ett svar på väg"
tm kill-session -t hup2
check "hangup 2: enkat has ended" wait_gone "department Hup --out $out"
check "hangup: the half-typed text answer is saved" \
	has_field "$out/regler-2026-hup.csv" lang answer "Ett svar på väg"

# --- 20,000 characters pasted into the editor (item 17): taken at once
out="$WORK/paste"
start paste -- --lang en --department Paste --out "$out" "$RULES"
wait_for paste "question 1 of 3" >/dev/null
keys paste c
piece=$(awk 'BEGIN { for (i = 0; i < 200; i++) printf "åäö-text " }')
t0=$(now_ms)
# tmux takes at most a few kilobytes a command: ten pieces, sent at once
for i in 0 1 2 3 4 5 6 7 8 9; do
	tm send-keys -t paste -l "$piece"
done
tm send-keys -t paste Enter
check "paste: 20,000 characters saved as the comment" poll 20 sh -c \
	"grep -q 'åäö-text åäö-text' '$out/regler-2026-paste.csv' 2>/dev/null"
t1=$(now_ms)
echo "paste: 20,000 characters taken in $((t1 - t0)) ms"
check "paste: the whole comment" sh -c \
	"[ \$(grep -o 'åäö-text' '$out/regler-2026-paste.csv' | wc -l) -eq 2000 ]"
keys paste q

# --- 30 areas at 80x24: the overview and the summary scroll, the cursor
# always in view (item 15); level names in the summary (item 9)
big="$WORK/areas.ini"
awk 'BEGIN {
	print "[survey]\nid = omr\nversion = 1\nlanguages = en\nscoring = levels"
	print "title.en = Thirty areas\n"
	print "[level.1]\ntitle.en = Ground floor\n\n[level.2]\ntitle.en = Roof garden\n"
	for (a = 1; a <= 30; a++) {
		printf "[area.a%d]\ntitle.en = Area number %d\ntarget = 1\n", a, a
		printf "description.en = Description of area %d.\n\n", a
		printf "[question.q%d]\narea = a%d\ntype = yesno\nlevel = 1\n", a, a
		printf "text.en = Question of area %d?\n\n", a
	}
}' >"$big"
out="$WORK/big"
start big -- --lang en --department Big --out "$out" "$big"
wait_for big "question 1 of 1" >/dev/null
keys big o
check "overview: more below is marked" wait_for big "↓ more"
check "overview: the area's description" wait_for big "Description of area 1."
i=0
while [ "$i" -lt 29 ]; do keys big Down; i=$((i + 1)); done
check "overview: the 30th area in view with the cursor" sh -c \
	"tmux -L $SOCK capture-pane -p -t big | grep -q '> Area number 30'"
check "overview: its description" wait_for big "Description of area 30."
keys big Enter
check "overview: Enter goes to the area" wait_for big "Question of area 30?"
keys big 1 s
check "summary: more below is marked" wait_for big "↓ more"
keys big NPage NPage
check "summary: All areas reached by scrolling" wait_for big "All areas"
check "summary: the level names" wait_for big "Roof garden"
keys big "?"
# (the help grows with the keys: page down until the levels, at most 8 pages)
i=0
while [ "$i" -lt 8 ] && ! screen big | grep -q "Roof garden"; do keys big NPage; i=$((i + 1)); done
check "help: the levels" wait_for big "Roof garden"
keys big Escape q

# --- what a review found: a multi-line paste stays in the editor, the
# choice under the cursor is always in view, the keys of every screen,
# choices beyond nine, numbers a file cannot keep
out="$WORK/paste2"
f="$out/demo-2026-p2.csv"
start p2 -- --lang en --department P2 --out "$out" "$PWD/surveys/demo.ini"
wait_for p2 "question 1 of 3" >/dev/null
keys p2 c
check "editor: its own keys on the hint line" wait_for p2 "Enter accept  Esc cancel"
tm set-buffer -b lines "$(printf 'first line\nx\nq')"
# -p: as a terminal pastes for a program that asked for bracketed paste
tm paste-buffer -p -b lines -t p2
check "paste: the line breaks are spaces, the editor still open" \
	wait_for p2 "Comment: first line x q"
keys p2 Enter
check "paste: one comment, nothing ran as a command" \
	poll 5 grep -q ',skarmlas,.*,first line x q,' "$f"
check "paste: enkat is still there" wait_for p2 "question 1 of 3"
# a paste on a question is not taken as keys (it would answer and quit)
tm set-buffer -b keys "$(printf '3\nq')"
tm paste-buffer -p -b keys -t p2
check "paste on a question: said, and not taken as keys" \
	wait_for p2 "A paste is not taken as keys"
check "paste on a question: nothing answered" sh -c "! grep -q ',skarmlas,.*,answered,' '$f'"
# the same digit again moves on, as Enter does
keys p2 2
check "again: answered, on to question 2" wait_for p2 "question 2 of 3"
keys p2 Left
check "again: back at question 1" wait_for p2 "question 1 of 3"
keys p2 2
check "again: the chosen digit again moves on" wait_for p2 "question 2 of 3"
# a line that is long, then short again, shows from its start
keys p2 c
type_text p2 "$(awk 'BEGIN { for (i = 0; i < 120; i++) printf "a" }')END"
keys p2 BSpace BSpace BSpace
i=0; while [ "$i" -lt 110 ]; do tm send-keys -t p2 BSpace; i=$((i + 1)); done
check "editor: a shortened line shows from its start" poll 5 sh -c \
	"tmux -L $SOCK capture-pane -p -t p2 | grep -q '^Comment: aaaaaaaaaa\$'"
keys p2 Escape q

# resized from 80x24 to 50x15, the highlighted choice is in view; PgDn
# and PgUp take the highlight along
start rz -- --lang en --department Rz --out "$WORK/rz" "$KOMMUN"
wait_for rz "question 1 of" >/dev/null
tm resize-window -t rz -x 50 -y 15
check "resize: the highlighted choice in view" wait_for rz "> 0 ( ) Not in place"
keys rz NPage
check "PgDn: a highlighted choice is in view" sh -c \
	"tmux -L $SOCK capture-pane -p -t rz | grep -q '^  > [0-4] ( )'"
keys rz PPage PPage
check "PgUp: what Enter would choose is in view" sh -c \
	"tmux -L $SOCK capture-pane -p -t rz | grep -q '^  > [0-4] ( )' ||
	 ! tmux -L $SOCK capture-pane -p -t rz | grep -q '[0-4] ( )'"
keys rz q

# the leave screen scrolls at 50x15 and shows all four choices; Esc from
# it returns to the help it was left from, and Esc there to the question
out="$WORK/lv"
start lv 50 15 -- --lang en --department Lv --out "$out" "$PWD/surveys/demo.ini"
wait_for lv "question 1 of 3" >/dev/null
keys lv 2
mv "$out" "$WORK/lv.moved" && : >"$out"
keys lv 2
keys lv "?" q
check "leave: at 50x15 the hint line has every choice" wait_for lv "d discard  Esc stay"
keys lv NPage NPage
check "leave: the text scrolls to its end" wait_for lv "or Esc to stay."
keys lv Escape
check "leave: Esc back to the help" wait_for lv "Keys"
keys lv Escape
check "leave: and Esc from the help to the question" wait_for lv "question 3 of 3"
keys lv q d

# more than nine choices: typed whole in --plain, reached by arrows on
# the full screen (issue 8: the front ends agree)
many="$WORK/many.ini"
awk 'BEGIN {
	print "[survey]\nid = many\nversion = 1\nlanguages = en\nscoring = percent"
	print "title.en = Many\n\n[area.a]\ntitle.en = A\n"
	printf "[question.m]\narea = a\ntype = choice\ntext.en = Which one?\noptions ="
	for (i = 1; i <= 11; i++) printf " o%d", i
	print ""
	for (i = 1; i <= 11; i++) printf "o%d.label.en = Option %d\no%d.points = %d\n", i, i, i, i
	print "\n[question.n]\narea = a\ntype = number\ntext.en = How many?"
}' >"$many"
printf '11\n99999999999999999999\n123456789,123456789\n12\n' |
	"$ENKAT" --plain --lang en --department Many --out "$WORK/many" "$many" >"$WORK/many.txt" 2>&1
check "plain: option 11 is listed with its number" grep -q "^ 11) Option 11" "$WORK/many.txt"
check "plain: 11 chooses it" grep -q ',m,.*,o11,' "$WORK/many/many-1-many.csv"
check "plain: a number a file cannot keep is refused" \
	grep -q "'99999999999999999999' is refused: at most 15 digits" "$WORK/many.txt"
check "plain: so are 18 significant digits" grep -q "'123456789,123456789' is refused" "$WORK/many.txt"
check "plain: then 12 is taken" grep -q ',n,.*,12,' "$WORK/many/many-1-many.csv"
start mf -- --lang en --department Many2 --out "$WORK/many" "$many"
wait_for mf "question 1 of 2" >/dev/null
check "full screen: option 11 shown with its number" wait_for mf "11 ( ) Option 11"
i=0; while [ "$i" -lt 10 ]; do keys mf Down; i=$((i + 1)); done
keys mf Enter
check "full screen: arrows and Enter choose option 11" \
	grep -q ',m,.*,o11,' "$WORK/many/many-1-many2.csv"
keys mf q

# --- a result written before the survey's identity was defined over its
# parsed content records the file's checksum: still the same definition
# (item 14), so it resumes as it is, nothing kept aside
out="$WORK/old"
printf '1\nq\n' | "$ENKAT" --plain --lang en --department Old --out "$out" "$RULES" >/dev/null 2>&1
f="$out/regler-2026-old.csv"
sum=$(sha256sum "$RULES" | cut -d' ' -f1)
id=$(tr -d '\r' <"$f" | awk -F, 'NR == 2 { print $3 }')
sed -i "s/$id/$sum/" "$f"
printf 'q\n' | "$ENKAT" --plain --lang en --department Old --out "$out" "$RULES" \
	>"$WORK/old.txt" 2>&1
check "old identity: resumes as the same definition" grep -q "continues: 1 of" "$WORK/old.txt"
check "old identity: nothing said to have changed" sh -c "! grep -q 'has changed' '$WORK/old.txt'"
check "old identity: nothing kept aside" sh -c "! ls '$out' | grep -q kept"

# --- names: a department of 101 characters is refused whole, with a word
# (item 17), never cut in the middle of a character
name=$(awk 'BEGIN { for (i = 0; i < 101; i++) printf "ö" }')
"$ENKAT" --plain --lang en --department "$name" --out "$WORK/names" "$RULES" \
	</dev/null >"$WORK/names.txt" 2>&1
rc=$?
check "long name: refused (exit 2)" [ "$rc" -eq 2 ]
check "long name: says the limit" grep -q "101 characters long; at most 100" "$WORK/names.txt"
check "long name: nothing written" [ ! -e "$WORK/names" ]

# --- --check prints a file name through the visible-text function (item 16)
esc=$(printf 'bad\033]0;owned\007.ini')
cp "$RULES" "$WORK/$esc"
"$ENKAT" --check "$WORK/$esc" >"$WORK/check.txt" 2>&1
check "--check: no raw escape in the ok line" sh -c \
	"grep -q 'ok: survey' '$WORK/check.txt' && ! grep -q \"\$(printf '\\033')\" '$WORK/check.txt'"

finish tui-rules
