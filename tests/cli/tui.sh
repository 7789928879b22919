#!/bin/sh
# End-to-end tests of the full-screen enkat, driven in tmux like a person
# over SSH would: keys in, screens and result files out. Goldens live in
# tests/tui/golden (UPDATE=1 rewrites them; review the diff).
set -u
cd "$(dirname "$0")/../.." || exit 2
. tests/tui/lib.sh
command -v tmux >/dev/null || { echo "tui: tmux is missing"; exit 1; }

DEMO="$PWD/surveys/demo.ini"
G=tests/tui/golden

# --- a full walk through the demo survey, in Swedish, with every type,
# a comment with åäö, N/A, skip logic, review and finalising
out="$WORK/walk"
start walk -- --lang sv --department "'Miljöförvaltningen'" --respondent "'Åsa Öberg'" \
	--out "$out" "$DEMO"
check "walk: opens at the first question" wait_for walk "fråga 1 av 3"
keys walk c
type_text walk 'Vi låser alltid; "oftast" räcker inte, =A1'
keys walk Enter
check "walk: comment shown" wait_for walk "Kommentar: Vi låser alltid"
keys walk Down Down Enter                      # skarmlas: oftast (highlighted)
check "walk: moves on after answering" wait_for walk "fråga 2 av 3"
keys walk n                                     # las_skap: not applicable
check "walk: N/A moves on" wait_for walk "fråga 3 av 3"
keys walk 1                                     # utskrifter: pinkod
check "walk: next area" wait_for walk "Digitalt arbete (2/2)"
keys walk 1 3 Enter                             # skydd: mfa + uppdateringar
check "walk: number question" wait_for walk "från 0 till 10"
keys walk 7 Enter                               # natfiske_antal: 7 (typed)
check "walk: skip logic shows the follow-up" wait_for walk "fråga 3 av 4"
keys walk 2                                     # natfiske_rapport: partly
keys walk Enter
type_text walk "Mer utbildning för åäö-användare"
keys walk Enter                                 # ovrigt: text
check "walk: review after the last question" wait_for walk "Alla frågor är besvarade"
keys walk f
check "walk: asks before finalising" wait_for walk "Slutföra resultatet?"
keys walk j
check "walk: asks who approves" wait_for walk "Godkänt av (namn):"
keys walk Enter                                 # no name: final, not approved
check "walk: summary after finalising" wait_for walk "Alla områden"
csv="$out/demo-2026-miljoforvaltningen.csv"
check "walk: result file matches the golden" same_as_golden "$csv" "$G/walk.csv"
keys walk q
check "walk: q leaves" wait_for walk "[exit 0]"

# --- a final result opens read-only; reopening is explicit and confirmed
start final -- --lang sv --department "'Miljöförvaltningen'" --out "$out" "$DEMO"
check "final: says it is final" wait_for final "slutfördes"
keys final Enter
keys final Escape
check "final: read-only question screen" wait_for final "skrivskyddad"
keys final 1
check "final: refuses a change" wait_for final "Resultatet är slutfört och skrivskyddat"
keys final s e
check "final: asks before reopening" wait_for final "Öppna det slutförda resultatet"
keys final j
check "final: reopened" wait_for final "Öppnat igen"
check "final: file is a draft again" grep -q ",draft," "$csv"
keys final q

# --- resume after the terminal is killed mid-survey (SIGHUP), twice
out="$WORK/resume"
start r1 -- --department Kultur --out "$out" "$DEMO"
wait_for r1 "question 1 of 3" >/dev/null
keys r1 2 1
wait_for r1 "question 3 of 3" >/dev/null
tm kill-session -t r1
check "resume: no enkat left running after the hangup" \
	wait_gone "^$ENKAT --department Kultur --out $out" 2
