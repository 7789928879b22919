#!/bin/sh
# The yearly loop in the full screen (issue 9), through the real ./enkat in
# tmux: a department's first year (an action added from a question,
# changed, surviving kill -9 and a resume, closed; the overview's open
# actions; the summary's actions for an area below its target; finalising
# with the management's approval), a hand edit after the approval shown as
# changed after approval, reopening with its history, and the next year:
# last year's answer and comment at each question, taken over only by the
# key, a question new this year, last year's open action carried and its
# closed one shown as last year's.
set -u
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
command -v tmux >/dev/null || { echo "tui-yearly: tmux is missing"; exit 1; }

# Last year's survey: the demo's, version 2025, without the question
# "ovrigt" (new this year in the demo's version 2026).
LAST="$WORK/demo-2025.ini"
sed -e 's/^version = 2026$/version = 2025/' -e '/^\[question\.ovrigt\]/,$d' \
	surveys/demo.ini >"$LAST"
THIS="$PWD/surveys/demo.ini"
out="$WORK/out"
f1="$out/demo-2025-kultur.csv"
f2="$out/demo-2026-kultur.csv"
run() { printf '%s' "--lang en --department Kultur --respondent Eva --out $out"; }

# afield FILE ID COLUMN: a column of the action row ID (action rows have no
# quoted comma before their own columns in these tests)
afield() {
	c=$(col_index "$1" "$3")
	r=$(col_index "$1" record)
	a=$(col_index "$1" action_id)
	tr -d '\r' <"$1" | awk -F, -v c="$c" -v r="$r" -v a="$a" -v id="$2" \
		'$r == "action" && $a == id { print $c }'
}
has_afield() { [ "$(afield "$1" "$2" "$3")" = "$4" ]; }
# pfield FILE RECORD COLUMN: a column of the first row of that record
pfield() {
	c=$(col_index "$1" "$3")
	r=$(col_index "$1" record)
	tr -d '\r' <"$1" | awk -F, -v c="$c" -v r="$r" -v rec="$2" \
		'$r == rec { print $c; exit }'
}
# the line of the screen that has TEXT
line_of() { screen "$1" | grep -F -- "$2" | head -n 1; }

# ------------------------------------------------------------ year one
start y1 -- "$(run)" "$LAST"
check "year one: first question" wait_for y1 "question 1 of 3"
check "year one: no last year, nothing said of one" sh -c \
	"! tmux -L $SOCK capture-pane -p -t y1 | grep -q 'Last year'"
keys y1 c
type_text y1 "Vi låser nästan alltid"
keys y1 Enter
wait_for y1 "Comment: Vi låser nästan alltid" >/dev/null

# --- an action added from the question: it addresses the question
keys y1 +
check "new action: asks its title" wait_for y1 "New action for this question, title:"
keys y1 Enter
check "new action: an empty title is refused with the engine's reason" \
	wait_for y1 "An action needs a title."
check "new action: nothing saved for a refused title" sh -c "! grep -q ',action,' '$f1'"
type_text y1 "Skärmlås-policy för åäö"
keys y1 Enter
check "new action: the editor shows it" wait_for y1 "Action A1"
check "new action: it addresses the question" wait_for y1 "question skarmlas"
check "new action: saved at once" has_afield "$f1" A1 action_title "Skärmlås-policy för åäö"
check "new action: addresses the question in the file" \
	has_afield "$f1" A1 action_addresses "question:skarmlas"
check "new action: planned" has_afield "$f1" A1 action_status planned
# the editor starts on the owner
keys y1 Enter
check "editor: the owner asked" wait_for y1 "Owner:"
type_text y1 "IT-chef"
keys y1 Enter
check "editor: owner saved" wait_for y1 "Action A1 saved."
check "editor: owner in the file" has_afield "$f1" A1 action_owner "IT-chef"
# a date that does not exist: the engine's message, the line kept, nothing saved
keys y1 Down Enter
check "editor: the due date asked" wait_for y1 "Due date (YYYY-MM-DD):"
type_text y1 "2025-02-30"
keys y1 Enter
check "editor: an impossible date refused with the reason" \
	wait_for y1 "There is no date 2025-02-30"
check "editor: the refused date stays for correction" wait_for y1 "Due date (YYYY-MM-DD): 2025-02-30"
check "editor: nothing saved half" has_afield "$f1" A1 action_due ""
keys y1 C-u
type_text y1 "2025-06-30"
keys y1 Enter
check "editor: the date saved" has_afield "$f1" A1 action_due "2025-06-30"
keys y1 Down Down Enter
type_text y1 "STK-2025-17"
keys y1 Enter
check "editor: the case number saved" has_afield "$f1" A1 action_case "STK-2025-17"
keys y1 Escape
check "editor: Esc back to the question" wait_for y1 "question 1 of 3"
check "question: its actions listed" wait_for y1 "A1 Skärmlås-policy för åäö (planned, due"

