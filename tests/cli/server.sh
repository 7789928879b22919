#!/bin/sh
# The shared assessment server for real (issue 12, "Tested for real"): an
# OpenSSH server of our own on 127.0.0.1 (its configuration, host key and
# pid file in a temporary folder, a free port), Unix users for two
# departments' coordinators, the central office and an outsider, the
# folders made by `enkat --site FILE --setup`, and sshd's `Match Group` +
# `ForceCommand` putting a coordinator straight into the assessment. Then,
# as those users over `ssh -tt` (the client in tmux): answer; drop the
# connection by killing the client mid-answer (nothing lost, no process of
# the user left, the next login resumes); try the other department
# (refused, its file unchanged byte for byte); read as the outsider
# (nothing); read and merge as the central office (but change nothing).
# Everything runs under umask 000, the worst a site can have. Beyond
# those: a second coordinator of the department plants a symlink or FIFO
# at the lock path, a symlink or hard link at the result, holds flock(1)
# on the lock or writes escape sequences into it; a coordinator asks ssh
# for a command or brings a site file of their own; a connection that
# goes silent (sshd's ClientAlive ends it); logging in again at once; a
# coordinator of both departments; a tiny or unknown terminal; a changed
# survey (the kept copy); the outsider plants the central office's report
# in a sticky shared folder; --setup by a user who is not root.
#
# Needs root (users, sshd); otherwise one skip. Installs openssh-server,
# openssh-client and acl with apt-get when they are missing. The users,
# groups, folders and the server are removed at exit, also on failure.
set -u
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh

if [ "$(id -u)" -ne 0 ]; then
	skip "server: needs root (it creates Unix users and starts sshd); run as root"
	finish server
	exit 0
fi

# ------------------------------------------------------------ packages
# need PACKAGE PATH...: installs PACKAGE when a PATH is missing
need() {
	n_pkg=$1; shift
	for n_p in "$@"; do
		[ -e "$n_p" ] && continue
		echo "server: installing $n_pkg" >&2
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
			--no-install-recommends "$n_pkg" >"$WORK/apt.log" 2>&1 ||
			{ apt-get update -q >/dev/null 2>&1 &&
			  DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
				--no-install-recommends "$n_pkg" >"$WORK/apt.log" 2>&1; }
		return
	done
}
need openssh-server /usr/sbin/sshd
need openssh-client /usr/bin/ssh /usr/bin/ssh-keygen
need acl /usr/bin/setfacl /usr/bin/getfacl
for p in /usr/sbin/sshd /usr/bin/ssh /usr/bin/ssh-keygen /usr/bin/getfacl \
	/usr/sbin/useradd /usr/sbin/userdel /usr/sbin/groupadd /usr/sbin/groupdel; do
	if [ ! -x "$p" ]; then
		skip "server: $p is missing and could not be installed"
		finish server
		exit 0
	fi
done
command -v tmux >/dev/null || { echo "server: tmux is missing"; exit 1; }

# ------------------------------------------------------ names and folders
# Every name carries the test's pid, so two runs never meet and nothing
# of the machine's own is touched. The departments' groups match sshd's
# `Match Group enkat-PID-*`; the users' own groups and the central
# office's group do not.
ID=$$
G_KULTUR="enkat-$ID-kultur"
G_MILJO="enkat-$ID-miljo"
G_CENTRAL="enkatc-$ID-central"
U_KULTUR="enku$ID-k"       # Kulturförvaltningen's coordinator
U_KULTUR2="enku$ID-k2"     # a second coordinator of Kulturförvaltningen
U_MILJO="enku$ID-m"        # Miljöförvaltningen's coordinator
U_CENTRAL="enku$ID-c"      # the central office
U_OUT="enku$ID-o"          # any other user of the machine
U_BOTH="enku$ID-b"         # a coordinator of both departments
GROUPS_MADE=""
USERS_MADE=""

# SRV: what the users reach (searchable by all, like /usr and /srv); the
# client's key stays in WORK (root only).
SRV=$(mktemp -d /tmp/enkat-server.XXXXXX) || exit 2
chmod 755 "$SRV"
RUN_SSHD_MADE=0
SSHD_PID=""

srv_cleanup() {
	tm kill-server 2>/dev/null
	if [ -n "$SSHD_PID" ]; then
		kill "$SSHD_PID" 2>/dev/null
		poll 5 srv_dead "$SSHD_PID" || kill -9 "$SSHD_PID" 2>/dev/null
	fi
	for u in $USERS_MADE; do
		# only the test's own users, made a moment ago
		pkill -KILL -u "$u" 2>/dev/null
		poll 5 srv_user_idle "$u"
		userdel "$u" 2>/dev/null || echo "server: could not remove user $u" >&2
	done
	for g in $GROUPS_MADE; do
		groupdel "$g" 2>/dev/null
	done
	rm -rf "$SRV"
	[ "$RUN_SSHD_MADE" = 1 ] && rmdir /run/sshd 2>/dev/null
	lib_cleanup
}
trap srv_cleanup EXIT

