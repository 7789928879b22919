#!/bin/sh
# Makes sure the Debian packages enkat needs are installed.
#   tests/deps.sh build   what building enkat needs
#   tests/deps.sh check   that, plus what the test suite needs
# As root, missing packages are installed with apt-get; otherwise this says
# which to install and fails.
set -eu

want="${1:-build}"

# package:probe pairs; a probe is a pkg-config module, a header (/...) or a
# command (cmd:NAME)
build_pkgs="pkgconf:cmd:pkg-config gcc:cmd:cc make:cmd:make
libncurses-dev:ncursesw libinih-dev:inih libcsv-dev:/usr/include/csv.h
nettle-dev:nettle gettext:cmd:msgfmt"
check_pkgs="libcmocka-dev:cmocka mandoc:cmd:mandoc tmux:cmd:tmux chromium:cmd:chromium clang:cmd:clang libclang-rt-14-dev:/usr/lib/llvm-14/lib/clang/14.0.6/lib/linux/libclang_rt.fuzzer-x86_64.a
locales:/usr/share/i18n/locales/sv_SE valgrind:cmd:valgrind"

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

if [ "$(id -u)" -ne 0 ]; then
	echo "enkat needs these Debian packages:$missing" >&2
	echo "install them with: sudo apt-get install$missing" >&2
	exit 1
fi
echo "installing:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
# a fresh machine has no package lists yet
apt-get update -q >&2 || true
# shellcheck disable=SC2086
apt-get install -y -q --no-install-recommends $missing >&2
