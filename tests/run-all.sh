#!/bin/sh
# Runs the cmocka unit-test binaries given on the command line, then every
# tests/cli/*.sh suite, and ends with one summary line
#   N passed, N failed, N skipped
# adding up every suite's "NAME: N passed, N failed[, N skipped]" line and
# cmocka's PASSED, FAILED and SKIPPED counts. A suite that exits non-zero
# without counting a failure, or prints no summary line, counts as one
# failure. SUITES="check merge" runs only those tests/cli suites.
# Exit status 1 when anything failed.
set -u
cd "$(dirname "$0")/.." || exit 2

passed=0
failed=0
skipped=0
times=""
log=$(mktemp)
trap 'rm -f "$log"' EXIT

now_ms() { echo $(($(date +%s%N) / 1000000)); }

for t in "$@"; do
	"$t" >"$log" 2>&1
	rc=$?
	cat "$log"
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
	s=$(sed -n 's/^\[  SKIPPED \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
	passed=$((passed + ${p:-0}))
	failed=$((failed + ${f:-0}))
	skipped=$((skipped + ${s:-0}))
	if [ "$rc" -ne 0 ] && [ -z "$f" ]; then
		echo "$t: exited with status $rc" >&2
		failed=$((failed + 1))
	fi
done

summary='^[a-z0-9-]*: \([0-9]*\) passed, \([0-9]*\) failed\(, \([0-9]*\) skipped\)\{0,1\}$'
for suite in tests/cli/*.sh; do
	[ -e "$suite" ] || continue
	if [ -n "${SUITES:-}" ]; then
		case " $SUITES " in *" $(basename "$suite" .sh) "*) ;; *) continue ;; esac
	fi
	t0=$(now_ms)
	sh "$suite" >"$log" 2>&1
	rc=$?
	t1=$(now_ms)
	times="$times $(basename "$suite" .sh) $(((t1 - t0) / 1000))s,"
	cat "$log"
	line=$(grep "$summary" "$log" | tail -n 1)
	p=$(printf '%s' "$line" | sed -n "s/$summary/\\1/p")
	f=$(printf '%s' "$line" | sed -n "s/$summary/\\2/p")
	s=$(printf '%s' "$line" | sed -n "s/$summary/\\4/p")
	passed=$((passed + ${p:-0}))
	failed=$((failed + ${f:-0}))
	skipped=$((skipped + ${s:-0}))
	if [ -z "$line" ]; then
		echo "$suite: printed no summary line (exit $rc)" >&2
		failed=$((failed + 1))
	elif [ "$rc" -ne 0 ] && [ "${f:-0}" -eq 0 ]; then
		echo "$suite: exited with status $rc" >&2
		failed=$((failed + 1))
	fi
done

echo
echo "time:${times%,}"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
