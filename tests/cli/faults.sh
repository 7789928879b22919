#!/bin/sh
# Fault tests of the real enkat: kill -9 at random moments of a walk through
# the bundled survey, hostile text, large and odd input, file modes and
# failed saves. Random choices (the kill moments) are seeded: SEED=N
# repeats a run (every failure line names the seed; FAULTS_SEED is the old
# name); FAULTS_ONLY="kill hostile large modes saves" picks sections;
# FAULTS_TRIALS sets the number of kill trials (default 30).
set -u
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
command -v tmux >/dev/null || { echo "faults: tmux is missing"; exit 1; }
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC
unset LANGUAGE
KOMMUN="$PWD/surveys/kommun.ini"
DEMO="$PWD/surveys/demo.ini"
ONLY="${FAULTS_ONLY:-kill hostile large modes saves}"
ESC=$(printf '\033')
BEL=$(printf '\007')

SEED=${SEED:-${FAULTS_SEED:-$(date +%s)}}
echo "faults: seed $SEED (SEED=$SEED repeats these choices)"
want() { case " $ONLY " in *" $1 "*) return 0 ;; esac; return 1; }
# plain ARGS...: enkat --plain, standard input from $IN (default: "q")
plain() { printf '%s\n' "${IN:-q}" | "$ENKAT" --plain "$@"; }

# ---------------------------------------------------------------- kill -9
# Each trial resumes the department's draft, answers a few questions,
# captures the screen, and kills enkat with SIGKILL: sometimes idle,
# sometimes a random few milliseconds after the key that answers the next
# question (while it is being saved). The draft must then read back (enkat
# --plain resumes it), hold at least every answer the screen showed as
# given, at most one more, never fewer than before; and, after an idle
# kill, reopen at the very question the screen showed.

# progress NAME: the "N/M answered" count on the question screen (the
# word itself may be cut at 80 columns); total NAME: M; review NAME: true
# on the review screen (after the last answer)
progress() { screen "$1" | sed -n 's/.*· \([0-9]*\)\/[0-9]* answ.*/\1/p' | head -n 1; }
total() { screen "$1" | sed -n 's/.*· [0-9]*\/\([0-9]*\) answ.*/\1/p' | head -n 1; }
review() { screen "$1" | grep -q "Every question is answered"; }
# has_progress NAME: a question screen; moved_on NAME N: the count is no
# longer N, or the review screen is up (conditions for poll)
has_progress() { [ -n "$(progress "$1")" ]; }
started() { has_progress "$1" || screen "$1" | grep -q "continues"; }
moved_on() { [ "$(progress "$1")" != "$2" ] || review "$1"; }

# answer_keys NAME: sends the keys that answer the question on the screen
answer_keys() {
	s=$(screen "$1")
	case "$s" in
	*"type answer"*) keys "$1" Enter; tm send-keys -t "$1" -l 5
		tm send-keys -t "$1" Enter ;;
	*"[ ]"*|*"[x]"*) tm send-keys -t "$1" 1 Enter ;;
	*"3 ( )"*|*"3 (*)"*) tm send-keys -t "$1" 3 ;;
	*) tm send-keys -t "$1" 1 ;;
	esac
}

# saved_count DIR: answers in DIR's draft, as enkat itself reads it back;
# fails when the draft does not read
saved_count() {
	out=$(plain --department Kill --out "$1" "$KOMMUN" 2>&1) || {
		echo "$out" | head -n 5; return 1; }
	n=$(printf '%s\n' "$out" | sed -n 's/.*continues: \([0-9]*\) of [0-9]* answered.*/\1/p')
	echo "${n:-0}"
}

