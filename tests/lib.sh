# tests/lib.sh: the counters and helpers every shell suite shares.
# shellcheck shell=sh
#
# A suite does `cd` to the top of the source tree, then `. tests/lib.sh`.
#
# Counting (the one summary line run-all.sh adds up):
#   ok                    one test passed
#   ko WHAT...            one test failed: prints "FAIL: WHAT" (and the
#                         seed, when the suite set SEED: see below)
#   skip WHY...           one test not run (a tool or file is missing):
#                         prints "SKIP: WHY"
#   check WHAT CMD...     one test: passes when CMD succeeds
#   finish NAME           prints "NAME: N passed, N failed, N skipped";
#                         its status is 1 when anything failed
# Waiting (always a poll with a time limit, never a fixed sleep):
#   poll SECONDS CMD...   runs CMD every 50 ms until it succeeds; fails
#                         after SECONDS (fractions allowed: 0.5)
#   wait_gone PATTERN [SECONDS]
#                         until no process's command line matches the
#                         extended regular expression PATTERN (pgrep -f);
#                         default 5 s; on failure shows what still runs
#   now_ms                milliseconds since the epoch
# Random choices: a suite that makes them sets SEED (from the environment
# when given, e.g. SEED=${SEED:-$(date +%s)}) and draws with rnd N (R = 0
# .. N-1). Every failure line then ends with "[SEED=N replays]", so the
# run can be repeated exactly.
# Files: WORK is a private temporary folder, removed at exit together
# with the suite's tmux server; HOME is WORK/home; ENKAT and ENKAT_MERGE are the programs
# under test (./enkat and ./enkat-merge unless set).
#
# The full screen in tmux (each suite has a tmux server of its own):
#   start NAME [W H] -- ARGS...   enkat ARGS in a new W x H (80x24) pane,
#                         with a pinned environment; ENV_EXTRA adds
#                         variables, PRE runs shell commands first
#   screen NAME           the pane's text
#   wait_for NAME TEXT [SECONDS]  until TEXT is on the screen (default 5 s);
#                         on failure shows the screen
#   keys NAME KEY...      sends tmux key names, then waits until the pane
#                         has settled (see below)
#   type_text NAME TEXT   types literal text (UTF-8 included), then waits
#                         the same way
#   settle NAME           until two looks at the pane 50 ms apart agree
#                         (at most KEYS_SETTLE seconds)
# After keys and type_text the pane counts as settled when it differs from
# what it was before the keys and two looks 50 ms apart agree. A look is
# the pane's text with its attributes plus the cursor's position, so a
# moved highlight is a change. Keys that change nothing visible end the
# wait after KEYS_SETTLE seconds (default 2); finish then says how often
# that happened, since such a wait is time lost. An Escape is followed by
# the same wait before the next key, at least 100 ms: enkat reads an
# Escape followed within ESCDELAY (50 ms) by another key as Alt+key.
# Result files:
#   normalise FILE        the file with its times and login name blanked
#   same_as_golden FILE GOLDEN    compares (UPDATE=1 rewrites GOLDEN)
#   col_index FILE NAME   the number of the column NAME in FILE's header

ENKAT="${ENKAT:-$PWD/enkat}"
ENKAT_MERGE="${ENKAT_MERGE:-$PWD/enkat-merge}"
SOCK="enkat-test-$$"
WORK=$(mktemp -d)
# no suite writes into the real home folder (enkat saves there when the
# result folder fails)
HOME="$WORK/home"
mkdir -p "$HOME"
export HOME
pass=0
fail=0
skipped=0
KEYS_UNCHANGED=0

tm() { tmux -L "$SOCK" -f /dev/null "$@"; }

lib_cleanup() {
	tm kill-server 2>/dev/null
	rm -rf "$WORK"
}
trap lib_cleanup EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

ok() { pass=$((pass + 1)); }
ko() {
	fail=$((fail + 1))
	if [ -n "${SEED:-}" ]; then echo "FAIL: $* [SEED=$SEED replays]"
	else echo "FAIL: $*"; fi
}
skip() { skipped=$((skipped + 1)); echo "SKIP: $*"; }

# check WHAT COMMAND...: one test.
check() {
	lib_what=$1; shift
	if "$@"; then ok; else ko "$lib_what"; fi
}

finish() {
	if [ "$KEYS_UNCHANGED" -gt 0 ]; then
		echo "$1: note: $KEYS_UNCHANGED key sends changed nothing on the screen" \
			"(waited ${KEYS_SETTLE:-2} s each)"
	fi
	echo "$1: $pass passed, $fail failed, $skipped skipped"
	[ "$fail" -eq 0 ]
}

# ------------------------------------------------------------ waiting
now_ms() { echo $(($(date +%s%N) / 1000000)); }

# lib_ms SECONDS: the same in milliseconds (SECONDS may have a fraction)
lib_ms() {
	case $1 in
	*.*)
		lib_f="${1#*.}000"
		lib_f=${lib_f%"${lib_f#???}"}
		lib_i=${1%%.*}
		echo $((${lib_i:-0} * 1000 + 1$lib_f - 1000)) ;;
	*) echo $(($1 * 1000)) ;;
	esac
}

# rnd N: R = the next number from 0 to N-1 drawn from SEED's sequence
rnd() {
	lib_rnd=$(((${lib_rnd:-$SEED} * 1103515245 + 12345) % 2147483648))
	R=$((lib_rnd / 65536 % $1))
}