# --- answers; then kill -9 in the middle, and a resume
keys y1 2
wait_for y1 "question 2 of 3" >/dev/null
keys y1 n
wait_for y1 "question 3 of 3" >/dev/null
keys y1 1
wait_for y1 "Digital work (2/2)" >/dev/null
pane=$(tm display-message -p -t y1 '#{pane_pid}')
pid=$(pgrep -P "$pane" | head -n 1)
check "kill -9: enkat found" [ -n "$pid" ]
kill -9 "$pid"
check "kill -9: enkat ended" poll 5 sh -c "! kill -0 $pid 2>/dev/null"
start y1b -- "$(run)" "$LAST"
check "resume: after kill -9" wait_for y1b "continues"
keys y1b Enter
keys y1b a
check "resume: the action survived" wait_for y1b "Skärmlås-policy för åäö"
check "resume: its case number too" wait_for y1b "Case number: STK-2025-17"
check "action list: grouped by area" wait_for y1b "Grouped by area"
check "action list: overdue marked" wait_for y1b "Skärmlås-policy för åäö (OVERDUE)"

# --- closing it: status done
keys y1b Enter
wait_for y1b "Action A1" >/dev/null
keys y1b Down Down Down Down Down Enter
check "editor: the status asked with its choices" \
	wait_for y1b "Status (1 planned, 2 ongoing, 3 done, 4 cancelled):"
keys y1b C-u
type_text y1b "finished"
keys y1b Enter
check "editor: a status outside the list refused" wait_for y1b "\"finished\" is not a status"
keys y1b C-u
type_text y1b "done"
keys y1b Enter
check "editor: closed" has_afield "$f1" A1 action_status "done"
check "editor: the history has the change" wait_for y1b "action changed (done)"
keys y1b Escape
check "action list: no longer overdue once done" sh -c \
	"! tmux -L $SOCK capture-pane -p -t y1b | grep -q OVERDUE"
check "action list: the status shown" sh -c \
	"tmux -L $SOCK capture-pane -p -t y1b | grep -q 'A1 *done *2025-06-30'"
# a second action, open, for the area under the cursor (grouped by area)
keys y1b +
check "action list: + adds for the area under the cursor" \
	wait_for y1b "New action for this area, title:"
type_text y1b "Låsbara skåp"
keys y1b Enter
wait_for y1b "Action A2" >/dev/null
check "action list: the new one addresses the area" has_afield "$f1" A2 action_addresses "area:kontoret"
keys y1b Escape
keys y1b v
check "action list: grouped by status" wait_for y1b "Grouped by status"
keys y1b h
check "action list: closed ones hidden" sh -c \
	"! tmux -L $SOCK capture-pane -p -t y1b | grep -q 'Skärmlås-policy'"
keys y1b h

# --- the overview: open actions per area
keys y1b o
check "overview: a column of actions" wait_for y1b "actions"
check "overview: one open action in the office" sh -c \
	"tmux -L $SOCK capture-pane -p -t y1b | grep 'The office and the desk' | grep -q ' 1 *\$'"
check "overview: none in digital work" sh -c \
	"tmux -L $SOCK capture-pane -p -t y1b | grep 'Digital work' | grep -q ' 0 *\$'"

# --- the summary: the areas below target and their actions
keys y1b s
check "summary: below target, with its actions" wait_for y1b "The office and the desk (level 0, target 1)"
check "summary: a done action listed" wait_for y1b "A1 Skärmlås-policy för åäö (done, due 2025-06-30)"
check "summary: an open one listed" wait_for y1b "A2 Låsbara skåp (planned)"
check "summary: an area that no action addresses prompts" sh -c \
	"tmux -L $SOCK capture-pane -p -t y1b | tr '\n' ' ' | grep -q 'No action addresses these yet.*Digital work'"
check "summary: no last year column without last year" sh -c \
	"! tmux -L $SOCK capture-pane -p -t y1b | grep -q 'last year'"

# --- finalising with the management's approval
keys y1b Escape
wait_for y1b "Digital work (2/2)" >/dev/null
keys y1b 1 3 Enter
keys y1b 7 Enter
wait_for y1b "question 3 of 3" >/dev/null
keys y1b 2
check "review: every question answered" wait_for y1b "Every question is answered"
keys y1b f
check "finalise: asks first" wait_for y1b "Finalise the result?"
keys y1b y
check "finalise: asks who approves" wait_for y1b "Approved by (name):"
check "finalise: says what the approval records" wait_for y1b "your login name"
type_text y1b "$(printf '%0101d' 0)"
keys y1b Enter
check "approval: a name that is too long refused with the reason" \
	wait_for y1b "at most 100 characters"
