/* The session's file lifecycle, in temporary folders: a result is written
 * only when its answers or its status change (never by opening it), a
 * changed survey definition keeps the old file aside at the first write
 * and says what changed, a failed save gives a short reason and leaves the
 * old file whole, and session_save_to writes a complete result elsewhere. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/stat.h>
#include <unistd.h>

#include "answers.h"
#include "fileio.h"
#include "result.h"
#include "session.h"
#include "survey.h"
#include "util.h"

/* The survey, in pieces that the tests change one at a time. */
static const char survey_head[] =
	"; a test survey\n"
	"[survey]\nid = prov\nversion = 2026\nlanguages = sv\ntitle.sv = Prov\n"
	"threshold = 0.75\n"
	"[level.1]\ntitle.sv = Grund\n[level.2]\ntitle.sv = Mer\n";
static const char survey_area[] =
	"[area.styr]\ntitle.sv = Styrning\ntarget = 1\n"
	"[area.drift]\ntitle.sv = Drift\n";
static const char survey_questions[] =
	"[question.policy]\narea = styr\ntype = yesno\nlevel = 1\n"
	"text.sv = Finns en policy?\nguidance.sv = Se beslutet.\n"
	"[question.plan]\narea = styr\ntype = yesno\nlevel = 2\nna = yes\n"
	"show_if = policy = yes\ntext.sv = Finns planer?\n"
	"[question.antal]\narea = drift\ntype = number\nmin = 0\nmax = 10\n"
	"decimals = 1\npoints = 2\nlevel = 1\ntext.sv = Hur många?\n"
	"[question.val]\narea = drift\ntype = choice\noptions = a b\nlevel = 2\n"
	"a.label.sv = A\na.points = 2\nb.label.sv = B\nb.points = 1\n"
	"text.sv = Vilket?\n"
	"[question.gammal]\narea = drift\ntype = text\nrequired = no\n"
	"text.sv = Övrigt?\n";

struct fixture {
	char dir[64];
	char *survey_path;
	char *out;
	struct survey *s;
};

static char *replace(const char *text, const char *from, const char *to)
{
	const char *at = strstr(text, from);

	assert_non_null(at);
	return xasprintf("%.*s%s%s", (int)(at - text), text, to, at + strlen(from));
}

/* Writes the survey (with one replacement, or none) and loads it. */
static void write_survey(struct fixture *f, const char *from, const char *to)
{
	char *all = xasprintf("%s%s%s", survey_head, survey_area, survey_questions);
	char *text = from ? replace(all, from, to) : xstrdup(all);
	char *error = NULL;
	struct diag d = {0};

	assert_int_equal(file_write_atomic(f->survey_path, text, strlen(text), &error), 0);
	survey_free(f->s);
	f->s = survey_load(f->survey_path, &d);
	if (!f->s)
		diag_print(&d, stderr);
	assert_non_null(f->s);
	diag_free(&d);
	free(text);
	free(all);
}

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);

	snprintf(f->dir, sizeof f->dir, "/tmp/enkat-session-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	f->survey_path = xasprintf("%s/prov.ini", f->dir);
	f->out = xasprintf("%s/out", f->dir);
	write_survey(f, NULL, NULL);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char *cmd = xasprintf("chmod -R u+rwx '%s' && rm -rf '%s'", f->dir, f->dir);

	assert_int_equal(system(cmd), 0);
	free(cmd);
	survey_free(f->s);
	free(f->survey_path);
	free(f->out);
	free(f);
	return 0;
}

static struct session *open_ok(struct fixture *f, enum session_open_status want)
{
	struct session *ss = NULL;
	struct diag d = {0};
	enum session_open_status st = session_open(f->s, f->out, "Kultur", "Åsa", &ss, &d);

	if (st == SESSION_ERROR)
		diag_print(&d, stderr);
	assert_int_equal(st, want);
	assert_non_null(ss);
	diag_free(&d);
	return ss;
}

static size_t qi(const struct survey *s, const char *id)
{
	size_t i = survey_question_index(s, id);
	assert_true(i != (size_t)-1);
	return i;
}

/* A draft (or final) answered to the current survey, saved and closed. */
static void make_result(struct fixture *f, bool final)
{
	struct session *ss = open_ok(f, SESSION_OK);
	struct answers *as = ss->answers;

	answers_set_option(as, qi(f->s, "policy"), 0);  /* yes: plan shown */
	answers_set_na(as, qi(f->s, "plan"));
	answers_set_number(as, qi(f->s, "antal"), 7.5);
	answers_set_option(as, qi(f->s, "val"), 0);
	answers_set_text(as, qi(f->s, "gammal"), "något");
	answers_set_comment(as, qi(f->s, "antal"), "ungefär");
	assert_true(session_save(ss));
	if (final)
		assert_true(session_set_final(ss, true));
	session_close(ss);
}

/* The result file as it is on disk: bytes, inode and times. */
struct snapshot {
	char *data;
	size_t len;
	struct stat st;
};

