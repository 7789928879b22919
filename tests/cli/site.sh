#!/bin/sh
# Site files (enkat-site(5)) through the real binary: --check of good and
# bad site files and the options around them; then, as root, --setup into
# a temporary folder with temporary groups (owners, modes and ACLs read
# back with stat and getfacl), --check of what is wrong, and the choice of
# department as real temporary users (runuser): by their groups, a choice
# among several, refusals. The groups and users are removed at the end.
# The parts that need root are skipped, and counted, otherwise.
set -u
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
export LC_ALL=C.UTF-8 TZ=UTC
unset LANGUAGE
trap '' PIPE

OUT="$WORK/out"
# run WANT WHAT -- CMD...: CMD's output (stdout and stderr) into OUT, and
# its exit status checked (WANT '!': any failure)
run() {
	want=$1; what=$2; shift 3
	"$@" >"$OUT" 2>&1 </dev/null
	rc=$?
	if { [ "$want" = '!' ] && [ "$rc" -ne 0 ]; } || [ "$rc" = "$want" ]; then ok
	else ko "$what: exit $rc, wanted $want"; sed 's/^/    /' "$OUT"; fi
}
# has WHAT TEXT: OUT has TEXT (a fixed string); hasnt: it does not
has() {
	if grep -q -F -- "$2" "$OUT"; then ok
	else ko "$1: no '$2' in:"; sed 's/^/    /' "$OUT"; fi
}
hasnt() {
	if grep -q -F -- "$2" "$OUT"; then ko "$1: '$2' in:"; sed 's/^/    /' "$OUT"
	else ok; fi
}
# same WHAT GOT WANT
same() {
	if [ "$2" = "$3" ]; then ok; else ko "$1: '$2', wanted '$3'"; fi
}

# ----- the site file and the options (any user) -----

cat >"$WORK/bad.ini" <<'EOF'
[site]
results = relative/2026
central_group = enkat-central
colour = red

[department.Kultur]
name = Kulturförvaltningen
group = -x
EOF
run 1 "--check of a bad site file" -- sh -c "cd '$WORK' && '$ENKAT' --check bad.ini"
has "bad site file" "bad.ini:2: 'results' must be an absolute folder"
has "bad site file" "bad.ini:4: unknown key 'colour' in [site]"
has "bad site file" "bad.ini:6: department id 'Kultur'"
has "bad site file" "bad.ini:8: '-x' is not a group name"
run 1 "--site bad --check" -- sh -c "cd '$WORK' && '$ENKAT' --site bad.ini --check"
has "--site bad --check" "bad.ini:2:"
# a broken site file stops enkat: no single-user fall-back
run 1 "--site bad" -- sh -c "cd '$WORK' && '$ENKAT' --site bad.ini --plain"
has "--site bad" "bad.ini:8:"
run 1 "--site bad --setup" -- sh -c "cd '$WORK' && '$ENKAT' --site bad.ini --setup"
has "--site bad --setup" "bad.ini:2:"
run 1 "--site missing" -- "$ENKAT" --site "$WORK/nosuch.ini" --plain
has "--site missing" "$WORK/nosuch.ini"
run 1 "--site folder" -- "$ENKAT" --site "$WORK" --plain
run 2 "--setup without --site" -- "$ENKAT" --setup
run 2 "--setup with a file" -- "$ENKAT" --site "$WORK/bad.ini" --setup surveys/demo.ini

cat >"$WORK/survey.ini" <<'EOF'
[survey]
id = sitetest
version = 1
languages = en
title.en = Site test

[level.1]
title.en = Basic

[area.a]
title.en = Area A

[question.q1]
area = a
type = yesno
level = 1
text.en = Question 1

