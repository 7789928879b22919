#!/bin/sh
# Survey loader benchmark: time to load and validate a generated survey of
# 2000 questions with `enkat --check`, against Python's configparser
# reading the same file (what a survey author might script instead, and it
# checks nothing), with `cat` of the file as the floor. One run, best of 5.
set -u
cd "$(dirname "$0")/.." || exit 2
ENKAT="${ENKAT:-./enkat}"
mkdir -p bench/data
f=bench/data/survey-2000.ini
sh bench/gen-survey.sh 2000 >"$f"
bytes=$(wc -c <"$f")

best() { # best wall time in ms of 5 runs of "$@"
	b=""
	for _ in 1 2 3 4 5; do
		s=$(date +%s%N)
		"$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }
		e=$(date +%s%N)
		t=$(( (e - s) / 1000 ))
		if [ -z "$b" ] || [ "$t" -lt "$b" ]; then b=$t; fi
	done
	echo "$b"
}

enkat_us=$(best "$ENKAT" --check "$f")
cat_us=$(best cat "$f")
printf 'survey: %s questions, %s bytes\n' 2000 "$bytes"
printf '%-34s %8.1f ms\n' "enkat --check" "$(echo "$enkat_us / 1000" | bc -l)"
if command -v python3 >/dev/null 2>&1; then
	py_us=$(best python3 -c 'import configparser,sys; c=configparser.ConfigParser(interpolation=None); c.read(sys.argv[1], encoding="utf-8")' "$f")
	printf '%-34s %8.1f ms   (enkat is %.1fx faster)\n' "python3 configparser (no checks)" \
		"$(echo "$py_us / 1000" | bc -l)" "$(echo "$py_us / $enkat_us" | bc -l)"
fi
printf '%-34s %8.1f ms\n' "cat (floor)" "$(echo "$cat_us / 1000" | bc -l)"
if command -v valgrind >/dev/null 2>&1; then
	peak=$(valgrind --tool=massif --pages-as-heap=no --massif-out-file=bench/data/massif.out \
		"$ENKAT" --check "$f" >/dev/null 2>&1; grep mem_heap_B bench/data/massif.out |
		sed 's/.*=//' | sort -n | tail -1)
	printf '%-34s %8.1f MiB\n' "enkat peak heap" "$(echo "$peak / 1048576" | bc -l)"
fi
