#!/bin/sh
# The session's file lifecycle through the real programs: answers hidden by
# skip logic kept in the result file (enkat-results(5), States), the copy
# kept when the survey changes under a result (never read by a merge of the
# folder), and a result rewritten only when something changed.
set -u
cd "$(dirname "$0")/../.." || exit 2
. tests/tui/lib.sh
command -v tmux >/dev/null || { echo "session: tmux is missing"; exit 1; }
ENKAT_MERGE="${ENKAT_MERGE:-$PWD/enkat-merge}"
DEMO="$PWD/surveys/demo.ini"

# state FILE QUESTION: the state column of QUESTION's row
state() { awk -F, -v q="$2" '$11 == q { print $(NF - 1) }' "$1" | tr -d '\r'; }
# answer FILE QUESTION: its answer column (fields here hold no commas)
answer() { awk -F, -v q="$2" '$11 == q { print $14 }' "$1"; }

# --- 1. An answer hidden by skip logic comes back in a later session.
# natfiske_rapport is shown only when natfiske_antal > 0.
out="$WORK/hidden"
csv="$out/demo-2026-sess.csv"
start h1 -- --department Sess --out "$out" "$DEMO"
wait_for h1 "question 1 of 3" >/dev/null
keys h1 2
keys h1 1
keys h1 1
wait_for h1 "Digital work" >/dev/null
keys h1 1 Enter                                 # skydd: mfa
wait_for h1 "from 0 to 10" >/dev/null
keys h1 7 Enter                                 # natfiske_antal: 7
check "hidden: the follow-up is shown" wait_for h1 "question 3 of 4"
keys h1 2                                       # natfiske_rapport: partly
check "hidden: moves on after the follow-up" wait_for h1 "question 4 of 4"
keys h1 Left
check "hidden: back at the follow-up" wait_for h1 "(*) Partly"
keys h1 Left
check "hidden: back at the gate" wait_for h1 "question 2 of 4"
keys h1 0 Enter                                 # natfiske_antal: 0 hides it
check "hidden: the follow-up is hidden" wait_for h1 "question 3 of 3"
keys h1 q
check "hidden: q leaves" wait_for h1 "[exit 0]"
check "hidden: the file keeps the hidden answer" \
	[ "$(state "$csv" natfiske_rapport)" = hidden-answered ]
check "hidden: ... with its answer" [ "$(answer "$csv" natfiske_rapport)" = partly ]
check "hidden: ... and no value, na 1" \
	grep -q ',natfiske_rapport,.*,partly,,2,1,1,.*,yesno,hidden-answered,Delvis' "$csv"

start h2 -- --department Sess --out "$out" "$DEMO"
check "hidden: a later session resumes" wait_for h2 "continues"
keys h2 Enter
wait_for h2 "question 3 of 3" >/dev/null
keys h2 Left
check "hidden: at the gate again" wait_for h2 "question 2 of 3"
keys h2 5 Enter                                 # natfiske_antal: 5 shows it
check "hidden: the follow-up is shown again" wait_for h2 "question 3 of 4"
check "hidden: with the answer it had" wait_for h2 "(*) Partly"
check "hidden: the file holds it as an answer again" \
	[ "$(state "$csv" natfiske_rapport)" = answered ]
check "hidden: ... the same answer" [ "$(answer "$csv" natfiske_rapport)" = partly ]
keys h2 q
wait_for h2 "[exit 0]" >/dev/null

# --- 2. enkat-merge counts a hidden row as not applicable, whatever it
# keeps: the figures are those of the same file with nothing kept.
m="$WORK/merge-hidden"
mkdir -p "$m/kept" "$m/plain"
sed 's/,natfiske_antal,\(.*\),5,2,4,1,0,/,natfiske_antal,\1,0,0,4,1,0,/' "$csv" |
	sed 's/,draft,/,final,/' >"$m/kept/a.csv"
check "merge: the gate set to 0 in the copy" grep -q ',natfiske_antal,.*,0,0,4,1,0,' "$m/kept/a.csv"
sed -i 's/,natfiske_rapport,\(.*\),partly,1,2,1,0,\(.*\),yesno,answered,Delvis/,natfiske_rapport,\1,partly,,2,1,1,\2,yesno,hidden-answered,Delvis/' \
	"$m/kept/a.csv"