[question.q2]
area = a
type = yesno
level = 1
text.en = Question 2
EOF
# the round in a folder of its own, which the temporary users can reach
S=$(mktemp -d /tmp/enkat-site.XXXXXX)
chmod 755 "$S"
R="$S/srv/2026"
P="es$$"
CG="${P}c" KG="${P}k" MG="${P}m"
cp "$WORK/survey.ini" "$S/survey.ini"
chmod 644 "$S/survey.ini"
site_file() { # site_file FILE RESULTS CENTRAL KULTUR MILJO
	cat >"$1" <<EOF
# the test's site
[site]
results = $2
central_group = $3
survey = survey.ini

[department.kultur]
name = Kulturförvaltningen
group = $4

[department.miljo]
name = Miljöförvaltningen
group = $5
EOF
	chmod 644 "$1"
}
SITE="$S/site.ini"
site_file "$SITE" "$R" "$CG" "$KG" "$MG"

run 2 "--site with --out" -- "$ENKAT" --site "$SITE" --out "$WORK/o" --plain
has "--site with --out" "no --out or survey argument"
run 2 "--site with a survey" -- "$ENKAT" --site "$SITE" --plain surveys/demo.ini
[ ! -e "$WORK/o" ] && ok || ko "--site with --out made $WORK/o"
# a survey and a site file checked together; the site's folders are not
# there yet (nor, unless root made them, its groups)
run 1 "--check survey and site" -- "$ENKAT" --check surveys/demo.ini "$SITE"
has "--check survey and site" "surveys/demo.ini: ok: survey demo"
has "--check survey and site" "$R: missing (enkat --site $SITE --setup makes it)"
# the survey a site file names is checked with it
site_file "$WORK/nosurvey.ini" "$R" "$CG" "$KG" "$MG"
sed -i 's/^survey = .*/survey = nosuch.ini/' "$WORK/nosurvey.ini"
run 1 "--check, the site's survey missing" -- "$ENKAT" --check "$WORK/nosurvey.ini"
has "--check, the site's survey missing" "$WORK/nosurvey.ini: the survey it names is not valid"

# ----- as root: groups, folders, users -----

have_tools() {
	for t in groupadd groupdel useradd userdel runuser setpriv getfacl setfacl stat; do
		command -v "$t" >/dev/null 2>&1 || { echo "$t"; return; }
	done
}
if [ "$(id -u)" -ne 0 ]; then
	skip "site: --setup, the folders and the users need root"
	rm -rf "$S"
	finish site
	exit
fi
missing=$(have_tools)
if [ -n "$missing" ]; then
	skip "site: $missing is not installed"
	rm -rf "$S"
	finish site
	exit
fi

USERS="${P}a ${P}b ${P}o ${P}z"
made_etc=0
site_cleanup() {
	[ "$made_etc" = 1 ] && rmdir /etc/enkat
	for u in $USERS; do userdel "$u" 2>/dev/null; done
	for g in $CG $KG $MG; do groupdel "$g" 2>/dev/null; done
	rm -rf "$S"
}
trap 'site_cleanup; lib_cleanup' EXIT

# the program where the temporary users can run it (the build may be in
# a folder only root can reach)
mkdir -m 755 "$S/bin"
cp "$ENKAT" "$S/bin/enkat"
chmod 755 "$S/bin/enkat"
E="$S/bin/enkat"

# --setup with a group missing does nothing
run 1 "--setup, groups missing" -- "$E" --site "$SITE" --setup
has "--setup, groups missing" "$SITE:4: group '$CG' does not exist (groupadd $CG)"
has "--setup, groups missing" "$SITE:13: group '$MG' does not exist"
has "--setup, groups missing" "nothing done"
[ ! -e "$S/srv" ] && ok || ko "--setup with groups missing made $S/srv"
groupadd "$CG" && groupadd "$KG" && groupadd "$MG" || { ko "groupadd"; finish site; exit; }

run 1 "--setup not as root" -- setpriv --reuid=65534 --regid=65534 --clear-groups \
	"$E" --site "$SITE" --setup
has "--setup not as root" "must be run as root"
[ ! -e "$S/srv" ] && ok || ko "--setup not as root made $S/srv"

