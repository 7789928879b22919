#!/bin/sh
# The manual pages are valid mdoc: mandoc -T lint reports nothing.
set -u
cd "$(dirname "$0")/../.." || exit 2
pass=0
fail=0
for page in man/*.[1-9]; do
	out=$(mandoc -T lint -W warning "$page" 2>&1)
	if [ -z "$out" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: $page:"
		echo "$out"
	fi
done
echo "man-lint: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