check "merge: the copy keeps a hidden answer" \
	[ "$(state "$m/kept/a.csv" natfiske_rapport)" = hidden-answered ]
sed 's/,partly,,2,1,1,\(.*\),yesno,hidden-answered,Delvis/,,,2,1,1,\1,yesno,hidden,/' \
	"$m/kept/a.csv" >"$m/plain/a.csv"
check "merge: ... and the other copy does not" \
	[ "$(state "$m/plain/a.csv" natfiske_rapport)" = hidden ]
for k in kept plain; do
	"$ENKAT_MERGE" --questions "$m/$k.q.csv" --matrix "$m/$k.m.csv" "$m/$k" \
		>"$m/$k.out" 2>&1
	echo $? >"$m/$k.rc"
done
check "merge: a file with a hidden answer merges" [ "$(cat "$m/kept.rc")" = 0 ]
check "merge: the same summary" cmp -s "$m/kept.out" "$m/plain.out"
check "merge: the same question figures" cmp -s "$m/kept.q.csv" "$m/plain.q.csv"
check "merge: the same matrix" cmp -s "$m/kept.m.csv" "$m/plain.m.csv"
check "merge: the hidden question counts as not applicable" \
	sh -c "tr -d '\\r' <'$m/kept.q.csv' |
	       grep -q '^demo,2026,[0-9]*,digitalt,[^,]*,natfiske_rapport,.*,1,2,1,0,0,1,,,0,,,,,\$'"

# --- 3. A changed survey under a draft: opening writes nothing; the first
# save keeps the old file where a merge of the folder never reads it.
c="$WORK/changed"
cp "$DEMO" "$c.ini"
plain() { "$ENKAT" --plain --department Kultur --out "$c" "$c.ini"; }
# stamp FILE: bytes, inode and time of change, to tell an untouched file
stamp() { { cksum <"$1"; stat -c '%i %y' "$1"; } 2>&1; }
printf '2\n' | plain >"$WORK/c1.out" 2>&1
f="$c/demo-2026-kultur.csv"
check "changed: a draft to start from" grep -q ',draft,' "$f"
sed -i 's/^\[question.natfiske_antal\]$/&\nweight = 2/' "$c.ini"
before=$(stamp "$f")
printf 'q\n' | plain >"$WORK/c2.out" 2>&1
check "changed: opening and quitting leaves the file as it was" [ "$(stamp "$f")" = "$before" ]
check "changed: ... and keeps no copy yet" [ -z "$(ls "$c" | grep -v '^demo-2026-kultur.csv$')" ]
check "changed: the change is listed" grep -q "Question natfiske_antal: weight 1 -> 2" \
	"$WORK/c2.out"
printf '1\n' | plain >"$WORK/c3.out" 2>&1
check "changed: the first save keeps the old file" \
	[ "$(ls "$c" | grep -c '^demo-2026-kultur\.csv\.[0-9a-f]\{12\}\.kept$')" = 1 ]
check "changed: ... and writes the new one" grep -q ',natfiske_antal,.*,2,0,,2,0.75,number,' "$f"
"$ENKAT_MERGE" --include-drafts "$c" >"$WORK/c.merge" 2>&1
check "changed: the folder with the kept copy merges" [ $? -eq 0 ]
check "changed: ... one result from one file" grep -q "Merged 1 result from 1 file" \
	"$WORK/c.merge"

# --- 4. A final result stays final and untouched when the survey changes;
# only reopening it writes.
c="$WORK/final"
cp "$DEMO" "$c.ini"
printf '2\n' | plain >/dev/null 2>&1
f="$c/demo-2026-kultur.csv"
sed -i 's/,draft,/,final,/' "$f"
printf '; a comment, no change\n\n' >>"$c.ini"
before=$(stamp "$f")
printf 'q\n' | plain >"$WORK/f1.out" 2>&1
check "final: a comment in the survey leaves it untouched" [ "$(stamp "$f")" = "$before" ]
sed -i 's/^\[question.natfiske_antal\]$/&\nweight = 2/' "$c.ini"
printf 'q\n' | plain >"$WORK/f2.out" 2>&1
check "final: a changed survey leaves it untouched" [ "$(stamp "$f")" = "$before" ]
check "final: ... still final" grep -q ',final,' "$f"
check "final: ... no copy kept" [ "$(ls "$c" | wc -l)" = 1 ]

finish session