# the folders, made
run 0 "--setup" -- "$E" --site "$SITE" --setup
has "--setup" "created $S/srv (root:root 0755)"
has "--setup" "created $R (root:$CG 0750"
has "--setup" "created $R/kultur (root:$KG 2770"
has "--setup" "created $R/miljo (root:$MG 2770"
same "round owner and mode" "$(stat -c '%U:%G %a' "$R")" "root:$CG 750"
same "kultur owner and mode" "$(stat -c '%U:%G %a' "$R/kultur")" "root:$KG 2770"
same "miljo owner and mode" "$(stat -c '%U:%G %a' "$R/miljo")" "root:$MG 2770"
same "above the round" "$(stat -c '%U:%G %a' "$S/srv")" "root:root 755"
getfacl -p "$R" >"$OUT" 2>&1
has "round ACL" "group:$KG:--x"
has "round ACL" "group:$MG:--x"
has "round ACL" "group::r-x"
has "round ACL" "other::---"
hasnt "round ACL" "default:"
getfacl -p "$R/kultur" >"$OUT" 2>&1
has "kultur ACL" "group:$CG:r-x"
has "kultur ACL" "default:group:$CG:r-x"
has "kultur ACL" "other::---"
has "kultur ACL" "default:other::---"
hasnt "kultur ACL" "group:$MG"

# again: nothing to do, and it says so
run 0 "--setup again" -- "$E" --site "$SITE" --setup
same "--setup again: 'already' lines" "$(grep -c 'already' "$OUT")" 3
hasnt "--setup again" "created"
hasnt "--setup again" "set "
# whoever can change the site file decides what --setup hands to whom
chown nobody "$SITE"
run 1 "--setup, the site file not root's" -- "$E" --site "$SITE" --setup
has "--setup, the site file not root's" "$SITE: the site file should be root's alone: it is owned by nobody; nothing done"
run 1 "--check, the site file not root's" -- "$E" --check "$SITE"
has "--check, the site file not root's" "$SITE: the site file should be root's alone: it is owned by nobody"
chown root "$SITE"
chgrp "$KG" "$SITE" && chmod 664 "$SITE"
run 1 "--setup, the site file writable by a group" -- "$E" --site "$SITE" --setup
has "--setup, the site file writable by a group" "its group $KG can write it"
chgrp root "$SITE" && chmod 644 "$SITE"
# a folder that is there and holds other things is not taken over (a
# mistyped results = /srv)
touch "$R/notes.txt"
run 1 "--setup, the round holds a stranger" -- "$E" --site "$SITE" --setup
has "--setup, the round holds a stranger" "$R: holds 'notes.txt', which is no department's folder"
rm -f "$R/notes.txt"
site_file "$S/wide.ini" "$S" "$CG" "$KG" "$MG"
run 1 "--setup of a folder in use" -- "$E" --site "$S/wide.ini" --setup
has "--setup of a folder in use" "nothing done"
same "a folder in use untouched" "$(stat -c '%U:%G %a' "$S")" "root:root 755"
run 0 "--check after --setup" -- "$E" --check "$SITE"
has "--check after --setup" "$SITE: ok: site file, round $R, departments: 2"
run 0 "--site --check" -- "$E" --site "$SITE" --check

# ----- the users -----
useradd -M -N -g "$KG" -c "Anna Andersson,,," "${P}a" &&
	useradd -M -N -g "$KG" -G "$MG" "${P}b" &&
	useradd -M -N -g users "${P}o" &&
	useradd -M -N -g users -G "$CG" "${P}z" || { ko "useradd"; finish site; exit; }
as() { u=$1; shift; runuser -u "$u" -- "$@"; }
KF="$R/kultur/sitetest-1-kulturforvaltningen.csv"
MF="$R/miljo/sitetest-1-miljoforvaltningen.csv"