srv_dead() { ! kill -0 "$1" 2>/dev/null; }
srv_user_idle() { ! pgrep -u "$1" >/dev/null; }

# ---------------------------------------------------------------- users
for g in "$G_KULTUR" "$G_MILJO" "$G_CENTRAL"; do
	groupadd "$g" || { echo "server: groupadd $g failed"; exit 1; }
	GROUPS_MADE="$GROUPS_MADE $g"
done
mkdir -p "$SRV/home" "$SRV/keys"
chmod 755 "$SRV/home" "$SRV/keys"
# mkuser NAME [GROUP]: a user with a home of their own, a shell, and a
# password field sshd does not take for a locked account ("*", not "!")
mkuser() {
	m_g=""
	[ -n "${2:-}" ] && m_g="-G $2"
	# shellcheck disable=SC2086
	useradd -m -d "$SRV/home/$1" -s /bin/sh -p '*' -c "Test $1" $m_g "$1" ||
		{ echo "server: useradd $1 failed"; exit 1; }
	USERS_MADE="$USERS_MADE $1"
	GROUPS_MADE="$GROUPS_MADE $1"
	chmod 700 "$SRV/home/$1"
}
mkuser "$U_KULTUR" "$G_KULTUR"
mkuser "$U_KULTUR2" "$G_KULTUR"
mkuser "$U_MILJO" "$G_MILJO"
mkuser "$U_CENTRAL" "$G_CENTRAL"
mkuser "$U_OUT"
mkuser "$U_BOTH" "$G_KULTUR,$G_MILJO"

# ------------------------------------------------ the programs they run
# A copy in SRV: the build may sit in a folder other users cannot enter.
# The translations sit where the program looks (PROG_DIR/../build/mo).
mkdir -p "$SRV/bin" "$SRV/build" "$SRV/share" "$SRV/etc"
{ cp "$ENKAT" "$SRV/bin/enkat" && cp "$ENKAT_MERGE" "$SRV/bin/enkat-merge"; } ||
	{ echo "server: cannot copy $ENKAT, $ENKAT_MERGE"; exit 1; }
[ -d build/mo ] && cp -R build/mo "$SRV/build/mo"
cp surveys/demo.ini "$SRV/share/demo.ini"
chmod -R a+rX "$SRV/bin" "$SRV/build" "$SRV/share"
E="$SRV/bin/enkat"
M="$SRV/bin/enkat-merge"

# ------------------------------------------------------------- the site
# The round's folder, made by --setup; one folder per department.
SITE="$SRV/etc/site.ini"
ROUND="$SRV/srv/2026"
cat >"$SITE" <<EOF
# the test's site (enkat-site(5))
[site]
results = $ROUND
central_group = $G_CENTRAL
survey = ../share/demo.ini

[department.kultur]
name = Kulturförvaltningen
group = $G_KULTUR

[department.miljo]
name = Miljöförvaltningen
group = $G_MILJO
EOF
chmod 644 "$SITE"

umask 000
"$E" --site "$SITE" --check >"$WORK/check0.out" 2>&1
check "setup: --check before --setup finds the folders missing" [ $? -eq 1 ]
check "setup: ... and says so" grep -q "$ROUND" "$WORK/check0.out"
if "$E" --site "$SITE" --setup >"$WORK/setup.out" 2>&1; then ok; else
	ko "setup: enkat --site FILE --setup"
	cat "$WORK/setup.out"
fi
if "$E" --site "$SITE" --check >"$WORK/check.out" 2>&1; then ok; else
	ko "setup: --check after --setup"
	cat "$WORK/check.out"
fi

# no_others PATH...: nothing in or under PATH is readable, writable or
# searchable by others (mode bits)
no_others() {
	n_bad=$(find "$@" ! -type l -perm /o=rwx -printf '%m %p\n' 2>/dev/null)
	[ -z "$n_bad" ] && return 0
	echo "--- open to others:"; echo "$n_bad"
	return 1
}

# ------------------------------------------------------------ the server
ssh-keygen -q -t ed25519 -N '' -C "enkat-test-host" -f "$SRV/hostkey" ||
	{ echo "server: ssh-keygen failed"; exit 1; }
ssh-keygen -q -t ed25519 -N '' -C "enkat-test-client" -f "$WORK/key" ||
	{ echo "server: ssh-keygen failed"; exit 1; }
for u in $USERS_MADE; do
	cp "$WORK/key.pub" "$SRV/keys/$u"
	chmod 644 "$SRV/keys/$u"
done
if [ ! -d /run/sshd ]; then
	mkdir -p /run/sshd && chmod 755 /run/sshd && RUN_SSHD_MADE=1
fi

# sshd_config PORT: the server's configuration. SetEnv gives the sessions
# a UTF-8 locale (the client is run with -F /dev/null and sends none).
sshd_config() {
	cat <<EOF
Port $1
ListenAddress 127.0.0.1
HostKey $SRV/hostkey
PidFile $SRV/sshd.pid
UsePAM no
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
AuthorizedKeysFile $SRV/keys/%u
StrictModes no
PermitRootLogin no
AllowUsers$USERS_MADE
AllowTcpForwarding no
AllowAgentForwarding no
X11Forwarding no
PermitTunnel no
PrintMotd no
PrintLastLog no
ClientAliveInterval 1
ClientAliveCountMax 3
UseDNS no
LogLevel VERBOSE
SetEnv LANG=C.UTF-8
Match Group enkat-$ID-*
	ForceCommand $E --site $SITE
EOF
}