kill_trials() {
	trials=${FAULTS_TRIALS:-30}
	dir="$WORK/kill1"
	part=1
	before=0
	t0=$(now_ms)
	trial=0
	killed_in_flight=0
	while [ "$trial" -lt "$trials" ]; do
		trial=$((trial + 1))
		name="kill$trial"
		# wide, so that the header's "N/M answered" is never cut: these
		# trials are about what is saved, not about the layout
		start "$name" 132 30 -- --department Kill --out "$dir" "$KOMMUN"
		if ! poll 5 started "$name"; then
			ko "kill trial $trial: enkat did not start"; screen "$name"
			tm kill-session -t "$name"; continue
		fi
		if screen "$name" | grep -q "continues"; then
			tm send-keys -t "$name" Enter
			poll 5 has_progress "$name"
		fi
		head_after=$(screen "$name" | head -n 1)
		if [ "$trial" -gt 1 ] && [ -n "${head_before:-}" ]; then
			if [ "$head_after" = "$head_before" ]; then ok
			else ko "kill trial $trial: reopened at '$head_after', not '$head_before'"; fi
		fi
		if has_progress "$name" && [ "$(progress "$name")" = "$(total "$name")" ]; then
			# done: the next trials start another department's draft
			tm kill-session -t "$name"
			part=$((part + 1))
			dir="$WORK/kill$part"
			before=0
			head_before=""
			continue
		fi
		rnd 4
		shown=$(progress "$name")
		for _ in $(seq "$R"); do
			answer_keys "$name"
			poll 5 moved_on "$name" "$shown"
			if review "$name"; then
				shown=$((shown + 1)); break
			fi
			shown=$(progress "$name")
		done
		settle "$name"
		head_before=$(screen "$name" | head -n 1)
		rnd 3
		in_flight=0
		if review "$name"; then
			head_before=""
		elif [ "$R" -gt 0 ]; then
			answer_keys "$name"
			rnd 40
			# the kill moment itself: R ms after the key, on purpose
			sleep "0.0$(printf '%02d' "$R")"
			in_flight=1
			killed_in_flight=$((killed_in_flight + 1))
			head_before=""
		fi
		last_screen=$(screen "$name")
		pid=$(pgrep -f "^$ENKAT --department Kill --out $dir" | head -n 1)
		if [ -z "$pid" ]; then
			ko "kill trial $trial: no enkat to kill"; screen "$name"
		else
			kill -9 "$pid"
		fi
		wait_for "$name" "[exit 137]" 2 >/dev/null
		tm kill-session -t "$name"
		if ! n=$(saved_count "$dir"); then
			ko "kill trial $trial: the draft does not read back: $n"
			continue
		fi
		if [ -z "$shown" ]; then
			ko "kill trial $trial: no progress on the screen:"
			printf '%s\n' "$last_screen"; continue
		fi
		if [ "$n" -ge "$shown" ] && [ "$n" -le $((shown + in_flight)) ] &&
		   [ "$n" -ge "$before" ]; then ok
		else ko "kill trial $trial: $n answers saved; the screen showed $shown" \
			"(+$in_flight in flight), $before before:"
			printf '%s\n' "$last_screen"; fi
		before=$n
	done
	t1=$(now_ms)
	echo "faults: kill -9: $trials trials ($killed_in_flight while saving an answer," \
		"$part drafts) in $(((t1 - t0) / 1000)) s"
	left=$(find "$WORK"/kill* -name '*.tmp-*' | wc -l)
	echo "faults: kill -9: $left temporary files left by kills (allowed by enkat-results(5))"
}

# ---------------------------------------------------------- hostile text
# title NAME: the pane's title, which an OSC 0 sequence would change
title() { tm display-message -p -t "$1" '#{pane_title}'; }
# no_raw_esc FILE: the file holds no ESC, BEL or C1 CSI byte
no_raw_esc() { ! LC_ALL=C grep -q "[$ESC$BEL]\|$(printf '\302\233')" "$1"; }