# one department: straight in
printf '1\nq\n' >"$WORK/yes.txt"
run 0 "coordinator of one department" -- sh -c "runuser -u ${P}a -- '$E' --site '$SITE' --plain < '$WORK/yes.txt'"
hasnt "coordinator of one department" "several departments"
has "coordinator of one department" "You answer for Kulturförvaltningen."
[ -f "$KF" ] && ok || ko "no result file $KF"
same "result file's owner, group and mode" "$(stat -c '%U:%G %a' "$KF" 2>&1)" "${P}a:$KG 660"
grep -q "Anna Andersson (${P}a)" "$KF" 2>/dev/null && ok || ko "respondent not the login's name in $KF"
# --department: only one's own
run 1 "--department of another" -- runuser -u "${P}a" -- "$E" --site "$SITE" --plain --department miljo
has "--department of another" "miljo is not your department: you (${P}a) are not in its group $MG"
has "--department of another" "(group $CG)"
[ ! -e "$MF" ] && ok || ko "--department of another made $MF"
run 1 "--department unknown" -- runuser -u "${P}a" -- "$E" --site "$SITE" --plain --department Ekonomi
has "--department unknown" "there is no department 'Ekonomi' in $SITE"
run 0 "--department by name" -- sh -c "runuser -u ${P}a -- '$E' --site '$SITE' --plain --department Kulturförvaltningen < '$WORK/yes.txt'"
has "--department by name" "Kulturförvaltningen"

# several departments: a numbered choice, asked again until it is one
printf '7\nx\n2\n1\nq\n' >"$WORK/choose.txt"
run 0 "coordinator of two departments" -- sh -c "runuser -u ${P}b -- '$E' --site '$SITE' --plain < '$WORK/choose.txt'"
has "choice" "You are a coordinator of several departments:"
has "choice" "1. Kulturförvaltningen"
has "choice" "2. Miljöförvaltningen"
same "choice: asked again twice" "$(grep -c 'Type a number from 1 to 2' "$OUT")" 2
has "choice" "You answer for Miljöförvaltningen."
same "the chosen department's file" "$(stat -c '%U:%G %a' "$MF" 2>&1)" "${P}b:$MG 660"
# the full screen: the same numbered choice before it starts
if command -v tmux >/dev/null 2>&1; then
	tm new-session -d -s fs -x 80 -y 24 "runuser -u ${P}b -- env TERM=screen \
		LANG=C.UTF-8 '$E' --site '$SITE'; echo '[exit '\$?']'; sleep 600"
	wait_for fs "Which one? Type its number:" 10 && ok || ko "full screen: no choice"
	type_text fs "1"
	keys fs Enter
	wait_for fs "You answer for Kulturförvaltningen." 10 && ok || ko "full screen: not opened"
	keys fs Enter
	wait_for fs "Question 1" 10 && ok || ko "full screen: no question"
	# the answer goes to the chosen department's file, and only there
	keys fs 3
	poll 5 grep -q ',q1,Question 1,1,no,' "$KF" && ok || ko "full screen: answer not in $KF"
	grep -q ',q1,Question 1,1,yes,' "$MF" && ok || ko "full screen: $MF changed"
	screen fs | grep -q "Which one" && ko "full screen: the prompt is still shown" || ok
	tm kill-session -t fs
	# (a hangup ends it; userdel at the end wants no process of the user)
	wait_gone "$S/bin/enkat" 5 && ok || ko "full screen: enkat still runs after the hangup"
else
	skip "site: tmux is not installed (the full screen's choice)"
fi
run 0 "no choice made (end of input)" -- sh -c "runuser -u ${P}b -- '$E' --site '$SITE' --plain < /dev/null"

