#!/bin/sh
# Survey revisions (enkat-survey(5), Revisions): enkat --check verifies a
# continues mapping (FILE:LINE), alone and against the earlier version
# (--earlier); the yearly loop through --plain shows last year's answer at
# a renamed question, takes it over with t, shows a split question's old
# answer at each part and a merged question's answers, and points a
# carried action at the renamed question and area.
set -u
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC
unset LANGUAGE
trap '' PIPE

head_of() { # VERSION
	cat <<EOF
[survey]
id = arlig
version = $1
languages = en sv
title.en = Yearly
title.sv = Årlig

[level.1]
title.en = Basic
title.sv = Grund

EOF
}
# q ID AREA [KEY-LINE...]: a yes/no question
q() {
	printf '[question.%s]\narea = %s\ntype = yesno\nlevel = 1\ntext.en = Question %s\ntext.sv = Fråga %s\n' \
		"$1" "$2" "$1" "$1"
	shift 2
	for l in "$@"; do printf '%s\n' "$l"; done
	echo
}
# a ID [KEY-LINE...]: an area
a() {
	printf '[area.%s]\ntitle.en = Area %s\ntitle.sv = Område %s\n' "$1" "$1" "$1"
	shift
	for l in "$@"; do printf '%s\n' "$l"; done
	echo
}
# 2025: styr (policy, roller, x1, x2), tek (backup, gammal)
{ head_of 2025; a styr; q policy styr; q roller styr "na = yes"; q x1 styr; q x2 styr
  a tek; q backup tek; q gammal tek; } >"$WORK/v1.ini"
# 2026: styr renamed styrning, policy renamed riktlinje, x1 and x2 merged
# into x, backup split into backup and test, gammal removed, ny new
{ head_of 2026; a styrning "continues = styr"
  q riktlinje styrning "continues = policy"; q roller styrning "na = yes"
  q x styrning "continues = x1 x2"
  a tek; q backup tek "continues = backup"; q test tek "continues = backup"
  q ny tek "required = no"; } >"$WORK/v2.ini"
OUT="$WORK/out"
F1="$OUT/arlig-2025-kultur.csv"
F2="$OUT/arlig-2026-kultur.csv"
has() {
	f=$1; shift
	for p in "$@"; do
		grep -Eq -- "$p" "$f" || { echo "(no '$p' in $f)"; return 1; }
	done
}
hasnt() { ! grep -Eq -- "$2" "$1" || { echo "('$2' in $1)"; return 1; }; }
# line_of FILE TEXT: the number of the first line that is TEXT exactly
line_of() { grep -nxF -- "$2" "$1" | head -n 1 | cut -d: -f1; }

# ---- --check: a good mapping, alone and against the earlier version
"$ENKAT" --check "$WORK/v2.ini" >"$WORK/c1.out" 2>"$WORK/c1.err"
rc=$?
check "check: a good mapping is valid (rc=$rc)" \
	sh -c "[ $rc -eq 0 ] && [ ! -s '$WORK/c1.err' ]"
check "check: the ok line" has "$WORK/c1.out" "v2.ini: ok: survey arlig version 2026"
"$ENKAT" --check "$WORK/v2.ini" --earlier "$WORK/v1.ini" >"$WORK/c2.out" 2>"$WORK/c2.err"
rc=$?
check "check --earlier: a good mapping holds (rc=$rc)" test "$rc" -eq 0
check "check --earlier: what the revision does" \
	has "$WORK/c2.out" "v2.ini: ok: continues version 2025 of .*v1.ini \(questions renamed: 1, split: 2, merged: 1, new: 1, removed: 1\)"
gl=$(line_of "$WORK/v1.ini" "[question.gammal]")
check "check --earlier: the removed question noted at its FILE:LINE" \
	has "$WORK/c2.err" "v1.ini:$gl: note: question 'gammal' of version 2025 has no successor in version 2026"
check "check --earlier: only that note" test "$(wc -l <"$WORK/c2.err")" -eq 1

# ---- --check: bad mappings, FILE:LINE
{ head_of 2026; a styrning "continues = styr"
  q riktlinje styrning "continues = policy" "continues.version = 2026"
  q roller styrning "continues = policy"
  q x styrning "continues = x1 x1"; } >"$WORK/bad.ini"
"$ENKAT" --check "$WORK/bad.ini" >"$WORK/b1.out" 2>"$WORK/b1.err"
rc=$?
vl=$(line_of "$WORK/bad.ini" "continues.version = 2026")
rl=$(line_of "$WORK/bad.ini" "[question.roller]")
xl=$(line_of "$WORK/bad.ini" "continues = x1 x1")
check "check: a bad mapping fails (rc=$rc)" test "$rc" -eq 1
check "check: a continues.version that is not earlier, at its line" \
	has "$WORK/b1.err" "bad.ini:$vl: 'continues.version': '2026' is not an earlier version"
check "check: an id listed twice, at its line" \
	has "$WORK/b1.err" "bad.ini:$xl: 'continues': 'x1' listed twice"
check "check: nothing said ok" hasnt "$WORK/b1.out" "ok:"
check "check: roller (no key) is not reported" hasnt "$WORK/b1.err" "bad.ini:$rl:"