srv_listening() { grep -q "Server listening on 127.0.0.1 port" "$SRV/sshd.log"; }
srv_failed() { srv_dead "$SSHD_PID" || srv_listening; }
PORT=""
tries=0
while [ -z "$PORT" ] && [ "$tries" -lt 20 ]; do
	tries=$((tries + 1))
	p=$((20000 + ($$ * 7 + tries * 131) % 40000))
	sshd_config "$p" >"$SRV/sshd_config"
	/usr/sbin/sshd -t -f "$SRV/sshd_config" || { echo "server: sshd_config refused"; exit 1; }
	: >"$SRV/sshd.log"
	/usr/sbin/sshd -f "$SRV/sshd_config" -D -e 2>"$SRV/sshd.log" &
	SSHD_PID=$!
	poll 10 srv_failed
	if srv_listening; then PORT=$p; break; fi
	kill "$SSHD_PID" 2>/dev/null
	SSHD_PID=""
done
if [ -z "$PORT" ]; then
	ko "sshd did not start"; cat "$SRV/sshd.log"; finish server; exit 1
fi
ok

SSH="ssh -F /dev/null -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null \
 -o BatchMode=yes -o IdentitiesOnly=yes -o LogLevel=ERROR -o ConnectTimeout=10 \
 -i $WORK/key -p $PORT"

# as USER COMMAND: runs COMMAND as USER over ssh (no terminal); output on
# stdout and stderr, status of the command
as() {
	a_u=$1; shift
	# shellcheck disable=SC2086
	$SSH -T "$a_u@127.0.0.1" "$*" </dev/null
}

# login NAME USER [W H]: USER logs in with `ssh -tt` in a new tmux pane
login() {
	l_w=${3:-100}; l_h=${4:-30}
	tm new-session -d -s "$1" -x "$l_w" -y "$l_h" \
		"$SSH -tt $2@127.0.0.1; echo \"[ssh exit \$?]\"; sleep 600"
}
# client_pid NAME: the ssh client in pane NAME
client_pid() { pgrep -P "$(tm display-message -p -t "$1" '#{pane_pid}')" -x ssh; }
# not_on_screen NAME TEXT: TEXT is not on pane NAME's screen
not_on_screen() {
	screen "$1" | grep -qF -- "$2" || return 0
	echo "--- on the screen of $1: $2"; screen "$1"; return 1
}
# gone_all USER: no process of USER left (enkat, its shell, sshd's session)
gone_all() { ! pgrep -u "$1" >/dev/null; }
check_gone_all() {
	poll "${2:-5}" gone_all "$1" && return 0
	echo "--- still running as $1:"; pgrep -a -u "$1"
	return 1
}

# run_as USER COMMAND...: COMMAND as USER with their groups (as from a
# shell of theirs on a server without ForceCommand), in a pinned
# environment
run_as() {
	r_u=$1; shift
	runuser -u "$r_u" -- env -i PATH=/usr/bin:/bin LANG=C.UTF-8 TERM=dumb \
		HOME="$SRV/home/$r_u" USER="$r_u" LOGNAME="$r_u" "$@"
}

check "ssh: the central office gets a shell" \
	[ "$(as "$U_CENTRAL" 'id -un')" = "$U_CENTRAL" ]

KDIR="$ROUND/kultur"
MDIR="$ROUND/miljo"
# result DIR: the result file in a department's folder (not the lock)
result() { find "$1" -maxdepth 1 -type f -name '*.csv' ! -name '.*' 2>/dev/null | head -n 1; }
# has FILE QUESTION ANSWER: QUESTION's row holds ANSWER (its id, which
# no question text of the demo survey holds between commas)
has() { grep -q ",$2,.*,$3," "$1" 2>/dev/null; }
# field FILE COLUMN: the first data row's COLUMN
field() { sed -n 2p "$1" | cut -d, -f"$2"; }
# modes_ok FILE GROUP: FILE is 0660 or tighter, of GROUP, nothing for others
modes_ok() {
	m_s=$(stat -c '%a %G' "$1" 2>/dev/null)
	case $m_s in
	"660 $2"|"640 $2"|"600 $2") return 0 ;;
	esac
	echo "--- $1: $m_s (want 660 $2)"; return 1
}

# --- 1. The folders --setup made (enkat-site(5), Folders).
check "setup: the round is root:central 0750" \
	[ "$(stat -c '%U:%G %a' "$ROUND" 2>/dev/null)" = "root:$G_CENTRAL 750" ]
check "setup: Kultur's folder is root:kultur 2770" \
	[ "$(stat -c '%U:%G %a' "$KDIR" 2>/dev/null)" = "root:$G_KULTUR 2770" ]