# The default site file, /etc/enkat/site.ini, in a mount namespace of the
# test's own (a bind mount that no other process sees): enkat alone opens
# the user's department; a broken or unreadable one stops enkat instead
# of falling back to a single user's ./out.
mkdir -m 755 "$S/etc-enkat"
cp "$SITE" "$S/etc-enkat/site.ini"
sed -i "s|^survey = .*|survey = $S/survey.ini|" "$S/etc-enkat/site.ini"
if [ ! -e /etc/enkat ]; then mkdir /etc/enkat && made_etc=1; fi
# in_ns USER CMD...: CMD as USER with S/etc-enkat seen as /etc/enkat
in_ns() {
	u=$1; shift
	unshare -m --propagation private sh -c 'mount --bind "$1" /etc/enkat && shift &&
		cd "$1" && shift && exec runuser -u "$@"' sh "$S/etc-enkat" "$S" "$u" -- "$@"
}
if [ -d /etc/enkat ] && in_ns "${P}a" true 2>/dev/null; then
	cp "$WORK/yes.txt" "$S/yes.txt" && chmod 644 "$S/yes.txt"
	run 0 "the default site file" -- in_ns "${P}a" sh -c "'$E' --plain < '$S/yes.txt'"
	has "the default site file" "You answer for Kulturförvaltningen."
	[ ! -e "$S/out" ] && ok || ko "the default site file: $S/out made"
	printf '[site]\nresults = x\n' >"$S/etc-enkat/site.ini"
	run 1 "a broken default site file" -- in_ns "${P}a" "$E" --plain
	has "a broken default site file" "/etc/enkat/site.ini:2: 'results' must be"
	[ ! -e "$S/out" ] && ok || ko "a broken default site file: $S/out made"
	chmod 700 "$S/etc-enkat"
	run 1 "an unreadable default site folder" -- in_ns "${P}a" "$E" --plain
	has "an unreadable default site folder" "/etc/enkat/site.ini: "
	[ ! -e "$S/out" ] && ok || ko "an unreadable default site: $S/out made"
else
	skip "site: no mount namespace here (unshare -m) for the default site file"
fi
[ "$made_etc" = 1 ] && rmdir /etc/enkat && made_etc=0

# in no department: refused, naming whom to ask
run 1 "in no department" -- runuser -u "${P}o" -- "$E" --site "$SITE" --plain
has "in no department" "you (${P}o) are not in the group of any department in $SITE"
has "in no department" "Ask the central office (group $CG)"
run 1 "the central office opens no assessment" -- runuser -u "${P}z" -- "$E" --site "$SITE" --plain

# who reads what
run 0 "central office reads a result" -- runuser -u "${P}z" -- cat "$KF"
run ! "central office cannot change a result" -- runuser -u "${P}z" -- sh -c "echo x >> '$KF'"
run ! "central office cannot add a file" -- runuser -u "${P}z" -- touch "$R/kultur/x.csv"
run ! "outsider cannot read a result" -- runuser -u "${P}o" -- cat "$KF"
run ! "outsider cannot list the round" -- runuser -u "${P}o" -- ls "$R"
run ! "coordinator cannot list the round" -- runuser -u "${P}a" -- ls "$R"
run ! "coordinator cannot read another department" -- runuser -u "${P}a" -- cat "$MF"
run 0 "a coordinator of the department can change it" -- runuser -u "${P}b" -- test -w "$KF"

# the central office merges the round as the layout lets it
if [ -x "$ENKAT_MERGE" ]; then
	cp "$ENKAT_MERGE" "$S/bin/enkat-merge" && chmod 755 "$S/bin/enkat-merge"
	run 0 "the central office merges the round" -- runuser -u "${P}z" -- \
		"$S/bin/enkat-merge" --include-drafts "$R/"
	has "the central office merges the round" "Kulturförvaltningen"
	has "the central office merges the round" "Miljöförvaltningen"
	run ! "an outsider cannot merge the round" -- runuser -u "${P}o" -- \
		"$S/bin/enkat-merge" --include-drafts "$R/"
	hasnt "an outsider cannot merge the round" "Kulturförvaltningen"
else
	skip "site: no enkat-merge at $ENKAT_MERGE"
fi