keys y1b C-u
type_text y1b "Eva Ek"
keys y1b Enter
check "approval: asks the role" wait_for y1b "Role:"
type_text y1b "Förvaltningsdirektör"
keys y1b Enter
check "approval: the summary says final and approved" wait_for y1b "final · approved"
check "approval: who approved" \
	wait_for y1b "Approved for the management by Eva Ek (Förvaltningsdirektör) on"
check "approval: final in the file" grep -q ',final,' "$f1"
check "approval: the name in the file" [ "$(pfield "$f1" approval person)" = "Eva Ek" ]
check "approval: the role in the file" [ "$(pfield "$f1" approval role)" = "Förvaltningsdirektör" ]
check "approval: the login name in the file" [ "$(pfield "$f1" approval changed_by)" = "$(id -un)" ]
check "approval: dated today" sh -c \
	"tr -d '\r' <'$f1' | grep ',approval,' | grep -q \",$(date -u +%Y-%m-%d)T\""
check "approval: sealed (SHA-256)" sh -c \
	"[ \"\$(tr -d '\r' <'$f1' | grep ',approval,' | awk -F, '{ print \$NF }' | grep -cx '[0-9a-f]\{64\}')\" = 1 ]"
check "approval: the history has finalised" sh -c "tr -d '\r' <'$f1' | grep -q ',Eva,,finalise,\$'"
check "approval: the history has approved" \
	sh -c "tr -d '\r' <'$f1' | grep -q ',Eva Ek,Förvaltningsdirektör,approval,\$'"
keys y1b q
check "year one: leaves" wait_for y1b "[exit 0]"

# --- a hand edit after the approval: shown as changed after approval
cp "$f1" "$WORK/approved.csv"
sed -i 's/Vi låser nästan alltid/Vi låser alltid/' "$f1"
check "hand edit: the file changed" sh -c "! cmp -s '$f1' '$WORK/approved.csv'"
start y1c -- "$(run)" "$LAST"
check "hand edit: still opens, and says so" wait_for y1c "CHANGED AFTER APPROVAL"
keys y1c Enter
check "hand edit: the summary says changed after approval" \
	wait_for y1c "final · changed after approval"
check "hand edit: and why" wait_for y1c "CHANGED AFTER APPROVAL: the seal does not match."
# the same file untouched opens as approved: the seal matches
mkdir -p "$WORK/untouched"
cp "$WORK/approved.csv" "$WORK/untouched/demo-2025-kultur.csv"
start un -- --lang en --department Kultur --out "$WORK/untouched" "$LAST"
wait_for un "finalised" >/dev/null
keys un Enter
check "untouched: final and approved" wait_for un "final · approved"
check "untouched: not changed after approval" sh -c \
	"! tmux -L $SOCK capture-pane -p -t un | grep -qi 'changed after approval'"
keys un q

# --- reopening keeps the history
keys y1c e
check "reopen: says the approval no longer holds" \
	wait_for y1c "the management's approval no longer holds"
keys y1c y
check "reopen: a draft again" wait_for y1c "Reopened: the result is a draft again."
check "reopen: the file is a draft" grep -q ',draft,' "$f1"
check "reopen: no approval row left" sh -c "! tr -d '\r' <'$f1' | grep -q ',approval,,,,,,,,,,'"
check "reopen: the approval kept in the history" \
	sh -c "tr -d '\r' <'$f1' | grep -q ',Eva Ek,Förvaltningsdirektör,approval,'"
check "reopen: the reopen in the history, with the broken seal" \
	sh -c "tr -d '\r' <'$f1' | grep ',reopen,' | grep -q 'seal did not match'"
keys y1c NPage NPage
check "reopen: the history on the summary" wait_for y1c "reopened: Eva, login"
check "reopen: the approval on the summary's history" wait_for y1c "approved: Eva Ek (Förvaltningsdirektör)"
keys y1c q
wait_for y1c "[exit 0]" >/dev/null