start r2 -- --department Kultur --out "$out" "$DEMO"
check "resume: says where it continues" wait_for r2 "continues: 2 of 6 answered"
keys r2 Enter
check "resume: opens at the first unanswered" wait_for r2 "question 3 of 3"
keys r2 3
wait_for r2 "Digital work" >/dev/null
tm kill-session -t r2
wait_gone "^$ENKAT --department Kultur --out $out" 2 >/dev/null
start r3 -- --department Kultur --out "$out" "$DEMO"
check "resume twice: 3 answered" wait_for r3 "continues: 3 of 6 answered"
keys r3 q
n_answered=$(grep -c ',answered,' "$out/demo-2026-kultur.csv")
check "resume: the file holds the 3 answers" [ "$n_answered" -eq 3 ]

# --- SIGTERM: the process ends at once, the terminal restored, nothing lost
start term -- --department Term --out "$WORK/term" "$DEMO"
wait_for term "question 1 of 3" >/dev/null
keys term 2
wait_for term "question 2 of 3" >/dev/null
pkill -TERM -f "^$ENKAT --department Term --out $WORK/term"
check "SIGTERM: ends within a second" wait_for term "[exit 0]" 1
check "SIGTERM: the answer is in the file" grep -q ',skarmlas,.*,answered,' \
	"$WORK/term/demo-2026-term.csv"

# --- a hangup that sends no SIGHUP (enkat in a session of its own): the
# terminal's reads fail at once, forever; enkat must end, not spin
PRE="exec setsid -w" start hup -- --department Hup --out "$WORK/hup" "$DEMO"
wait_for hup "question 1 of 3" >/dev/null
keys hup 2
wait_for hup "question 2 of 3" >/dev/null
tm kill-session -t hup
check "hangup without SIGHUP: enkat has ended within 2 s" \
	wait_gone "^$ENKAT --department Hup --out $WORK/hup" 2
check "hangup without SIGHUP: the answer is in the file" grep -q ',skarmlas,.*,answered,' \
	"$WORK/hup/demo-2026-hup.csv"

# --- a second session on the same department is read-only and says who
out="$WORK/two"
start a -- --department Skola --out "$out" "$DEMO"
wait_for a "question 1 of 3" >/dev/null
start b -- --department Skola --out "$out" "$DEMO"
check "second session: told who holds it" wait_for b "open in another session: tester on"
keys b Enter 2
check "second session: cannot write" wait_for b "Read-only: another session"
keys a 2
wait_for a "question 2 of 3" >/dev/null
keys b q
keys a q
check "second session: first one's answer kept" grep -q ",answered," "$out/demo-2026-skola.csv"
# a lock left by a killed session is taken over, saying so
start c -- --department Skola --out "$out" "$DEMO"
wait_for c "continues" >/dev/null
pid=$(pgrep -f "^$ENKAT --department Skola --out $out" | head -n 1)
kill -9 "$pid"
start d -- --department Skola --out "$out" "$DEMO"
check "stale lock: taken over with a message" wait_for d "ended without closing"
keys d q

# --- resize to 60x20 and back, keeping the place
out="$WORK/resize"
start rs -- --department IT --out "$out" "$DEMO"
wait_for rs "question 1 of 3" >/dev/null
keys rs 3
tm resize-window -t rs -x 60 -y 20
check "resize: redrawn at 60x20" wait_for rs "question 2 of 3"
check "resize: nothing beyond 60 columns" sh -c \
	"[ \$(tmux -L $SOCK capture-pane -p -t rs | LC_ALL=C.UTF-8 wc -L) -le 60 ]"
tm resize-window -t rs -x 40 -y 10
check "resize: too small says so" wait_for rs "too small"
tm resize-window -t rs -x 80 -y 24
check "resize: back at 80x24" wait_for rs "question 2 of 3"
keys rs 1
check "resize: answering goes on" wait_for rs "question 3 of 3"
keys rs q

