#!/bin/sh
# Who may read and change what enkat and enkat-merge write (issue 12,
# Access), through the real programs, without a site file:
# - every file they create is 0600 and every folder 0700, whatever the
#   umask (results, locks, kept copies, merge outputs);
# - a result or lock path that is a symbolic link, FIFO, device, folder or
#   hard link is refused with a message naming it, and nothing is written
#   through it; a result folder that is a symbolic link is refused;
# - a lock's holder text reaches the terminal only as visible characters,
#   and an unreadable one is "an unknown session";
# - as root, with two temporary Unix users: another user's result is shown
#   read-only and left unchanged, another user's planted lock or result
#   neither blocks nor is changed nor resumed, a symbolic link planted by
#   another user is refused, and a user who can only read a lock file
#   cannot hold the lock. Not root: those are counted skips.
set -u
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
DEMO="$PWD/surveys/demo.ini"
ESC=$(printf '\033')

# plain DIR DEPARTMENT INPUT [ARGS...]: enkat --plain with INPUT as its
# lines, output in $OUT, exit status in $RC (never waits more than 10 s)
plain() {
	p_dir=$1 p_dep=$2 p_in=$3
	shift 3
	printf "$p_in" | timeout 10 "$ENKAT" --plain --department "$p_dep" --out "$p_dir" \
		"$@" "$DEMO" >"$WORK/out.txt" 2>&1
	RC=$?
	OUT=$(cat "$WORK/out.txt")
}
said() { printf '%s\n' "$OUT" | grep -q -- "$1"; }
mode() { stat -c '%a' "$1"; }
sum() { cksum <"$1"; }

# ------------------------------------------------------------------ modes
for mask in 000 022 777; do
	d="$WORK/m$mask"
	mkdir -p "$d"
	(umask "$mask"; printf '1\nq\n' | "$ENKAT" --plain --department Läge \
		--out "$d/out" "$DEMO" >/dev/null 2>&1)
	check "umask $mask: result folder 0700 ($(mode "$d/out"))" [ "$(mode "$d/out")" = 700 ]
	check "umask $mask: result 0600 ($(mode "$d/out/demo-2026-lage.csv"))" \
		[ "$(mode "$d/out/demo-2026-lage.csv")" = 600 ]
	check "umask $mask: lock 0600 ($(mode "$d/out/.demo-2026-lage.csv.lock"))" \
		[ "$(mode "$d/out/.demo-2026-lage.csv.lock")" = 600 ]
	# a copy kept for a changed survey definition, at the first save
	sed 's/^\[question.natfiske_antal\]$/&\nweight = 2/' "$DEMO" >"$WORK/demo-$mask.ini"
	(umask "$mask"; printf '2\nq\n' | "$ENKAT" --plain --department Läge \
		--out "$d/out" "$WORK/demo-$mask.ini" >/dev/null 2>&1)
	kept=$(find "$d/out" -name '*.kept')
	check "umask $mask: a kept copy is made" [ -n "$kept" ]
	check "umask $mask: the kept copy 0600" [ "$(mode "$kept")" = 600 ]
	# merge outputs
	(umask "$mask"; "$ENKAT_MERGE" --include-drafts --matrix "$d/matrix.csv" \
		--questions "$d/questions.csv" --html "$d/report.html" --output "$d/all.csv" \
		"$d/out" >/dev/null 2>&1)
	for f in matrix.csv questions.csv report.html all.csv; do
		check "umask $mask: merge output $f 0600 ($(mode "$d/$f" 2>&1))" \
			[ "$(mode "$d/$f" 2>&1)" = 600 ]
	done
	check "umask $mask: nothing readable by others anywhere" \
		sh -c "[ -z \"\$(find '$d' -mindepth 1 -perm /o=rwx)\" ]"
done
# a merge output over a symbolic link replaces the link, never writes
# through it
echo mine >"$WORK/mine.txt"
ln -s "$WORK/mine.txt" "$WORK/m022/link.csv"
"$ENKAT_MERGE" --include-drafts --matrix "$WORK/m022/link.csv" "$WORK/m022/out" >/dev/null 2>&1
check "merge output at a symbolic link: the file it points to unchanged" \
	[ "$(cat "$WORK/mine.txt")" = mine ]
check "merge output at a symbolic link: a file of its own, 0600" \
	sh -c "[ ! -L '$WORK/m022/link.csv' ] && [ \$(stat -c %a '$WORK/m022/link.csv') = 600 ]"