static void snap(const char *path, struct snapshot *sn)
{
	char *error = NULL;

	assert_int_equal(stat(path, &sn->st), 0);
	assert_int_equal(file_read_all(path, 1u << 20, &sn->data, &sn->len, &error), 0);
}

static void assert_untouched(const char *path, struct snapshot *before)
{
	struct snapshot now;

	snap(path, &now);
	assert_int_equal(now.len, before->len);
	assert_memory_equal(now.data, before->data, now.len);
	assert_int_equal(now.st.st_ino, before->st.st_ino);
	assert_int_equal(now.st.st_mtim.tv_sec, before->st.st_mtim.tv_sec);
	assert_int_equal(now.st.st_mtim.tv_nsec, before->st.st_mtim.tv_nsec);
	free(now.data);
	free(before->data);
}

/* How many files in dir have names that contain part. */
static size_t count_containing(const char *dir, const char *part)
{
	DIR *dp = opendir(dir);
	struct dirent *e;
	size_t n = 0;

	assert_non_null(dp);
	while ((e = readdir(dp)) != NULL)
		n += strstr(e->d_name, part) != NULL;
	closedir(dp);
	return n;
}

/* How many files in dir end in suffix. */
static size_t count_suffix(const char *dir, const char *suffix)
{
	DIR *dp = opendir(dir);
	struct dirent *e;
	size_t n = 0;

	assert_non_null(dp);
	while ((e = readdir(dp)) != NULL) {
		size_t len = strlen(e->d_name);
		n += len > strlen(suffix) && strcmp(e->d_name + len - strlen(suffix), suffix) == 0;
	}
	closedir(dp);
	return n;
}

static char *result_path(const struct fixture *f)
{
	return xasprintf("%s/prov-2026-kultur.csv", f->out);
}

static struct result_table *load_result(const char *path)
{
	struct diag d = {0};
	struct result_table *t = result_load(path, &d);

	if (!t)
		diag_print(&d, stderr);
	assert_non_null(t);
	diag_free(&d);
	return t;
}

static void free_table(struct result_table *t)
{
	result_table_release(t);
	free(t);
}

/* ------------------------------------------------------------------ */

static void test_open_twice_writes_nothing(void **state)
{
	struct fixture *f = *state;
	char *path = result_path(f);
	struct snapshot before;
	struct session *ss;

	make_result(f, false);
	snap(path, &before);
	sleep(1); /* a rewrite would show in the times too */
	for (int i = 0; i < 2; i++) {
		ss = open_ok(f, SESSION_OK);
		assert_int_equal(ss->resume, RESUME_DRAFT);
		assert_false(ss->definition_changed);
		assert_null(ss->changes);
		session_close(ss);
	}
	assert_untouched(path, &before);
	assert_int_equal(count_suffix(f->out, ".kept"), 0);
	free(path);
}

static void test_final_stays_final_after_a_comment_edit(void **state)
{
	struct fixture *f = *state;
	char *path = result_path(f);
	char sha[65];
	struct snapshot before;
	struct session *ss;

	make_result(f, true);
	snap(path, &before);
	memcpy(sha, f->s->sha256, sizeof sha);
	write_survey(f, "; a test survey\n", "; a test survey\n; edited: a comment\n\n");
	ss = open_ok(f, SESSION_OK);
	assert_int_equal(ss->resume, RESUME_FINAL);
	assert_true(ss->read_only);
	assert_true(ss->answers->final);
	/* with the survey's identity over its parsed content (survey.h), a
	 * comment is no change at all; with the file's hash it is one, and
	 * the final result must still stay as it is */
	assert_int_equal(ss->definition_changed, strcmp(sha, f->s->sha256) != 0);
	session_close(ss);
	assert_untouched(path, &before);
	assert_int_equal(count_suffix(f->out, ".kept"), 0);
	free(path);
	if (strcmp(sha, f->s->sha256) != 0)
		skip(); /* the survey's identity is still the file's hash */
}