check "setup: Miljö's folder is root:miljo 2770" \
	[ "$(stat -c '%U:%G %a' "$MDIR" 2>/dev/null)" = "root:$G_MILJO 2770" ]
check "setup: the central office may read Kultur's folder (ACL)" \
	sh -c "getfacl -cp '$KDIR' 2>/dev/null | grep -qx 'group:$G_CENTRAL:r-x'"
check "setup: ... and what is made in it (default ACL)" \
	sh -c "getfacl -cp '$KDIR' 2>/dev/null | grep -qx 'default:group:$G_CENTRAL:r-x'"
check "setup: the coordinators may only pass through the round" \
	sh -c "getfacl -cp '$ROUND' 2>/dev/null | grep -qx 'group:$G_KULTUR:--x'"
check "setup: nothing is open to others" no_others "$ROUND"
# tree_of DIR: owners, modes, modification times and ACLs of everything in
# DIR (not the change times: --setup may set a mode to what it was)
tree_of() {
	find "$1" -printf '%p %u %g %m %T@\n' | sort
	getfacl -R -p "$1" 2>/dev/null
}
tree_of "$ROUND" >"$WORK/tree1"
"$E" --site "$SITE" --setup >"$WORK/setup2.out" 2>&1
check "setup: a second run succeeds" [ $? -eq 0 ]
tree_of "$ROUND" >"$WORK/tree2"
check "setup: ... and changes nothing" diff -u "$WORK/tree1" "$WORK/tree2"

# --- 2. Kultur's coordinator logs in and lands in the assessment.
login k1 "$U_KULTUR"
check "kultur: the login names the department" \
	wait_for k1 "You answer for Kulturförvaltningen" 10
keys k1 Enter
check "kultur: ... and opens its assessment" wait_for k1 "question 1 of 3"
keys k1 4                                       # skarmlas: always
check "kultur: answers" wait_for k1 "question 2 of 3"
keys k1 1                                       # las_skap: yes
check "kultur: moves on" wait_for k1 "question 3 of 3"
KFILE=$(result "$KDIR")
check "kultur: the result is in Kultur's folder" [ -n "$KFILE" ]
KFILE=${KFILE:-$KDIR/none.csv}
check "kultur: saved at once" has "$KFILE" skarmlas alltid
check "kultur: ... both answers" has "$KFILE" las_skap yes
check "kultur: the file names the department" \
	[ "$(field "$KFILE" 4)" = Kulturförvaltningen ]
check "kultur: ... and the respondent: the user who logged in" \
	[ "$(field "$KFILE" 5)" = "Test $U_KULTUR ($U_KULTUR)" ]
check "kultur: the result is the coordinator's" \
	[ "$(stat -c %U "$KFILE" 2>/dev/null)" = "$U_KULTUR" ]