hostile() {
	# a department name that climbs out of --out: the file stays inside
	HD="$WORK/hostile"
	mkdir -p "$HD/out"
	: >"$HD/marker"
	IN=1 plain --department "../../etc/x" --out "$HD/out" "$DEMO" >/dev/null 2>&1
	IN=1 plain --department ".." --out "$HD/out" "$DEMO" >/dev/null 2>&1
	IN=1 plain --department "/" --out "$HD/out" "$DEMO" >/dev/null 2>&1
	outside=$(find "$WORK" -newer "$HD/marker" -type f ! -path "$HD/out/*" | wc -l)
	names=$(ls -A "$HD/out" | grep -cv '^\.\{0,1\}demo-2026-[a-z0-9_-]*\.csv\(\.lock\)\{0,1\}$')
	check "hostile department: files only inside --out ($outside outside)" [ "$outside" -eq 0 ]
	check "hostile department: safe file names ($names odd)" [ "$names" -eq 0 ]
	check "hostile department: ../../etc/x gives etc-x" [ -f "$HD/out/demo-2026-etc-x.csv" ]

	# control characters and escape sequences in the department's name:
	# a safe file name, and on the terminal nothing but visible text
	dep="Kultur${ESC}]0;pwned${BEL}${ESC}[31mRöd"
	out=$(IN=1 plain --department "$dep" --out "$HD/esc" "$DEMO" 2>&1)
	printf '%s' "$out" >"$HD/plain-dep.txt"
	check "ESC in department (--plain): no escape reaches the terminal" no_raw_esc "$HD/plain-dep.txt"
	f=$(ls "$HD/esc" | grep -v '^\.')
	check "ESC in department: file name '$f' is safe" sh -c \
		"printf '%s' '$f' | grep -qx 'demo-2026-[a-z0-9_-]*\.csv'"
	ENV_EXTRA="NO_COLOR=1" start hdep -- --department "'$dep'" --out "'$HD/esc'" "$DEMO"
	wait_for hdep "continues" >/dev/null
	tm capture-pane -e -p -t hdep >"$HD/tui-dep.txt"
	check "ESC in department (TUI): pane title unchanged" [ "$(title hdep)" != pwned ]
	check "ESC in department (TUI): no colour from the name" sh -c \
		"! grep -q '${ESC}\\[[0-9;]*3[0-7]m' '$HD/tui-dep.txt'"
	tm send-keys -t hdep q
	tm send-keys -t hdep q

	# a survey whose texts carry escape sequences shows them escaped
	sed -e "s/^text.en = Think of an ordinary working week:/text.en = ${ESC}]0;pwned${BEL}${ESC}[2J${ESC}[31mRED $(printf '\302\233')31mCSI Think:/" \
	    -e "s/^aldrig.label.en = Never/aldrig.label.en = ${ESC}]2;pwned2${BEL}Never/" \
	    "$DEMO" >"$HD/hostile.ini"
	ENV_EXTRA="NO_COLOR=1" start hsv -- --lang en --department Kultur --out "'$HD/sv'" "'$HD/hostile.ini'"
	check "ESC in survey texts (TUI): question shown" wait_for hsv "question 1 of 3"
	tm capture-pane -e -p -t hsv >"$HD/tui-survey.txt"
	check "ESC in survey texts (TUI): pane title unchanged" sh -c \
		"[ '$(title hsv)' != pwned ] && [ '$(title hsv)' != pwned2 ]"
	check "ESC in survey texts (TUI): shown as ^[ notation" grep -qF '^[]0;pwned^G' "$HD/tui-survey.txt"
	check "ESC in survey texts (TUI): C1 CSI shown as <U+009B>" grep -qF '<U+009B>31mCSI' "$HD/tui-survey.txt"
	check "ESC in survey texts (TUI): screen not cleared, no colour" sh -c \
		"! grep -q '${ESC}\\[[0-9;]*3[0-7]m' '$HD/tui-survey.txt' && grep -q 'question 1 of 3' '$HD/tui-survey.txt'"
	tm send-keys -t hsv q
	IN=q plain --lang en --department Kultur --out "$HD/sv2" "$HD/hostile.ini" >"$HD/plain-survey.txt" 2>&1
	check "ESC in survey texts (--plain): escaped" sh -c \
		"grep -qF '^[]0;pwned^G' '$HD/plain-survey.txt' && grep -qF '^[]2;pwned2^GNever' '$HD/plain-survey.txt'"
	check "ESC in survey texts (--plain): no raw escape" no_raw_esc "$HD/plain-survey.txt"
	printf '[survey]\nid = x\nbad line %s]0;pwned%s\n' "$ESC" "$BEL" >"$HD/bad.ini"
	"$ENKAT" --check "$HD/bad.ini" >"$HD/check.txt" 2>&1
	check "ESC in a bad survey (--check): messages escaped" no_raw_esc "$HD/check.txt"

	# a draft whose comment carries escape sequences (typed, or put there
	# by an editor): shown escaped when the draft is resumed
	IN="c ${ESC}]0;pwned${BEL}${ESC}[31mröd" plain --department Kommentar --out "$HD/comment" \
		"$DEMO" >/dev/null 2>&1
	ENV_EXTRA="NO_COLOR=1" start hcom -- --lang en --department Kommentar --out "'$HD/comment'" "$DEMO"
	wait_for hcom "continues" >/dev/null
	keys hcom Enter
	check "ESC in a draft's comment (TUI): shown" wait_for hcom "Comment: ^[]0;pwned^G^[[31mröd"
	tm capture-pane -e -p -t hcom >"$HD/tui-comment.txt"
	check "ESC in a draft's comment (TUI): pane title unchanged" [ "$(title hcom)" != pwned ]
	check "ESC in a draft's comment (TUI): no colour" sh -c \
		"! grep -q '${ESC}\\[[0-9;]*3[0-7]m' '$HD/tui-comment.txt'"
	tm send-keys -t hcom q

	# another session's lock file names who holds it: a hostile name there
	# is shown harmlessly too
	# (a live session holds the lock: its input a FIFO kept open; then its
	# text is replaced)
	mkdir -p "$HD/lock"
	mkfifo "$HD/lock.in"
	"$ENKAT" --plain --department Lås --out "$HD/lock" "$DEMO" <"$HD/lock.in" \
		>"$HD/lock.out" 2>&1 &
	holder_pid=$!
	exec 4>"$HD/lock.in"
	poll 5 grep -q "Answer (" "$HD/lock.out"
	printf '%s]0;pwned%s%s[31m host 4242 1700000000\n' "$ESC" "$BEL" "$ESC" \
		>"$HD/lock/.demo-2026-las.csv.lock"
	ENV_EXTRA="NO_COLOR=1" start hlock -- --department Lås --out "'$HD/lock'" "$DEMO"
	check "hostile lock holder: told who holds it" wait_for hlock "open in another session"
	tm capture-pane -e -p -t hlock >"$HD/tui-lock.txt"
	check "hostile lock holder: pane title unchanged" [ "$(title hlock)" != pwned ]
	check "hostile lock holder: shown as ^[ notation" grep -qF '^[]0;pwned^G' "$HD/tui-lock.txt"
	tm send-keys -t hlock q
	exec 4>&-
	wait "$holder_pid" 2>/dev/null

	# formula-like comments and names: never a formula in the CSV, and
	# read back exactly (enkat --plain shows the comment on resuming)
	i=0
	for f in '=1+1' '+46 8 123 45' '-5' '@SUM(A1:A9)' '=HYPERLINK("http://x.example","klick")' \
		"'=already quoted" '=cmd|'"'"' /C calc'"'"'!A0'; do
		i=$((i + 1))
		IN="c $f" plain --department "Formel $i" --respondent "$f" --out "$HD/formula" \
			"$DEMO" >/dev/null 2>&1
		csv="$HD/formula/demo-2026-formel-$i.csv"
		# the comment and the respondent: an apostrophe first, in or out
		# of quotes (which double the quotes inside)
		fq=$(printf '%s' "$f" | sed 's/"/""/g')
		n_prefixed=$(grep -cF -- "'$fq" "$csv")
		n_bare=$(grep -cF -e ",$fq" -e ",\"$fq" -- "$csv")
		check "formula '$f': written with an apostrophe" [ "$n_prefixed" -ge 1 ] &&
			[ "$n_bare" -eq 0 ]
		back=$(IN=q plain --department "Formel $i" --out "$HD/formula" "$DEMO" 2>&1)
		check "formula '$f': read back exactly" sh -c \
			'printf "%s\n" "$1" | grep -qxF "Comment: $2"' - "$back" "$f"
	done
}

