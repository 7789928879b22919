#!/bin/sh
# enkat-merge against what an analyst would use instead, and against the
# floor that libcsv sets, in one run on the same files:
#
#   libcsv floor  bench/csv-floor.c: libcsv alone parses the same bytes,
#                 with enkat's options and callbacks that only count the
#                 fields and records, on one thread
#   enkat-merge   --matrix (department x area percentages) to a file
#   Miller        mlr: the same per-department, per-area percentages
#   DuckDB        npm @duckdb/node-api: read_csv with the schema given,
#                 the same percentages (bench/duckdb-means.mjs)
#
# The files come from tests/gen-results.sh with real texts: quoted commas,
# doubled quotes, comments with line breaks, leading '=' (N files of Q
# questions in A areas, default 3000 x 60 x 9, kept in bench/data/). Every
# tool's figures are checked cell by cell against enkat-merge's (and
# enkat-merge's against the generator's own oracle); a disagreement fails
# the run. The tools take turns for RUNS rounds; wall time is each one's
# best, with the peak RSS and the CPU time (user + system) of that run,
# from /usr/bin/time.
#
# Missing tools are installed when run as root (Debian: time, miller,
# nodejs, npm; npm: @duckdb/node-api into the cache folder, never into the
# repository); otherwise a missing comparison is reported as skipped.
#
#   N=3000 Q=60 A=9 RUNS=5 sh bench/bench-merge.sh
#   ENKAT_MERGE=path  the program to measure (default ./enkat-merge)
#   BENCH_CACHE=dir   the cache (default $XDG_CACHE_HOME/enkat-bench, else
#                     bench/.cache); DUCKDB_VERSION=x.y.z (npm version)
#   BENCH_NO_INSTALL=1  installs nothing, not even as root (npm included)
set -u
cd "$(dirname "$0")/.." || exit 2
ROOT=$PWD
M="${ENKAT_MERGE:-$ROOT/enkat-merge}"
N="${N:-3000}"
Q="${Q:-60}"
A="${A:-9}"
RUNS="${RUNS:-5}"
DUCKDB_VERSION="${DUCKDB_VERSION:-1.5.6-r.1}"
if [ -n "${BENCH_CACHE:-}" ]; then
	CACHE=$BENCH_CACHE
elif [ -n "${XDG_CACHE_HOME:-}" ]; then
	CACHE=$XDG_CACHE_HOME/enkat-bench
else
	CACHE=$ROOT/bench/.cache
fi
export LC_ALL=C.UTF-8

die() {
	echo "bench-merge: $*" >&2
	exit 1
}
skipped=""
skip() { # TOOL REASON
	skipped="$skipped
  $1: SKIPPED, $2"
	echo "bench-merge: $1 skipped: $2" >&2
}
for x in "N=$N" "Q=$Q" "A=$A" "RUNS=$RUNS"; do
	case "${x#*=}" in
	'' | *[!0-9]* | 0) die "${x%%=*} must be a whole number above 0 (got '${x#*=}')" ;;
	esac
done

# -------------------------------------------------------------- the tools
root=0
[ "$(id -u)" -eq 0 ] && root=1
apt_updated=0
apt_install() { # PACKAGE...: as root; says what failed
	[ "$root" -eq 1 ] && [ "${BENCH_NO_INSTALL:-0}" = 0 ] || return 1
	echo "bench-merge: installing $*" >&2
	export DEBIAN_FRONTEND=noninteractive
	if [ "$apt_updated" -eq 0 ]; then
		apt-get update -q >/dev/null 2>&1 || echo "bench-merge: apt-get update failed" >&2
		apt_updated=1
	fi
	apt-get install -y -q --no-install-recommends "$@" >"$CACHE/apt.log" 2>&1 || {
		echo "bench-merge: apt-get install $* failed:" >&2
		tail -n 3 "$CACHE/apt.log" >&2
		return 1
	}
}
mkdir -p "$CACHE" || die "cannot make the cache folder $CACHE"

[ -x /usr/bin/time ] || apt_install time ||
	die "needs /usr/bin/time (Debian package time; run as root to install it)"
