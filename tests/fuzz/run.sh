#!/bin/sh
# Runs the libFuzzer targets built by tests/fuzz/fuzz.mk (called by make).
#   run.sh smoke SECONDS "FLAGS" TARGET...   each target SECONDS on a fresh
#       copy of its seed corpus, then every regression file once
#   run.sh long SECONDS "FLAGS" TARGET...    each target SECONDS with its
#       corpus kept in $FUZZ_B/corpus/TARGET; crashes are copied to
#       tests/fuzz/regressions/TARGET/ to become regression tests
# Prints the executions of each run and ends with "fuzz: N passed, N failed".
# A failure names libFuzzer's random seed: FUZZ_FLAGS=-seed=N replays it.
set -u
cd "$(dirname "$0")/../.." || exit 2
mode=$1 seconds=$2 flags=$3
shift 3
B=${FUZZ_B:-build-fuzz}
pass=0
fail=0
# per input: a hang is a finding, and so is a run-away allocation
common="-timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=2048 -print_final_stats=1"
export ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

stat() { sed -n "s/^stat::$1: *//p" "$2" | tail -n 1; }

for t in "$@"; do
	bin="$B/$t"
	seeds="tests/fuzz/corpus/$t"
	arts="$B/artifacts/$t/"
	dict=""
	[ -f "tests/fuzz/$t.dict" ] && dict="-dict=tests/fuzz/$t.dict"
	if [ "$mode" = smoke ]; then
		work="$B/smoke/$t"
		rm -rf "$work"
	else
		work="$B/corpus/$t"
	fi
	mkdir -p "$work" "$arts"
	log="$B/$t.$mode.log"
	# shellcheck disable=SC2086
	"$bin" $common -max_total_time="$seconds" -artifact_prefix="$arts" $dict \
		$flags "$work" "$seeds" >"$log" 2>&1
	rc=$?
	execs=$(stat number_of_executed_units "$log")
	rate=$(stat average_exec_per_sec "$log")
	added=$(stat new_units_added "$log")
	rss=$(stat peak_rss_mb "$log")
	if [ "$rc" -eq 0 ]; then
		pass=$((pass + 1))
		echo "$t: ${execs:-?} executions in ${seconds} s (${rate:-?}/s), " \
			"${added:-0} new inputs, peak ${rss:-?} MB: ok"
	else
		fail=$((fail + 1))
		seed=$(sed -n 's/^INFO: Seed: \([0-9]*\).*/\1/p' "$log" | head -n 1)
		echo "$t: FAILED (exit $rc) after ${execs:-?} executions; log: $log;" \
			"seed ${seed:-?} (FUZZ_FLAGS=-seed=${seed:-N} replays it)"
		grep -E '^(==[0-9]+==ERROR|SUMMARY|.*check failed|.*runtime error)' "$log" |
			head -n 5
		for a in "$arts"crash-* "$arts"timeout-* "$arts"oom-* "$arts"leak-* \
			"$arts"slow-unit-*; do
			[ -f "$a" ] || continue
			if [ "$mode" = long ]; then
				mkdir -p "tests/fuzz/regressions/$t"
				cp "$a" "tests/fuzz/regressions/$t/"
				echo "  kept as tests/fuzz/regressions/$t/$(basename "$a")"
			else
				echo "  input: $a"
			fi
		done
	fi
	# every crash found so far, once each
	for f in "tests/fuzz/regressions/$t"/*; do
		[ -f "$f" ] || continue
		if "$bin" -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=2048 "$f" \
			>"$B/$t.replay.log" 2>&1; then
			pass=$((pass + 1))
		else
			fail=$((fail + 1))
			echo "$t: regression $f FAILED; log: $B/$t.replay.log"
		fi
	done
done
echo "fuzz: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