# ------------------------------------------------- large and odd input
# bounded COMMAND...: runs it with a time limit; RC, OUT (both outputs) and
# MS (milliseconds) are set. LIMIT is in seconds (default 10).
bounded() {
	b0=$(now_ms)
	OUT=$(timeout "${LIMIT:-10}" "$@" 2>&1 </dev/null)
	RC=$?
	MS=$(($(now_ms) - b0))
}
# said TEXT: OUT holds TEXT, and the command ended with status 1 in time
said() { [ "$RC" -eq 1 ] && printf '%s' "$OUT" | grep -qF -- "$1"; }

large() {
	L="$WORK/large"
	mkdir -p "$L"
	# a 100 MB survey: refused before it is read
	yes '; padding padding padding padding padding padding padding padding' |
		head -c 100000000 >"$L/huge.ini"
	bounded "$ENKAT" --check "$L/huge.ini"
	check "100 MB survey: --check says it is too large (${MS} ms)" said "file too large"
	check "100 MB survey: quickly" [ "$MS" -lt 3000 ]
	bounded "$ENKAT" --plain --department X --out "$L/o" "$L/huge.ini"
	check "100 MB survey: enkat says it is too large (${MS} ms)" said "file too large"
	rm -f "$L/huge.ini"
	echo "faults: 100 MB survey refused in $MS ms"

	# a 1 MB line: a question text of 1 MB is read whole and shown whole
	{ printf '[survey]\nid = lang\nversion = 1\nlanguages = sv\ntitle.sv = L\n'
	  printf 'scoring = percent\n[area.a]\ntitle.sv = A\n[question.q]\narea = a\n'
	  printf 'type = yesno\ntext.sv = '
	  yes ordet | head -n 174763 | tr '\n' ' '
	  printf 'slut\n[question.q2]\narea = a\ntype = yesno\ntext.sv = Andra\n'; } >"$L/longline.ini"
	bounded "$ENKAT" --check "$L/longline.ini"
	check "1 MB line: a valid survey (${MS} ms)" [ "$RC" -eq 0 ]
	bounded "$ENKAT" --plain --department X --out "$L/o" "$L/longline.ini"
	printf '%s\n' "$OUT" >"$L/longline.out"
	check "1 MB line: shown whole (${MS} ms)" grep -q "^ordet ordet .* ordet slut$" "$L/longline.out"
	b0=$(now_ms)
	start long -- --department Y --out "$L/o" "$L/longline.ini"
	check "1 MB line (TUI): the question is shown" wait_for long "question 1 of 2" 20
	keys long 1
	check "1 MB line (TUI): answered, next question" wait_for long "question 2 of 2" 20
	echo "faults: 1 MB question text in the full screen: shown and answered in $(($(now_ms) - b0)) ms"
	keys long q
	# ... and 1 MB of one line that is not 'key = value'
	head -c 1048576 /dev/zero | tr '\0' 'x' >"$L/oneline.ini"
	bounded "$ENKAT" --check "$L/oneline.ini"
	check "1 MB line of junk: says what is wrong, with its line (${MS} ms)" \
		said "oneline.ini:1: expected 'key = value'"

	# NUL bytes, Latin-1, a folder, a FIFO, a device
	sed '10s/$/\x00/' "$DEMO" >"$L/nul.ini"
	bounded "$ENKAT" --check "$L/nul.ini"
	check "NUL byte: said, with its line" said "nul.ini:10: NUL byte"
	iconv -f UTF-8 -t LATIN1 "$DEMO" >"$L/latin1.ini"
	first=$(LC_ALL=C grep -n '[^ -~]' "$DEMO" | head -n 1 | cut -d: -f1)
	bounded "$ENKAT" --check "$L/latin1.ini"
	check "Latin-1: says so, with the line ($first)" said "latin1.ini:$first: invalid UTF-8"
	check "Latin-1: names Latin-1" said "Latin-1"
	bounded "$ENKAT" --plain --department X --out "$L/o" "$L/latin1.ini"
	check "Latin-1: enkat refuses it the same way" said "latin1.ini:$first: invalid UTF-8"
	mkdir -p "$L/folder.ini"
	bounded "$ENKAT" --check "$L/folder.ini"
	check "folder: says it is a folder" said "folder.ini: is a directory"
	mkfifo "$L/fifo.ini"
	bounded "$ENKAT" --check "$L/fifo.ini"
	check "FIFO: not read, no hang (${MS} ms)" said "fifo.ini: not a regular file"
	bounded "$ENKAT" --plain --department X --out "$L/o" "$L/fifo.ini"
	check "FIFO: enkat does not wait for a writer" said "not a regular file"
	bounded "$ENKAT" --check /dev/zero
	check "/dev/zero: not read" said "not a regular file"
	bounded "$ENKAT" --check "$L/missing.ini"
	check "missing file: said" said "missing.ini: No such file"

	# the department's result file as something odd
	mkdir -p "$L/r/demo-2026-x.csv" "$L/f"
	bounded "$ENKAT" --plain --department X --out "$L/r" "$DEMO"
	check "result file is a folder: said" said "demo-2026-x.csv: the result file is a folder: refused"
	mkfifo "$L/f/demo-2026-x.csv"
	bounded "$ENKAT" --plain --department X --out "$L/f" "$DEMO"
	check "result file is a FIFO: said, no hang" said "the result file is a FIFO: refused"
	mkdir -p "$L/big"
	truncate -s 70M "$L/big/demo-2026-x.csv"
	bounded "$ENKAT" --plain --department X --out "$L/big" "$DEMO"
	check "70 MB result file: refused (${MS} ms)" said "file too large"
	# 100000 rows, each of an area of its own (once rows x areas)
	mkdir -p "$L/rows"
	awk 'BEGIN { print "survey_id,survey_version,survey_sha256,department,respondent," \
		"status,updated_at,area_id,area_title,area_weight,question_id," \
		"question_text,level,answer,value,max_value,weight,na,comment"
		for (i = 1; i <= 100000; i++)
			printf "demo,2026,%064d,X,,draft,2026-11-20T10:00:00Z,a%d,A,1,q%d,Q,,,,,1,0,\n",
				0, i, i }' >"$L/rows/demo-2026-x.csv"
	LIMIT=10 bounded "$ENKAT" --plain --department X --out "$L/rows" "$DEMO"
	check "100000 rows of 100000 areas: refused (${MS} ms)" said "more than 1000 areas"
	echo "faults: a result file of 100000 rows and areas refused in $MS ms"
	printf 'survey_id,x\r\n\377\376\r\n' >"$L/f/demo-2026-y.csv"
	bounded "$ENKAT" --plain --department Y --out "$L/f" "$DEMO"
	check "result file with invalid UTF-8: said" said "demo-2026-y.csv:2: invalid UTF-8"

	# under the 16 MiB limit, what once took minutes or hours: 300000 keys
	# in one section (each compared with every other), 200000 questions
	awk 'BEGIN { print "[survey]"; for (i = 1; i <= 300000; i++) printf "k%d = 1\n", i }' \
		>"$L/keys.ini"
	LIMIT=60 bounded "$ENKAT" --check "$L/keys.ini"
	check "300000 keys in one section: every one reported (${MS} ms)" \
		said "keys.ini:300001: unknown key 'k300000'"
	echo "faults: 300000 unknown keys checked in $MS ms"
	awk 'BEGIN { print "[survey]\nid = x\nversion = 1\nlanguages = sv\ntitle.sv = X"
		print "scoring = percent\n[area.a]\ntitle.sv = A"
		for (i = 1; i <= 200000; i++)
			printf "[question.q%d]\narea = a\ntype = yesno\ntext.sv = F\n", i }' >"$L/many.ini"
	LIMIT=20 bounded "$ENKAT" --check "$L/many.ini"
	check "200000 questions: refused with a reason (${MS} ms)" said "more than 10000 questions"
	echo "faults: 200000 questions refused in $MS ms"

	# skip logic: a chain of 40 follow-up questions, each shown when the
	# one before is answered "yes or partly" (once 2^40 evaluations)
	seq 40 | sed 's/.*/1/' >"$L/yes.txt"
	b0=$(now_ms)
	timeout 20 "$ENKAT" --plain --department K --out "$L/chain" \
		tests/fuzz/regressions/fuzz_survey/chained-conditions-exponential.ini \
		<"$L/yes.txt" >/dev/null 2>&1
	rc=$?
	MS=$(($(now_ms) - b0))
	check "40 chained conditions: answered in $MS ms" sh -c \
		"[ $rc -eq 0 ] && [ \$(grep -c ',answered,' '$L/chain/kedja-1-k.csv') -eq 40 ]"

	# text typed on a Latin-1 terminal is kept as UTF-8 and reads back
	printf 'c caf\351 \344r st\344ngt\n2\nq\n' | "$ENKAT" --plain --department "$(printf 'Milj\366')" \
		--respondent "$(printf '\326rjan')" --out "$L/lat" "$DEMO" >/dev/null 2>&1
	out=$(printf 'q\n' | "$ENKAT" --plain --department "Miljö" --out "$L/lat" "$DEMO" 2>&1)
	check "Latin-1 typed: the draft reads back" sh -c \
		'printf "%s" "$1" | grep -q "continues: 1 of 6 answered"' - "$out"
	check "Latin-1 typed: kept as UTF-8" grep -q ",Miljö,Örjan,.*,café är stängt," \
		"$L/lat/demo-2026-miljo.csv"
}

