#!/bin/sh
# The yearly loop through --plain (issue 9): last year's answer and comment
# shown at each question and taken over only by the command t; the action
# plan added, changed, closed, surviving kill -9 and a resume, carried to
# the next version; finalising with the management's approval; a hand
# edit after the approval detected; reopening and the history.
set -u
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC
unset LANGUAGE
trap '' PIPE

# Two versions of one survey: 2026 drops the question gammal and adds ny.
survey() { # VERSION EXTRA-QUESTION
	cat <<EOF
[survey]
id = arlig
version = $1
languages = en sv
title.en = Yearly
title.sv = Årlig

[level.1]
title.en = Basic
title.sv = Grund

[area.styr]
title.en = Governance
title.sv = Styrning
target = 1

[question.policy]
area = styr
type = yesno
level = 1
text.en = Is there a policy?
text.sv = Finns en policy?

[question.roller]
area = styr
type = yesno
na = yes
level = 1
text.en = Are the roles set?
text.sv = Är rollerna satta?

[area.tek]
title.en = Technology
title.sv = Teknik

[question.backup]
area = tek
type = yesno
level = 1
text.en = Are there backups?
text.sv = Finns säkerhetskopior?

[question.$2]
area = tek
type = yesno
level = 1
required = no
text.en = Question $2
text.sv = Fråga $2
EOF
}
survey 2025 gammal >"$WORK/v1.ini"
survey 2026 ny >"$WORK/v2.ini"
OUT="$WORK/out"
F1="$OUT/arlig-2025-kultur.csv"
F2="$OUT/arlig-2026-kultur.csv"
# has FILE PATTERN...: every extended regular expression is in FILE
has() {
	f=$1; shift
	for p in "$@"; do
		grep -Eq -- "$p" "$f" || { echo "(no '$p' in $f)"; return 1; }
	done
}
hasnt() { ! grep -Eq -- "$2" "$1" || { echo "('$2' in $1)"; return 1; }; }
# rows FILE RECORD: the number of rows of that record (action, event, ...)
rows() { grep -c ",$2," "$1"; }

# ---- year 1: answers, an action plan with every refusal, approval
cat >"$WORK/y1.txt" <<'EOF'
c Policyn antogs 2024
1
n
a+ Inför säkerhetskopiering
2026-02-30
2026-03-31
IT-chefen
STK-2021-1717
a+ =HYPERLINK("x")



as A2 done
a+ Struken



as A3 cancelled
as A1 klar
as A1 ongoing
ae A1 comment halvvägs
ae A1 due 2026-13-01
ae A1 title
ae A9 status done
ae A1 addresses nosuch
ae A1 ansvarig IT-chefen och CISO
a
3
2
j
Eva Ek
Förvaltningsdirektör
EOF
"$ENKAT" --plain --lang en --department Kultur --respondent "Åsa" --out "$OUT" \
	"$WORK/v1.ini" <"$WORK/y1.txt" >"$WORK/y1.out" 2>&1
rc=$?
check "year 1: exit 0 (rc=$rc)" test "$rc" -eq 0
check "year 1: an impossible date refused, asked again" \
	has "$WORK/y1.out" "There is no date 2026-02-30" "Action A1 added"
check "year 1: a status outside the list refused" \
	has "$WORK/y1.out" '"klar" is not a status: give planned, ongoing, done or cancelled'
check "year 1: an invalid date in a change refused" \
	has "$WORK/y1.out" "There is no date 2026-13-01"
check "year 1: an empty title refused" has "$WORK/y1.out" "An action needs a title"
check "year 1: an unknown action refused" has "$WORK/y1.out" "There is no action A9"
check "year 1: an unknown question or area refused" \
	has "$WORK/y1.out" 'There is no area or question "nosuch" in this survey'
check "year 1: the list shows statuses, open ones first" \
	has "$WORK/y1.out" "A1 \[ongoing\] due 2026-03-31( OVERDUE)?: Inför säkerhetskopiering" \
	"addresses: question backup" "owner: IT-chefen och CISO" "case number: STK-2021-1717" \
	"A2 \[done\]: =HYPERLINK" "A3 \[cancelled\]: Struken"
check "year 1: finalising asks who approves" \
	has "$WORK/y1.out" "Who approves the result for the department's management" \
	"Final result saved."
check "year 1: final with three actions" has "$F1" ",final," 
check "year 1: three action rows" test "$(rows "$F1" action)" -eq 3
check "year 1: the action's fields as given" \
	has "$F1" ",action,A1,Inför säkerhetskopiering,,question:backup,IT-chefen och CISO,2026-03-31,ongoing,STK-2021-1717,2025,"
