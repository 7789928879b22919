#!/bin/sh
# Command-line tests of `enkat --check` and the options, through the real
# binary. Each tests/cli/check/NAME.ini is checked from inside that folder
# and its output compared with NAME.expected; files named valid-* must pass
# (exit 0), all others must fail (exit 1).
# Set UPDATE=1 to rewrite the .expected files (then review the diff).
set -u
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
export LC_ALL=C.UTF-8 TZ=UTC

# expect_exit WANT DESCRIPTION -- COMMAND...
expect_exit() {
	want=$1; what=$2; shift 3
	"$@" >/dev/null 2>&1
	got=$?
	if [ "$got" -eq "$want" ]; then ok; else ko "$what: exit $got, wanted $want"; fi
}

for ini in tests/cli/check/*.ini; do
	name=$(basename "$ini" .ini)
	expected="tests/cli/check/$name.expected"
	out=$(cd tests/cli/check && timeout 10 "$ENKAT" --check "$name.ini" 2>&1)
	rc=$?
	case "$name" in valid-*) want=0 ;; *) want=1 ;; esac
	if [ "${UPDATE:-}" = 1 ]; then
		printf '%s\n' "$out" >"$expected"
	fi
	if [ "$rc" -ne "$want" ]; then
		ko "$name: exit $rc, wanted $want"
	elif [ "$out" != "$(cat "$expected" 2>/dev/null)" ]; then
		ko "$name: output differs from $expected:"
		printf '%s\n' "$out" | diff "$expected" - | sed 's/^/    /'
	else
		ok
	fi
done

# the bundled surveys are valid
expect_exit 0 "bundled surveys pass --check" -- "$ENKAT" --check surveys/kommun.ini surveys/demo.ini

# options
expect_exit 0 "--help" -- "$ENKAT" --help
expect_exit 0 "--version" -- "$ENKAT" --version
expect_exit 2 "unknown option" -- "$ENKAT" --bogus
expect_exit 2 "--check without files" -- "$ENKAT" --check
if "$ENKAT" --version | grep -q '^enkat [0-9]'; then ok; else ko "--version prints 'enkat N.N.N'"; fi
if "$ENKAT" --help | grep -q -- '--check FILE'; then ok; else ko "--help names --check"; fi

tmp=$WORK

# several files: every problem of every file, and exit 1 if any is bad
out=$(cd tests/cli/check && "$ENKAT" --check valid-minimal.ini syntax.ini empty.ini 2>&1)
rc=$?
if [ "$rc" -eq 1 ] && printf '%s\n' "$out" | grep -q '^valid-minimal.ini: ok' &&
   printf '%s\n' "$out" | grep -q '^syntax.ini:6: ' &&
   printf '%s\n' "$out" | grep -q '^empty.ini:1: '; then ok
else ko "several files: rc=$rc output: $out"; fi

# files that are not files: a clear message, never a hang
mkfifo "$tmp/fifo.ini"
out=$(timeout 5 "$ENKAT" --check "$tmp/fifo.ini" 2>&1)
rc=$?
if [ "$rc" -eq 1 ] && [ "$out" = "$tmp/fifo.ini: not a regular file" ]; then ok
else ko "FIFO: rc=$rc output: $out"; fi
out=$("$ENKAT" --check "$tmp" 2>&1)
if [ "$out" = "$tmp: is a directory" ]; then ok; else ko "directory: $out"; fi
out=$("$ENKAT" --check "$tmp/none.ini" 2>&1)
if [ "$out" = "$tmp/none.ini: No such file or directory" ]; then ok; else ko "missing: $out"; fi

# a 5000-byte line is read whole: the text's end is where we put an error
long=$(head -c 5000 /dev/zero | tr '\0' 'x')
sed "s/^text.sv = .*/text.sv = $long/; s/^type = yesno/type = yesno\nlevel = 9/" \
	tests/cli/check/valid-minimal.ini >"$tmp/long.ini"
printf '[question.q2]\narea = a\ntype = yesno\ntext.sv = %s\ntext.en = e\nbogus_after_long_line = 1\n' \
	"$long" >>"$tmp/long.ini"
out=$("$ENKAT" --check "$tmp/long.ini" 2>&1)
if printf '%s\n' "$out" | grep -q "long.ini:17: 'level' has no meaning with scoring = percent" &&
   printf '%s\n' "$out" | grep -q "long.ini:25: unknown key 'bogus_after_long_line'"; then ok
else ko "long line: $out"; fi

finish cli-check