# a result and lock of ours left readable by an older enkat: opening sets
# their modes right, their bytes unchanged
d="$WORK/m022/out"
chmod 644 "$d/demo-2026-lage.csv"
chmod 666 "$d/.demo-2026-lage.csv.lock"
before=$(cksum <"$d/demo-2026-lage.csv")
printf 'q\n' | "$ENKAT" --plain --department Läge --out "$d" "$DEMO" >/dev/null 2>&1
check "an old result of ours, 0644: 0600 once opened, unchanged" \
	sh -c "[ \$(stat -c %a '$d/demo-2026-lage.csv') = 600 ] &&
	       [ \"\$(cksum <'$d/demo-2026-lage.csv')\" = '$before' ]"
check "an old lock of ours, 0666: 0600 once opened" [ "$(mode "$d/.demo-2026-lage.csv.lock")" = 600 ]

# ------------------------------------------- what is refused at a path
R="$WORK/ref"
mkdir -p "$R"
echo "my notes" >"$WORK/notes.txt"
notes=$(sum "$WORK/notes.txt")

# a symbolic link at the result path, to a file of ours
ln -s "$WORK/notes.txt" "$R/demo-2026-sym.csv"
plain "$R" Sym '1\nq\n'
check "symlink at the result path: refused (exit $RC)" [ "$RC" -ne 0 ]
check "symlink at the result path: said, naming it" \
	said "$R/demo-2026-sym.csv: the result file is a symbolic link: refused"
check "symlink at the result path: the file it points to unchanged" \
	[ "$(sum "$WORK/notes.txt")" = "$notes" ]
check "symlink at the result path: still the link" [ -L "$R/demo-2026-sym.csv" ]

# a symbolic link at the lock path (what used to truncate the file)
ln -s "$WORK/notes.txt" "$R/.demo-2026-symlock.csv.lock"
plain "$R" Symlock '1\nq\n'
check "symlink at the lock path: refused (exit $RC)" [ "$RC" -ne 0 ]
check "symlink at the lock path: said, naming it" \
	said "$R/.demo-2026-symlock.csv.lock: the lock file is a symbolic link: refused"
check "symlink at the lock path: the file it points to unchanged" \
	[ "$(sum "$WORK/notes.txt")" = "$notes" ]
check "symlink at the lock path: no result written" [ ! -e "$R/demo-2026-symlock.csv" ]
# a dangling one: nothing is created where it points
ln -s "$WORK/created-through-link" "$R/.demo-2026-dangle.csv.lock"
plain "$R" Dangle '1\nq\n'
check "dangling symlink at the lock path: refused, nothing created" \
	sh -c "[ $RC -ne 0 ] && [ ! -e '$WORK/created-through-link' ]"

# a FIFO at the result path and at the lock path: no hang, refused
mkfifo "$R/demo-2026-fifo.csv"
t0=$(now_ms)
plain "$R" Fifo '1\nq\n'
check "FIFO at the result path: refused at once (exit $RC, $(($(now_ms) - t0)) ms)" \
	sh -c "[ $RC -ne 0 ] && [ $RC -ne 124 ]"
check "FIFO at the result path: said" said "the result file is a FIFO: refused"
mkfifo "$R/.demo-2026-fifolock.csv.lock"
plain "$R" Fifolock '1\nq\n'
check "FIFO at the lock path: refused at once (exit $RC)" \
	sh -c "[ $RC -ne 0 ] && [ $RC -ne 124 ]"
check "FIFO at the lock path: said" said "the lock file is a FIFO: refused"

# a hard link of another file of ours at the result path
cp "$WORK/notes.txt" "$WORK/other.txt"
ln "$WORK/other.txt" "$R/demo-2026-hard.csv"
plain "$R" Hard '1\nq\n'
check "hard link at the result path: refused (exit $RC)" [ "$RC" -ne 0 ]
check "hard link at the result path: said" \
	said "the result file is a file with more than one name (a hard link): refused"
check "hard link at the result path: the other file unchanged" \
	[ "$(sum "$WORK/other.txt")" = "$notes" ]
ln "$WORK/other.txt" "$R/.demo-2026-hardlock.csv.lock"
plain "$R" Hardlock '1\nq\n'
check "hard link at the lock path: refused, the other file unchanged" \
	sh -c "[ $RC -ne 0 ] && [ \"\$(cksum <'$WORK/other.txt')\" = '$notes' ]"

# a folder at the result path
mkdir "$R/demo-2026-dir.csv"
plain "$R" Dir '1\nq\n'
check "folder at the result path: refused" \
	sh -c "[ $RC -ne 0 ] && printf '%s' \"\$1\" | grep -q 'the result file is a folder'" - "$OUT"

# a device at the result path (only root may make one)
if [ "$(id -u)" -eq 0 ]; then
	mknod "$R/demo-2026-dev.csv" c 1 3
	plain "$R" Dev '1\nq\n'
	check "device at the result path: refused" \
		sh -c "[ $RC -ne 0 ] && printf '%s' \"\$1\" | grep -q 'the result file is a device'" - "$OUT"
else
	skip "a device at the result path: only root can make one"
fi

# the result folder a symbolic link: refused (its parents may be links)
mkdir -p "$WORK/real/out"
ln -s "$WORK/real/out" "$WORK/linked-out"
ln -s "$WORK/real" "$WORK/linked-parent"
for arg in "$WORK/linked-out" "$WORK/linked-out/"; do
	plain "$arg" Link '1\nq\n'
	check "result folder '$arg' a symbolic link: refused (exit $RC)" [ "$RC" -ne 0 ]
	check "result folder '$arg' a symbolic link: said" \
		said "the result folder is a symbolic link: refused"
done
check "result folder a symbolic link: nothing written where it points" \
	[ -z "$(ls -A "$WORK/real/out")" ]
plain "$WORK/linked-parent/out" Link '1\nq\n'
check "a link among the folder's parents: works (exit $RC)" \
	sh -c "[ $RC -eq 0 ] && [ -f '$WORK/real/out/demo-2026-link.csv' ]"

# ------------------------------------------- replaced during a session
# A session answers (its input a FIFO kept open); its result is replaced
# by a link to a file of ours, then the folder by a link: not saved
# through either, said, the file pointed to unchanged.
M="$WORK/mid"
mkdir -p "$M"
mkfifo "$WORK/mid.in"
"$ENKAT" --plain --department Mid --out "$M/out" "$DEMO" <"$WORK/mid.in" >"$WORK/mid.out" 2>&1 &
mid_pid=$!
exec 5>"$WORK/mid.in"
# prompts N: enkat has asked N times
prompts() { [ "$(grep -o 'Answer (' "$WORK/mid.out" | wc -l)" -ge "$1" ]; }
if poll 5 prompts 1 && printf '1\n' >&5 && poll 5 prompts 2; then
	mv "$M/out/demo-2026-mid.csv" "$WORK/mid-was.csv"
	ln -s "$WORK/notes.txt" "$M/out/demo-2026-mid.csv"
	printf '1\n' >&5
	check "result replaced by a link mid-session: not saved, said" \
		poll 5 grep -q "NOT SAVED: the result file is a symbolic link now" "$WORK/mid.out"
	check "result replaced by a link mid-session: the file pointed to unchanged" \
		sh -c "[ \"\$(cksum <'$WORK/notes.txt')\" = '$notes' ] && [ -L '$M/out/demo-2026-mid.csv' ]"
	rm "$M/out/demo-2026-mid.csv"
	mv "$M/out" "$M/real"
	ln -s "$M/real" "$M/out"
	printf '1\n' >&5
	check "folder replaced by a link mid-session: not saved, said" \
		poll 5 sh -c "[ \$(grep -c 'NOT SAVED: the result folder is a symbolic link now' '$WORK/mid.out') -ge 1 ]"
	check "folder replaced by a link mid-session: nothing written through it" \
		[ ! -e "$M/real/demo-2026-mid.csv" ]
else
	ko "replaced during a session: out of step"; cat "$WORK/mid.out"
fi
exec 5>&-
poll 10 sh -c "! kill -0 $mid_pid 2>/dev/null" || kill "$mid_pid"
wait "$mid_pid" 2>/dev/null

# ------------------------------------------------------ the lock's text
# A session that holds the lock (its input a FIFO kept open), then the
# lock's text replaced: the second session shows it harmlessly.
L="$WORK/lk"
mkdir -p "$L"
mkfifo "$WORK/hold.in"
"$ENKAT" --plain --department Hold --out "$L" "$DEMO" <"$WORK/hold.in" >"$WORK/hold.out" 2>&1 &
hold_pid=$!
exec 3>"$WORK/hold.in"
poll 5 grep -q "Answer (" "$WORK/hold.out" || ko "the holding session did not start"
lock="$L/.demo-2026-hold.csv.lock"
check "a live session's lock names it" grep -q "^${USER:-$(id -un)} " "$lock"
printf 'evil\033]0;pwned\007\033[2J host\033[31m 4242 1700000000\n' >"$lock"
plain "$L" Hold '1\nq\n'
check "live lock, hostile holder: read-only, who holds it (exit $RC)" \
	sh -c "[ $RC -eq 1 ] && printf '%s' \"\$1\" | grep -qF 'open in another session: evil^[]0;pwned^G^[[2J on host^[[31m'" - "$OUT"
check "live lock, hostile holder: no escape reaches the terminal" \
	sh -c "! grep -q '$ESC' '$WORK/out.txt'"
for junk in '' 'x' '? ? 0 0' 'user host -1 5' 'user host 12 0' \
	"$(head -c 600 /dev/zero | tr '\0' a) h 1 2"; do
	printf '%s' "$junk" >"$lock"
	plain "$L" Hold '1\nq\n'
	check "live lock, holder text '$(printf '%.20s' "$junk")': an unknown session" \
		sh -c "[ $RC -eq 1 ] && printf '%s' \"\$1\" | grep -q 'another session (an unknown session' &&
		       ! printf '%s' \"\$1\" | grep -q '1970-01-01'" - "$OUT"
done
check "live lock: the holder's answers untouched by the others" \
	[ ! -e "$L/demo-2026-hold.csv" ]
exec 3>&-
poll 5 sh -c "! kill -0 $hold_pid 2>/dev/null"
wait "$hold_pid" 2>/dev/null

# ------------------------------------------ other users (root only)
if [ "$(id -u)" -ne 0 ]; then
	skip "another user's result, lock and links: needs root to make two users"
	finish access
	exit
fi
if ! command -v useradd >/dev/null || ! command -v setpriv >/dev/null; then
	skip "another user's result, lock and links: no useradd or setpriv"
	finish access
	exit
fi
UA="enkacc$$a"
UB="enkacc$$b"
users_gone() {
	userdel "$UA" 2>/dev/null
	userdel "$UB" 2>/dev/null
	lib_cleanup
}
trap users_gone EXIT
useradd -M -N -s /bin/sh "$UA" && useradd -M -N -s /bin/sh "$UB" ||
	{ ko "cannot make the test users"; finish access; exit; }
# as USER CMD...: CMD as that user, with that user's name and a home of
# their own
as() {
	as_u=$1; shift
	mkdir -p "$WORK/h-$as_u" && chown "$as_u" "$WORK/h-$as_u"
	setpriv --reuid="$as_u" --regid="$(id -g "$as_u")" --clear-groups \
		env HOME="$WORK/h-$as_u" USER="$as_u" LANG=C.UTF-8 "$@"
}
# plain_as USER DIR DEPARTMENT INPUT: plain, as USER
plain_as() {
	pa_u=$1 pa_dir=$2 pa_dep=$3 pa_in=$4
	printf "$pa_in" | as "$pa_u" timeout 10 "$ENKAT" --plain --department "$pa_dep" \
		--out "$pa_dir" "$DEMO" >"$WORK/out.txt" 2>&1
	RC=$?
	OUT=$(cat "$WORK/out.txt")
}
chmod 711 "$WORK"
S="$WORK/shared"     # a folder both may write, as careless as can be
mkdir -p "$S"
chmod 777 "$S"
if ! as "$UA" test -x "$ENKAT" || ! as "$UA" test -r "$DEMO"; then
	skip "other users: $ENKAT or $DEMO is not theirs to run or read"
	finish access
	exit
fi

# a umask that takes everything: the folder is still one its owner opens
(umask 777; printf '1\nq\n' | as "$UA" "$ENKAT" --plain --department Maske \
	--out "$S/u777" "$DEMO" >"$WORK/out.txt" 2>&1)
check "umask 777, not root: answered, folder 0700, result 0600" \
	sh -c "[ \"\$(stat -c '%U %a' '$S/u777')\" = '$UA 700' ] &&
	       [ \"\$(stat -c '%U %a' '$S/u777/demo-2026-maske.csv')\" = '$UA 600' ]"

# A answers; B opens the same department: A's file is never changed
plain_as "$UA" "$S" Delad '1\nq\n'
csv="$S/demo-2026-delad.csv"
check "user A's result: written, A's, 0600" \
	sh -c "[ $RC -eq 0 ] && [ \"\$(stat -c '%U %a' '$csv')\" = '$UA 600' ]"
before=$(sum "$csv")
plain_as "$UB" "$S" Delad '2\nq\n'
check "B on A's unreadable result: refused, naming A (exit $RC)" \
	sh -c "[ $RC -ne 0 ] && printf '%s' \"\$1\" | grep -q 'belongs to another user, $UA'" - "$OUT"
check "B on A's unreadable result: unchanged, no lock of B's made" \
	sh -c "[ \"\$(cksum <'$csv')\" = '$before' ] && [ -z \"\$(find '$S' -user '$UB')\" ]"
chmod 644 "$csv"
plain_as "$UB" "$S" Delad '2\nq\n'
check "B on A's readable result: shown read-only, naming A (exit $RC)" \
	sh -c "[ $RC -eq 1 ] && printf '%s' \"\$1\" | grep -q 'The result file $csv belongs to another user, $UA.' &&
	       printf '%s' \"\$1\" | grep -q '^Summary (draft)'" - "$OUT"
check "B on A's readable result: unchanged, no lock of B's made" \
	sh -c "[ \"\$(cksum <'$csv')\" = '$before' ] && [ -z \"\$(find '$S' -user '$UB')\" ]"

# the same in the full screen
if command -v tmux >/dev/null; then
	PRE="setpriv --reuid=$UB --regid=$(id -g "$UB") --clear-groups" \
		start tb -- --department Delad --out "'$S'" "$DEMO"
	check "full screen: B told whose A's result is" wait_for tb "belongs to another user, $UA"
	keys tb Enter
	keys tb 2
	keys tb q
	check "full screen: A's result unchanged" [ "$(sum "$csv")" = "$before" ]
	PRE=
else
	skip "full screen: no tmux"
fi

# B plants a lock (world-writable, a holder text with escapes) before A
# first answers: A is not blocked, the file is not truncated, A is told
printf 'evil\033]0;pwned\007 host\033[31m 4242 1700000000\n' >"$S/.demo-2026-plant.csv.lock"
chown "$UB" "$S/.demo-2026-plant.csv.lock"
chmod 666 "$S/.demo-2026-plant.csv.lock"
planted=$(sum "$S/.demo-2026-plant.csv.lock")
t0=$(now_ms)
plain_as "$UA" "$S" Plant '1\nq\n'
check "B's planted lock: A not blocked ($(($(now_ms) - t0)) ms, exit $RC)" \
	sh -c "[ $RC -ne 124 ] && [ $(($(now_ms) - t0)) -lt 5000 ]"
check "B's planted lock: said whose, read-only" \
	said "The lock file $S/.demo-2026-plant.csv.lock belongs to another user, $UB"
check "B's planted lock: not truncated, not changed" \
	[ "$(sum "$S/.demo-2026-plant.csv.lock")" = "$planted" ]
check "B's planted lock: no answer written" [ ! -e "$S/demo-2026-plant.csv" ]
check "B's planted lock: its escapes reach no terminal" sh -c "! grep -q '$ESC' '$WORK/out.txt'"

# B plants a result (answers A never gave) for A's department: A sees
# it read-only, never resumes it for writing
plain_as "$UB" "$WORK/h-$UB/own" Fake '2\n1\nq\n'
cp "$WORK/h-$UB/own/demo-2026-fake.csv" "$S/demo-2026-fake.csv"
chown "$UB" "$S/demo-2026-fake.csv"
chmod 644 "$S/demo-2026-fake.csv"
fake=$(sum "$S/demo-2026-fake.csv")
plain_as "$UA" "$S" Fake '1\nq\n'
check "B's planted result: A not resumed for writing (exit $RC)" \
	sh -c "[ $RC -eq 1 ] && printf '%s' \"\$1\" | grep -q 'belongs to another user, $UB' &&
	       ! printf '%s' \"\$1\" | grep -q 'continues'" - "$OUT"
check "B's planted result: unchanged, A wrote nothing" \
	sh -c "[ \"\$(cksum <'$S/demo-2026-fake.csv')\" = '$fake' ] &&
	       [ ! -e '$S/.demo-2026-fake.csv.lock' ]"
# ... also as a hard link of B's own file
ln "$WORK/h-$UB/own/demo-2026-fake.csv" "$S/demo-2026-hlink.csv" 2>/dev/null ||
	cp "$WORK/h-$UB/own/demo-2026-fake.csv" "$S/demo-2026-hlink.csv"
plain_as "$UA" "$S" Hlink '1\nq\n'
check "B's hard link at A's result path: refused, nothing written" \
	sh -c "[ $RC -ne 0 ] && [ ! -e '$S/.demo-2026-hlink.csv.lock' ]"

# B plants a symbolic link at A's lock path, to a file of A's: refused,
# A's file unchanged (it used to be truncated)
echo "A's notes" >"$WORK/h-$UA/notes.txt"
chown "$UA" "$WORK/h-$UA/notes.txt"
anotes=$(sum "$WORK/h-$UA/notes.txt")
as "$UB" ln -s "$WORK/h-$UA/notes.txt" "$S/.demo-2026-trap.csv.lock"
as "$UB" ln -s "$WORK/h-$UA/notes.txt" "$S/demo-2026-trap2.csv"
plain_as "$UA" "$S" Trap '1\nq\n'
check "B's symlink at A's lock path: refused (exit $RC)" \
	sh -c "[ $RC -ne 0 ] && printf '%s' \"\$1\" | grep -q 'lock file is a symbolic link'" - "$OUT"
plain_as "$UA" "$S" Trap2 '1\nq\n'
check "B's symlink at A's result path: refused (exit $RC)" \
	sh -c "[ $RC -ne 0 ] && printf '%s' \"\$1\" | grep -q 'result file is a symbolic link'" - "$OUT"
check "B's symlinks: A's file unchanged" [ "$(sum "$WORK/h-$UA/notes.txt")" = "$anotes" ]

# a user who can only read a lock file cannot hold the lock: B holds an
# flock on A's (readable) lock file; A still answers
plain_as "$UA" "$S" Held '1\nq\n'
chmod 644 "$S/.demo-2026-held.csv.lock"
if command -v flock >/dev/null; then
	setpriv --reuid="$UB" --regid="$(id -g "$UB")" --clear-groups flock -n \
		"$S/.demo-2026-held.csv.lock" sh -c "while [ ! -e '$WORK/stop' ]; do sleep 0.05; done" &
	fl_pid=$!
	poll 5 sh -c "! flock -n '$S/.demo-2026-held.csv.lock' true"
	plain_as "$UA" "$S" Held '2\nq\n'
	check "B's flock on A's readable lock: A still writes (exit $RC)" \
		sh -c "[ $RC -eq 0 ] && ! printf '%s' \"\$1\" | grep -q 'another session'" - "$OUT"
	: >"$WORK/stop"
	wait "$fl_pid" 2>/dev/null
else
	skip "a reader's flock: no flock(1)"
fi
# and B cannot open A's own lock at all (0600)
chmod 600 "$S/.demo-2026-held.csv.lock"
check "A's lock 0600: B cannot even read it" \
	sh -c "! setpriv --reuid='$UB' --regid='$(id -g "$UB")' --clear-groups \
		cat '$S/.demo-2026-held.csv.lock' 2>/dev/null"

# a folder whose default access list lets another group read new files (as
# a department folder does for the central office): the lock file gets no
# such entry, since whoever can read a lock file can hold a read lock that
# keeps the department out (a review found it)
if command -v setfacl >/dev/null && command -v getfacl >/dev/null; then
	A="$WORK/acl"
	mkdir -p "$A"
	if setfacl -d -m g:nogroup:r "$A" 2>/dev/null && setfacl -m g:nogroup:rx "$A"; then
		printf '2\nq\n' | "$ENKAT" --plain --department Acl --out "$A" "$DEMO" \
			>"$WORK/acl.txt" 2>&1
		check "acl: the result is written" [ -f "$A/demo-2026-acl.csv" ]
		check "acl: the lock file has no access-list entry for another group" \
			sh -c "! getfacl -p '$A/.demo-2026-acl.csv.lock' 2>/dev/null | grep -q nogroup"
	else
		skip "acl: the file system here takes no access lists"
	fi
else
	skip "acl: setfacl/getfacl missing (acl package)"
fi

finish access
