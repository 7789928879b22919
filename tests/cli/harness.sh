#!/bin/sh
# The test harness itself: tests/lib.sh's counters, polls, seeds and tmux
# helpers, and tests/run-all.sh's adding up of every suite's counts, so
# that a green summary line can be trusted.
set -u
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
command -v tmux >/dev/null || { echo "harness: tmux is missing"; exit 1; }

# elapsed MS_START: milliseconds since
elapsed() { echo $(($(now_ms) - $1)); }

# --- seconds with fractions
check "lib_ms 1 = 1000" [ "$(lib_ms 1)" = 1000 ]
check "lib_ms 0.5 = 500" [ "$(lib_ms 0.5)" = 500 ]
check "lib_ms 2.05 = 2050" [ "$(lib_ms 2.05)" = 2050 ]

# --- poll: at once when true, gives up after its time when never true
t0=$(now_ms)
poll 5 true
check "poll: true at once ($(elapsed "$t0") ms)" [ "$(elapsed "$t0")" -lt 1000 ]
t0=$(now_ms)
poll 0.3 false
rc=$?
ms=$(elapsed "$t0")
check "poll: fails when the time is up ($ms ms)" sh -c "[ $rc -ne 0 ] && [ $ms -ge 300 ] && [ $ms -lt 2000 ]"
: >"$WORK/later"
(sleep 0.4; rm -f "$WORK/later") &
t0=$(now_ms)
poll 5 sh -c "[ ! -e '$WORK/later' ]"
rc=$?
ms=$(elapsed "$t0")
check "poll: done soon after the condition holds ($ms ms)" sh -c "[ $rc -eq 0 ] && [ $ms -lt 1500 ]"

# --- wait_gone
marker="harness-$$-gone"
sh -c "sleep 0.4; : $marker" &
t0=$(now_ms)
wait_gone "$marker" 5 >/dev/null
rc=$?
check "wait_gone: returns once the process has ended ($(elapsed "$t0") ms)" [ "$rc" -eq 0 ]
sh -c "sleep 30; : $marker-stays" &
stay=$!
wait_gone "$marker-stays" 0.3 >"$WORK/gone.txt"
rc=$?
kill "$stay" 2>/dev/null
check "wait_gone: fails while the process runs, and shows it" sh -c \
	"[ $rc -ne 0 ] && grep -q 'still running' '$WORK/gone.txt' && grep -q '$marker-stays' '$WORK/gone.txt'"

# --- counting, and the seed on every failure (in a subshell: the counts
# of this suite stay its own)
out=$( pass=0 fail=0 skipped=0; SEED=4242
	ok; ok; ko "one thing"; skip "no such tool"
	finish demo )
rc=$?
check "finish: the summary line" sh -c \
	"printf '%s\n' '$out' | grep -qx 'demo: 2 passed, 1 failed, 1 skipped'"
check "finish: status 1 after a failure" [ "$rc" -eq 1 ]
check "ko: names the seed when there is one" sh -c \
	"printf '%s\n' '$out' | grep -qx 'FAIL: one thing \[SEED=4242 replays\]'"
check "skip: says why" sh -c "printf '%s\n' '$out' | grep -qx 'SKIP: no such tool'"
a=$( SEED=7; rnd 1000; x=$R; rnd 1000; echo "$x $R" )
b=$( SEED=7; rnd 1000; x=$R; rnd 1000; echo "$x $R" )
c=$( SEED=8; rnd 1000; x=$R; rnd 1000; echo "$x $R" )
check "rnd: the same seed, the same choices ($a)" [ "$a" = "$b" ]
check "rnd: another seed, other choices ($c)" [ "$a" != "$c" ]

# --- keys and type_text wait for the pane, not for a fixed time
tm new-session -d -s cat -x 80 -y 24 "cat"
poll 5 sh -c "tmux -L '$SOCK' list-panes -t cat >/dev/null 2>&1"
type_text cat "åäö abc"
check "type_text: returns with the text on the screen" lib_on_screen cat "åäö abc"
keys cat Enter x y z
check "keys: returns with the keys' effect on the screen" lib_on_screen cat "xyz"
tm new-session -d -s still -x 80 -y 24 "stty -echo; sleep 600"
poll 5 sh -c "tmux -L '$SOCK' list-panes -t still >/dev/null 2>&1"
settle still
before=$KEYS_UNCHANGED
t0=$(now_ms)
KEYS_SETTLE=0.3 keys still a
ms=$(elapsed "$t0")
check "keys: a key that changes nothing ends the wait after KEYS_SETTLE ($ms ms)" \
	sh -c "[ $ms -ge 300 ] && [ $ms -lt 2000 ]"
check "keys: ... and is counted for finish's note" [ "$KEYS_UNCHANGED" -eq $((before + 1)) ]
KEYS_UNCHANGED=0

# --- run-all.sh adds up cmocka's counts, skips included, and counts a
# program that fails without saying so
F="$WORK/fake"
mkdir -p "$F"
printf '#!/bin/sh\necho "[  PASSED  ] 3 test(s)."\necho "[  SKIPPED ] 2 test(s), listed below:"\necho "[  SKIPPED ] t"\n' >"$F/unit-ok"
printf '#!/bin/sh\necho "[  PASSED  ] 1 test(s)."\necho "[  FAILED  ] 2 test(s), listed below:"\nexit 2\n' >"$F/unit-fail"
printf '#!/bin/sh\necho "crashed"\nexit 139\n' >"$F/unit-crash"
chmod 755 "$F"/unit-*
SUITES=none sh tests/run-all.sh "$F/unit-ok" >"$F/out1" 2>&1
rc=$?
check "run-all: passed and skipped added up" sh -c \
	"[ $rc -eq 0 ] && tail -n 1 '$F/out1' | grep -qx '3 passed, 0 failed, 2 skipped'"
SUITES=none sh tests/run-all.sh "$F/unit-ok" "$F/unit-fail" "$F/unit-crash" >"$F/out2" 2>&1
rc=$?
check "run-all: failures added up, a silent crash counted" sh -c \
	"[ $rc -eq 1 ] && tail -n 1 '$F/out2' | grep -qx '4 passed, 3 failed, 2 skipped'"

finish harness
