#!/bin/sh
# The build and the installation, through the real Makefile:
# - make install into any prefix (PREFIX, or DESTDIR staging, or moved
#   afterwards) of a build made for /usr/local: the installed enkat, run
#   from another folder, finds its survey and translations next to itself
#   (PREFIX/share), speaks exactly as the built one, has its manual pages,
#   and nothing installed is writable by others; make uninstall removes it;
# - a plain make installs nothing (names the missing packages), while make
#   run and make check install them as root before pkg-config is asked;
# - the engine is built without curses (an include of curses.h in an
#   engine module fails the build); enkat-merge links no curses;
#   CPPFLAGS and LDLIBS reach the compiler and the linker.
# The build under test: ENKAT_B and ENKAT_BIN (set by make test), else the
# folder of $ENKAT (./enkat: B=build, BIN empty).
set -u
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
export LC_ALL=C.UTF-8 TZ=UTC
unset LANGUAGE

bin_dir=$(dirname "$ENKAT")
if [ -n "${ENKAT_B:-}" ]; then
	B=$ENKAT_B BIN=${ENKAT_BIN:-}
elif [ "$bin_dir" = "$PWD" ]; then
	B=build BIN=
else
	B=${bin_dir#"$PWD"/} BIN=${bin_dir#"$PWD"/}/
fi
MAKE_BIN=$(command -v make)
# make called from make test: keep its variables (check-asan's CFLAGS),
# drop its job server, which this make cannot reach
MAKEFLAGS=$(printf '%s' "${MAKEFLAGS:-}" | sed 's/--jobserver-[a-z]*=[^ ]*//g; s/\(^\| \)-j[0-9]*//g')
export MAKEFLAGS
mk() { "$MAKE_BIN" --no-print-directory "$@"; }

# plain_run ENKAT LANG DIR: enkat --plain on the default survey, run in
# DIR, quitting at the first question; the output in DIR/out.txt
plain_run() {
	mkdir -p "$3"
	(cd "$3" && printf 'q\n' | "$1" --plain --lang "$2" --department Prov --out res \
		>out.txt 2>&1)
}

# ------------------------------------------------------ make install
P="$WORK/prefix"
# anything out of date is built first, with the caller's umask: only the
# installing runs under umask 000, to show that install sets every mode
mk -s all B="$B" BIN="$BIN" >"$WORK/build.txt" 2>&1 || { ko "make all:"; cat "$WORK/build.txt"; }
if (umask 000; mk -s install B="$B" BIN="$BIN" PREFIX="$P") >"$WORK/install.txt" 2>&1; then
	ok
else
	ko "make install PREFIX=$P:"; cat "$WORK/install.txt"
fi
for f in bin/enkat bin/enkat-merge share/enkat/surveys/kommun.ini \
	share/locale/sv/LC_MESSAGES/enkat.mo share/man/man1/enkat.1 \
	share/man/man1/enkat-merge.1 share/man/man5/enkat-survey.5 \
	share/man/man5/enkat-results.5; do
	check "installed: $f" [ -f "$P/$f" ]
done
check "installed under umask 000: nothing writable by others" \
	sh -c "[ -z \"\$(find '$P' ! -type l -perm -o+w)\" ]"
check "installed: programs 755, data 644" sh -c \
	"[ \$(stat -c %a '$P/bin/enkat') = 755 ] && [ \$(stat -c %a '$P/share/enkat/surveys/kommun.ini') = 644 ]"
check "installed manual pages: mandoc reads enkat(1)" sh -c \
	"mandoc -T ascii '$P/share/man/man1/enkat.1' | grep -q 'enkat'"
if command -v man >/dev/null 2>&1; then
	check "installed manual pages: man -M finds enkat-results(5)" sh -c \
		"man -M '$P/share/man' -w 5 enkat-results | grep -q '$P/share/man/man5/enkat-results.5'"
else
	skip "man is not installed: man -M not tried"
fi

# --check of the survey enkat uses by default, from another folder: the
# bundled survey, found in PREFIX/share (the build was made for /usr/local)
mkdir -p "$WORK/elsewhere"
out=$(cd "$WORK/elsewhere" && "$P/bin/enkat" --check "$P/share/enkat/surveys/kommun.ini" 2>&1)
rc=$?
check "installed: --check of the installed survey passes ($out)" [ "$rc" -eq 0 ]
plain_run "$P/bin/enkat" en "$WORK/elsewhere/en"
check "installed, run elsewhere: the default survey is found" \
	grep -q "infosak-kommun-2026-prov.csv" "$WORK/elsewhere/en/out.txt"
check "installed, run elsewhere: no 'No such file'" \
	sh -c "! grep -q 'No such file' '$WORK/elsewhere/en/out.txt'"

# --plain --lang sv: the same words as the built program (which reads
# build/mo), and not those of an installation without the catalogue
plain_run "$ENKAT" sv "$WORK/tree-sv"
plain_run "$P/bin/enkat" sv "$WORK/elsewhere/sv"
check "installed --lang sv: speaks as the built enkat" \
	diff -u "$WORK/tree-sv/out.txt" "$WORK/elsewhere/sv/out.txt"
mkdir -p "$WORK/nolocale/bin" "$WORK/nolocale/share"
cp "$P/bin/enkat" "$WORK/nolocale/bin/"
cp -r "$P/share/enkat" "$WORK/nolocale/share/"
if [ -e /usr/local/share/locale/sv/LC_MESSAGES/enkat.mo ]; then
	skip "an enkat.mo is installed in /usr/local: the catalogue's use not told apart"
else
	plain_run "$WORK/nolocale/bin/enkat" sv "$WORK/nolocale/run"
	check "installed --lang sv: the translation comes from PREFIX/share/locale" \
		sh -c "! cmp -s '$WORK/nolocale/run/out.txt' '$WORK/elsewhere/sv/out.txt'"
fi

# a symbolic link to the installed program finds the program's data
mkdir -p "$WORK/links"
ln -s "$P/bin/enkat" "$WORK/links/enkat"
plain_run "$WORK/links/enkat" sv "$WORK/links/run"
check "installed, through a symbolic link: the same" \
	diff -u "$WORK/tree-sv/out.txt" "$WORK/links/run/out.txt"

# staged with DESTDIR, then moved elsewhere (as a package is)
S="$WORK/stage"
if mk -s install B="$B" BIN="$BIN" DESTDIR="$S" PREFIX=/opt/enkat >"$WORK/stage.txt" 2>&1; then
	ok
else
	ko "make install DESTDIR=$S:"; cat "$WORK/stage.txt"
fi
check "DESTDIR: installed under it" [ -x "$S/opt/enkat/bin/enkat" ]
plain_run "$S/opt/enkat/bin/enkat" sv "$WORK/staged"
check "DESTDIR: the staged enkat speaks Swedish and finds its survey" \
	diff -u "$WORK/tree-sv/out.txt" "$WORK/staged/out.txt"
mv "$S/opt/enkat" "$WORK/moved"
plain_run "$WORK/moved/bin/enkat" sv "$WORK/moved-run"
check "moved after installing: still the same" \
	diff -u "$WORK/tree-sv/out.txt" "$WORK/moved-run/out.txt"

# make uninstall leaves no file behind
mk -s uninstall B="$B" BIN="$BIN" PREFIX="$P" >"$WORK/uninstall.txt" 2>&1
left=$(find "$P" -type f | wc -l)
check "make uninstall: $left files left" [ "$left" -eq 0 ]

# -------------------------------------------------------- dependencies
# A PATH holding only what the build needs, without msgfmt (gettext), a
# logging pkg-config, and an apt-get that logs and fails.
F="$WORK/fakebin"
mkdir -p "$F"
for c in sh mkdir touch id cc make dirname printf; do
	p=$(command -v "$c") && ln -s "$p" "$F/$c"
done
real_pkgconfig=$(command -v pkg-config)
printf '#!/bin/sh\necho "pkg-config $*" >>"%s"\nexec %s "$@"\n' "$WORK/calls" "$real_pkgconfig" \
	>"$F/pkg-config"
printf '#!/bin/sh\necho "apt-get $*" >>"%s"\nexit 100\n' "$WORK/calls" >"$F/apt-get"
chmod 755 "$F/pkg-config" "$F/apt-get"

: >"$WORK/calls"
MAKEFLAGS= PATH="$F" "$MAKE_BIN" --no-print-directory B="$WORK/d1" BIN="$WORK/d1/" \
	"$WORK/d1/enkat" >"$WORK/make.txt" 2>&1
rc=$?
check "plain make, gettext missing: fails" [ "$rc" -ne 0 ]
check "plain make, gettext missing: names the package" \
	grep -q "missing Debian packages: gettext" "$WORK/make.txt"
check "plain make: never runs apt-get" sh -c "! grep -q '^apt-get' '$WORK/calls'"
check "plain make: compiles nothing" [ ! -e "$WORK/d1/util.o" ]

if [ "$(id -u)" -eq 0 ]; then
	for goal in run check; do
		: >"$WORK/calls"
		MAKEFLAGS= PATH="$F" "$MAKE_BIN" --no-print-directory B="$WORK/d-$goal" \
			BIN="$WORK/d-$goal/" "$goal" >"$WORK/make.txt" 2>&1
		check "make $goal as root: installs gettext with apt-get" \
			grep -q "^apt-get install .*gettext" "$WORK/calls"
		first=$(grep -n -e '--cflags' -e '--libs' "$WORK/calls" | head -n 1 | cut -d: -f1)
		inst=$(grep -n '^apt-get install' "$WORK/calls" | head -n 1 | cut -d: -f1)
		check "make $goal: apt-get before pkg-config is asked for flags" \
			[ -z "$first" ] || [ "${inst:-999999}" -lt "$first" ]
	done
else
	skip "not root: make run installing packages not tried"
	skip "not root: make check installing packages not tried"
fi

# ------------------------------------------------ the engine, no curses
G="$WORK/guard"
mkdir -p "$G/src"
printf '#include <stdio.h>\n#include <%s>\nint probe(void);\nint probe(void) { return 0; }\n' \
	curses.h >"$G/src/probe.c"
mk -s B="$G/b" SRC="$G/src" ENGINE=probe "$G/b/libenkat.a" >"$G/out.txt" 2>&1
rc=$?
check "curses.h in an engine module: the build fails" [ "$rc" -ne 0 ]
check "curses.h in an engine module: says why" grep -q "no curses here" "$G/out.txt"
for h in ncursesw/curses.h ncurses.h term.h; do
	sed "s|<curses.h>|<$h>|" "$G/src/probe.c" >"$G/src/probe_$(echo "$h" | tr '/.' '__').c"
done
rm "$G/src/probe.c"
for h in ncursesw/curses.h ncurses.h term.h; do
	m=probe_$(echo "$h" | tr '/.' '__')
	mk -s B="$G/b" SRC="$G/src" ENGINE="$m" "$G/b/$m.o" >"$G/out.txt" 2>&1
	check "<$h> in an engine module: the build fails" sh -c \
		"[ $? -ne 0 ] && grep -q 'no curses here' '$G/out.txt'"
done
printf 'int probe(void);\nint probe(void) { return 0; }\n' >"$G/src/clean.c"
mk -s B="$G/b" SRC="$G/src" ENGINE=clean "$G/b/libenkat.a" >"$G/out.txt" 2>&1
check "an engine module without curses builds" [ $? -eq 0 ]

# what make would run for this tree (-n: nothing is built)
N="$WORK/n"
mk -n -B B="$N" BIN="$N/" CPPFLAGS=-DPROBE_CPPFLAGS LDLIBS=-lprobe_ldlibs \
	"$N/enkat" "$N/enkat-merge" >"$N.txt" 2>&1
curses_cflags=$(pkg-config --cflags ncursesw)
grep -e ' -o [^ ]*/util\.o ' -e ' -o [^ ]*/survey\.o ' "$N.txt" >"$N.engine"
check "engine compiled with the no-curses guard" sh -c \
	"[ \$(wc -l <'$N.engine') -eq 2 ] && [ \$(grep -c -- '-I$N/no-curses' '$N.engine') -eq 2 ]"
if [ -n "$curses_cflags" ]; then
	check "engine compiled without curses flags ($curses_cflags)" \
		sh -c "! grep -qF -- '$curses_cflags' '$N.engine'"
else
	skip "ncursesw has no compiler flags to look for"
fi
check "CPPFLAGS reach every compile" sh -c \
	"! grep -- ' -c ' '$N.txt' | grep -vq -- -DPROBE_CPPFLAGS"
grep -e "-o $N/enkat " -e "-o $N/enkat-merge " "$N.txt" >"$N.link"
check "two links" [ "$(wc -l <"$N.link")" -eq 2 ]
check "LDLIBS reach both links" [ "$(grep -c -- -lprobe_ldlibs "$N.link")" -eq 2 ]
check "the engine is a library both programs link" \
	[ "$(grep -c -- "$N/libenkat.a" "$N.link")" -eq 2 ]
check "enkat-merge links with -pthread" sh -c \
	"grep -- '-o $N/enkat-merge ' '$N.txt' | grep -q -- ' -pthread '"
if [ -x "$ENKAT_MERGE" ]; then
	ldd "$ENKAT_MERGE" >"$WORK/ldd.txt" 2>&1
	check "enkat-merge needs no curses library" \
		sh -c "! grep -qE 'libncurses|libtinfo' '$WORK/ldd.txt'"
else
	skip "no enkat-merge at $ENKAT_MERGE"
fi

finish install