[ -x "$M" ] || die "build enkat-merge first (make), or set ENKAT_MERGE (not found: $M)"
if ! command -v cc >/dev/null 2>&1 || [ ! -f /usr/include/csv.h ]; then
	die "needs cc and libcsv-dev for the floor (make deps installs them)"
fi
cc -O2 -Wall -Wextra -o "$CACHE/csv-floor" bench/csv-floor.c -lcsv ||
	die "cannot build bench/csv-floor.c"

command -v mlr >/dev/null 2>&1 || apt_install miller || true
if command -v mlr >/dev/null 2>&1; then
	have_mlr=1
	mlr_name="Miller $(mlr --version | sed 's/^mlr //')"
else
	have_mlr=0
	skip Miller "no mlr (Debian package miller; run as root to install it)"
fi

have_duck=0
duck_dir=$CACHE/duckdb
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
	apt_install nodejs npm || true
fi
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
	skip DuckDB "no node or npm (Debian packages nodejs, npm; run as root to install them)"
else
	mkdir -p "$duck_dir"
	pj=$duck_dir/node_modules/@duckdb/node-api/package.json
	if ! grep -q "\"version\": *\"$DUCKDB_VERSION\"" "$pj" 2>/dev/null &&
	   [ "${BENCH_NO_INSTALL:-0}" = 0 ]; then
		echo "bench-merge: npm install @duckdb/node-api@$DUCKDB_VERSION into $duck_dir" >&2
		[ -f "$duck_dir/package.json" ] || echo '{"private": true}' >"$duck_dir/package.json"
		npm install --prefix "$duck_dir" --no-audit --no-fund --no-save \
			"@duckdb/node-api@$DUCKDB_VERSION" >"$duck_dir/npm.log" 2>&1 ||
			{ tail -n 5 "$duck_dir/npm.log" >&2; }
	fi
	if grep -q "\"version\": *\"$DUCKDB_VERSION\"" "$pj" 2>/dev/null; then
		# an ES module finds its packages next to itself
		cp bench/duckdb-means.mjs "$duck_dir/" || die "cannot copy to $duck_dir"
		have_duck=1
		duck_name="DuckDB (node-api $DUCKDB_VERSION)"
	else
		skip DuckDB "no @duckdb/node-api@$DUCKDB_VERSION in $duck_dir (npm install failed or BENCH_NO_INSTALL; see $duck_dir/npm.log)"
	fi
fi

# --------------------------------------------------------------- the data
data=bench/data/merge-texts-$N-$Q-$A
if [ ! -f "$data/.done" ]; then
	rm -rf "$data"
	echo "bench-merge: generating $N files into $data" >&2
	sh tests/gen-results.sh -n "$N" -q "$Q" -a "$A" -t "$data/truth" "$data/files" ||
		die "tests/gen-results.sh failed"
	touch "$data/.done"
