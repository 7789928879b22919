#include "session.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileio.h"
#include "result.h"
#include "text.h"
#include "util.h"

static void holder_self(struct session_holder *h)
{
	const char *user = getenv("USER");
	struct passwd *pw;

	memset(h, 0, sizeof *h);
	if (!user || !*user) {
		pw = getpwuid(getuid());
		user = pw ? pw->pw_name : "?";
	}
	snprintf(h->user, sizeof h->user, "%s", user);
	if (gethostname(h->host, sizeof h->host) != 0)
		snprintf(h->host, sizeof h->host, "?");
	h->host[sizeof h->host - 1] = '\0';
	h->pid = (long)getpid();
	h->since = time(NULL);
}

static void holder_read(int fd, struct session_holder *h)
{
	char buf[512];
	ssize_t n;
	long long since = 0;

	memset(h, 0, sizeof *h);
	n = pread(fd, buf, sizeof buf - 1, 0);
	buf[n > 0 ? n : 0] = '\0';
	/* "user host pid since", written by holder_write */
	if (sscanf(buf, "%63s %127s %ld %lld", h->user, h->host, &h->pid, &since) < 3)
		snprintf(h->user, sizeof h->user, "?");
	h->since = (time_t)since;
}

static void holder_write(int fd, const struct session_holder *h)
{
	char buf[512];
	int n = snprintf(buf, sizeof buf, "%s %s %ld %lld\n", h->user, h->host,
			 h->pid, (long long)h->since);

	if (ftruncate(fd, 0) == 0 && pwrite(fd, buf, (size_t)n, 0) == n)
		fsync(fd);
}

/* An flock()ed lock file: the kernel drops the lock when its holder dies,
 * however it dies, so a lock left by a crash is simply free to take. The
 * file's text only says who holds it, for the message to the next person. */
static enum session_open_status lock_take(struct session *ss, struct diag *d)
{
	struct session_holder previous;
	/* like the result file: the umask, and never world-writable */
	int fd = open(ss->lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0664);