# -------------------------------------------------------------- file modes
modes() {
	M="$WORK/modes"
	mkdir -p "$M"
	for mask in 022 077 002 000; do
		(umask "$mask"; printf '1\nq\n' | "$ENKAT" --plain --department Umask \
			--out "$M/$mask" "$DEMO" >/dev/null 2>&1)
		want=600 # whatever the umask (enkat-results(5), PERMISSIONS)
		got=$(stat -c '%a' "$M/$mask/demo-2026-umask.csv")
		lock=$(stat -c '%a' "$M/$mask/.demo-2026-umask.csv.lock")
		check "umask $mask: result file $got, wanted $want" [ "$got" = "$want" ]
		check "umask $mask: lock file $lock, wanted $want" [ "$lock" = "$want" ]
		check "umask $mask: nothing world-writable" sh -c \
			"[ -z \"\$(find '$M/$mask' -perm -o+w)\" ]"
	done
	# a draft kept aside for a changed survey definition (at the first
	# save after the change): the same
	cp "$DEMO" "$M/demo.ini"
	(umask 077; printf '1\nq\n' | "$ENKAT" --plain --department Byte --out "$M/chg" "$M/demo.ini" \
		>/dev/null 2>&1)
	sed -i 's/^\[question.natfiske_antal\]$/&\nweight = 2/' "$M/demo.ini"
	(umask 077; printf '2\nq\n' | "$ENKAT" --plain --department Byte --out "$M/chg" "$M/demo.ini" \
		>/dev/null 2>&1)
	# (its name is session.sh's business: here any demo-2026-byte.csv.*)
	kept=$(ls "$M/chg" | grep -c '^demo-2026-byte\.csv\..')
	check "changed survey: the old draft kept aside, mode 600" sh -c \
		"[ $kept -eq 1 ] && [ -z \"\$(find '$M/chg' -type f ! -perm 600)\" ]"
}