static void test_final_under_a_changed_survey_opens_read_only(void **state)
{
	struct fixture *f = *state;
	char *path = result_path(f), *kept, old_sha[65];
	struct snapshot before;
	struct result_table *t;
	struct session *ss;

	make_result(f, true);
	snap(path, &before);
	t = load_result(path);
	memcpy(old_sha, t->rows[0].field[RC_SURVEY_SHA256], sizeof old_sha);
	free_table(t);
	write_survey(f, "text.sv = Hur många?\n", "text.sv = Hur många?\nweight = 2\n");
	ss = open_ok(f, SESSION_OK);
	assert_int_equal(ss->resume, RESUME_FINAL);
	assert_true(ss->definition_changed);
	assert_true(ss->read_only);
	assert_true(ss->answers->final);
	assert_false(ss->kept);
	assert_string_equal(ss->changes, "Question antal: weight 1 -> 2\n");
	/* the answers are there to be shown, the file is not touched ... */
	assert_int_equal(ss->answers->a[qi(f->s, "antal")].state, ANSWER_GIVEN);
	assert_false(session_save(ss));
	assert_string_equal(ss->save_error, "the survey has changed: reopen the result first");
	assert_false(session_set_final(ss, true));
	assert_untouched(path, &before);
	assert_int_equal(count_suffix(f->out, ".kept"), 0);
	snap(path, &before);
	/* ... until the user reopens it: the old file kept, a draft written */
	assert_true(session_set_final(ss, false));
	assert_false(ss->read_only);
	assert_true(ss->kept);
	kept = xasprintf("%s.%.12s.kept", path, old_sha);
	assert_string_equal(ss->kept_path, kept);
	session_close(ss);
	{
		struct snapshot copy;
		snap(kept, &copy);
		assert_int_equal(copy.len, before.len);
		assert_memory_equal(copy.data, before.data, copy.len);
		assert_int_equal(copy.st.st_mode & 0002, 0);
		free(copy.data);
	}
	t = load_result(path);
	assert_false(t->rows[0].v.final);
	assert_string_equal(t->rows[0].field[RC_SURVEY_SHA256], f->s->sha256);
	assert_string_equal(t->rows[qi(f->s, "antal")].field[RC_WEIGHT], "2");
	assert_string_equal(t->rows[qi(f->s, "antal")].field[RC_ANSWER], "7.5");
	free_table(t);
	free(before.data);
	free(kept);
	free(path);
}

static void test_draft_under_a_changed_survey_is_written_at_the_first_save(void **state)
{
	struct fixture *f = *state;
	char *path = result_path(f);
	struct snapshot before, kept;
	struct session *ss;
	struct result_table *t;

	make_result(f, false);
	snap(path, &before);
	/* antal allows 0 decimals now: 7.5 no longer fits */
	write_survey(f, "decimals = 1\n", "decimals = 0\n");
	ss = open_ok(f, SESSION_OK);
	assert_int_equal(ss->resume, RESUME_CHANGED);
	assert_true(ss->definition_changed);
	assert_false(ss->read_only);
	assert_false(ss->kept);
	assert_string_equal(ss->changes, "Question antal: answer '7.5' no longer fits; "
			    "dropped (the kept copy has it)\n");
	assert_int_equal(ss->answers->a[qi(f->s, "antal")].state, ANSWER_NONE);
	assert_string_equal(ss->answers->a[qi(f->s, "antal")].comment, "ungefär");
	assert_int_equal(ss->answers->a[qi(f->s, "val")].state, ANSWER_GIVEN);
	assert_int_equal(ss->answers->a[qi(f->s, "plan")].state, ANSWER_NA);
	/* opened, nothing written */
	assert_untouched(path, &before);
	assert_int_equal(count_suffix(f->out, ".kept"), 0);
	snap(path, &before);
	/* the first save keeps the old file, then writes the new one */
	answers_set_number(ss->answers, qi(f->s, "antal"), 8);
	assert_true(session_save(ss));
	assert_true(ss->kept);
	assert_int_equal(count_suffix(f->out, ".kept"), 1);
	assert_int_equal(count_suffix(f->out, ".csv"), 1); /* merge reads only this */
	snap(ss->kept_path, &kept);
	assert_int_equal(kept.len, before.len);
	assert_memory_equal(kept.data, before.data, kept.len);
	free(kept.data);
	/* later saves keep nothing more */
	assert_true(session_save(ss));
	assert_int_equal(count_suffix(f->out, ".kept"), 1);
	session_close(ss);
	t = load_result(path);
	assert_string_equal(t->rows[0].field[RC_SURVEY_SHA256], f->s->sha256);
	assert_string_equal(t->rows[qi(f->s, "antal")].field[RC_ANSWER], "8");
	free_table(t);
	/* the next session is an ordinary draft */
	ss = open_ok(f, SESSION_OK);
	assert_int_equal(ss->resume, RESUME_DRAFT);
	assert_false(ss->definition_changed);
	session_close(ss);
	free(before.data);
	free(path);
}