{ head_of 2026; a styrning "continues = styr"
  q riktlinje styrning "continues = polisy"; q roller styrning "na = yes"
  q x styrning "continues = tek"; } >"$WORK/bad2.ini"
"$ENKAT" --check "$WORK/bad2.ini" --earlier "$WORK/v1.ini" >"$WORK/b2.out" 2>"$WORK/b2.err"
rc=$?
pl=$(line_of "$WORK/bad2.ini" "continues = polisy")
tl=$(line_of "$WORK/bad2.ini" "continues = tek")
check "check --earlier: a wrong id fails (rc=$rc)" test "$rc" -eq 1
check "check --earlier: an id the earlier version lacks, at its line" \
	has "$WORK/b2.err" "bad2.ini:$pl: question 'riktlinje' continues 'polisy', which version 2025 .* does not have"
check "check --earlier: an area continued as a question, at its line" \
	has "$WORK/b2.err" "bad2.ini:$tl: question 'x' continues 'tek', which is an area of version 2025, not a question"
check "check --earlier: the survey itself is valid" has "$WORK/b2.out" "bad2.ini: ok: survey"
check "check --earlier: the mapping is not said to hold" hasnt "$WORK/b2.out" "ok: continues"

"$ENKAT" --check "$WORK/v1.ini" --earlier "$WORK/v2.ini" >/dev/null 2>"$WORK/b3.err"
rc=$?
check "check --earlier of a later version: an error (rc=$rc)" \
	sh -c "[ $rc -eq 1 ] && grep -q 'v2.ini: survey .arlig. version 2026 is an earlier version of none' '$WORK/b3.err'"
"$ENKAT" --earlier "$WORK/v1.ini" "$WORK/v2.ini" </dev/null >/dev/null 2>"$WORK/b4.err"
rc=$?
check "--earlier without --check: a usage error (rc=$rc)" \
	sh -c "[ $rc -eq 2 ] && grep -q 'goes with --check' '$WORK/b4.err'"

# ---- year 1: answers and an action on policy and its area
cat >"$WORK/y1.txt" <<'EOF'
c Antagen 2024
1
n
1
1
c Testas årligen
2
a+ Revidera policyn
2026-06-30
Kanslichefen

ae A1 addresses policy area:styr
q
EOF
"$ENKAT" --plain --lang en --department Kultur --respondent Åsa --out "$OUT" \
	"$WORK/v1.ini" <"$WORK/y1.txt" >"$WORK/y1.out" 2>&1
rc=$?
check "year 1: exit 0 (rc=$rc)" test "$rc" -eq 0
check "year 1: the answers and the action saved" \
	has "$F1" ",policy,Question policy,1,yes,2,2,1,0,Antagen 2024," \
	",backup,Question backup,1,partly,1,2,1,0,Testas årligen," \
	",action,A1,Revidera policyn,,question:policy area:styr,"

# ---- year 2: last year's answer at the renamed question, taken over by t
cat >"$WORK/y2.txt" <<'EOF'
t


t
t
a
s
q
EOF
"$ENKAT" --plain --lang en --department Kultur --respondent Åsa --out "$OUT" \
	"$WORK/v2.ini" <"$WORK/y2.txt" >"$WORK/y2.out" 2>&1
rc=$?
check "year 2: exit 0 (rc=$rc)" test "$rc" -eq 0
check "year 2: the renamed question shows last year's answer and comment" \
	has "$WORK/y2.out" "Last year this was question policy \(renamed\)\." \
	"Last year: Yes \(t takes it over\)" "Last year's comment: Antagen 2024"
check "year 2: taken over with t: riktlinje is yes with last year's comment" \
	has "$F2" ",riktlinje,Question riktlinje,1,yes,2,2,1,0,Antagen 2024,"
check "year 2: the merged question shows both answers" \
	has "$WORK/y2.out" "Last year's questions x1, x2 are merged into this one\." \
	"Last year: x1: Yes; x2: Yes \(t takes it over when they agree\)"
check "year 2: Enter at the merged question copies nothing" \
	has "$F2" ",x,Question x,1,,,2,1,0,,.*,unanswered,"
check "year 2: each part of the split question shows backup's answer" \
	test "$(grep -c "^Last year's question backup is split: its answer is a suggestion for each part\.\$" \
		"$WORK/y2.out")" -eq 2
check "year 2: both parts taken over with t" \
	has "$F2" ",backup,Question backup,1,partly,1,2,1,0,Testas årligen," \
	",test,Question test,1,partly,1,2,1,0,Testas årligen,"
check "year 2: the new question says so" \
	has "$WORK/y2.out" "New this year: no answer from last year."
check "year 2: the carried action points at the renamed question and area" \
	has "$F2" ",action,A1,Revidera policyn,,question:riktlinje area:styrning,"
check "year 2: the action list names them" \
	has "$WORK/y2.out" "addresses: question riktlinje; area Area styrning"
check "year 2: no old id left in the action" hasnt "$F2" "question:policy|area:styr( |,)"
# last year styr had policy yes, roller not applicable, x1 and x2 yes
check "year 2: the summary has last year's figure of the renamed area (all yes: 100 %)" \
	sh -c "grep -A1 '^  Area styrning: ' '$WORK/y2.out' | grep -q '^    last year: 100.0 %, level 1\$'"

finish revision