# --- --lang en, NO_COLOR, the interface language from the locale
start en -- --lang en --department IT --out "$WORK/en" "$DEMO"
check "--lang en: English interface and survey" wait_for en "The office and the desk"
keys en q
ENV_EXTRA="LANG=sv_SE.UTF-8" start svloc -- --department IT --out "$WORK/sv" "$DEMO"
check "sv_SE locale: Swedish without --lang" wait_for svloc "fråga 1 av 3"
keys svloc q
start colour -- --department IT --out "$WORK/c1" "$DEMO"
wait_for colour "question 1 of 3" >/dev/null
tm capture-pane -e -p -t colour >"$WORK/colour.txt"
check "colour: used by default" grep -q "$(printf '\033')\\[[0-9;]*3[0-7]m" "$WORK/colour.txt"
keys colour q
ENV_EXTRA="NO_COLOR=1" start nocolour -- --department IT --out "$WORK/c2" "$DEMO"
wait_for nocolour "question 1 of 3" >/dev/null
tm capture-pane -e -p -t nocolour >"$WORK/nocolour.txt"
check "NO_COLOR: no colour at all" sh -c \
	"! grep -q \"\$(printf '\\033')\\[[0-9;]*[34][0-7]m\" '$WORK/nocolour.txt'"
keys nocolour q

# --- asking for the department when none is given (UTF-8 line editing)
out="$WORK/ask"
start ask -- --lang sv --out "$out" "$DEMO"
check "identity: asks for the department" wait_for ask "Förvaltning:"
type_text ask "Socialförvaltningenx"
keys ask BSpace Left Left
type_text ask "Å"
keys ask Enter
type_text ask "Örjan"
keys ask Enter
check "identity: goes to the first question" wait_for ask "fråga 1 av 3"
keys ask 1 q
check "identity: department edited by character, not byte" \
	grep -q ",SocialförvaltningÅen,Örjan," "$out/demo-2026-socialforvaltningaen.csv"

# --- a save that fails (full disk; here a file-size limit) is shown in a
# line that fits 80 columns, the file stays whole, and leaving with the
# change unsaved is never silent: retry, another folder, or an explicit
# "leave without them" (issue 8, item 2)
out="$WORK/full"
start f1 -- --department Full --out "$out" "$DEMO"
wait_for f1 "question 1 of 3" >/dev/null
keys f1 2 q
cp "$out/demo-2026-full.csv" "$WORK/full-before.csv"
PRE="ulimit -f 1;" start f2 -- --department Full --out "$out" "$DEMO"
keys f2 Enter
wait_for f2 "question 2 of 3" >/dev/null
keys f2 1
check "failed save: shown on screen" wait_for f2 "NOT SAVED: File too large."
check "failed save: the whole line fits 80 columns" wait_for f2 "retried at the next change."
check "failed save: moves on like a saved answer, the message stays" \
	wait_for f2 "question 3 of 3"
check "failed save: the file on disk is whole" cmp -s "$out/demo-2026-full.csv" "$WORK/full-before.csv"
keys f2 q
check "failed save: q does not leave silently" wait_for f2 "could not be saved"
keys f2 Escape
check "failed save: Esc stays" wait_for f2 "question 3 of 3"
keys f2 q d
check "failed save: d leaves, saying what is lost" wait_for f2 "NOT saved"
check "failed save: d exits 1" wait_for f2 "[exit 1]"
# the result folder taken away mid-session (as root, whom a read-only
# folder does not stop, a file in its place does): w saves elsewhere
out="$WORK/gone"
start f3 -- --department Gone --out "$out" "$DEMO"
wait_for f3 "question 1 of 3" >/dev/null
keys f3 2
wait_for f3 "question 2 of 3" >/dev/null
mv "$out" "$WORK/gone.moved" && : >"$out"
keys f3 1
check "folder gone: not saved, said" wait_for f3 "NOT SAVED"
keys f3 q
check "folder gone: q offers the choices" wait_for f3 "could not be saved"
keys f3 r
check "folder gone: retry fails and says so" wait_for f3 "Still not saved"
keys f3 w
check "folder gone: another folder offered, home first" wait_for f3 "Folder: $WORK"
keys f3 C-u
type_text f3 "$WORK/elsewhere"
keys f3 Enter
check "folder gone: says where the answers went" wait_for f3 "saved in $WORK/elsewhere"
check "folder gone: exit status 1" wait_for f3 "[exit 1]"
check "folder gone: the other folder holds both answers" sh -c \
	"grep -q ',skarmlas,.*,answered,' '$WORK/elsewhere/demo-2026-gone.csv' &&
	 grep -q ',las_skap,.*,answered,' '$WORK/elsewhere/demo-2026-gone.csv'"