check "year 1: the comment of the action" has "$F1" ",halvvägs,.*,action,A1,"
check "year 1: a formula-like title is neutralised" has "$F1" "\"'=HYPERLINK\(\"\"x\"\"\)\""
check "year 1: the approval with name, role and a seal" \
	has "$F1" ",approval,.*,Eva Ek,Förvaltningsdirektör,,[0-9a-f]{64}"
check "year 1: the history: added, changed, finalise, approval" \
	has "$F1" ",event,A1,.*,action-added," ",event,A1,.*ongoing.*,action-changed," \
	",Åsa,,finalise," ",Eva Ek,Förvaltningsdirektör,approval,"
check "year 1: nothing of the refused input saved" hasnt "$F1" "2026-02-30|2026-13-01|nosuch|klar,"
check "year 1: the login name recorded" has "$F1" ",$(id -un),Eva Ek,"

# enkat-merge reads it: its questions, the new rows no trouble
"$ENKAT_MERGE" "$F1" >"$WORK/merge.out" 2>&1
rc=$?
check "enkat-merge reads a result with an action plan (rc=$rc)" test "$rc" -eq 0
check "enkat-merge names the department" has "$WORK/merge.out" "Kultur"
# the same figures as from its question rows alone
mkdir -p "$WORK/qonly"
{ head -n 1 "$F1"; sed 1d "$F1" | grep -v ',\(action\|approval\|event\),'; } \
	>"$WORK/qonly/arlig-2025-kultur.csv"
"$ENKAT_MERGE" --matrix "$WORK/m1.csv" --questions "$WORK/q1.csv" "$F1" >/dev/null 2>&1
"$ENKAT_MERGE" --matrix "$WORK/m2.csv" --questions "$WORK/q2.csv" \
	"$WORK/qonly/arlig-2025-kultur.csv" >/dev/null 2>&1