	if (fd < 0) {
		diag_add(d, ss->lock_path, 0, "cannot create the lock file: %s",
			 strerror(errno));
		return SESSION_ERROR;
	}
	holder_read(fd, &previous);
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		if (errno != EWOULDBLOCK) {
			diag_add(d, ss->lock_path, 0, "cannot lock: %s", strerror(errno));
			close(fd);
			return SESSION_ERROR;
		}
		ss->holder = previous;
		ss->read_only = true;
		close(fd);
		return SESSION_LOCKED;
	}
	/* the text is re-read under the lock: the first read may have raced */
	holder_read(fd, &previous);
	if (previous.pid > 0) {
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

/* Describes how the old definition's rows differ from survey s. */
static char *describe_changes(const struct survey *s, const struct result_table *t)
{
	struct strbuf sb = {0};

	for (size_t i = 0; i < t->n_rows; i++)
		if (survey_question_index(s, t->rows[i].field[RC_QUESTION_ID]) == (size_t)-1)
			strbuf_printf(&sb, "- %s\n", t->rows[i].field[RC_QUESTION_ID]);
	for (size_t q = 0; q < s->n_questions; q++) {
		bool found = false;
		for (size_t i = 0; i < t->n_rows && !found; i++)
			found = strcmp(t->rows[i].field[RC_QUESTION_ID], s->questions[q].id) == 0;
		if (!found)
			strbuf_printf(&sb, "+ %s\n", s->questions[q].id);
	}
	for (size_t i = 0; i < t->n_rows; i++) {
		size_t q = survey_question_index(s, t->rows[i].field[RC_QUESTION_ID]);
		if (q != (size_t)-1 &&
		    strcmp(t->rows[i].field[RC_QUESTION_TEXT],
			   survey_text_get(&s->questions[q].text, 0)) != 0)
			strbuf_printf(&sb, "~ %s\n", s->questions[q].id);
	}
	return strbuf_detach(&sb);
}

/* Takes over the answers of a file written for another definition: those
 * whose question still exists and whose answer still fits. */
static struct answers *carry_over(const struct survey *s, const struct result_table *t)
{
	struct answers *as = answers_new(s, t->rows[0].field[RC_DEPARTMENT],
					 t->rows[0].field[RC_RESPONDENT]);

	for (size_t i = 0; i < t->n_rows; i++)
		answers_take_row(as, &t->rows[i]); /* what does not fit stays out */
	return as;
}

static bool load_existing(struct session *ss, const char *department,
			  const char *respondent, struct diag *d)
{
	const struct survey *s = ss->survey;
	struct result_table *t;
	struct stat st;

	if (stat(ss->path, &st) != 0) {
		ss->answers = answers_new(s, department, respondent);
		ss->resume = RESUME_NEW;
		return true;
	}
	t = result_load(ss->path, d);
	if (!t)
		return false;
	if (strcmp(t->rows[0].field[RC_DEPARTMENT], department) != 0) {
		/* two names that fold to one file name ("Miljö"/"Miljo") */
		diag_add(d, ss->path, t->rows[0].line, "this file holds the answers of "
			 "department '%s', not '%s'", t->rows[0].field[RC_DEPARTMENT],
			 department);
		result_table_release(t);
		free(t);
		return false;
	}
	ss->resumed_from = t->rows[0].v.updated_at;
	if (strcmp(t->rows[0].field[RC_SURVEY_SHA256], s->sha256) == 0) {
		ss->answers = answers_from_table(s, t, ss->path, d);
		ss->resume = t->rows[0].v.final ? RESUME_FINAL : RESUME_DRAFT;
	} else {
		char *error = NULL;
		char *data;
		size_t len;

		ss->kept_path = xasprintf("%s.%.12s.csv", ss->path,
					  t->rows[0].field[RC_SURVEY_SHA256]);
		if (file_read_all(ss->path, 64u << 20, &data, &len, &error) != 0 ||
		    file_write_atomic(ss->kept_path, data, len, &error) != 0) {
			diag_add(d, ss->path, 0, "cannot keep a copy of the old result "
				 "before the changed survey is used: %s", error);
			free(error);
			result_table_release(t);
			free(t);
			return false;
		}
		free(data);
		ss->changes = describe_changes(s, t);
		ss->answers = carry_over(s, t);
		ss->answers->final = false;
		ss->resume = RESUME_CHANGED;
	}
	if (ss->answers && respondent && *respondent) {
		free(ss->answers->respondent);
		ss->answers->respondent = text_to_utf8(respondent);
	}
	result_table_release(t);
	free(t);
	return ss->answers != NULL;
}

enum session_open_status session_open(const struct survey *s, const char *out_dir,
				      const char *department, const char *respondent,
				      struct session **out, struct diag *d)
{
	struct session *ss = xcalloc(1, sizeof *ss);
	enum session_open_status status;
	char *name, *dep;
	bool ok;

	*out = NULL;
	if (!department || !*department) {
		diag_add(d, "enkat", 0, "no department given");
		free(ss);
		return SESSION_ERROR;
	}
	if (mkdir(out_dir, 0775) != 0 && errno != EEXIST) {
		diag_add(d, out_dir, 0, "cannot create the folder: %s", strerror(errno));
		free(ss);
		return SESSION_ERROR;
	}
	ss->survey = s;
	ss->lock_fd = -1;
	/* the name as the file keeps it (UTF-8), so that "Miljö" typed on a
	 * Latin-1 terminal finds the same file every time */
	dep = text_to_utf8(department);
	name = result_filename(s->id, s->version, dep);
	ss->path = xasprintf("%s/%s", out_dir, name);
	ss->lock_path = xasprintf("%s/.%s.lock", out_dir, name);
	free(name);

	status = lock_take(ss, d);
	ok = status != SESSION_ERROR && load_existing(ss, dep, respondent, d);
	free(dep);
	if (!ok) {
		session_close(ss);
		return SESSION_ERROR;
	}
	if (ss->resume == RESUME_FINAL)
		ss->read_only = true;
	if (ss->resume == RESUME_CHANGED && status == SESSION_OK && !session_save(ss)) {
		diag_add(d, ss->path, 0, "%s", ss->save_error);
		session_close(ss);
		return SESSION_ERROR;
	}
	*out = ss;
	return status;
}

bool session_save(struct session *ss)
{
	struct result_table t;
	char *error = NULL;
	int rc;

	if (ss->lock_fd < 0) {
		free(ss->save_error);
		ss->save_error = xstrdup("read-only: another session holds this assessment");
		return false;
	}
	ss->answers->updated_at = time(NULL);
	answers_to_table(ss->answers, &t);
	rc = result_write(ss->path, &t, &error);
	result_table_release(&t);
	free(ss->save_error);
	ss->save_error = rc == 0 ? NULL : error;
	return rc == 0;
}

bool session_set_final(struct session *ss, bool final)
{
	bool was = ss->answers->final;

	ss->answers->final = final;
	if (!session_save(ss)) {
		ss->answers->final = was;
		return false;
	}
	ss->read_only = final;
	return true;
}

void session_progress(const struct session *ss, size_t *done, size_t *total)
{
	const struct answers *as = ss->answers;
	size_t n = ss->survey->n_questions;
	bool *visible = xcalloc(n ? n : 1, sizeof *visible);

	*done = *total = 0;
	answers_visibility(as, visible);
	for (size_t q = 0; q < n; q++) {
		if (!visible[q])
			continue;
		(*total)++;
		if (as->a[q].state != ANSWER_NONE)
			(*done)++;
	}
	free(visible);
}

void session_close(struct session *ss)
{
	if (!ss)
		return;
	lock_release(ss);
	answers_free(ss->answers);
	free(ss->path);
	free(ss->lock_path);
	free(ss->kept_path);
	free(ss->changes);
	free(ss->save_error);
	free(ss);
}