/* Each change the result file can show, listed by id. */
static void test_changes_are_listed(void **state)
{
	struct fixture *f = *state;
	struct session *ss;
	char *all, *v1, *v2, *v3, *v4, *v5, *v6, *v7, *error = NULL;
	struct diag d = {0};

	make_result(f, false);
	all = xasprintf("%s%s%s", survey_head, survey_area, survey_questions);
	v1 = replace(all, "threshold = 0.75\n", "threshold = 0.8\n");
	v2 = replace(v1, "[area.drift]\ntitle.sv = Drift\n",
		     "[area.drift]\ntitle.sv = Driften\nweight = 3\ntarget = 2\n");
	v3 = replace(v2, "text.sv = Finns planer?\n", "text.sv = Finns det planer?\n");
	v4 = replace(v3, "a.points = 2\nb.label.sv = B\nb.points = 1\n",
		     "a.points = 1\nb.label.sv = B\nb.points = 2\n"); /* val earns less */
	v5 = replace(v4, "[question.gammal]\narea = drift\ntype = text\nrequired = no\n",
		     "[question.ny]\narea = styr\ntype = yesno\nlevel = 2\n"); /* gone, added */
	v6 = replace(v5, "max = 10\ndecimals = 1\npoints = 2\n",
		     "max = 5\ndecimals = 1\npoints = 4\n");
	v7 = replace(v6, "type = yesno\nlevel = 1\n", "type = yesno\nlevel = 2\n");
	assert_int_equal(file_write_atomic(f->survey_path, v7, strlen(v7), &error), 0);
	survey_free(f->s);
	f->s = survey_load(f->survey_path, &d);
	if (!f->s)
		diag_print(&d, stderr);
	assert_non_null(f->s);
	ss = open_ok(f, SESSION_OK);
	assert_string_equal(ss->changes,
		"Threshold 0.75 -> 0.8\n"
		"Area drift: new title\n"
		"Area drift: weight 1 -> 3\n"
		"Area drift: target level none -> 2\n"
		"Question policy: level 1 -> 2\n"
		"Question plan: new wording\n"
		"Question ny added\n"
		"Question antal: max points 2 -> 4\n"
		"Question antal: answer '7.5' no longer fits; dropped (the kept copy has it)\n"
		"Question val: points for the answer 2 -> 1\n"
		"Question gammal removed (its answer stays in the kept copy)\n");
	session_close(ss);
	/* a changed guidance text is no change to the result file */
	write_survey(f, "guidance.sv = Se beslutet.\n", "guidance.sv = Se protokollet.\n");
	make_result(f, false);
	write_survey(f, "guidance.sv = Se beslutet.\n", "guidance.sv = Se beslutet 2026.\n");
	ss = open_ok(f, SESSION_OK);
	assert_true(ss->definition_changed);
	assert_string_equal(ss->changes, "Nothing that the result file records has "
			    "changed (only guidance, descriptions or other texts)\n");
	session_close(ss);
	/* N/A no longer allowed, and a question hidden by a new condition */
	write_survey(f, "level = 2\nna = yes\nshow_if = policy = yes\n",
		     "level = 2\nshow_if = policy = no\n");
	ss = open_ok(f, SESSION_OK);
	assert_string_equal(ss->changes,
		"Question plan: not applicable is no longer allowed; dropped (the kept "
		"copy has it)\n");
	session_close(ss);
	diag_free(&d);
	free(all);
	free(v1);
	free(v2);
	free(v3);
	free(v4);
	free(v5);
	free(v6);
	free(v7);
}

/* An answer from a hand-edited file reaches the list of changes without
 * its control characters. */
static void test_changes_hold_no_control_characters(void **state)
{
	struct fixture *f = *state;
	char *path = result_path(f), *data, *edited, *error = NULL;
	struct session *ss;
	size_t len;

	make_result(f, false);
	assert_int_equal(file_read_all(path, 1u << 20, &data, &len, &error), 0);
	edited = replace(data, ",val,Vilket?,2,a,", ",val,Vilket?,2,\x1b[2Jx,");
	assert_int_equal(file_write_atomic(path, edited, strlen(edited), &error), 0);
	write_survey(f, "target = 1\n", "target = 2\n");
	ss = open_ok(f, SESSION_OK);
	assert_null(strchr(ss->changes, '\x1b'));
	assert_non_null(strstr(ss->changes, "Question val: answer '"));
	assert_non_null(strstr(ss->changes, "[2Jx' no longer fits"));
	session_close(ss);
	free(edited);
	free(data);
	free(path);
}

/* A failed save: a short reason, without the path; the old file whole. */
static void test_failed_save_gives_a_short_reason(void **state)
{
	struct fixture *f = *state;
	char *path = result_path(f);
	struct snapshot before;
	struct session *ss;
	struct rlimit old, small;

	make_result(f, false);
	snap(path, &before);
	ss = open_ok(f, SESSION_OK);
	answers_set_text(ss->answers, qi(f->s, "gammal"), "en längre text än förut");
	/* a file-size limit stops root too, as a full disk would */
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
	small = old;
	small.rlim_cur = 100;
	signal(SIGXFSZ, SIG_IGN);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
	assert_false(session_save(ss));
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
	assert_string_equal(ss->save_error, strerror(EFBIG));
	assert_null(strchr(ss->save_error, '/'));
	assert_untouched(path, &before);
	assert_int_equal(count_containing(f->out, ".tmp"), 0); /* none left */
	assert_true(session_save(ss));
	assert_null(ss->save_error);
	session_close(ss);
	free(path);
}

static void test_failed_save_in_a_read_only_folder(void **state)
{
	struct fixture *f = *state;
	char *path = result_path(f);
	struct snapshot before;
	struct session *ss;

	make_result(f, false);
	snap(path, &before);
	ss = open_ok(f, SESSION_OK);
	answers_set_option(ss->answers, qi(f->s, "val"), 1);
	assert_int_equal(chmod(f->out, 0500), 0);
	if (geteuid() == 0) {
		/* root writes anyway: the limit test above stands in for it */
		assert_int_equal(chmod(f->out, 0700), 0);
		session_close(ss);
		free(before.data);
		free(path);
		skip();
	}
	assert_false(session_save(ss));
	assert_string_equal(ss->save_error, strerror(EACCES));
	assert_int_equal(chmod(f->out, 0700), 0);
	assert_untouched(path, &before);
	session_close(ss);
	free(path);
}