# ------------------------------------------------------------ failed saves
# A shim (tests/faults/failio.c) fails one operation on enkat's temporary
# file at a time. Each time: NOT SAVED said, the file on disk as it was,
# no temporary file left, and, once the operation works again, the answer
# that could not be saved is saved with the next one.
saves() {
	S="$WORK/saves"
	mkdir -p "$S"
	if ! cc -Wall -shared -fPIC -o "$S/failio.so" tests/faults/failio.c -ldl 2>"$S/cc.txt"; then
		ko "failed saves: cannot build the shim: $(cat "$S/cc.txt")"
		return
	fi
	# an ASan build refuses a library loaded before its runtime
	export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
	for op in mkstemp fchmod write fsync close rename; do
		d="$S/$op"
		printf '1\nq\n' | "$ENKAT" --plain --department Full --out "$d" "$DEMO" >/dev/null 2>&1
		cp "$d/demo-2026-full.csv" "$S/before.csv"
		: >"$S/full"
		# the second answer fails; the disk has room again for the third
		# once enkat has said so
		: >"$S/out.txt"
		{ printf '2\n'; poll 5 grep -q "NOT SAVED" "$S/out.txt"; rm -f "$S/full"
		  printf '1\nq\n'; } |
			LD_PRELOAD="$S/failio.so" FAILIO_OP=$op FAILIO_WHILE="$S/full" \
			"$ENKAT" --plain --department Full --out "$d" "$DEMO" >"$S/out.txt" 2>&1
		check "failed $op: said" grep -q "NOT SAVED: [^ ]" "$S/out.txt"
		check "failed $op: no temporary file left" sh -c "! ls -A '$d' | grep -q tmp"
		check "failed $op: saved once there is room" sh -c \
			"[ \$(grep -c ',answered,' '$d/demo-2026-full.csv') -eq 3 ]"
		# and while it keeps failing, the file stays as it was; quitting
		# then saves the answers in the home folder (end of input: no one
		# to ask) or says that they are not saved, never loses them quietly
		cp "$d/demo-2026-full.csv" "$S/before.csv"
		rm -f "$HOME/demo-2026-full.csv"
		printf '3\nq\n' | LD_PRELOAD="$S/failio.so" FAILIO_OP=$op \
			"$ENKAT" --plain --department Full --out "$d" "$DEMO" >"$S/out.txt" 2>&1
		rc=$?
		check "failed $op for good: file whole, no temporary file" sh -c \
			"cmp -s '$d/demo-2026-full.csv' '$S/before.csv' && ! ls -A '$d' | grep -q tmp"
		if [ "$rc" -eq 0 ]; then
			check "failed $op for good: the answers saved in the home folder, and said" \
				sh -c "grep -q ',utskrifter,.*,answered,' '$HOME/demo-2026-full.csv' &&
				grep -qF '$HOME/demo-2026-full.csv' '$S/out.txt' &&
				[ \$(stat -c %a '$HOME/demo-2026-full.csv') = 600 ]"
		else
			check "failed $op for good: exit 1 and NOT SAVED said (exit $rc)" sh -c \
				"[ $rc -eq 1 ] && grep -q 'NOT SAVED' '$S/out.txt'"
		fi
	done

	# the full screen: the message on the screen, the answer kept in
	# memory and saved with the next change once there is room
	d="$S/tui"
	: >"$S/full"
	ENV_EXTRA="LD_PRELOAD=$S/failio.so FAILIO_OP=write FAILIO_WHILE=$S/full ASAN_OPTIONS=$ASAN_OPTIONS" \
		start full -- --department Full --out "$d" "$DEMO"
	wait_for full "question 1 of 3" >/dev/null
	keys full 2
	check "full disk (TUI): said on the screen" wait_for full "NOT SAVED"
	check "full disk (TUI): nothing written" [ ! -e "$d/demo-2026-full.csv" ]
	check "full disk (TUI): no temporary file" sh -c "! ls -A '$d' | grep -q tmp"
	check "full disk (TUI): moves on as both front ends do" wait_for full "question 2 of 3"
	rm -f "$S/full"
	keys full Left c
	type_text full "mer senare"
	keys full Enter
	check "full disk (TUI): saved with the next change" wait_for full "Comment saved."
	check "full disk (TUI): the answer kept in memory is in the file" \
		grep -q ',skarmlas,.*,ibland,.*,mer senare,.*,answered,' "$d/demo-2026-full.csv"
	keys full q
	check "full disk (TUI): leaves normally" wait_for full "[exit 0]"
}

want kill && kill_trials
want hostile && hostile
want large && large
want modes && modes
want saves && saves

finish faults
