#!/bin/sh
# Checks that the Debian packages enkat needs are installed.
#   tests/deps.sh [--install] build   what building enkat needs
#   tests/deps.sh [--install] check   that, plus what the test suite needs
# Without --install (a plain `make`) nothing is installed: the missing
# packages are named and the status is 1. With --install (make run, make
# check, make test, make deps), root installs them with apt-get; anyone
# else is told the command and gets status 1.
set -eu

install=0
if [ "${1:-}" = --install ]; then install=1; shift; fi
want="${1:-build}"
case "$want" in
build|check) ;;
*) echo "usage: tests/deps.sh [--install] build|check" >&2; exit 2 ;;
esac

# package:probe pairs; a probe is a pkg-config module, a file (/...) or a
# command (cmd:NAME)
build_pkgs="pkgconf:cmd:pkg-config gcc:cmd:cc make:cmd:make
libncurses-dev:ncursesw libinih-dev:inih libcsv-dev:/usr/include/csv.h
nettle-dev:nettle gettext:cmd:msgfmt libacl1-dev:libacl libutf8proc-dev:libutf8proc
libxlsxwriter-dev:xlsxwriter"
check_pkgs="libcmocka-dev:cmocka mandoc:cmd:mandoc tmux:cmd:tmux chromium:cmd:chromium clang:cmd:clang libclang-rt-14-dev:/usr/lib/llvm-14/lib/clang/14.0.6/lib/linux/libclang_rt.fuzzer-x86_64.a
locales:/usr/share/i18n/locales/sv_SE valgrind:cmd:valgrind acl:cmd:getfacl
openssh-server:/usr/sbin/sshd openssh-client:cmd:ssh poppler-utils:cmd:pdftotext
python3:cmd:python3 libreoffice-calc-nogui:cmd:soffice"

pkgs="$build_pkgs"
[ "$want" = check ] && pkgs="$build_pkgs $check_pkgs"

have() {
	case "$1" in
	cmd:*) command -v "${1#cmd:}" >/dev/null 2>&1 ;;
	/*) [ -e "$1" ] ;;
	*) command -v pkg-config >/dev/null 2>&1 && pkg-config --exists "$1" ;;
	esac
}

missing=""
for entry in $pkgs; do
	pkg="${entry%%:*}"
	probe="${entry#*:}"
	have "$probe" || missing="$missing $pkg"
done
[ -z "$missing" ] && exit 0

if [ "$install" -eq 0 ] || [ "$(id -u)" -ne 0 ]; then
	echo "enkat: missing Debian packages:$missing" >&2
	echo "install them with: sudo apt-get install$missing" >&2
	echo "(or run 'make deps', 'make run' or 'make check' as root)" >&2
	exit 1
fi
echo "installing:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
# a fresh machine has no package lists yet
apt-get update -q >&2 || true
# shellcheck disable=SC2086
apt-get install -y -q --no-install-recommends $missing >&2