check "folder gone: nobody else can read the copy" sh -c \
	"[ -z \"\$(find '$WORK/elsewhere' -perm /o=rwx)\" ]"
# a hangup with a change unsaved: nobody to ask, so it goes to $HOME
out="$WORK/gone2"
start f4 -- --department Gone --out "$out" "$DEMO"
wait_for f4 "question 1 of 3" >/dev/null
keys f4 2
wait_for f4 "question 2 of 3" >/dev/null
mv "$out" "$WORK/gone2.moved" && : >"$out"
keys f4 3
wait_for f4 "NOT SAVED" >/dev/null
tm kill-session -t f4
check "hangup unsaved: enkat has ended" wait_gone "department Gone --out $out"
check "hangup unsaved: the answers are in \$HOME" \
	grep -q ',las_skap,.*,answered,' "$WORK/demo-2026-gone.csv"

# --- the whole bundled survey, from start to final result, with the
# terminal killed twice on the way (as a dropped SSH connection would)
out="$WORK/full-walk"
answer_current() { # answers whatever question is on the screen
	s=$(screen "$1")
	case "$s" in
	*"skriv svar"*) keys "$1" Enter; type_text "$1" 5; keys "$1" Enter ;;
	*"[ ]"*|*"[x]"*) keys "$1" 1 Enter ;;
	*"3 ( )"*|*"3 (*)"*) keys "$1" 3 ;;
	*) keys "$1" 1 ;;
	esac
}
session=w1
start w1 -- --lang sv --department "'Stadsbyggnadsförvaltningen'" --out "$out"
wait_for w1 "fråga 1 av 6" >/dev/null
steps=0
while ! screen "$session" | grep -q "Alla frågor är besvarade" && [ "$steps" -lt 120 ]; do
	answer_current "$session"
	steps=$((steps + 1))
	if [ "$steps" -eq 15 ] || [ "$steps" -eq 35 ]; then
		tm kill-session -t "$session"
		session="w$steps"
		start "$session" -- --lang sv --department "'Stadsbyggnadsförvaltningen'" --out "$out"
		wait_for "$session" "fortsätter" >/dev/null || break
		keys "$session" Enter
	fi
done
keys "$session" f j
poll 5 sh -c "tmux -L $SOCK capture-pane -p -t $session | grep -qE 'Godkänd av|Approved by'"
keys "$session" Enter
check "bundled survey: finalised after two interruptions" wait_for "$session" "Slutfört resultat sparat"
f="$out/infosak-kommun-2026-stadsbyggnadsforvaltningen.csv"
# (61 question rows; the history's finalise row besides)
check "bundled survey: final, with every shown question answered" sh -c \
	"grep ',final,' '$f' | grep -v ',event,' | wc -l | grep -qx 61 &&
	 grep -q ',event,.*,finalise,' '$f' && ! grep -q ',unanswered,' '$f'"
keys "$session" q

# --- the first screen of the bundled survey, golden
start first -- --lang sv --department Kultur --out "$WORK/first"
wait_for first "fråga 1 av 6" >/dev/null
screen first >"$WORK/first.txt"
if [ "${UPDATE:-}" = 1 ]; then cp "$WORK/first.txt" "$G/first-screen.txt"; fi
check "first screen: matches the golden" diff -u "$G/first-screen.txt" "$WORK/first.txt"
keys first q

finish tui