# ------------------------------------------------------------ next year
start y2 -- "$(run)" "$THIS"
check "next year: says last year's result is shown" wait_for y2 "Last year's result (version 2025"
keys y2 Enter
check "next year: first question" wait_for y2 "question 1 of 3"
# (the option's label in the interface's language, not the file's Swedish)
check "next year: last year's answer shown" wait_for y2 "Last year: Sometimes (t takes it over)"
check "next year: last year's comment shown" wait_for y2 "Last year's comment: Vi låser alltid"
keys y2 NPage
check "next year: last year's done action for the question, as last year's" \
	wait_for y2 "A1 Skärmlås-policy för åäö (done; last year's)"
check "next year: the hint offers t" sh -c \
	"tmux -L $SOCK capture-pane -p -t y2 | tail -n 1 | grep -q 't last year'"
check "next year: nothing taken without the key" sh -c \
	"[ ! -e '$f2' ] || ! grep -q ',skarmlas,.*,answered,' '$f2'"
keys y2 t
check "take over: on to the next question" wait_for y2 "question 2 of 3"
check "take over: said" wait_for y2 "Last year's answer taken over."
check "take over: the answer in this year's file" grep -q ',skarmlas,.*,ibland,1,4,' "$f2"
check "take over: last year's comment with it" grep -q ',skarmlas,.*,Vi låser alltid,' "$f2"
check "take over: N/A shown for the next" wait_for y2 "Last year: not applicable"
keys y2 1
check "no key, no take-over: this year's own answer" grep -q ',las_skap,.*,yes,2,2,1,0,' "$f2"
check "no key, no take-over: question 3 left unanswered" \
	grep -q ',utskrifter,.*,unanswered,' "$f2"
keys y2 Tab
keys y2 Right Right Right
check "new this year: said at the question" wait_for y2 "New this year: no answer from last year."
keys y2 t
check "new this year: t refused with the engine's reason" \
	wait_for y2 "This question is new this year"

# --- the action plan next year: open ones carried, closed ones last year's
keys y2 a
check "next year: the open action carried" wait_for y2 "A2   planned"
check "next year: last year's closed actions" wait_for y2 "Last year's closed actions (version 2025)"
check "next year: the done one shown as last year's" wait_for y2 "A1   done"
check "next year: the carried action in the file" has_afield "$f2" A2 action_title "Låsbara skåp"
no_action() { [ -z "$(afield "$1" "$2" action_title)" ]; }
check "next year: the done one not carried" no_action "$f2" A1
keys y2 Enter
check "next year: the carried action in the editor" wait_for y2 "Action A2"
check "next year: says where it was carried from" wait_for y2 "Carried over from version 2025."
keys y2 2
check "editor: a digit off the status says so" wait_for y2 "Digits set the status: move to it first."
keys y2 Down Down Down Down Down 2
check "editor: 2 on the status: ongoing at once" wait_for y2 "Action A2 saved."
check "editor: ongoing in the file" has_afield "$f2" A2 action_status ongoing
keys y2 9
check "editor: 9 is no status (the engine's message)" wait_for y2 "\"9\" is not a status"
check "editor: the status unchanged" has_afield "$f2" A2 action_status ongoing
keys y2 Escape
keys y2 Down Down Down Down Enter
check "next year: last year's closed action is not edited" \
	wait_for y2 "Last year's closed action: shown as it was"
keys y2 s
check "next year: the summary has last year's column" wait_for y2 "last year"
check "next year: and where last year's result is" wait_for y2 "Last year: version 2025"
# at the smallest size (50x15): last year's figures under this year's,
# nothing beyond the width; the action list too
tm resize-window -t y2 -x 50 -y 15
check "50x15: last year's figures under this year's" wait_for y2 "last year: 62.5 %, level 0"
check "50x15: the summary within 50 columns" sh -c \
	"[ \$(tmux -L $SOCK capture-pane -p -t y2 | LC_ALL=C.UTF-8 wc -L) -le 50 ]"
keys y2 a
check "50x15: a title on a line of its own, whole" wait_for y2 "    Skärmlås-policy för åäö"
check "50x15: the action list within 50 columns" sh -c \
	"[ \$(tmux -L $SOCK capture-pane -p -t y2 | LC_ALL=C.UTF-8 wc -L) -le 50 ]"
tm resize-window -t y2 -x 80 -y 24
keys y2 "?"
i=0
while [ "$i" -lt 8 ] && ! screen y2 | grep -q "take last year's answer over"; do
	keys y2 NPage; i=$((i + 1))
done
check "help: the take-over key" wait_for y2 "take last year's answer over"
while [ "$i" -lt 8 ] && ! screen y2 | grep -q "In the action plan"; do
	keys y2 NPage; i=$((i + 1))
done
check "help: the action plan's keys" wait_for y2 "group the list by area, by status"
keys y2 q
check "next year: leaves" wait_for y2 "[exit 0]"

finish tui-yearly
