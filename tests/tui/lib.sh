# Shared helpers for the end-to-end tests: the real ./enkat in tmux with a
# pinned environment, keys in, screen and result files out.
# shellcheck shell=sh

ENKAT="${ENKAT:-$PWD/enkat}"
SOCK="enkat-test-$$"
WORK=$(mktemp -d)
pass=0
fail=0

tm() { tmux -L "$SOCK" -f /dev/null "$@"; }

cleanup() { tm kill-server 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

ok() { pass=$((pass + 1)); }
ko() { fail=$((fail + 1)); echo "FAIL: $*"; }

# start NAME [W H] -- ARGS...: runs enkat ARGS in a new detached session.
# ENV_EXTRA adds variables (e.g. "NO_COLOR=1 LANG=sv_SE.UTF-8"); PRE runs
# shell commands first (e.g. "ulimit -f 1;").
start() {
	name=$1; shift
	w=80; h=24
	if [ "$1" != "--" ]; then w=$1; h=$2; shift 2; fi
	shift
	tm new-session -d -s "$name" -x "$w" -y "$h" \
		"${PRE:-} env -i PATH=\"$PATH\" HOME=\"$WORK\" USER=tester LANG=C.UTF-8 TZ=UTC \
		 TERM=screen LOCPATH=\"${LOCPATH:-}\" ${ENV_EXTRA:-} \"$ENKAT\" $*; \
		 echo \"[exit \$?]\"; sleep 600"
}

screen() { tm capture-pane -p -t "$1"; }

# wait_for NAME TEXT [SECONDS]: until TEXT is on the screen.
wait_for() {
	i=0
	limit=$(( ${3:-5} * 10 ))
	while [ "$i" -lt "$limit" ]; do
		if screen "$1" | grep -qF -- "$2"; then return 0; fi
		sleep 0.1
		i=$((i + 1))
	done
	echo "--- screen of $1, waiting for: $2"
	screen "$1"
	return 1
}

# keys NAME KEY...: sends keys and waits until the program has drawn.
keys() {
	name=$1; shift
	tm send-keys -t "$name" "$@"
	sleep 0.15
}

# type_text NAME TEXT: types literal text (UTF-8 included).
type_text() { tm send-keys -t "$1" -l "$2"; sleep 0.15; }

# check WHAT COMMAND...: one test.
check() {
	what=$1; shift
	if "$@"; then ok; else ko "$what"; fi
}

# A result file with the time of saving blanked, for golden comparisons.
normalise() { sed -E 's/,[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z,/,TIME,/' "$1" | tr -d '\r'; }

# same_as_golden FILE GOLDEN: compares, showing the difference.
same_as_golden() {
	if [ "${UPDATE:-}" = 1 ]; then normalise "$1" >"$2"; fi
	if normalise "$1" | diff -u "$2" - >"$WORK/diff"; then return 0; fi
	cat "$WORK/diff"
	return 1
}

# field FILE QUESTION COLUMN: one field of a result file, parsed with awk
# (fields here hold no quoted commas).
col_index() { head -n 1 "$1" | tr -d '\r' | tr ',' '\n' | grep -nx "$2" | cut -d: -f1; }

finish() {
	echo "$1: $pass passed, $fail failed"
	[ "$fail" -eq 0 ]
}
