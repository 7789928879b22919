#!/bin/sh
# The manual pages are valid mdoc: mandoc -T lint reports nothing.
set -u
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
for page in man/*.[1-9]; do
	out=$(mandoc -T lint -W warning "$page" 2>&1)
	if [ -z "$out" ]; then ok
	else ko "$page:"; echo "$out"; fi
done
finish man-lint