# ----- --check finds what is wrong, --setup mends the folders -----
touch "$R/kultur/loose.csv" && chmod 644 "$R/kultur/loose.csv"
touch "$R/kultur/private.csv" && chmod 600 "$R/kultur/private.csv"
ln -s /etc/passwd "$R/kultur/link"
chmod 2777 "$R/miljo"
chown nobody "$R/kultur"
chgrp "$CG" "$KF"
setfacl -m u:nobody:rwx "$R"
run 1 "--check of a broken round" -- "$E" --check "$SITE"
has "broken round" "$R/kultur/loose.csv: readable by others (mode 0644)"
has "broken round" "$R/kultur/link: a symbolic link"
has "broken round" "$R/kultur/private.csv: the central office and the department's other coordinators cannot read it (mode 0600, not 0660)"
has "broken round" "$R/kultur/loose.csv: the department's other coordinators cannot change it (mode 0644, not 0660)"
has "broken round" "$R/miljo: others can write in this folder (mode 2777)"
has "broken round" "$R/kultur: owned by nobody, not root"
has "broken round" "$KF: group $CG, not $KG"
has "broken round" "$R: access control list is"
# (it does not touch files: those stay for --check)
run 0 "--setup mends the folders" -- "$E" --site "$SITE" --setup
has "--setup mends" "set $R/miljo to root:$MG 2770"
has "--setup mends" "set $R/kultur to root:$KG 2770"
run 1 "--check after mending" -- "$E" --check "$SITE"
hasnt "after mending" "$R/miljo:"
hasnt "after mending" "$R:"
has "after mending" "$R/kultur/loose.csv: readable by others"
rm -f "$R/kultur/loose.csv" "$R/kultur/private.csv" "$R/kultur/link"
chgrp "$KG" "$KF"
run 0 "--check when all is right again" -- "$E" --check "$SITE"
rmdir "$R/miljo" 2>/dev/null || rm -rf "$R/miljo"
run 1 "--check, a department's folder missing" -- "$E" --check "$SITE"
has "folder missing" "$R/miljo: missing (enkat --site $SITE --setup makes it)"
# the coordinator is told, and nothing is made in its place
run 1 "a coordinator, the folder missing" -- runuser -u "${P}b" -- "$E" --site "$SITE" --plain --department miljo
has "a coordinator, the folder missing" "$R/miljo"
[ ! -e "$R/miljo" ] && ok || ko "a coordinator made $R/miljo"
chmod 757 "$S/srv"
run 1 "--check, others can write above the round" -- "$E" --check "$SITE"
has "above the round" "$S/srv: others can write in this folder (mode 0757)"
chmod 755 "$S/srv"

# a group that has gone
groupdel "$MG"
run 1 "--check, a group gone" -- "$E" --check "$SITE"
has "group gone" "$SITE:13: group '$MG' does not exist"
groupadd "$MG"

# --setup never goes through a symbolic link
mkdir -m 755 "$S/elsewhere"
ln -s "$S/elsewhere" "$S/link"
site_file "$S/linked.ini" "$S/link/2026" "$CG" "$KG" "$MG"
run 1 "--setup through a link" -- "$E" --site "$S/linked.ini" --setup
has "--setup through a link" "$S/link: a symbolic link (refused: nothing is followed); nothing done"
[ ! -e "$S/elsewhere/2026" ] && ok || ko "--setup made $S/elsewhere/2026 through the link"
run 1 "--check through a link" -- "$E" --check "$S/linked.ini"
has "--check through a link" "$S/link: a symbolic link"
# a department's folder planted as a link
rm -rf "$R/miljo"
ln -s "$S/elsewhere" "$R/miljo"
run 1 "--setup, a department's folder is a link" -- "$E" --site "$SITE" --setup
has "department link" "$R/miljo: a symbolic link"
same "the link's target untouched" "$(stat -c '%U:%G %a' "$S/elsewhere")" "root:root 755"
rm -f "$R/miljo"

finish site