fi
files=$data/files
n_files=$(find "$files" -name '*.csv' | wc -l)
bytes=$(cat "$files"/*.csv | wc -c) # also brings the files into the page cache
out=$(mktemp -d "${TMPDIR:-/tmp}/bench-merge.XXXXXX") || die "mktemp failed"
trap 'rm -rf "$out"' EXIT

# measure NAME: runs tool NAME once (its command: see the case below) and
# keeps, in NAME_t, NAME_rss and NAME_cpu, the wall time (s), peak RSS
# (KiB) and CPU time (s) of its fastest run so far; output to
# $out/NAME.out. The tools take turns, round after round, so that a burst
# of load from elsewhere on the machine falls on all of them alike rather
# than on one. The wall time is taken around /usr/bin/time to the
# millisecond (its own %e has hundredths only), so it includes starting
# /usr/bin/time, a millisecond or so. A failed run ends the benchmark: a
# crash is fast too.
# shellcheck disable=SC2016 # Miller's own $fields, in single quotes
measure() {
	name=$1
	case "$name" in
	floor) set -- "$CACHE/csv-floor" "$files" ;;
	enkat) set -- "$M" --matrix "$out/matrix.csv" "$files" ;;
	# an aggregate keyed by department and area, rather than stats1 -g,
	# which holds every record: Miller's lighter way
	mlr) set -- mlr --icsv --ocsv \
		filter '$na == 0 && !is_empty($max_value) && $status == "final"' \
		"then" put -q '
			@s[$department][$area_id] += $weight * (is_empty($value) ? 0 : $value) / $max_value;
			@w[$department][$area_id] += $weight;
			end { for ((d, a), s in @s) { print d . "\t" . a . "\t" . fmtnum(100 * s / @w[d][a], "%.6f") } }' \
		"$files"/*.csv ;;
	duck) set -- node "$duck_dir/duckdb-means.mjs" "$ROOT/$files/*.csv" "$out/duck.tsv" ;;
	esac
	t0=$(date +%s%N)
	if ! /usr/bin/time -f '%M %U %S' -o "$out/$name.time" "$@" \
		>"$out/$name.out" 2>"$out/$name.err"; then
		echo "bench-merge: $name FAILED: $*" >&2
		head -n 5 "$out/$name.err" >&2
		exit 1
	fi
	t1=$(date +%s%N)
	read -r em eu es <<-EOF
	$(tail -n 1 "$out/$name.time")
	EOF
	eval "best=\${${name}_t:-}"
	if [ -z "$best" ] || awk -v a="$((t1 - t0))" -v b="$best" 'BEGIN { exit !(a / 1e9 < b) }'; then
		eval "${name}_t=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')"
		eval "${name}_rss=$em"
		eval "${name}_cpu=$(awk -v u="$eu" -v s="$es" 'BEGIN { printf "%.2f", u + s }')"
	fi
}

# ------------------------------------------------------------ the figures
# CSV lines without line breaks in fields to fields split by tabs (awk)
CSV_AWK='
function csv_split(line, f,   n, i, c, s, q) {
	n = 0; s = ""; q = 0
	for (i = 1; i <= length(line); i++) {
		c = substr(line, i, 1)
		if (q) {
			if (c == "\"") {
				if (substr(line, i + 1, 1) == "\"") { s = s c; i++ } else q = 0
			} else s = s c
		} else if (c == "\"") q = 1
		else if (c == ",") { f[++n] = s; s = "" }
		else s = s c
	}
	f[++n] = s
	return n
}'
# a matrix (first column FIRST: the department; area columns up to
# "overall") to lines "department TAB area TAB percent", empty cells left out;
# an area's level, target, gap and completeness columns (AREA_level, ...)
# are enkat-merge's alone: the other tools compute the percentages
matrix_long() { # FIRST FILE
	awk -v FIRST="$1" "$CSV_AWK"'
	{ sub(/\r$/, "") }
	NR == 1 { n = csv_split($0, h); next }
	{
		csv_split($0, f)
		for (i = FIRST + 1; i <= n && h[i] != "overall"; i++)
			if (f[i] != "" && h[i] !~ /_(level|target|gap|answered|applicable)$/)
				print f[FIRST] "\t" h[i] "\t" f[i]
	}' "$2"
}
# compare NAME REFERENCE TOLERANCE: every cell of enkat-merge's matrix
# against the reference's, and the same cells on both sides
compare() {
	awk -F '\t' -v NAME="$1" -v TOL="$3" '
	FNR == NR { ref[$1 "\t" $2] = $3; nref++; next }
	{
		k = $1 "\t" $2; n++; show = $1 " / " $2
		if (!(k in ref)) { if (bad++ < 5) printf "  %s: no figure for %s (enkat-merge: %s)\n", NAME, show, $3; next }
		d = $3 - ref[k]; if (d < 0) d = -d
		if (d > TOL) { if (bad++ < 5) printf "  %s: enkat-merge %s, %s %s\n", show, $3, NAME, ref[k] }
		delete ref[k]
	}
	END {
		for (k in ref) if (bad++ < 5) { sub(/\t/, " / ", k); printf "  %s: %s has %s, enkat-merge nothing\n", k, NAME, ref[k] }
		if (bad) { printf "FIGURES DISAGREE: enkat-merge and %s differ in %d of %d cells\n", NAME, bad, nref; exit 1 }
		printf "  %-28s %6d cells agree (within %s)\n", NAME, n, TOL
	}' "$2" "$out/enkat.tsv"
}

# ---------------------------------------------------------------- the runs
printf 'enkat-merge benchmark: %s files x %s questions in %s areas, %s MiB, %s CPUs, %s\n' \
	"$n_files" "$Q" "$A" "$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1048576 }')" \
	"$(nproc)" "$(uname -m)"
printf 'texts with quoted commas, doubled quotes and line breaks; best of %s rounds\n' "$RUNS"
load0=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo "?")

# set by measure, through eval
floor_t="" floor_rss="" floor_cpu="" enkat_t="" enkat_rss="" enkat_cpu=""
mlr_t="" mlr_rss="" mlr_cpu="" duck_t="" duck_rss="" duck_cpu=""
tools="floor enkat"
[ "$have_mlr" -eq 1 ] && tools="$tools mlr"
[ "$have_duck" -eq 1 ] && tools="$tools duck"
round=0
while [ "$round" -lt "$RUNS" ]; do
	round=$((round + 1))
	for tool in $tools; do
		measure "$tool"
	done
	if [ "$round" -eq 1 ]; then
		# shellcheck disable=SC2046
		set -- $(cat "$out/floor.out")
		if [ "${2:-}" != "$n_files" ] || [ "${6:-}" != "$((n_files * (Q + 1)))" ]; then
			die "the floor parsed $(cat "$out/floor.out"); expected $n_files files, $((n_files * (Q + 1))) records"
		fi
	fi
done

# the tools with threads need the CPUs free: a busy machine is said
load1=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo "?")
printf 'load average %s before, %s after' "$load0" "$load1"
awk -v a="$load0" -v b="$load1" -v n="$(nproc)" 'BEGIN {
	if (a + 0 > n / 4)
		printf " (BUSY: other work shares the %d CPUs; the wall times of enkat-merge and DuckDB, which use threads, are too high)", n
	printf "\n\n"
}'

row() { # NAME WALL CPU RSS_KIB
	awk -v n="$1" -v t="$2" -v c="$3" -v r="$4" -v f="$floor_t" 'BEGIN {
		printf "%-34s %7.3f %7.2f %11.1f %9.2fx\n", n, t, c, r / 1024, (f > 0 ? t / f : 0)
	}'
}
printf '%-34s %7s %7s %11s %10s\n' tool "wall s" "CPU s" "max RSS MiB" "x floor"
row "libcsv floor (1 thread)" "$floor_t" "$floor_cpu" "$floor_rss"
row "enkat-merge --matrix" "$enkat_t" "$enkat_cpu" "$enkat_rss"
[ "$have_mlr" -eq 1 ] && row "$mlr_name" "$mlr_t" "$mlr_cpu" "$mlr_rss"
[ "$have_duck" -eq 1 ] && row "$duck_name" "$duck_t" "$duck_cpu" "$duck_rss"
[ -n "$skipped" ] && printf '%s\n' "${skipped#?}"
echo
awk -v t="$enkat_t" -v f="$floor_t" 'BEGIN {
	printf "aim (issue 10): enkat-merge at most 1.20x the floor: %.2fx, %s\n", t / f,
		t <= 1.2 * f ? "met" : "NOT met"
}'

# ---------------------------------------------------- the figures agree
echo "figures (per department and area) against enkat-merge's --matrix:"
matrix_long 3 "$out/matrix.csv" >"$out/enkat.tsv"
[ -s "$out/enkat.tsv" ] || die "enkat-merge's matrix has no figures"
fail=0
matrix_long 1 "$data/truth/matrix.csv" >"$out/truth.tsv"
compare "gen-results.sh oracle" "$out/truth.tsv" 0.000001 || fail=1
[ "$have_mlr" -eq 1 ] && { compare "$mlr_name" "$out/mlr.out" 0.050001 || fail=1; }
[ "$have_duck" -eq 1 ] && { compare "DuckDB" "$out/duck.tsv" 0.050001 || fail=1; }
[ "$fail" -eq 0 ] || die "the tools disagree: no comparison of their times is honest"
exit 0
