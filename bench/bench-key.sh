#!/bin/sh
# The cost of one key on a generated 10,000-question survey (bench/gen-
# survey.sh: skip logic on every 13th question, and a second survey with
# a condition on every question after the 80th): enkat now against the
# enkat of an earlier revision (BEFORE, default e6b6cd4, before the rules
# moved into the engine), each in tmux at 80x24. Measured as the CPU time
# the process spends (utime + stime from /proc) over KEYS presses of the
# right arrow (next question) and of an answer key, divided by the keys:
# CPU time, so the polling of the terminal does not count. One run.
#   N=10000 KEYS=200 BEFORE=e6b6cd4 sh bench/bench-key.sh
set -u
cd "$(dirname "$0")/.." || exit 2
ENKAT="${ENKAT:-$PWD/enkat}"
N="${N:-10000}"
KEYS="${KEYS:-200}"
BEFORE="${BEFORE:-e6b6cd4}"
SOCK="enkat-bench-key-$$"
WORK=$(mktemp -d)
tm() { tmux -L "$SOCK" -f /dev/null "$@"; }
trap 'tm kill-server 2>/dev/null; rm -rf "$WORK"' EXIT
[ -x "$ENKAT" ] || { echo "bench-key: build enkat first (make)" >&2; exit 1; }

sh bench/gen-survey.sh "$N" >"$WORK/survey.ini"
SKIP_EVERY=1 sh bench/gen-survey.sh "$N" >"$WORK/dense.ini"
# the earlier enkat, built from the repository's history
old="$WORK/old"
mkdir -p "$old"
if ! git archive "$BEFORE" | tar -x -C "$old" ||
   ! make -C "$old" -j2 enkat >"$WORK/old-build.txt" 2>&1; then
	echo "bench-key: cannot build $BEFORE:" >&2
	tail -n 5 "$WORK/old-build.txt" >&2
	exit 1
fi

ticks() { # utime + stime of process $1, in clock ticks
	awk '{ print $14 + $15 }' "/proc/$1/stat"
}
hz=$(getconf CLK_TCK)

# measure NAME BINARY KEY [SURVEY]: ms of CPU per press of KEY
measure() {
	name=$1 bin=$2 key=$3 survey=${4:-$WORK/survey.ini}
	rm -rf "$WORK/out-$name"
	tm new-session -d -s "$name" -x 80 -y 24 \
		"exec env LANG=C.UTF-8 TERM=screen TZ=UTC '$bin' --lang en --department Bench \
		 --out '$WORK/out-$name' '$survey'"
	i=0
	until tm capture-pane -p -t "$name" | grep -q "question 1 of"; do
		sleep 0.05; i=$((i + 1))
		[ "$i" -lt 600 ] || { echo "bench-key: $name did not start" >&2; exit 1; }
	done
	pid=$(tm list-panes -t "$name" -F '#{pane_pid}')
	before=$(ticks "$pid")
	k=0
	while [ "$k" -lt "$KEYS" ]; do
		tm send-keys -t "$name" "$key"
		k=$((k + 1))
	done
	# done when the pane shows question KEYS+1 of its area sequence: wait
	# until the CPU time stops growing
	last=-1
	while :; do
		sleep 0.5
		now=$(ticks "$pid")
		[ "$now" = "$last" ] && break
		last=$now
	done
	tm kill-session -t "$name"
	echo "$before $last" | awk -v hz="$hz" -v k="$KEYS" '{ printf "%.2f", ($2 - $1) * 1000 / hz / k }'
}

new_right=$(measure new-right "$ENKAT" Right)
old_right=$(measure old-right "$old/enkat" Right)
new_dense=$(measure new-dense "$ENKAT" Right "$WORK/dense.ini")
old_dense=$(measure old-dense "$old/enkat" Right "$WORK/dense.ini")
new_answer=$(measure new-answer "$ENKAT" 3)
old_answer=$(measure old-answer "$old/enkat" 3)
echo "bench-key: $N questions, $KEYS presses each, CPU ms per key (one run)"
echo "  next question (Right): now $new_right ms, $BEFORE $old_right ms" \
	"($(echo "$old_right $new_right" | awk '{ if ($2 > 0) printf "%.1fx", $1 / $2; else print "-" }'))"
echo "  next question, a condition on every question: now $new_dense ms, $BEFORE $old_dense ms" \
	"($(echo "$old_dense $new_dense" | awk '{ if ($2 > 0) printf "%.1fx", $1 / $2; else print "-" }'))"
echo "  answer (3, saves $N rows): now $new_answer ms, $BEFORE $old_answer ms" \
	"($(echo "$old_answer $new_answer" | awk '{ if ($2 > 0) printf "%.1fx", $1 / $2; else print "-" }'))"