check "kultur: ... mode and group (umask 000)" modes_ok "$KFILE" "$G_KULTUR"
for f in "$KDIR"/.* "$KDIR"/*; do
	[ -f "$f" ] || continue
	check "kultur: $(basename "$f"): mode and group" modes_ok "$f" "$G_KULTUR"
done
check "kultur: nothing in the round is open to others" no_others "$ROUND"

# --- 3. The connection drops mid-answer: the client is killed while a
# comment is being typed.
keys k1 c
type_text k1 "halvskriven kommentar"
check "drop: the comment is being typed" wait_for k1 "halvskriven kommentar"
cpid=$(client_pid k1)
check "drop: the ssh client is found" [ -n "$cpid" ]
[ -n "$cpid" ] && kill -KILL "$cpid"
check "drop: the client is gone" wait_for k1 "[ssh exit" 5
check "drop: no process of the coordinator is left" check_gone_all "$U_KULTUR" 5
check "drop: the answers are kept" has "$KFILE" las_skap yes
check "drop: ... the comment being typed too" \
	grep -q ',utskrifter,.*halvskriven kommentar' "$KFILE"
check "drop: still Kultur's group, 0660" modes_ok "$KFILE" "$G_KULTUR"

login k2 "$U_KULTUR"
check "resume: the next login says the draft continues" wait_for k2 "continues" 10
keys k2 Enter
check "resume: ... where it left off" wait_for k2 "question 3 of 3"
keys k2 1                                       # utskrifter: card or PIN
check "resume: answers on" wait_for k2 "Digital work"
keys k2 q
check "resume: q leaves" wait_for k2 "[ssh exit 0]" 5
check "resume: the new answer is kept" has "$KFILE" utskrifter pinkod
check "resume: nothing left running" check_gone_all "$U_KULTUR" 5

# A connection that goes silent (a laptop's lid closed: no FIN, the
# client stopped): sshd's ClientAlive probes end the session, enkat ends
# with it, and the next login answers again (not read-only).
login k3 "$U_KULTUR"
wait_for k3 "You answer for" 10 >/dev/null
cpid=$(client_pid k3)
[ -n "$cpid" ] && kill -STOP "$cpid"
check "silent: the session ends on the server" check_gone_all "$U_KULTUR" 15
[ -n "$cpid" ] && kill -KILL "$cpid" 2>/dev/null && kill -CONT "$cpid" 2>/dev/null
run_as "$U_KULTUR" "$E" --site "$SITE" --plain </dev/null >"$WORK/silent.out" 2>&1
check "silent: the next session may answer" grep -q "^Saving to " "$WORK/silent.out"

# Logging in again at once after a drop (the usual reaction): the new
# session does not find the old one still holding the assessment.
login k4 "$U_KULTUR"
wait_for k4 "You answer for" 10 >/dev/null
cpid=$(client_pid k4)
[ -n "$cpid" ] && kill -KILL "$cpid"
login k5 "$U_KULTUR"
check "at once: the next login continues" wait_for k5 "continues" 10
check "at once: ... not read-only" not_on_screen k5 "another session"
keys k5 q
check "at once: q leaves" wait_for k5 "[ssh exit 0]" 5
check "at once: nothing left running" check_gone_all "$U_KULTUR" 5
cp -p "$KFILE" "$WORK/kultur.csv"

# --- 4. Miljö's coordinator: their own department, never Kultur's.
login m1 "$U_MILJO"
check "miljo: the login names the department" \
	wait_for m1 "You answer for Miljöförvaltningen" 10
keys m1 Enter
check "miljo: ... and opens its assessment" wait_for m1 "question 1 of 3"
keys m1 2                                       # skarmlas: sometimes
check "miljo: answers" wait_for m1 "question 2 of 3"
keys m1 q
check "miljo: q leaves" wait_for m1 "[ssh exit 0]" 5
MFILE=$(result "$MDIR")
check "miljo: the result is in Miljö's folder" [ -n "$MFILE" ]
MFILE=${MFILE:-$MDIR/none.csv}
check "miljo: ... with the answer" has "$MFILE" skarmlas ibland
check "miljo: the file names Miljö" [ "$(field "$MFILE" 4)" = Miljöförvaltningen ]
check "miljo: Miljö's group, 0660" modes_ok "$MFILE" "$G_MILJO"

# Over ssh the command asked for is not run: ForceCommand.
tm new-session -d -s m2 -x 100 -y 30 \
	"$SSH -tt $U_MILJO@127.0.0.1 $E --department Kulturförvaltningen; echo \"[ssh exit \$?]\"; sleep 600"
# Miljö's draft has 1 answer of 6, Kultur's 3
check "other: ssh with --department Kultur still opens Miljö's draft" \
	wait_for m2 "continues: 1 of 6 answered" 10
check "other: ... saying so" wait_for m2 "You answer for Miljöförvaltningen" 1
keys m2 q
wait_for m2 "[ssh exit" 5 >/dev/null
out=$(as "$U_MILJO" "cat $KFILE" 2>&1)
check "other: ssh with a command shows nothing of Kultur's" \
	sh -c "! printf '%s' \"\$1\" | grep -q -e halvskriven -e alltid" sh "$out"
check "other: ... and leaves nothing running" check_gone_all "$U_MILJO" 10

# With a shell (a server without ForceCommand) enkat itself refuses.
run_as "$U_MILJO" "$E" --site "$SITE" --plain \
	--department Kulturförvaltningen </dev/null >"$WORK/other.out" 2>&1
check "other: --department of another department is refused" [ $? -ne 0 ]
check "other: ... with a message" [ -s "$WORK/other.out" ]
run_as "$U_MILJO" "$E" --site "$SITE" --plain --department kultur \
	</dev/null >"$WORK/other2.out" 2>&1
check "other: ... by its id too" [ $? -ne 0 ]
run_as "$U_MILJO" "$E" --plain --department Kulturförvaltningen \
	--out "$KDIR" "$SRV/share/demo.ini" </dev/null >"$WORK/other3.out" 2>&1
check "other: ... and without the site file (the folder is closed)" [ $? -ne 0 ]
run_as "$U_MILJO" sh -c "cat '$KFILE'" >/dev/null 2>&1
check "other: Kultur's file cannot be read" [ $? -ne 0 ]
run_as "$U_MILJO" sh -c ": >'$KDIR/.x.lock'" 2>/dev/null
check "other: no lock can be planted in Kultur's folder" [ $? -ne 0 ]
check "other: Kultur's file is unchanged, byte for byte" cmp -s "$KFILE" "$WORK/kultur.csv"
check "other: ... and still the coordinator's" \
	[ "$(stat -c %U "$KFILE")" = "$U_KULTUR" ]

# --- 5. The outsider reads nothing.
for what in "cat $KFILE" "cat $MFILE" "ls $ROUND" "ls $KDIR" "ls $MDIR" \
	"cat $KDIR/.*.lock" "head -c1 $KFILE"; do
	check "outsider: $what fails" sh -c "! $SSH -T $U_OUT@127.0.0.1 '$what' </dev/null >/dev/null 2>&1"
done
out=$(as "$U_OUT" "$M $ROUND" 2>&1)
check "outsider: enkat-merge of the round fails" [ $? -ne 0 ]
check "outsider: ... and shows no department" \
	sh -c "! printf '%s' \"\$1\" | grep -q -e Kultur -e Milj" sh "$out"
out=$(as "$U_OUT" "$E --site $SITE --plain" 2>&1)
check "outsider: enkat with the site file refuses" [ $? -ne 0 ]
check "outsider: ... naming whom to ask" \
	sh -c "printf '%s' \"\$1\" | grep -q -e '$G_CENTRAL' -e '$SITE'" sh "$out"

# --- 6. The central office reads every result and merges, changes none.
check "central: reads Kultur's result" \
	sh -c "$SSH -T $U_CENTRAL@127.0.0.1 'cat $KFILE' </dev/null | cmp -s - '$KFILE'"
check "central: reads Miljö's result" \
	sh -c "$SSH -T $U_CENTRAL@127.0.0.1 'cat $MFILE' </dev/null | cmp -s - '$MFILE'"
# ... but not the lock: who can read it can hold a read lock that keeps
# the department out (a review found it; the lock gets no ACL entry)
check "central: cannot read the department's lock file" \
	sh -c "! $SSH -T $U_CENTRAL@127.0.0.1 'cat $KDIR/.*.lock' </dev/null >/dev/null 2>&1"
check "central: the lock file has no entry for the central office" \
	sh -c "! getfacl -cp $KDIR/.*.lock 2>/dev/null | grep -q '$G_CENTRAL'"
out=$(as "$U_CENTRAL" "$M --include-drafts $ROUND" 2>&1)
check "central: enkat-merge of the round works" [ $? -eq 0 ]
check "central: ... with both departments" \
	sh -c "printf '%s' \"\$1\" | grep -q Kulturförvaltningen && printf '%s' \"\$1\" | grep -q Miljöförvaltningen" sh "$out"
as "$U_CENTRAL" "cd && $M --include-drafts --html r.html --matrix m.csv \
	--questions q.csv --output all.csv --excel $ROUND" >/dev/null 2>&1
for f in r.html m.csv q.csv all.csv; do
	check "central: $f is written" [ -s "$SRV/home/$U_CENTRAL/$f" ]
	check "central: ... for the central office's user alone (umask 000)" \
		[ "$(stat -c %a "$SRV/home/$U_CENTRAL/$f" 2>/dev/null)" = 600 ]
done
# A shared folder like /tmp (sticky, open to all): the outsider plants a
# symlink to the central office's own file, and a file of their own, at
# the names the central office writes the report to. (This machine's
# fs.protected_symlinks and protected_regular may be 0: no help from the
# kernel.)
PUB="$SRV/pub"
mkdir -p "$PUB" && chmod 1777 "$PUB"
SECRET="$SRV/home/$U_CENTRAL/secret.txt"
run_as "$U_CENTRAL" sh -c "echo hemligt >'$SECRET'"
run_as "$U_OUT" sh -c "ln -s '$SECRET' '$PUB/r.html'; : >'$PUB/r2.html'; chmod 666 '$PUB/r2.html'"
as "$U_CENTRAL" "$M --include-drafts --html $PUB/r.html $ROUND" >"$WORK/pub1.out" 2>&1
echo "--- planted report (symlink): exit $?, $(grep -m1 -i -e 'r.html' "$WORK/pub1.out")"
check "planted report: nothing is written through the symlink" \
	[ "$(cat "$SECRET")" = hemligt ]
as "$U_CENTRAL" "$M --include-drafts --html $PUB/r2.html $ROUND" >"$WORK/pub2.out" 2>&1
echo "--- planted report (file): exit $?, $(grep -m1 -i -e 'r2.html' "$WORK/pub2.out")"
check "planted report: the outsider's own file does not get the report" \
	sh -c "! $SSH -T $U_OUT@127.0.0.1 'cat $PUB/r2.html' </dev/null 2>/dev/null | grep -q Kultur"
rm -rf "$PUB"

for what in "echo x >>$KFILE" ": >$KFILE" "rm -f $KFILE" "mv $KFILE $KFILE.x" \
	"touch $KDIR/new.csv" "ln -s /etc/passwd $KDIR/.x.lock" "chmod 666 $KFILE"; do
	check "central: '$what' fails" sh -c "! $SSH -T $U_CENTRAL@127.0.0.1 '$what' </dev/null >/dev/null 2>&1"
done
run_as "$U_CENTRAL" "$E" --site "$SITE" --plain --department kultur \
	</dev/null >"$WORK/central.out" 2>&1
check "central: enkat --department of a department is refused" [ $? -ne 0 ]
check "central: Kultur's file is unchanged" cmp -s "$KFILE" "$WORK/kultur.csv"
check "central: ... nothing left running" check_gone_all "$U_CENTRAL" 10
tree_of "$ROUND" >"$WORK/tree3"
as "$U_CENTRAL" "$E --site $SITE --setup" >/dev/null 2>&1
check "central: --setup is refused (not root)" [ $? -ne 0 ]
tree_of "$ROUND" >"$WORK/tree4"
check "central: ... and changes nothing" diff -u "$WORK/tree3" "$WORK/tree4"
out=$(as "$U_CENTRAL" "$E --site $SITE --plain" 2>&1)
check "central: enkat itself opens no assessment for them" [ $? -ne 0 ]
check "central: ... saying why" \
	sh -c "printf '%s' \"\$1\" | grep -q -e '$G_CENTRAL' -e '$SITE'" sh "$out"

# --- 7. Attacks from inside the department: a second coordinator of
# Kultur (who may change the result, but not make enkat write elsewhere
# or hang) plants things at the lock path before the first one logs in.
KLOCK="$KDIR/.$(basename "$KFILE").lock"
NOTES="$SRV/home/$U_KULTUR/notes.txt"
run_as "$U_KULTUR" sh -c "echo 'mina anteckningar' >'$NOTES'"
cp "$NOTES" "$WORK/notes.before"
# has_text NAME: the pane shows something
has_text() { screen "$1" | grep -q '[^[:space:]]'; }
# planted NAME WHAT: Kultur's coordinator logs in on a planted lock; the
# session must say something and end (or leave with q), nothing written
planted() {
	login "$1" "$U_KULTUR"
	poll 10 has_text "$1"
	settle "$1"
	screen "$1" >"$WORK/$1.screen"
	if ! lib_on_screen "$1" "[ssh exit"; then keys "$1" q; fi
	check "$2: the login ends" wait_for "$1" "[ssh exit" 10
	check "$2: nothing left running" check_gone_all "$U_KULTUR" 10
	check "$2: the coordinator's notes are untouched" cmp -s "$NOTES" "$WORK/notes.before"
	if [ ! -L "$KFILE" ]; then
		check "$2: Kultur's result is unchanged" cmp -s "$KFILE" "$WORK/kultur.csv"
	fi
	echo "--- $2: what the coordinator saw:"; grep '[^[:space:]]' "$WORK/$1.screen"
	cp "$WORK/notes.before" "$NOTES"
}
run_as "$U_KULTUR2" sh -c "rm -f '$KLOCK' && ln -s '$NOTES' '$KLOCK'"
if [ -L "$KLOCK" ]; then
	planted a1 "symlink at the lock"
	check "symlink at the lock: said" grep -qi -e lock -e lås -e link "$WORK/a1.screen"
else skip "symlink at the lock: could not be planted"; fi
rm -f "$KLOCK"
run_as "$U_KULTUR2" sh -c "mkfifo '$KLOCK'"
if [ -p "$KLOCK" ]; then
	planted a2 "FIFO at the lock"
else skip "FIFO at the lock: could not be planted"; fi
rm -f "$KLOCK"
run_as "$U_KULTUR2" sh -c "rm -f '$KFILE' && ln -s '$NOTES' '$KFILE'"
if [ -L "$KFILE" ]; then
	planted a3 "symlink at the result"
else skip "symlink at the result: could not be planted"; fi
rm -f "$KFILE"
cp -p "$WORK/kultur.csv" "$KFILE"

# A hard link at the result to a file of the second coordinator's own
# (which would keep the answers where the department cannot see them).
GRAB="$SRV/home/$U_KULTUR2/grab.csv"
run_as "$U_KULTUR2" sh -c "cp '$KFILE' '$GRAB' && rm -f '$KFILE' && ln '$GRAB' '$KFILE'"
cp "$GRAB" "$WORK/grab.before" 2>/dev/null
if [ "$(stat -c %h "$KFILE" 2>/dev/null)" = 2 ]; then
	planted a4 "hard link at the result"
	check "hard link at the result: the linked file is unchanged" cmp -s "$GRAB" "$WORK/grab.before"
else skip "hard link at the result: could not be planted"; fi
rm -f "$KFILE" "$GRAB"
cp -p "$WORK/kultur.csv" "$KFILE"

# A coordinator of both departments chooses one before the full screen.
login b1 "$U_BOTH"
check "both: a choice of the departments" wait_for b1 "2. Miljöförvaltningen" 10
type_text b1 2
keys b1 Enter
check "both: the one chosen" wait_for b1 "You answer for Miljöförvaltningen"
keys b1 q
check "both: q leaves" wait_for b1 "[ssh exit 0]" 5
check "both: nothing left running" check_gone_all "$U_BOTH" 5

# A terminal far too small: enkat says something, q leaves.
login tiny "$U_MILJO" 30 8
poll 10 has_text tiny
settle tiny
keys tiny q
check "tiny terminal: q leaves" wait_for tiny "[ssh exit" 5
check "tiny terminal: nothing left running" check_gone_all "$U_MILJO" 5

# An unknown terminal: enkat says so and ends, nothing left running.
tm new-session -d -s t1 -x 100 -y 30 \
	"TERM=enkat-no-such-terminal $SSH -tt $U_KULTUR@127.0.0.1; echo \"[ssh exit \$?]\"; sleep 600"
check "unknown terminal: the login ends" wait_for t1 "[ssh exit" 10
check "unknown terminal: nothing left running" check_gone_all "$U_KULTUR" 10
check "unknown terminal: the result is unchanged" cmp -s "$KFILE" "$WORK/kultur.csv"

# A site file of one's own naming Kultur's folder with one's own group.
cat >"$SRV/home/$U_MILJO/evil.ini" <<EOF
[site]
results = $ROUND
central_group = $G_CENTRAL
survey = $SRV/share/demo.ini

[department.kultur]
name = Kulturförvaltningen
group = $G_MILJO
EOF
chown "$U_MILJO" "$SRV/home/$U_MILJO/evil.ini"
touch "$WORK/mark"
run_as "$U_MILJO" "$E" --site "$SRV/home/$U_MILJO/evil.ini" --plain \
	</dev/null >"$WORK/evil.out" 2>&1
check "own site file: Kultur's folder stays closed" [ $? -ne 0 ]
check "own site file: Kultur's result is unchanged" cmp -s "$KFILE" "$WORK/kultur.csv"
check "own site file: nothing new in Kultur's folder" \
	[ -z "$(find "$KDIR" -newer "$WORK/mark" ! -path "$KDIR")" ]

# flock(1) on the lock file by another member of the group, with escape
# sequences written into it, neither blocks the department nor reaches
# the terminal (enkat's lock is not a flock).
ESC=$(printf '\033')
CRAFTED='\033[2J\033]0;pwned\007 \033[31mhost 1 0\n'
(run_as "$U_KULTUR2" flock "$KLOCK" sh -c "printf '$CRAFTED' >'$KLOCK'; exec sleep 60" 2>/dev/null; true) &
HOLDER=$!
# planted_holder: the crafted text is in the lock
planted_holder() { grep -q pwned "$KLOCK" 2>/dev/null; }
if poll 10 planted_holder; then
	run_as "$U_KULTUR" "$E" --site "$SITE" --plain </dev/null >"$WORK/flock.out" 2>&1
	check "flock(1): the department is not blocked" grep -q "^Saving to " "$WORK/flock.out"
	check "flock(1): no escape sequence reaches the terminal" \
		sh -c "! grep -q '$ESC' '$WORK/flock.out'"
else skip "flock(1): could not be planted"; fi
pkill -KILL -u "$U_KULTUR2" 2>/dev/null
wait "$HOLDER" 2>/dev/null
check "flock(1): the holder is gone" check_gone_all "$U_KULTUR2" 5

# The same text in the lock of a real session of the second coordinator:
# the first one is told it is held, without the escape sequences.
login e1 "$U_KULTUR2"
check "held lock: the second coordinator is in" wait_for e1 "continues" 10
run_as "$U_KULTUR2" sh -c "printf '$CRAFTED' >'$KLOCK'"
run_as "$U_KULTUR" "$E" --site "$SITE" --plain </dev/null >"$WORK/held.out" 2>&1
check "held lock: no escape sequence reaches the terminal" \
	sh -c "! grep -q '$ESC' '$WORK/held.out'"
check "held lock: ... opened read-only" sh -c "! grep -q '^Saving to ' '$WORK/held.out'"
check "held lock: Kultur's result is unchanged" cmp -s "$KFILE" "$WORK/kultur.csv"
# issue 12: "an unknown holder is shown as '? on  since 1970-01-01 00:00
# (process 0)'"
check "held lock: an unreadable holder is not shown as a made-up one" \
	sh -c "! grep -q -e '1970-01-01' -e '(process 0)' '$WORK/held.out'"
echo "--- held lock: what the coordinator saw:"
tr "$ESC" '~' <"$WORK/held.out" | grep -v '^$' | sed -n '4,8p'
keys e1 q
check "held lock: the second coordinator leaves" wait_for e1 "[ssh exit 0]" 5
check "held lock: nothing left running" check_gone_all "$U_KULTUR2" 5

# --- 8. The survey changes under Miljö's draft: the first save keeps the
# old file beside the new one, and the copy is as closed as the result.
sed -i 's/^\[question.natfiske_antal\]$/&\nweight = 2/' "$SRV/share/demo.ini"
login c1 "$U_MILJO"
check "changed: the login says what changed" \
	wait_for c1 "Question natfiske_antal: weight 1 -> 2" 10
keys c1 Enter
check "changed: ... at the next question" wait_for c1 "question 2 of 3"
keys c1 1                                       # las_skap: yes
check "changed: answers" wait_for c1 "question 3 of 3"
keys c1 q
check "changed: q leaves" wait_for c1 "[ssh exit 0]" 5
KEPT=$(find "$MDIR" -maxdepth 1 -name '*.kept' | head -n 1)
check "changed: the old file is kept" [ -n "$KEPT" ]
if [ -n "$KEPT" ]; then
	check "changed: the kept copy is Miljö's, 0660" modes_ok "$KEPT" "$G_MILJO"
	check "changed: the central office reads it" \
		sh -c "$SSH -T $U_CENTRAL@127.0.0.1 'cat $KEPT' </dev/null | cmp -s - '$KEPT'"
	check "changed: the outsider does not" \
		sh -c "! $SSH -T $U_OUT@127.0.0.1 'cat $KEPT' </dev/null >/dev/null 2>&1"
fi
check "changed: nothing in the round is open to others" no_others "$ROUND"
check "changed: nothing left running" check_gone_all "$U_MILJO" 5

finish server
