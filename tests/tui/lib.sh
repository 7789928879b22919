# The shell suites' helpers now live in tests/lib.sh (one file for every
# suite); this name stays for the suites that source it.
# shellcheck shell=sh source=tests/lib.sh
. tests/lib.sh
