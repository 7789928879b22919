#!/bin/sh
# What enkat costs on a slow link: bytes written to the terminal (captured
# from the pty with tmux pipe-pane) for the first screen, an arrow key and
# an answered question, and for a full walk through the bundled survey,
# beside dialog(1) and whiptail(1) showing the same question; and the time
# from start to the first question. 80x24, TERM=screen, LANG=C.UTF-8.
set -u
cd "$(dirname "$0")/.." || exit 2
ENKAT="${ENKAT:-$PWD/enkat}"
need=""
command -v dialog >/dev/null || need="$need dialog"
command -v whiptail >/dev/null || need="$need whiptail"
if [ -n "$need" ]; then
	if [ "$(id -u)" -eq 0 ]; then
		apt-get install -y -q$need >/dev/null 2>&1
	else
		echo "bench-tui: install$need for the comparison" >&2
	fi
fi
SOCK="enkat-bench-$$"
WORK=$(mktemp -d)
tm() { tmux -L "$SOCK" -f /dev/null "$@"; }
trap 'tm kill-server 2>/dev/null; rm -rf "$WORK"' EXIT

size() { wc -c <"$1" | tr -d ' '; }
now_ms() { date +%s%3N; }

# settle FILE: waits until FILE stops growing (the program has drawn).
settle() {
	last=-1
	while :; do
		sleep 0.15
		cur=$(size "$1")
		[ "$cur" = "$last" ] && break
		last=$cur
	done
}

# run NAME MARKER COMMAND: starts COMMAND in a pane whose output goes to
# $WORK/NAME.out; prints the ms until MARKER was drawn.
run() {
	name=$1 marker=$2; shift 2
	: >"$WORK/$name.out"
	tm new-session -d -s "$name" -x 80 -y 24 "sleep 0.3; exec env LANG=C.UTF-8 TERM=screen TZ=UTC $*"
	tm pipe-pane -o -t "$name" "cat >>'$WORK/$name.out'"
	t0=$(now_ms)
	until grep -qF "$marker" "$WORK/$name.out" 2>/dev/null; do sleep 0.005; done
	t1=$(now_ms)
	settle "$WORK/$name.out"
	echo $((t1 - t0 - 300))
}

# cost NAME KEY...: bytes written in answer to the keys.
cost() {
	name=$1; shift
	before=$(size "$WORK/$name.out")
	tm send-keys -t "$name" "$@"
	settle "$WORK/$name.out"
	echo $(( $(size "$WORK/$name.out") - before ))
}

Q="Har förvaltningsledningen uttryckligen tagit ansvar för informationssäkerhetsarbetet i förvaltningen?"
set -- "0" "Finns inte" off "1" "Påbörjat" off "2" "Delvis infört" off "3" "Till stor del infört" off "4" "Helt infört och följs upp" off
printf 'tool      start ms  first screen  arrow key  answer (next question)\n'

ms=$(run enkat "informationss" "$ENKAT" --lang sv --department Bench --out "$WORK/out")
first=$(size "$WORK/enkat.out")
arrow=$(cost enkat Down)
answer=$(cost enkat 3)
printf 'enkat     %8s  %12s  %9s  %s\n' "$ms" "$first" "$arrow" "$answer"
e_first=$first e_arrow=$arrow e_answer=$answer

for tool in dialog whiptail; do
	command -v $tool >/dev/null || continue
	ms=$(run $tool "Finns inte" $tool --radiolist "'$Q'" 20 76 5 \
		"$(for a in "$@"; do printf "'%s' " "$a"; done)")
	first=$(size "$WORK/$tool.out")
	arrow=$(cost $tool Down)
	answer=$(cost $tool Space Enter)
	printf '%-9s %8s  %12s  %9s  %s (the dialog ends)\n' "$tool" "$ms" "$first" "$arrow" "$answer"
	eval "${tool}_first=$first ${tool}_arrow=$arrow"
done

# a full walk: every question of the bundled survey answered with 3
tm kill-session -t enkat
rm -rf "$WORK/out"
run walk "informationss" "$ENKAT" --lang sv --department Bench --out "$WORK/out" >/dev/null
n=0
while ! grep -q "Alla frågor är besvarade" "$WORK/walk.out" && [ "$n" -lt 80 ]; do
	screen=$(tm capture-pane -p -t walk)
	case "$screen" in
	*"skriv svar"*) tm send-keys -t walk Enter 5 Enter ;;
	*"[ ]"*|*"[x]"*) tm send-keys -t walk 1 Enter ;;
	*"3 ( )"*|*"3 (*)"*) tm send-keys -t walk 3 ;;
	*) tm send-keys -t walk 1 ;;
	esac
	settle "$WORK/walk.out"
	n=$((n + 1))
done
total=$(size "$WORK/walk.out")
answered=$(grep -c ',answered,' "$WORK/out"/*.csv)
printf '\nfull walk: %s questions answered, %s bytes in all (%s bytes per question)\n' \
	"$answered" "$total" $((total / (answered > 0 ? answered : 1)))
if [ -n "${dialog_first:-}" ]; then
	printf 'ratios to dialog: first screen %s, arrow %s, answer %s of a dialog first screen\n' \
		"$(echo "scale=2; $e_first / $dialog_first" | bc)" \
		"$(echo "scale=2; $e_arrow / $dialog_arrow" | bc)" \
		"$(echo "scale=2; $e_answer / $dialog_first" | bc)"
fi