poll() {
	lib_deadline=$(($(now_ms) + $(lib_ms "$1")))
	shift
	while :; do
		"$@" && return 0
		[ "$(now_ms)" -ge "$lib_deadline" ] && return 1
		sleep 0.05
	done
}

lib_gone() { ! pgrep -f -- "$1" >/dev/null; }
wait_gone() {
	poll "${2:-5}" lib_gone "$1" && return 0
	echo "--- still running after ${2:-5} s: $1"
	pgrep -af -- "$1"
	return 1
}

# ---------------------------------------------------------------- tmux
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
lib_on_screen() { screen "$1" | grep -qF -- "$2"; }
wait_for() {
	poll "${3:-5}" lib_on_screen "$1" "$2" && return 0
	echo "--- screen of $1, waiting for: $2"
	screen "$1"
	return 1
}

# lib_look NAME: what the pane shows, attributes and cursor included
lib_look() {
	tm capture-pane -e -p -t "$1" 2>/dev/null
	tm display-message -p -t "$1" '#{cursor_x},#{cursor_y}' 2>/dev/null
}

# lib_settle NAME BEFORE: until the pane differs from BEFORE and two looks
# 50 ms apart agree, or KEYS_SETTLE seconds have passed
lib_settle() {
	lib_sdeadline=$(($(now_ms) + $(lib_ms "${KEYS_SETTLE:-2}")))
	lib_prev=$2
	while :; do
		sleep 0.05
		lib_now=$(lib_look "$1")
		if [ "$lib_now" != "$2" ] && [ "$lib_now" = "$lib_prev" ]; then
			return 0
		fi
		lib_prev=$lib_now
		if [ "$(now_ms)" -ge "$lib_sdeadline" ]; then
			KEYS_UNCHANGED=$((KEYS_UNCHANGED + 1))
			return 0
		fi
	done
}

settle() { lib_settle "$1" ""; }

# keys NAME KEY...: sends keys and waits until the program has drawn.
keys() {
	lib_kname=$1; shift
	lib_before=$(lib_look "$lib_kname")
	for lib_key in "$@"; do
		tm send-keys -t "$lib_kname" "$lib_key"
		case $lib_key in
		Escape|Esc|C-\[)
			lib_settle "$lib_kname" "$lib_before"
			lib_before=$(lib_look "$lib_kname") ;;
		esac
	done
	case ${lib_key:-} in
	Escape|Esc|C-\[) ;;
	*) lib_settle "$lib_kname" "$lib_before" ;;
	esac
}

# type_text NAME TEXT: types literal text (UTF-8 included).
type_text() {
	lib_before=$(lib_look "$1")
	tm send-keys -t "$1" -l "$2"
	lib_settle "$1" "$lib_before"
}

# --------------------------------------------------------- result files
# A result file with the time of saving blanked, for golden comparisons.
# (every time: a row of the history has its own besides updated_at; and
# the login name that a history row records)
normalise() {
	sed -E -e 's/,[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z,/,TIME,/g' \
		-e "s/,TIME,$(id -un),/,TIME,LOGIN,/g" "$1" | tr -d '\r'
}

# same_as_golden FILE GOLDEN: compares, showing the difference.
same_as_golden() {
	if [ "${UPDATE:-}" = 1 ]; then normalise "$1" >"$2"; fi
	if normalise "$1" | diff -u "$2" - >"$WORK/diff"; then return 0; fi
	cat "$WORK/diff"
	return 1
}

# col_index FILE NAME: the number of the column NAME in the header of the
# result file FILE (fields there hold no quoted commas).
col_index() { head -n 1 "$1" | tr -d '\r' | tr ',' '\n' | grep -nx "$2" | cut -d: -f1; }

# csvfields N,M,...: those fields of each CSV line on stdin, joined by
# '|' (quotes honoured, no line breaks inside fields); a field may be
# named by its header (the first line) instead of its number
csvfields() {
	awk -v want="$1" '
	function split_csv(line,   i, c, f, inq, n) {
		n = 0; f = ""; inq = 0
		for (i = 1; i <= length(line); i++) {
			c = substr(line, i, 1)
			if (inq) {
				if (c != "\"") f = f c
				else if (substr(line, i + 1, 1) == "\"") { f = f c; i++ }
				else inq = 0
			} else if (c == "\"") inq = 1
			else if (c == ",") { fld[++n] = f; f = "" }
			else f = f c
		}
		fld[++n] = f
		return n
	}
	{
		sub(/\r$/, "")
		n = split_csv($0)
		if (NR == 1)
			k = split(want, w, ",")
		# column names are looked up in the header (the first line)
		if (NR == 1)
			for (i = 1; i <= k; i++)
				if (w[i] !~ /^[0-9]+$/)
					for (j = 1; j <= n; j++)
						if (fld[j] == w[i]) { w[i] = j; break }
		line = fld[w[1]]
		for (i = 2; i <= k; i++) line = line "|" fld[w[i]]
		print line
	}'
}

# browser ARGS...: headless Chromium with no network, no profile, no
# first-run work (tests/deps.sh installs chromium for make check)
browser() {
	timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic \
		--no-first-run --disable-background-networking \
		--disable-component-update --disable-sync \
		--user-data-dir="$(mktemp -d "$WORK/profile.XXXXXX")" "$@" 2>/dev/null
}