/* Keeping the old file fails: the save fails, nothing is overwritten. */
static void test_failed_keep_overwrites_nothing(void **state)
{
	struct fixture *f = *state;
	char *path = result_path(f);
	struct snapshot before;
	struct session *ss;
	struct rlimit old, small;

	make_result(f, false);
	snap(path, &before);
	write_survey(f, "target = 1\n", "target = 2\n");
	ss = open_ok(f, SESSION_OK);
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
	small = old;
	small.rlim_cur = 100;
	signal(SIGXFSZ, SIG_IGN);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
	assert_false(session_save(ss));
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
	assert_false(ss->kept);
	assert_non_null(strstr(ss->save_error, "cannot keep the old file: "));
	assert_true(strlen(ss->save_error) < 60);
	assert_untouched(path, &before);
	assert_int_equal(count_suffix(f->out, ".kept"), 0);
	/* the next save keeps it and writes */
	assert_true(session_save(ss));
	assert_true(ss->kept);
	session_close(ss);
	free(path);
}

static void test_save_to_another_folder(void **state)
{
	struct fixture *f = *state;
	char *elsewhere = xasprintf("%s/home", f->dir), *written = NULL, *error = NULL;
	char *link_dir = xasprintf("%s/link", f->dir), *in_link;
	struct session *ss;
	struct result_table *t;
	struct stat st;
	struct diag d = {0};
	struct answers *back;

	make_result(f, false);
	ss = open_ok(f, SESSION_OK);
	answers_set_option(ss->answers, qi(f->s, "val"), 1);
	assert_true(session_save_to(ss, elsewhere, &written, &error));
	assert_null(error);
	assert_int_equal(stat(elsewhere, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	assert_int_equal(stat(written, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_non_null(strstr(written, "/home/prov-2026-kultur.csv"));
	t = load_result(written);
	back = answers_from_table(f->s, t, written, &d);
	assert_non_null(back);
	assert_int_equal(back->a[qi(f->s, "val")].option, 1);
	assert_int_equal(back->a[qi(f->s, "plan")].state, ANSWER_NA);
	answers_free(back);
	free_table(t);
	/* again: our own file of that name is replaced */
	free(written);
	assert_true(session_save_to(ss, elsewhere, &written, &error));
	free(written);
	/* the file of another department is not */
	{
		char *other = xasprintf("%s/prov-2026-kultur.csv", elsewhere);
		char *csv = NULL;
		FILE *fp;

		assert_int_equal(unlink(other), 0);
		fp = fopen(other, "w");
		assert_non_null(fp);
		fputs("not a result\n", fp);
		fclose(fp);
		assert_false(session_save_to(ss, elsewhere, &written, &error));
		assert_string_equal(error, "another file of that name is in the way");
		assert_null(written);
		free(error);
		/* nor a symbolic link, which is not followed */
		assert_int_equal(unlink(other), 0);
		csv = xasprintf("%s/target.csv", f->dir);
		assert_int_equal(symlink(csv, other), 0);
		assert_false(session_save_to(ss, elsewhere, &written, &error));
		assert_string_equal(error, "another file of that name is in the way");
		assert_int_equal(access(csv, F_OK), -1);
		free(error);
		free(csv);
		free(other);
	}
	/* the folder itself may not be a link */
	assert_int_equal(symlink(elsewhere, link_dir), 0);
	assert_false(session_save_to(ss, link_dir, &written, &error));
	assert_string_equal(error, "not a folder (or a symbolic link)");
	free(error);
	/* a folder that cannot be made: the reason */
	in_link = xasprintf("%s/missing/deeper", f->dir);
	assert_false(session_save_to(ss, in_link, &written, &error));
	assert_string_equal(error, strerror(ENOENT));
	free(error);
	free(in_link);
	/* the session's own file is as it was */
	assert_null(ss->save_error);
	session_close(ss);
	diag_free(&d);
	free(link_dir);
	free(elsewhere);
}

/* The reader refuses a hidden row that is contradicted, and takes one that
 * keeps its answer: through a session, a kept answer comes back. */
static void test_hidden_answer_survives_sessions(void **state)
{
	struct fixture *f = *state;
	struct session *ss;
	size_t plan, policy;

	make_result(f, false);
	plan = qi(f->s, "plan");
	policy = qi(f->s, "policy");
	ss = open_ok(f, SESSION_OK);
	answers_set_option(ss->answers, policy, 2); /* no: plan hidden */
	assert_true(session_save(ss));
	session_close(ss);
	ss = open_ok(f, SESSION_OK);
	assert_false(answers_visible(ss->answers, plan));
	assert_int_equal(ss->answers->a[plan].state, ANSWER_NA);
	answers_set_option(ss->answers, policy, 0);
	assert_true(answers_visible(ss->answers, plan));
	assert_int_equal(ss->answers->a[plan].state, ANSWER_NA);
	session_close(ss);
}

/* ------------------------------------------------------------ access */

/* session_open_access's result: the status, with d's text in *msg. */
static enum session_open_status open_as(struct fixture *f, const struct session_access *acc,
					struct session **ss, char **msg)
{
	struct diag d = {0};
	enum session_open_status st = session_open_access(f->s, f->out, "Kultur", "Åsa",
							  acc, ss, &d);
	struct strbuf sb = {0};

	for (size_t i = 0; i < d.count; i++) {
		char *line = diag_format(&d, i);
		strbuf_printf(&sb, "%s\n", line);
		free(line);
	}
	strbuf_add(&sb, "", 0);
	*msg = strbuf_detach(&sb);
	diag_free(&d);
	return st;
}

static char *in_out(struct fixture *f, const char *name)
{
	return xasprintf("%s/%s", f->out, name);
}

/* Refused: SESSION_ERROR, no session, and the message names path and what
 * it is. */
static void assert_refused(struct fixture *f, const char *path, const char *what)
{
	struct session *ss = (struct session *)1;
	char *msg;

	assert_int_equal(open_as(f, NULL, &ss, &msg), SESSION_ERROR);
	assert_null(ss);
	if (!strstr(msg, path) || !strstr(msg, what))
		fail_msg("wanted '%s' and '%s' in: %s", path, what, msg);
	free(msg);
}

static void test_links_and_special_files_are_refused(void **state)
{
	struct fixture *f = *state;
	char *result = in_out(f, "prov-2026-kultur.csv");
	char *lock = in_out(f, ".prov-2026-kultur.csv.lock");
	char *mine = xasprintf("%s/mine.txt", f->dir);
	char *error = NULL, *data;
	size_t len;
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	int sock;

	assert_int_equal(mkdir(f->out, 0700), 0);
	assert_int_equal(file_write_atomic(mine, "mine\n", 5, &error), 0);
	/* a symbolic link at the result path, then at the lock path */
	assert_int_equal(symlink(mine, result), 0);
	assert_refused(f, result, "is a symbolic link: refused");
	assert_int_equal(unlink(result), 0);
	assert_int_equal(symlink(mine, lock), 0);
	assert_refused(f, lock, "is a symbolic link: refused");
	assert_int_equal(unlink(lock), 0);
	assert_int_equal(file_read_all(mine, 100, &data, &len, &error), 0);
	assert_string_equal(data, "mine\n"); /* not truncated, not written */
	free(data);
	/* a FIFO (no wait for a writer), a socket, a folder, a hard link */
	assert_int_equal(mkfifo(result, 0600), 0);
	assert_refused(f, result, "is a FIFO: refused");
	assert_int_equal(unlink(result), 0);
	assert_int_equal(mkfifo(lock, 0600), 0);
	assert_refused(f, lock, "is a FIFO: refused");
	assert_int_equal(unlink(lock), 0);
	sock = socket(AF_UNIX, SOCK_STREAM, 0);
	assert_true(sock >= 0);
	snprintf(sa.sun_path, sizeof sa.sun_path, "%s", lock);
	if (strlen(lock) < sizeof sa.sun_path) {
		assert_int_equal(bind(sock, (struct sockaddr *)&sa, sizeof sa), 0);
		assert_refused(f, lock, "is a socket: refused");
		assert_int_equal(unlink(lock), 0);
	}
	close(sock);
	assert_int_equal(mkdir(result, 0700), 0);
	assert_refused(f, result, "is a folder: refused");
	assert_int_equal(rmdir(result), 0);
	assert_int_equal(link(mine, result), 0);
	assert_refused(f, result, "more than one name (a hard link): refused");
	assert_int_equal(unlink(result), 0);
	assert_int_equal(link(mine, lock), 0);
	assert_refused(f, lock, "more than one name (a hard link): refused");
	assert_int_equal(unlink(lock), 0);
	assert_int_equal(file_read_all(mine, 100, &data, &len, &error), 0);
	assert_string_equal(data, "mine\n");
	free(data);
	free(mine);
	free(lock);
	free(result);
}

static void test_a_linked_result_folder_is_refused(void **state)
{
	struct fixture *f = *state;
	char *real = xasprintf("%s/real", f->dir);
	char *parent = xasprintf("%s/parent", f->dir);
	struct session *ss;
	char *msg, *out = f->out;

	assert_int_equal(mkdir(real, 0700), 0);
	assert_int_equal(symlink(real, f->out), 0);
	assert_int_equal(open_as(f, NULL, &ss, &msg), SESSION_ERROR);
	assert_non_null(strstr(msg, "the result folder is a symbolic link: refused"));
	free(msg);
	f->out = xasprintf("%s/", out);  /* a slash at the end follows no link */
	assert_int_equal(open_as(f, NULL, &ss, &msg), SESSION_ERROR);
	assert_non_null(strstr(msg, "symbolic link"));
	free(msg);
	free(f->out);
	/* a link among its parents is the user's business */
	assert_int_equal(symlink(f->dir, parent), 0);
	f->out = xasprintf("%s/real", parent);
	assert_int_equal(open_as(f, NULL, &ss, &msg), SESSION_OK);
	free(msg);
	assert_true(session_save(ss));
	session_close(ss);
	free(f->out);
	f->out = out;
	assert_int_equal(count_suffix(real, ".csv"), 1);
	free(real);
	free(parent);
}

static void assert_mode(const char *path, mode_t want)
{
	struct stat st;

	assert_int_equal(lstat(path, &st), 0);
	if ((st.st_mode & 07777) != want)
		fail_msg("%s: mode %o, wanted %o", path, (unsigned)(st.st_mode & 07777),
			 (unsigned)want);
}

static void test_modes_whatever_the_umask(void **state)
{
	struct fixture *f = *state;
	char *result = in_out(f, "prov-2026-kultur.csv");
	char *lock = in_out(f, ".prov-2026-kultur.csv.lock");
	char *elsewhere = xasprintf("%s/elsewhere", f->dir), *path, *error;
	mode_t old = umask(0);
	struct session *ss = open_ok(f, SESSION_OK);

	assert_true(session_save(ss));
	assert_mode(f->out, 0700);
	assert_mode(result, 0600);
	assert_mode(lock, 0600);
	assert_true(session_save_to(ss, elsewhere, &path, &error));
	assert_mode(elsewhere, 0700);
	assert_mode(path, 0600);
	free(path);
	session_close(ss);
	/* a kept copy, under a changed definition */
	write_survey(f, "text.sv = Hur många?\n", "text.sv = Hur många?\nweight = 2\n");
	umask(0);
	ss = open_ok(f, SESSION_OK);
	assert_true(ss->definition_changed);
	assert_true(session_save(ss));
	assert_true(ss->kept);
	assert_mode(ss->kept_path, 0600);
	session_close(ss);
	umask(old);
	free(elsewhere);
	free(lock);
	free(result);
}

static void test_shared_folder(void **state)
{
	struct fixture *f = *state;
	struct session_access acc = {.shared = true, .group = getegid()};
	char *result = in_out(f, "prov-2026-kultur.csv");
	char *lock = in_out(f, ".prov-2026-kultur.csv.lock");
	struct session *ss;
	char *msg;
	mode_t old;

	/* a site's folder is made by --setup, never here */
	assert_int_equal(open_as(f, &acc, &ss, &msg), SESSION_ERROR);
	assert_non_null(strstr(msg, "cannot open the result folder"));
	free(msg);
	assert_int_equal(mkdir(f->out, 02770), 0);
	old = umask(077);
	assert_int_equal(open_as(f, &acc, &ss, &msg), SESSION_OK);
	free(msg);
	assert_true(session_save(ss));
	umask(old);
	assert_mode(result, 0660);
	assert_mode(lock, 0660);
	session_close(ss);
	/* a file not of the department's group: shown, never written */
	acc.group = getegid() + 1;
	assert_int_equal(open_as(f, &acc, &ss, &msg), SESSION_LOCKED);
	free(msg);
	assert_int_equal(ss->foreign, SESSION_FOREIGN_RESULT);
	assert_true(ss->read_only);
	assert_int_equal(ss->lock_fd, -1);
	assert_false(session_save(ss));
	assert_non_null(strstr(ss->save_error, "read-only"));
	session_close(ss);
	free(lock);
	free(result);
}

/* Another user's files (root can make them): never changed. */
static void test_another_users_files(void **state)
{
	struct fixture *f = *state;
	char *result = in_out(f, "prov-2026-kultur.csv");
	char *lock = in_out(f, ".prov-2026-kultur.csv.lock");
	struct snapshot before, lock_before;
	struct session *ss;
	const uid_t other = 65534;
	char *msg;

	if (geteuid() != 0)
		skip();
	make_result(f, false);
	assert_int_equal(chown(result, other, other), 0);
	snap(result, &before);
	assert_int_equal(open_as(f, NULL, &ss, &msg), SESSION_LOCKED);
	free(msg);
	assert_int_equal(ss->foreign, SESSION_FOREIGN_RESULT);
	assert_true(ss->read_only);
	assert_int_equal(ss->resume, RESUME_DRAFT); /* shown, with its answers */
	assert_non_null(strstr(ss->foreign_file, "prov-2026-kultur.csv"));
	assert_true(ss->foreign_owner[0] != '\0');
	assert_false(session_save(ss));
	assert_non_null(strstr(ss->save_error, "read-only: the result file is"));
	session_close(ss);
	assert_untouched(result, &before);
	/* unreadable too: refused, naming whose it is */
	assert_int_equal(chmod(result, 0600), 0);
	if (access(result, R_OK) != 0) {
		assert_int_equal(open_as(f, NULL, &ss, &msg), SESSION_ERROR);
		assert_non_null(strstr(msg, "belongs to another user"));
		free(msg);
	}
	/* another user's lock (the result ours again): not taken, not
	 * truncated, the result read-only */
	assert_int_equal(chown(result, geteuid(), getegid()), 0);
	assert_int_equal(chown(lock, other, other), 0);
	assert_int_equal(chmod(lock, 0666), 0);
	{
		char *error = NULL;
		int fd = open(lock, O_WRONLY | O_TRUNC);
		assert_true(fd >= 0);
		assert_int_equal(write(fd, "x y 1 2\n", 8), 8);
		close(fd);
		(void)error;
	}
	snap(lock, &lock_before);
	assert_int_equal(open_as(f, NULL, &ss, &msg), SESSION_LOCKED);
	free(msg);
	assert_int_equal(ss->foreign, SESSION_FOREIGN_LOCK);
	assert_true(ss->read_only);
	assert_false(session_save(ss));
	session_close(ss);
	assert_untouched(lock, &lock_before);
	free(lock);
	free(result);
}

/* The text in a live lock: visible, or an unknown session. */
static void test_holder_text(void **state)
{
	struct fixture *f = *state;
	char *lock = in_out(f, ".prov-2026-kultur.csv.lock");
	static const char *const junk[] = {
		"", "x", "? ? 0 0", "user host -1 5", "user host 12 0", "a b 1 2 extra",
	};
	struct session *a = open_ok(f, SESSION_OK), *b;
	char *msg;
	FILE *fp;

	fp = fopen(lock, "w");
	assert_non_null(fp);
	fputs("evil\033]0;pwned\007 host\033[31m 4242 1700000000\n", fp);
	fclose(fp);
	assert_int_equal(open_as(f, NULL, &b, &msg), SESSION_LOCKED);
	free(msg);
	assert_true(b->holder.known);
	assert_null(strchr(b->holder.user, '\033'));
	assert_null(strchr(b->holder.host, '\033'));
	assert_string_equal(b->holder.user, "evil^[]0;pwned^G");
	assert_int_equal(b->holder.pid, 4242);
	session_close(b);
	for (size_t i = 0; i < sizeof junk / sizeof junk[0]; i++) {
		fp = fopen(lock, "w");
		assert_non_null(fp);
		fputs(junk[i], fp);
		fclose(fp);
		assert_int_equal(open_as(f, NULL, &b, &msg), SESSION_LOCKED);
		free(msg);
		if (b->holder.known)
			fail_msg("'%s' read as a known holder", junk[i]);
		assert_int_equal(b->holder.pid, 0);
		assert_string_equal(b->holder.user, "");
		session_close(b);
	}
	session_close(a);
	free(lock);
}

/* enkat-merge reads a file found in a folder only if it is still the file
 * found: not a link put in its place, not another file renamed there. */
static void test_read_expected_refuses_a_swap(void **state)
{
	char dir[] = "/tmp/test_expected.XXXXXX", *a, *b, *l, *data = NULL, *error = NULL;
	struct stat st;
	size_t len;
	FILE *fp;

	(void)state;
	assert_non_null(mkdtemp(dir));
	a = xasprintf("%s/a.csv", dir);
	b = xasprintf("%s/b.csv", dir);
	l = xasprintf("%s/l.csv", dir);
	assert_non_null(fp = fopen(a, "w"));
	fputs("aaa", fp);
	fclose(fp);
	assert_non_null(fp = fopen(b, "w"));
	fputs("bbb", fp);
	fclose(fp);
	assert_int_equal(symlink(a, l), 0);
	assert_int_equal(lstat(a, &st), 0);
	assert_int_equal(file_read_expected(a, 100, &st, &data, &len, &error), 0);
	assert_int_equal(len, 3);
	free(data);
	assert_int_equal(file_read_expected(b, 100, &st, &data, &len, &error), -1);
	assert_non_null(strstr(error, "replaced"));
	free(error);
	assert_int_equal(file_read_expected(l, 100, &st, &data, &len, &error), -1);
	assert_non_null(strstr(error, "symbolic link"));
	free(error);
	unlink(a);
	unlink(b);
	unlink(l);
	rmdir(dir);
	free(a);
	free(b);
	free(l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_read_expected_refuses_a_swap),
		cmocka_unit_test_setup_teardown(test_open_twice_writes_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_final_stays_final_after_a_comment_edit,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_final_under_a_changed_survey_opens_read_only,
						setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_draft_under_a_changed_survey_is_written_at_the_first_save,
			setup, teardown),
		cmocka_unit_test_setup_teardown(test_changes_are_listed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_changes_hold_no_control_characters,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_failed_save_gives_a_short_reason,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_failed_save_in_a_read_only_folder,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_failed_keep_overwrites_nothing,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_save_to_another_folder, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hidden_answer_survives_sessions,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_links_and_special_files_are_refused,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_linked_result_folder_is_refused,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_modes_whatever_the_umask, setup, teardown),
		cmocka_unit_test_setup_teardown(test_shared_folder, setup, teardown),
		cmocka_unit_test_setup_teardown(test_another_users_files, setup, teardown),
		cmocka_unit_test_setup_teardown(test_holder_text, setup, teardown),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests_name("session", tests, NULL, NULL);
}
