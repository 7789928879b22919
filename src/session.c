#include "session.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sys/acl.h>
#include <acl/libacl.h>

#include "fileio.h"
#include "numfmt.h"
#include "result.h"
#include "text.h"
#include "util.h"

/* The last component of a path the session made (never ends in '/'). */
static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* Text from outside into a fixed buffer: made visible (no control
 * character reaches a terminal) and cut at a character boundary. */
static void copy_visible(char *dst, size_t size, const char *src)
{
	char *v = text_visible(src, false);
	size_t n = strlen(v);

	if (n >= size) {
		n = size - 1;
		while (n > 0 && ((unsigned char)v[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(dst, v, n);
	dst[n] = '\0';
	free(v);
}

static void holder_self(struct session_holder *h)
{
	const char *user = getenv("USER");
	struct passwd *pw;
	char host[128];

	memset(h, 0, sizeof *h);
	if (!user || !*user) {
		pw = getpwuid(geteuid());
		user = pw && pw->pw_name ? pw->pw_name : "?";
	}
	copy_visible(h->user, sizeof h->user, user);
	if (gethostname(host, sizeof host) != 0)
		snprintf(host, sizeof host, "?");
	host[sizeof host - 1] = '\0';
	copy_visible(h->host, sizeof h->host, host);
	/* the file keeps four words: no space inside one */
	for (char *c = h->user; *c; c++)
		if (*c == ' ')
			*c = '_';
	for (char *c = h->host; *c; c++)
		if (*c == ' ')
			*c = '_';
	h->pid = (long)getpid();
	h->since = time(NULL);
	h->known = true;
}

/* The lock file's text, "user host pid since" (holder_write), read with a
 * size limit; anything else is an unknown holder (known false). */
static void holder_read(int fd, struct session_holder *h)
{
	char buf[512], user[256], host[256], end;
	ssize_t n;
	long pid;
	long long since;

	memset(h, 0, sizeof *h);
	n = pread(fd, buf, sizeof buf - 1, 0);
	buf[n > 0 ? n : 0] = '\0';
	if (n <= 0 || n == (ssize_t)sizeof buf - 1 ||
	    sscanf(buf, "%255s %255s %ld %lld %c", user, host, &pid, &since, &end) != 4 ||
	    pid <= 0 || since <= 0)
		return;
	copy_visible(h->user, sizeof h->user, user);
	copy_visible(h->host, sizeof h->host, host);
	h->pid = pid;
	h->since = (time_t)since;
	h->known = true;
}

static void holder_write(int fd, const struct session_holder *h)
{
	char buf[512];
	int n = snprintf(buf, sizeof buf, "%s %s %ld %lld\n", h->user, h->host,
			 h->pid, (long long)h->since);

	if (ftruncate(fd, 0) == 0 && pwrite(fd, buf, (size_t)n, 0) == n)
		fsync(fd);
}

/* A file the session may change: not shared, the user's own; shared, of
 * the department's group (any of its coordinators may have written it). */
static bool is_ours(const struct session *ss, const struct stat *st)
{
	if (ss->access.shared)
		return st->st_gid == ss->access.group;
	return st->st_uid == geteuid();
}

/* The file at path is not ours: the session is read-only, and says whose
 * it is. */
static void set_foreign(struct session *ss, enum session_foreign what,
			const char *path, const struct stat *st)
{
	struct passwd *pw = getpwuid(st->st_uid);
	struct group *gr = getgrgid(st->st_gid);

	ss->foreign = what;
	free(ss->foreign_file);
	ss->foreign_file = text_visible(path, false);
	if (pw && pw->pw_name)
		copy_visible(ss->foreign_owner, sizeof ss->foreign_owner, pw->pw_name);
	else
		snprintf(ss->foreign_owner, sizeof ss->foreign_owner, "%lu",
			 (unsigned long)st->st_uid);
	if (gr && gr->gr_name)
		copy_visible(ss->foreign_group, sizeof ss->foreign_group, gr->gr_name);
	else
		snprintf(ss->foreign_group, sizeof ss->foreign_group, "%lu",
			 (unsigned long)st->st_gid);
	ss->read_only = true;
}

/* A lock on the whole file that only a writer can take: an open file
 * description's write lock (F_OFD_SETLK), which, unlike flock(), a user
 * who may only read the file cannot hold. The kernel drops it when its
 * holder dies, however it dies. 0: taken; 1: another holds it; -1: error
 * (errno). */
static int lock_try(int fd)
{
	struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
	int rc;

#ifdef F_OFD_SETLK
	rc = fcntl(fd, F_OFD_SETLK, &fl);
	if (rc != 0 && errno == EINVAL) /* a kernel before 3.15 */
#endif
		rc = fcntl(fd, F_SETLK, &fl);
	if (rc == 0)
		return 0;
	return errno == EAGAIN || errno == EACCES ? 1 : -1;
}

/* A path that is not a regular file of one name: refused, saying what it
 * is, and how to go on. */
static void refuse_kind(struct diag *d, const char *path, const char *what,
			const char *kind)
{
	char *shown = text_visible(path, false);

	diag_add(d, shown, 0, "the %s is %s: refused, nothing is read or written "
		 "through it (remove it, or ask whoever put it there)", what, kind);
	free(shown);
}

/* Leaves fd with exactly the access of mode: no access-list entries, such
 * as the central office's read entry that a department folder's default
 * list gives every new file. Who can read a lock file can hold a read
 * lock on it, and a read lock keeps the department's write lock out. A
 * file system without access lists has nothing to remove. */
static int lock_strip_acl(int fd, mode_t mode)
{
	acl_t acl = acl_from_mode(mode);
	int rc;

	if (!acl)
		return -1;
	rc = acl_set_fd(fd, acl);
	acl_free(acl);
	if (rc != 0 && (errno == ENOTSUP || errno == EOPNOTSUPP))
		rc = 0;
	return rc;
}

/* Creates the lock file name in the folder with exactly mode and no
 * access list: made nameless first (O_TMPFILE), so that nobody can open it
 * before its access is right, then linked into place. The descriptor, or
 * -1 with errno (EEXIST: there is one already; EOPNOTSUPP and the like:
 * the file system has no nameless files, the caller creates it by name). */
static int lock_create_private(struct session *ss, const char *name, mode_t mode)
{
#ifdef O_TMPFILE
	char proc[64];
	int fd = openat(ss->dir_fd, ".", O_TMPFILE | O_RDWR | O_CLOEXEC, mode);

	if (fd < 0)
		return -1;
	if (fchmod(fd, mode) != 0 || lock_strip_acl(fd, mode) != 0) {
		int saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
	if (linkat(AT_FDCWD, proc, ss->dir_fd, name, AT_SYMLINK_FOLLOW) != 0) {
		int saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	return fd;
#else
	(void)ss;
	(void)name;
	(void)mode;
	errno = EOPNOTSUPP;
	return -1;
#endif
}

/* Opens the lock file (creating it exactly 0600, or 0660 shared), never
 * through a link, and checks it is a regular file of one name that is
 * ours. Returns the descriptor; -2 when the lock file is another's
 * (set_foreign done); -1 on an error (in d). */
static int lock_open(struct session *ss, struct diag *d)
{
	const char *name = base_name(ss->lock_path);
	mode_t mode = ss->access.shared ? 0660 : 0600;
	struct stat before, st;
	const char *kind;
	int fd;

	for (int tries = 0; tries < 10; tries++) {
		fd = lock_create_private(ss, name, mode);
		if (fd >= 0)
			return fd;
		if (errno != EEXIST)
			fd = openat(ss->dir_fd, name, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW |
				    O_NOCTTY | O_CLOEXEC, mode);
		if (fd >= 0) {
			/* exactly mode, whatever the umask, and no access
			 * list (a short window here, on a file system
			 * without nameless files) */
			if (fchmod(fd, mode) != 0 || lock_strip_acl(fd, mode) != 0) {
				diag_add(d, ss->lock_path, 0, "cannot set the lock file's "
					 "mode: %s", strerror(errno));
				close(fd);
				return -1;
			}
			return fd;
		}
		if (errno != EEXIST) {
			diag_add(d, ss->lock_path, 0, "cannot create the lock file: %s",
				 strerror(errno));
			return -1;
		}
		/* there: looked at before it is opened (opening a FIFO or a
		 * device may block or do something) */
		if (fstatat(ss->dir_fd, name, &before, AT_SYMLINK_NOFOLLOW) != 0) {
			if (errno == ENOENT)
				continue; /* gone meanwhile: create it */
			diag_add(d, ss->lock_path, 0, "cannot examine the lock file: %s",
				 strerror(errno));
			return -1;
		}
		if ((kind = file_refused_kind(&before))) {
			refuse_kind(d, ss->lock_path, "lock file", kind);
			return -1;
		}
		if (!is_ours(ss, &before)) {
			set_foreign(ss, SESSION_FOREIGN_LOCK, ss->lock_path, &before);
			return -2;
		}
		fd = openat(ss->dir_fd, name, O_RDWR | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY |
			    O_CLOEXEC);
		if (fd < 0) {
			if (errno == ENOENT)
				continue;
			if (errno == ELOOP)
				refuse_kind(d, ss->lock_path, "lock file", "a symbolic link");
			else
				diag_add(d, ss->lock_path, 0, "cannot open the lock file: %s",
					 strerror(errno));
			return -1;
		}
		if (fstat(fd, &st) != 0) {
			diag_add(d, ss->lock_path, 0, "cannot examine the lock file: %s",
				 strerror(errno));
			close(fd);
			return -1;
		}
		if (st.st_dev != before.st_dev || st.st_ino != before.st_ino) {
			close(fd); /* replaced between the look and the open */
			continue;
		}
		if ((kind = file_refused_kind(&st))) {
			refuse_kind(d, ss->lock_path, "lock file", kind);
			close(fd);
			return -1;
		}
		if (!is_ours(ss, &st)) {
			set_foreign(ss, SESSION_FOREIGN_LOCK, ss->lock_path, &st);
			close(fd);
			return -2;
		}
		/* one left by an older enkat may be readable by others */
		if (st.st_uid == geteuid()) {
			if ((st.st_mode & 07777) != mode)
				fchmod(fd, mode);
			lock_strip_acl(fd, mode);
		}
		return fd;
	}
	diag_add(d, ss->lock_path, 0, "the lock file keeps changing: is someone "
		 "replacing it?");
	return -1;
}

/* A lock file: the kernel drops the lock when its holder dies, so a lock
 * left by a crash is simply free to take. The file's text only says who
 * holds it, for the message to the next person. */
static enum session_open_status lock_take(struct session *ss, struct diag *d)
{
	struct session_holder previous;
	int fd = lock_open(ss, d);

	if (fd == -2)
		return SESSION_LOCKED;
	if (fd < 0)
		return SESSION_ERROR;
	holder_read(fd, &previous);
	switch (lock_try(fd)) {
	case 1:
		ss->holder = previous;
		ss->read_only = true;
		close(fd);
		return SESSION_LOCKED;
	case -1:
		diag_add(d, ss->lock_path, 0, "cannot lock: %s", strerror(errno));
		close(fd);
		return SESSION_ERROR;
	default:
		break;
	}
	/* the text is re-read under the lock: the first read may have raced */
	holder_read(fd, &previous);
	if (previous.known) {
		ss->lock_taken_over = true;
		ss->stale = previous;
	}
	holder_self(&ss->holder);
	holder_write(fd, &ss->holder);
	ss->lock_fd = fd;
	return SESSION_OK;
}

static void lock_release(struct session *ss)
{
	if (ss->lock_fd < 0)
		return;
	/* The file stays: unlinking it would let two later sessions lock two
	 * different files. Empty means "left cleanly", not a crash. */
	if (ftruncate(ss->lock_fd, 0) == 0)
		fsync(ss->lock_fd);
	close(ss->lock_fd);
	ss->lock_fd = -1;
}

/* ------------------------------------------------ a changed definition */

/* Two fields the same: numbers compared as numbers ("2" and "2.0"), the
 * rest as text. */
static bool same_field(const char *a, const char *b, bool number)
{
	double x, y;

	if (number && num_parse(a, &x) && num_parse(b, &y))
		return x == y;
	return strcmp(a, b) == 0;
}

/* "none" for an empty field, so that a line never says "level  -> 2". */
static const char *or_none(const char *f)
{
	return *f ? f : "none";
}

/* Rows by question id or area id, sorted, for lookups in O(log n): a
 * survey may have thousands of questions. */
struct row_index {
	const struct result_row **rows;
	size_t n;
	enum result_column col;
};

static enum result_column sort_col; /* qsort has no context argument */

static int by_col(const void *a, const void *b)
{
	const struct result_row *x = *(const struct result_row *const *)a;
	const struct result_row *y = *(const struct result_row *const *)b;
	int d = strcmp(x->field[sort_col], y->field[sort_col]);

	/* the first row of an area comes first among its rows */
	return d ? d : (x > y) - (x < y);
}

static void index_build(struct row_index *ix, const struct result_table *t,
			enum result_column col)
{
	ix->n = t->n_rows;
	ix->col = col;
	ix->rows = xcalloc(t->n_rows ? t->n_rows : 1, sizeof *ix->rows);
	for (size_t i = 0; i < t->n_rows; i++)
		ix->rows[i] = &t->rows[i];
	sort_col = col;
	qsort(ix->rows, ix->n, sizeof *ix->rows, by_col);
}

/* The first row (in file order) whose field is key, or NULL. */
static const struct result_row *index_find(const struct row_index *ix, const char *key)
{
	size_t lo = 0, hi = ix->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(ix->rows[mid]->field[ix->col], key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < ix->n && strcmp(ix->rows[lo]->field[ix->col], key) == 0
		? ix->rows[lo] : NULL;
}

static bool has_answer(const struct result_row *r)
{
	return r->v.state == STATE_ANSWERED || r->v.state == STATE_HIDDEN_ANSWERED ||
	       r->v.state == STATE_NA || r->v.state == STATE_HIDDEN_NA;
}

/* What one question's row says differently in the old file (o) and as the
 * new definition writes it (n). dropped: its answer did not fit. */
static void describe_question(struct strbuf *sb, const struct result_row *o,
			      const struct result_row *n, bool dropped)
{
	const char *id = n->field[RC_QUESTION_ID];
	bool o_hidden = result_state_is_hidden(o->v.state);
	bool n_hidden = strncmp(n->field[RC_STATE], "hidden", 6) == 0;

	if (strcmp(o->field[RC_QUESTION_TEXT], n->field[RC_QUESTION_TEXT]) != 0)
		strbuf_printf(sb, "Question %s: new wording\n", id);
	if (strcmp(o->field[RC_AREA_ID], n->field[RC_AREA_ID]) != 0)
		strbuf_printf(sb, "Question %s: moved from area %s to area %s\n", id,
			      o->field[RC_AREA_ID], n->field[RC_AREA_ID]);
	if (*o->field[RC_TYPE] && strcmp(o->field[RC_TYPE], n->field[RC_TYPE]) != 0)
		strbuf_printf(sb, "Question %s: type %s -> %s\n", id, o->field[RC_TYPE],
			      n->field[RC_TYPE]);
	if (!same_field(o->field[RC_WEIGHT], n->field[RC_WEIGHT], true))
		strbuf_printf(sb, "Question %s: weight %s -> %s\n", id, o->field[RC_WEIGHT],
			      n->field[RC_WEIGHT]);
	if (!same_field(o->field[RC_MAX_VALUE], n->field[RC_MAX_VALUE], true)) {
		if (!*n->field[RC_MAX_VALUE])
			strbuf_printf(sb, "Question %s: no longer scored (was %s points)\n",
				      id, o->field[RC_MAX_VALUE]);
		else if (!*o->field[RC_MAX_VALUE])
			strbuf_printf(sb, "Question %s: now scored, %s points\n", id,
				      n->field[RC_MAX_VALUE]);
		else
			strbuf_printf(sb, "Question %s: max points %s -> %s\n", id,
				      o->field[RC_MAX_VALUE], n->field[RC_MAX_VALUE]);
	}
	if (strcmp(o->field[RC_LEVEL], n->field[RC_LEVEL]) != 0)
		strbuf_printf(sb, "Question %s: level %s -> %s\n", id,
			      or_none(o->field[RC_LEVEL]), or_none(n->field[RC_LEVEL]));
	if (dropped) {
		if (o->v.state == STATE_NA || o->v.state == STATE_HIDDEN_NA)
			strbuf_printf(sb, "Question %s: not applicable is no longer "
				      "allowed; dropped (the kept copy has it)\n", id);
		else {
			/* an option id from a file: nothing in it reaches a
			 * terminal as a control sequence */
			char *answer = text_visible(o->field[RC_ANSWER], false);

			strbuf_printf(sb, "Question %s: answer '%s' no longer fits; "
				      "dropped (the kept copy has it)\n", id, answer);
			free(answer);
		}
		return;
	}
	if (o_hidden != n_hidden)
		strbuf_printf(sb, "Question %s: now %s by skip logic\n", id,
			      n_hidden ? "hidden" : "shown");
	else if (!same_field(o->field[RC_VALUE], n->field[RC_VALUE], true))
		strbuf_printf(sb, "Question %s: points for the answer %s -> %s\n", id,
			      or_none(o->field[RC_VALUE]), or_none(n->field[RC_VALUE]));
	if (strcmp(o->field[RC_ANSWER], n->field[RC_ANSWER]) == 0 &&
	    strcmp(o->field[RC_ANSWER_LABEL], n->field[RC_ANSWER_LABEL]) != 0)
		strbuf_printf(sb, "Question %s: the chosen option has a new label\n", id);
}

/* What one area's rows say differently (o, n: the first row of the area
 * in each). */
static void describe_area(struct strbuf *sb, const struct result_row *o,
			  const struct result_row *n)
{
	const char *id = n->field[RC_AREA_ID];

	if (strcmp(o->field[RC_AREA_TITLE], n->field[RC_AREA_TITLE]) != 0)
		strbuf_printf(sb, "Area %s: new title\n", id);
	if (!same_field(o->field[RC_AREA_WEIGHT], n->field[RC_AREA_WEIGHT], true))
		strbuf_printf(sb, "Area %s: weight %s -> %s\n", id, o->field[RC_AREA_WEIGHT],
			      n->field[RC_AREA_WEIGHT]);
	if (strcmp(o->field[RC_AREA_TARGET], n->field[RC_AREA_TARGET]) != 0)
		strbuf_printf(sb, "Area %s: target level %s -> %s\n", id,
			      or_none(o->field[RC_AREA_TARGET]),
			      or_none(n->field[RC_AREA_TARGET]));
}

/* Everything that differs between the old file's rows (old) and the rows
 * the new definition writes for the carried-over answers (now): the
 * result file is what a change can be seen in. dropped[i]: old row i's
 * answer did not fit. */
static char *describe_changes(const struct result_table *old,
			      const struct result_table *now, const bool *dropped)
{
	struct strbuf sb = {0};
	const struct result_row *o0 = &old->rows[0], *n0 = &now->rows[0];
	struct row_index old_q, now_q, old_a, now_a;
	size_t last = 0;
	bool in_order = true;

	index_build(&old_q, old, RC_QUESTION_ID);
	index_build(&now_q, now, RC_QUESTION_ID);
	index_build(&old_a, old, RC_AREA_ID);
	index_build(&now_a, now, RC_AREA_ID);
	if (!same_field(o0->field[RC_THRESHOLD], n0->field[RC_THRESHOLD], true)) {
		if (!*n0->field[RC_THRESHOLD])
			strbuf_printf(&sb, "Scoring: levels -> percent only\n");
		else if (!*o0->field[RC_THRESHOLD])
			strbuf_printf(&sb, "Scoring: percent only -> levels (threshold %s)\n",
				      n0->field[RC_THRESHOLD]);
		else
			strbuf_printf(&sb, "Threshold %s -> %s\n", o0->field[RC_THRESHOLD],
				      n0->field[RC_THRESHOLD]);
	}
	/* areas, in the new order, then those that are gone */
	for (size_t i = 0; i < now->n_rows; i++) {
		const char *area = now->rows[i].field[RC_AREA_ID];
		const struct result_row *o;

		if (index_find(&now_a, area) != &now->rows[i])
			continue;
		if (!(o = index_find(&old_a, area)))
			strbuf_printf(&sb, "Area %s added\n", area);
		else
			describe_area(&sb, o, &now->rows[i]);
	}
	for (size_t i = 0; i < old->n_rows; i++) {
		const char *area = old->rows[i].field[RC_AREA_ID];
		if (index_find(&old_a, area) == &old->rows[i] && !index_find(&now_a, area))
			strbuf_printf(&sb, "Area %s removed\n", area);
	}
	/* questions, in the new order, then those that are gone */
	for (size_t i = 0; i < now->n_rows; i++) {
		const struct result_row *n = &now->rows[i];
		const struct result_row *o = index_find(&old_q, n->field[RC_QUESTION_ID]);
		size_t oi;

		if (!o) {
			strbuf_printf(&sb, "Question %s added\n", n->field[RC_QUESTION_ID]);
			continue;
		}
		oi = (size_t)(o - old->rows);
		if (oi < last)
			in_order = false;
		last = oi;
		describe_question(&sb, o, n, dropped[oi]);
	}
	for (size_t i = 0; i < old->n_rows; i++) {
		const struct result_row *o = &old->rows[i];

		if (index_find(&now_q, o->field[RC_QUESTION_ID]))
			continue;
		strbuf_printf(&sb, "Question %s removed%s\n", o->field[RC_QUESTION_ID],
			      has_answer(o) || *o->field[RC_COMMENT]
			      ? " (its answer stays in the kept copy)" : "");
	}
	if (!in_order)
		strbuf_printf(&sb, "The questions come in another order\n");
	if (sb.len == 0)
		strbuf_printf(&sb, "Nothing that the result file records has changed "
			      "(only guidance, descriptions or other texts)\n");
	free(old_q.rows);
	free(now_q.rows);
	free(old_a.rows);
	free(now_a.rows);
	return strbuf_detach(&sb);
}

/* Takes over the answers of a file written for another definition: those
 * whose question still exists and whose answer still fits (dropped[i] for
 * the rows whose answer does not; their comment still comes over). */
static struct answers *carry_over(const struct survey *s, const struct result_table *t,
				  bool *dropped)
{
	struct answers *as = answers_new(s, t->rows[0].field[RC_DEPARTMENT],
					 t->rows[0].field[RC_RESPONDENT]);

	for (size_t i = 0; i < t->n_rows; i++) {
		const struct result_row *r = &t->rows[i];
		size_t q = survey_question_index(s, r->field[RC_QUESTION_ID]);

		if (q == (size_t)-1)
			continue;
		if (!answers_take_row(as, r) || !answers_fit(as, q)) {
			dropped[i] = has_answer(r);
			answers_clear(as, q);
			answers_set_comment(as, q, r->field[RC_COMMENT]);
		}
	}
	as->final = t->rows[0].v.final;
	as->updated_at = t->rows[0].v.updated_at;
	return as;
}

/* The file is for another definition: carry over what fits and say what
 * changed, writing nothing (the old bytes, data, are kept for the first
 * save: taken over here). */
static void open_changed(struct session *ss, const struct result_table *t,
			 const char *old_sha, char *data, size_t len)
{
	bool *dropped = xcalloc(t->n_rows, sizeof *dropped);
	struct result_table now;

	ss->definition_changed = true;
	ss->kept_path = xasprintf("%s.%.12s.kept", ss->path, old_sha);
	ss->answers = carry_over(ss->survey, t, dropped);
	answers_to_table(ss->answers, &now);
	ss->changes = describe_changes(t, &now, dropped);
	result_table_release(&now);
	free(dropped);
	ss->old_data = data;
	ss->old_len = len;
	if (ss->answers->final) {
		ss->resume = RESUME_FINAL;
		ss->frozen = true;
	} else {
		ss->resume = RESUME_CHANGED;
	}
}

#define RESULT_MAX_BYTES (64u << 20)

/* A result of ours left by an older enkat may be readable by others: its
 * mode is set right (only the mode: its bytes and time stay). seen is the
 * file as it was read; a file that is another now is left alone. */
static void mode_tighten(struct session *ss, const char *name, const struct stat *seen)
{
	mode_t mode = ss->access.shared ? 0660 : 0600;
	struct stat st;
	int fd;

	if ((seen->st_mode & 07777) == mode || seen->st_uid != geteuid())
		return;
	fd = openat(ss->dir_fd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY |
		    O_CLOEXEC);
	if (fd < 0)
		return;
	if (fstat(fd, &st) == 0 && st.st_dev == seen->st_dev && st.st_ino == seen->st_ino &&
	    S_ISREG(st.st_mode) && st.st_nlink == 1)
		fchmod(fd, mode);
	close(fd);
}

static bool load_existing(struct session *ss, const char *department,
			  const char *respondent, struct diag *d)
{
	const struct survey *s = ss->survey;
	struct result_table *t;
	struct stat st;
	char *data, *error = NULL;
	size_t len;

	if (file_read_at(ss->dir_fd, base_name(ss->path), RESULT_MAX_BYTES, &data,
			 &len, &st, &error) != 0) {
		if (errno == ENOENT) {
			free(error);
			ss->answers = answers_new(s, department, respondent);
			ss->resume = RESUME_NEW;
			return true;
		}
		if (ss->foreign == SESSION_FOREIGN_RESULT && errno == EACCES)
			diag_add(d, ss->foreign_file, 0, "this result file belongs to "
				 "another user, %s, and cannot be read: it is left as "
				 "it is", ss->foreign_owner);
		else
			diag_add(d, ss->path, 0, "%s", error);
		free(error);
		return false;
	}
	if (!ss->foreign && !is_ours(ss, &st))
		/* it became another's between the first look and now */
		set_foreign(ss, SESSION_FOREIGN_RESULT, ss->path, &st);
	else if (!ss->foreign)
		mode_tighten(ss, base_name(ss->path), &st);
	t = result_load_buffer(ss->path, data, len, d);
	if (!t) {
		free(data);
		return false;
	}
	if (!text_same_name(t->rows[0].field[RC_DEPARTMENT], department)) {
		/* the file name is the slug, so this is a file put here by
		 * hand; "KULTUR", "Kultur" typed on a Mac (NFD) or "Miljo" for
		 * "Miljö" is the same department (text_slug, as enkat-merge
		 * has it), and its file keeps the spelling it has */
		diag_add(d, ss->path, t->rows[0].line, "this file holds the answers of "
			 "department '%s', not '%s'", t->rows[0].field[RC_DEPARTMENT],
			 department);
		result_table_release(t);
		free(t);
		free(data);
		return false;
	}
	ss->resumed_from = t->rows[0].v.updated_at;
	/* the same definition: its identity, or (a file written before the
	 * identity was defined over the parsed content) its bytes' checksum */
	if (strcmp(t->rows[0].field[RC_SURVEY_SHA256], s->sha256) == 0 ||
	    strcmp(t->rows[0].field[RC_SURVEY_SHA256], s->file_sha256) == 0) {
		ss->answers = answers_from_table(s, t, ss->path, d);
		ss->resume = t->rows[0].v.final ? RESUME_FINAL : RESUME_DRAFT;
		free(data);
	} else {
		open_changed(ss, t, t->rows[0].field[RC_SURVEY_SHA256], data, len);
	}
	if (ss->answers) {
		actions_from_table(&ss->actions, t);
		approval_from_table(&ss->approval, &ss->history, t);
		/* enkat never writes an approved result again: a seal that does
		 * not match is a change by other hands */
		ss->seal_broken = t->rows[0].v.final &&
				  approval_state_of(t) == APPROVAL_BROKEN;
		if (ss->definition_changed) {
			struct strbuf notes = {0};

			if (actions_fit_survey(&ss->actions, s, &notes)) {
				char *all = xasprintf("%s%s", ss->changes ? ss->changes : "",
						      notes.buf);
				free(ss->changes);
				ss->changes = all;
			}
			strbuf_free(&notes);
		}
	}
	if (ss->answers && respondent && *respondent) {
		free(ss->answers->respondent);
		ss->answers->respondent = text_to_utf8(respondent);
	}
	result_table_release(t);
	free(t);
	return ss->answers != NULL;
}

/* The result path before anything is opened: a regular file of one name,
 * or nothing. Another's file makes the session read-only (foreign); the
 * lock is then not taken. */
static bool result_check(struct session *ss, struct diag *d)
{
	struct stat st;
	const char *kind;

	if (fstatat(ss->dir_fd, base_name(ss->path), &st, AT_SYMLINK_NOFOLLOW) != 0) {
		if (errno == ENOENT)
			return true;
		diag_add(d, ss->path, 0, "cannot examine the result file: %s",
			 strerror(errno));
		return false;
	}
	if ((kind = file_refused_kind(&st))) {
		refuse_kind(d, ss->path, "result file", kind);
		return false;
	}
	if (!is_ours(ss, &st))
		set_foreign(ss, SESSION_FOREIGN_RESULT, ss->path, &st);
	return true;
}

enum session_open_status session_open_access(const struct survey *s,
					     const char *out_dir,
					     const char *department,
					     const char *respondent,
					     const struct session_access *access,
					     struct session **out, struct diag *d)
{
	struct session *ss;
	enum session_open_status status = SESSION_OK;
	char *name, *dep, *error = NULL;
	bool ok;

	*out = NULL;
	if (!department || !*department) {
		diag_add(d, "enkat", 0, "no department given");
		return SESSION_ERROR;
	}
	ss = xcalloc(1, sizeof *ss);
	ss->survey = s;
	ss->lock_fd = -1;
	ss->dir_path = xstrdup(out_dir);
	if (access)
		ss->access = *access;
	/* a single user's folder is made private; a site's exists (--setup) */
	ss->dir_fd = file_open_dir(out_dir, !ss->access.shared, 0700, &error);
	if (ss->dir_fd < 0) {
		char *shown = text_visible(out_dir, false);

		if (errno == ELOOP)
			diag_add(d, shown, 0, "the result folder is a symbolic link: refused "
				 "(give the folder it points to)");
		else
			diag_add(d, shown, 0, "cannot open the result folder: %s", error);
		free(shown);
		free(error);
		session_close(ss);
		return SESSION_ERROR;
	}
	/* the name as the file keeps it (UTF-8), so that "Miljö" typed on a
	 * Latin-1 terminal finds the same file every time */
	dep = text_to_utf8(department);
	name = result_filename(s->id, s->version, dep);
	ss->path = xasprintf("%s/%s", out_dir, name);
	ss->lock_path = xasprintf("%s/.%s.lock", out_dir, name);
	free(name);

	ok = result_check(ss, d);
	/* another's result is only shown: no lock is taken or made for it */
	if (ok && !ss->foreign)
		status = lock_take(ss, d);
	if (ok && ss->foreign)
		status = SESSION_LOCKED;
	ok = ok && status != SESSION_ERROR && load_existing(ss, dep, respondent, d);
	free(dep);
	if (!ok) {
		session_close(ss);
		return SESSION_ERROR;
	}
	if (ss->foreign && ss->lock_fd >= 0) {
		/* the file became another's after the lock was taken */
		lock_release(ss);
		status = SESSION_LOCKED;
	}
	/* nothing is written here: a result changes only when its answers
	 * or its status do */
	if (ss->resume == RESUME_FINAL || ss->foreign)
		ss->read_only = true;
	*out = ss;
	return status;
}

enum session_open_status session_open(const struct survey *s, const char *out_dir,
				      const char *department, const char *respondent,
				      struct session **out, struct diag *d)
{
	return session_open_access(s, out_dir, department, respondent, NULL, out, d);
}

/* A short reason for a failed save, for a "NOT SAVED: reason" line. */
static void save_failed(struct session *ss, const char *what, int err)
{
	free(ss->save_error);
	ss->save_error = what ? xasprintf("%s: %s", what, strerror(err))
			      : xstrdup(strerror(err));
}

/* The result folder, for a save: the one opened at the start, still at
 * the path the user named (moved away or replaced, a save there would go
 * where nobody looks: it fails instead, and works again once the folder
 * is back). -1 with save_error set. */
static int folder_check(struct session *ss)
{
	struct stat was, now;
	char *error = NULL;
	int fd;

	if (fstat(ss->dir_fd, &was) != 0) {
		save_failed(ss, NULL, errno);
		return -1;
	}
	fd = file_open_dir(ss->dir_path, false, 0, &error);
	if (fd < 0) {
		free(ss->save_error);
		ss->save_error = xasprintf("the result folder %s", errno == ELOOP
					   ? "is a symbolic link now" : error);
		free(error);
		return -1;
	}
	if (fstat(fd, &now) != 0 || now.st_dev != was.st_dev || now.st_ino != was.st_ino) {
		close(fd);
		free(ss->save_error);
		ss->save_error = xstrdup("the result folder has been moved or replaced");
		return -1;
	}
	close(fd);
	return 0;
}

/* A name in the result folder that a save may replace: nothing, or a
 * regular file of one name that is ours. */
static bool may_overwrite(struct session *ss, const char *name, const char *what)
{
	struct stat st;
	const char *kind;

	if (fstatat(ss->dir_fd, name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
		if (errno == ENOENT)
			return true;
		save_failed(ss, NULL, errno);
		return false;
	}
	free(ss->save_error);
	ss->save_error = NULL;
	if ((kind = file_refused_kind(&st)))
		ss->save_error = xasprintf("the %s is %s now: not replaced", what, kind);
	else if (!is_ours(ss, &st))
		ss->save_error = xasprintf("the %s is another user's now: not replaced", what);
	return ss->save_error == NULL;
}

/* Copies the old file (of another definition) aside before it is first
 * overwritten: to kept_path, or kept_path with -2, -3, ... before .kept
 * when another copy is there already (one with the same bytes is reused). */
static bool keep_old(struct session *ss)
{
	size_t base_len = strlen(ss->kept_path) - strlen(".kept");
	mode_t mode = ss->access.shared ? 0660 : 0600;
	char *error = NULL;

	for (int n = 1; n < 100; n++) {
		char *path = n == 1 ? xstrdup(ss->kept_path)
			: xasprintf("%.*s-%d.kept", (int)base_len, ss->kept_path, n);
		const char *name = base_name(path);
		char *data;
		size_t len;
		struct stat st;

		if (fstatat(ss->dir_fd, name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
			if (errno != ENOENT) {
				save_failed(ss, "cannot keep the old file", errno);
				free(path);
				return false;
			}
			if (file_write_atomic_at(ss->dir_fd, name, ss->old_data, ss->old_len,
						 mode, &error) != 0) {
				save_failed(ss, "cannot keep the old file", errno);
				free(error);
				free(path);
				return false;
			}
		} else {
			bool same = false;

			/* reused only when it is a copy of ours, whole */
			if (!file_refused_kind(&st) && is_ours(ss, &st) &&
			    file_read_at(ss->dir_fd, name, ss->old_len, &data, &len, &st,
					 &error) == 0) {
				same = is_ours(ss, &st) && len == ss->old_len &&
				       memcmp(data, ss->old_data, len) == 0;
				free(data);
			}
			free(error);
			error = NULL;
			if (!same) {
				free(path);
				continue;
			}
		}
		free(ss->kept_path);
		ss->kept_path = path;
		ss->kept = true;
		free(ss->old_data);
		ss->old_data = NULL;
		return true;
	}
	save_failed(ss, "cannot keep the old file", EEXIST);
	return false;
}

void session_to_table(const struct session *ss, struct result_table *t)
{
	answers_add_rows(ss->answers, t);
	actions_add_rows(&ss->actions, t);
	approval_add_rows(&ss->approval, &ss->history, t);
	result_table_finish(t);
}

/* The table a save writes, an approval not sealed yet sealed over it
 * (the seal's canonical form leaves the seal itself out). */
static void table_to_save(struct session *ss, struct result_table *t)
{
	session_to_table(ss, t);
	if (ss->answers->final && ss->approval.present && !ss->approval.seal[0]) {
		approval_seal(t, ss->approval.seal);
		result_table_release(t);
		session_to_table(ss, t);
	}
}

bool session_save(struct session *ss)
{
	struct result_table t;
	char *error = NULL, *csv;
	size_t len;
	int rc, err;

	if (ss->foreign) {
		free(ss->save_error);
		ss->save_error = xasprintf("read-only: the %s file is %s's",
					   ss->foreign == SESSION_FOREIGN_LOCK ? "lock" : "result",
					   ss->foreign_owner);
		return false;
	}
	if (ss->lock_fd < 0) {
		free(ss->save_error);
		ss->save_error = xstrdup("read-only: another session holds this assessment");
		return false;
	}
	if (ss->frozen) {
		free(ss->save_error);
		ss->save_error = xstrdup("the survey has changed: reopen the result first");
		return false;
	}
	if (folder_check(ss) != 0)
		return false;
	if (ss->old_data && !keep_old(ss))
		return false;
	if (!may_overwrite(ss, base_name(ss->path), "result file"))
		return false;
	ss->answers->updated_at = time(NULL);
	table_to_save(ss, &t);
	csv = result_format(&t, &len);
	result_table_release(&t);
	rc = file_write_atomic_at(ss->dir_fd, base_name(ss->path), csv, len,
				  ss->access.shared ? 0660 : 0600, &error);
	err = errno;
	free(csv);
	free(error);
	if (rc != 0) {
		save_failed(ss, NULL, err);
		return false;
	}
	free(ss->save_error);
	ss->save_error = NULL;
	return true;
}

bool session_set_final(struct session *ss, bool final)
{
	bool was = ss->answers->final, was_frozen = ss->frozen;

	ss->answers->final = final;
	if (!final)
		ss->frozen = false; /* the user's choice: now it may be written */
	if (!session_save(ss)) {
		ss->answers->final = was;
		ss->frozen = was_frozen;
		return false;
	}
	ss->read_only = final;
	return true;
}

/* A file named name in folder dfd may be replaced only when it is a
 * regular file of ours holding this department's result of this survey. */
static bool may_replace(struct session *ss, int dfd, const char *name, char **error)
{
	struct stat st;
	struct diag d = {0};
	struct result_table *t = NULL;
	char *data = NULL, *why = NULL;
	size_t len;
	bool ours;

	if (file_read_at(dfd, name, RESULT_MAX_BYTES, &data, &len, &st, &why) != 0) {
		if (errno == ENOENT) {
			free(why);
			return true;
		}
		free(why);
		*error = xstrdup("another file of that name is in the way");
		return false;
	}
	if (st.st_uid == geteuid())
		t = result_load_buffer(name, data, len, &d);
	ours = t && text_same_name(t->rows[0].field[RC_DEPARTMENT], ss->answers->department) &&
	       strcmp(t->rows[0].field[RC_SURVEY_ID], ss->survey->id) == 0;
	if (t) {
		result_table_release(t);
		free(t);
	}
	diag_free(&d);
	free(data);
	if (!ours)
		*error = xstrdup("another file of that name is in the way");
	return ours;
}

bool session_save_to(struct session *ss, const char *dir, char **path_out,
		     char **error)
{
	const char *slash = strrchr(ss->path, '/');
	const char *name = slash ? slash + 1 : ss->path;
	struct result_table t;
	char *csv;
	size_t len;
	int dfd, rc;

	*path_out = NULL;
	*error = NULL;
	if ((dfd = file_open_dir(dir, true, 0700, error)) < 0) {
		if (errno == ELOOP || errno == ENOTDIR) {
			free(*error);
			*error = xstrdup("not a folder (or a symbolic link)");
		}
		return false;
	}
	if (!may_replace(ss, dfd, name, error)) {
		close(dfd);
		return false;
	}
	ss->answers->updated_at = time(NULL);
	table_to_save(ss, &t);
	csv = result_format(&t, &len);
	result_table_release(&t);
	rc = file_write_atomic_at(dfd, name, csv, len, 0600, error);
	free(csv);
	close(dfd);
	if (rc != 0)
		return false;
	*path_out = xasprintf("%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", name);
	return true;
}

void session_close(struct session *ss)
{
	if (!ss)
		return;
	lock_release(ss);
	if (ss->dir_fd >= 0)
		close(ss->dir_fd);
	answers_free(ss->answers);
	actions_release(&ss->actions);
	approval_release(&ss->approval);
	history_release(&ss->history);
	free(ss->dir_path);
	free(ss->foreign_file);
	free(ss->path);
	free(ss->lock_path);
	free(ss->kept_path);
	free(ss->changes);
	free(ss->save_error);
	free(ss->old_data);
	free(ss);
}