# (the matrix's last column is the approval, which the copy lacks)
check "enkat-merge: the action plan's rows change no figure" \
	sh -c "[ -s '$WORK/m1.csv' ] &&
	       [ \"\$(sed 's/,[^,]*\$//' '$WORK/m1.csv')\" = \"\$(sed 's/,[^,]*\$//' '$WORK/m2.csv')\" ] &&
	       cmp -s '$WORK/q1.csv' '$WORK/q2.csv'"
check "enkat-merge: the approval in the matrix" sh -c "tail -n 1 '$WORK/m1.csv' | tr -d '\\r' | grep -q ',approved\$'"

# opening it again: approved, read-only, the approval in the summary
printf 'n\n' | "$ENKAT" --plain --lang en --department Kultur --out "$OUT" "$WORK/v1.ini" \
	>"$WORK/y1b.out" 2>&1
check "reopened later: the approval is said" \
	has "$WORK/y1b.out" "Approved for the management by Eva Ek \(Förvaltningsdirektör\) on" \
	"Approved by Eva Ek \(Förvaltningsdirektör\)"
check "reopened later: no 'changed after approval'" hasnt "$WORK/y1b.out" "CHANGED AFTER"

# ---- a draft without an action plan is today's format, byte for byte
printf '1\nq\n' | "$ENKAT" --plain --lang en --department Gammal --out "$OUT" "$WORK/v1.ini" \
	>/dev/null 2>&1
check "a result without plan or history has today's columns" \
	sh -c "head -n 1 '$OUT/arlig-2025-gammal.csv' | tr -d '\r' | grep -q ',answer_label\$'"

# ---- actions survive kill -9 and a resume
mkfifo "$WORK/fifo"
start_fifo() {
	"$ENKAT" --plain --lang en --department Kill --out "$OUT" "$WORK/v1.ini" \
		<"$WORK/fifo" >"$WORK/$1.out" 2>&1 &
	pid=$!
	exec 3>"$WORK/fifo"
}
send() { printf '%s\n' "$@" >&3; }
FK="$OUT/arlig-2025-kill.csv"
start_fifo k1
send "a+ Överlever" "2027-01-15" "Ägaren" ""
check "kill -9: the action is added" poll 10 grep -q "Action A1 added" "$WORK/k1.out"
kill -9 "$pid"; wait "$pid" 2>/dev/null; exec 3>&-
check "kill -9: the added action is in the file" has "$FK" ",action,A1,Överlever,.*,planned,"
start_fifo k2
send "as A1 ongoing"
check "kill -9: resumed, the status changed" poll 10 grep -q "Action A1 changed" "$WORK/k2.out"
kill -9 "$pid"; wait "$pid" 2>/dev/null; exec 3>&-
check "kill -9: the change is in the file" has "$FK" ",action,A1,Överlever,.*,ongoing,"
printf 'as A1 done\na\nq\n' | "$ENKAT" --plain --lang en --department Kill --out "$OUT" \
	"$WORK/v1.ini" >"$WORK/k3.out" 2>&1
check "kill -9: resumed again, closed" has "$WORK/k3.out" "A1 \[done\] due 2027-01-15: Överlever"
check "kill -9: the history of all three changes" \
	test "$(grep -c ',action-added,\|,action-changed,' "$FK")" -eq 3

# ---- a hand edit after the approval; reopening and the history
printf '1\n1\n1\n1\nj\nPer Persson\nOrdförande\n' | "$ENKAT" --plain --lang en --department Edit \
	--respondent Bo --out "$OUT" "$WORK/v1.ini" >/dev/null 2>&1
FE="$OUT/arlig-2025-edit.csv"
check "hand edit: approved first" has "$FE" ",approval,.*,Per Persson,Ordförande,"
sed -i 's/,backup,Are there backups?,1,yes,2,2,1,0,/,backup,Are there backups?,1,no,0,2,1,0,/' "$FE"
check "hand edit: the answer edited by sed" has "$FE" ",backup,.*,no,0,2,"
printf 'n\n' | "$ENKAT" --plain --lang en --department Edit --out "$OUT" "$WORK/v1.ini" \
	>"$WORK/e1.out" 2>&1
check "hand edit: shown as changed after approval, still opened" \
	has "$WORK/e1.out" "CHANGED AFTER APPROVAL" "Summary \(final\)"
check "hand edit: declining to reopen changes nothing" has "$FE" ",approval,.*,Per Persson,"
printf 'j\nl\nq\n' | "$ENKAT" --plain --lang en --department Edit --respondent Bo \
	--out "$OUT" "$WORK/v1.ini" >"$WORK/e2.out" 2>&1
check "reopen: a draft, the approval gone from the file" \
	sh -c "grep -q ',draft,' '$FE' && ! grep -q ',approval,,' '$FE' && ! grep -q ',final,' '$FE'"
check "reopen: the approval kept in the history, the reopen recorded with the seal" \
	has "$FE" ",Per Persson,Ordförande,approval," \
	",the seal did not match: changed after approval,.*,event,.*,Bo,,reopen,"
check "reopen: the history listed" \
	has "$WORK/e2.out" "finalised, by Bo, login $(id -un)" \
	"approved: Per Persson \(Ordförande\), login $(id -un)" \
	"reopened, by Bo, login $(id -un): the seal did not match"
# approved again: the seal matches the file as it is now
printf 'f\nj\nPer Persson\nOrdförande\n' | "$ENKAT" --plain --lang en --department Edit \
	--respondent Bo --out "$OUT" "$WORK/v1.ini" >/dev/null 2>&1
printf 'n\n' | "$ENKAT" --plain --lang en --department Edit --out "$OUT" "$WORK/v1.ini" \
	>"$WORK/e3.out" 2>&1
check "approved again: no longer changed after approval" \
	sh -c "! grep -q 'CHANGED AFTER' '$WORK/e3.out' && grep -q 'Approved by Per Persson' '$WORK/e3.out'"
check "approved again: two approvals and a reopen in the history, one approval now" \
	sh -c "tr -d '\r' <'$FE' >'$WORK/fe.txt' &&
	       [ \$(grep -c ',approval,\$' '$WORK/fe.txt') -eq 2 ] &&
	       [ \$(grep -c ',reopen,\$' '$WORK/fe.txt') -eq 1 ] &&
	       [ \$(grep -c ',approval,,' '$WORK/fe.txt') -eq 1 ]"

# ---- year 2: last year's answers, taken over only by t
cat >"$WORK/y2.txt" <<'EOF'

t

t
a
s
o policy
t
q
EOF
"$ENKAT" --plain --lang en --department Kultur --respondent "Åsa" --out "$OUT" \
	"$WORK/v2.ini" <"$WORK/y2.txt" >"$WORK/y2.out" 2>&1
rc=$?
check "year 2: exit 0 (rc=$rc)" test "$rc" -eq 0
check "year 2: last year's result named at the start" \
	has "$WORK/y2.out" "Last year's result \(version 2025, .*arlig-2025-kultur.csv\)"
check "year 2: last year's answer and comment at the question" \
	has "$WORK/y2.out" "Last year: Yes \(t takes it over\)" \
	"Last year's comment: Policyn antogs 2024" "Last year: not applicable"
check "year 2: a new question says so, and t refuses there" \
	has "$WORK/y2.out" "New this year: no answer from last year." \
	"This question is new this year"
check "year 2: the summary has last year beside" has "$WORK/y2.out" "last year: "
check "year 2: the carried action listed, last year's closed ones apart" \
	has "$WORK/y2.out" "A1 \[ongoing\] due 2026-03-31.*: Inför säkerhetskopiering" \
	"Last year's \(version 2025\) closed actions:" "A2 \[done\]: =HYPERLINK" \
	"A3 \[cancelled\]: Struken"
check "year 2: taken over by t: policy yes with its comment, roller not applicable" \
	has "$F2" ",policy,Is there a policy\?,1,yes,2,2,1,0,Policyn antogs 2024," \
	",roller,Are the roles set\?,1,,,2,1,1,,.*,na,"
check "year 2: not taken over, not copied: backup unanswered" \
	has "$F2" ",backup,Are there backups\?,1,,,2,1,0,,.*,unanswered,"
check "year 2: the carried action shown at its question" \
	has "$WORK/y2.out" "Action:  A1 \[ongoing\] due 2026-03-31"
check "year 2: the open action carried with its status and history" \
	has "$F2" ",action,A1,Inför säkerhetskopiering,.*,ongoing,STK-2021-1717,2025," \
	",event,A1,.*,action-added," ",event,A1,.*,2025,.*,carried,"
check "year 2: done and cancelled actions not carried" \
	sh -c "! grep -q ',action,A2,' '$F2' && ! grep -q ',action,A3,' '$F2'"
check "year 2: last year's approval not carried" hasnt "$F2" ",approval,"

# once carried, not again (a resumed draft)
printf 'a\nq\n' | "$ENKAT" --plain --lang en --department Kultur --out "$OUT" "$WORK/v2.ini" \
	>"$WORK/y2b.out" 2>&1
check "year 2 resumed: one A1, carried once" \
	sh -c "test \$(grep -c ',action,A1,' '$F2') -eq 1 && test \$(grep -c ',carried,' '$F2') -eq 1"

# ---- --previous FILE: named, and refused when it is not last year's
mkdir -p "$WORK/arkiv"
cp "$F1" "$WORK/arkiv/forra.csv"
printf '\nq\n' | "$ENKAT" --plain --lang en --department Kultur --out "$WORK/o3" \
	--previous "$WORK/arkiv/forra.csv" "$WORK/v2.ini" >"$WORK/p1.out" 2>&1
check "--previous FILE: its answers shown" \
	has "$WORK/p1.out" "Last year's result \(version 2025, .*forra.csv\)" \
	"Last year: Yes \(t takes it over\)"
"$ENKAT" --plain --lang en --department Kultur --out "$WORK/o4" \
	--previous "$F2" "$WORK/v2.ini" </dev/null >"$WORK/p2.out" 2>&1
rc=$?
check "--previous of the same version refused (rc=$rc)" \
	sh -c "[ $rc -eq 1 ] && grep -q 'arlig-2026-kultur.csv:2: this is a result of version 2026' '$WORK/p2.out'"
printf 'x,y\n' >"$WORK/arkiv/trasig.csv"
"$ENKAT" --plain --lang en --department Kultur --out "$WORK/o4" \
	--previous "$WORK/arkiv/trasig.csv" "$WORK/v2.ini" </dev/null >"$WORK/p3.out" 2>&1
rc=$?
check "--previous of a broken file: FILE:LINE and exit 1 (rc=$rc)" \
	sh -c "[ $rc -eq 1 ] && grep -q 'trasig.csv:1: ' '$WORK/p3.out'"
"$ENKAT" --plain --lang en --department Miljö --out "$WORK/o4" \
	--previous "$WORK/arkiv/forra.csv" "$WORK/v2.ini" </dev/null >"$WORK/p4.out" 2>&1
rc=$?
check "--previous of another department's result refused (rc=$rc)" \
	sh -c "[ $rc -eq 1 ] && grep -q \"answers of department 'Kultur', not 'Miljö'\" '$WORK/p4.out'"
printf 'h\nq\n' | "$ENKAT" --plain --lang en --department Hjalp --out "$WORK/o5" \
	"$WORK/v2.ini" >"$WORK/help.out" 2>&1
check "--plain help: the yearly commands, within 80 columns" \
	sh -c "grep -q '^  a+ TITLE a new action' '$WORK/help.out' &&
	       grep -q '^  ae ID FIELD TEXT\$' '$WORK/help.out' &&
	       [ \$(sed -n '/^Commands/,/^Maturity/p' '$WORK/help.out' | wc -L) -le 80 ]"
check "--help names --previous" sh -c "'$ENKAT' --help | grep -q -- '--previous FILE'"

finish yearly
