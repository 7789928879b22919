/* The yearly loop through a session (assess.h, approval.h, previous.h):
 * actions saved and read back, finalising with approval, the seal against
 * a hand edit, the history over finalise / reopen / approve, last year's
 * answers matched by id, a new question flagged, taking an answer over
 * only on request, open actions carried and done ones shown as last
 * year's. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "assess.h"
#include "fileio.h"
#include "result.h"
#include "util.h"

#define SURVEY(version, extra) \
	"[survey]\nid = t\nversion = " version "\nlanguages = sv\nscoring = percent\n" \
	"title.sv = T\n\n[area.a]\ntitle.sv = Styrning\n\n[area.b]\ntitle.sv = Teknik\n\n" \
	"[question.q1]\narea = a\ntype = yesno\ntext.sv = Q1\n\n" \
	"[question.q2]\narea = a\ntype = yesno\nna = yes\ntext.sv = Q2\n\n" \
	"[question.q3]\narea = b\ntype = yesno\nrequired = no\ntext.sv = Q3\n\n" extra

static const char v1_ini[] = SURVEY("1", "[question.gone]\narea = b\ntype = yesno\n"
				    "required = no\ntext.sv = G\n\n"
				    "[question.typ]\narea = b\ntype = yesno\n"
				    "required = no\ntext.sv = T\n");
/* typ is a number now: last year's "yes" does not fit it */
static const char v2_ini[] = SURVEY("2", "[question.q4]\narea = b\ntype = yesno\n"
				    "required = no\ntext.sv = Q4\n\n"
				    "[question.typ]\narea = b\ntype = number\nmin = 0\n"
				    "max = 10\nrequired = no\ntext.sv = T\n");

struct fixture {
	char dir[64];
	struct survey *s1, *s2;
};

static struct survey *load(const char *text, size_t len)
{
	struct diag d = {0};
	struct survey *s = survey_load_buffer("t.ini", text, len, &d);

	if (!s)
		diag_print(&d, stderr);
	assert_non_null(s);
	diag_free(&d);
	return s;
}

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);

	snprintf(f->dir, sizeof f->dir, "/tmp/test_yearly.XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	f->s1 = load(v1_ini, sizeof v1_ini - 1);
	f->s2 = load(v2_ini, sizeof v2_ini - 1);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char *cmd = xasprintf("rm -rf '%s'", f->dir);

	survey_free(f->s1);
	survey_free(f->s2);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", f->dir);
	free(cmd);
	free(f);
	return 0;
}

static struct assess *open_assess(const struct survey *s, const char *dir,
				  struct session **ss)
{
	struct diag d = {0};
	enum session_open_status st = session_open(s, dir, "Kultur", "Åsa", ss, &d);

	if (st == SESSION_ERROR)
		diag_print(&d, stderr);
	assert_int_equal(st, SESSION_OK);
	diag_free(&d);
	return assess_new(*ss);
}

static void close_assess(struct assess *a, struct session *ss)
{
	assess_free(a);
	session_close(ss);
}

static char *file_text(const char *path)
{
	char *data = NULL, *error = NULL;
	size_t len;

	if (file_read_all(path, 1 << 20, &data, &len, &error) != 0)
		fail_msg("%s", error);
	return data;
}

static void write_text(const char *path, const char *text)
{
	char *error = NULL;

	assert_int_equal(file_write_atomic(path, text, strlen(text), &error), 0);
}

/* Replaces the first from in the file with to (a hand edit). */
static void hand_edit(const char *path, const char *from, const char *to)
{
	char *data = file_text(path), *at = strstr(data, from);
	char *edited;

	assert_non_null(at);
	edited = xasprintf("%.*s%s%s", (int)(at - data), data, to, at + strlen(from));
	write_text(path, edited);
	free(edited);
	free(data);
}

static void test_actions_saved_and_read_back(void **state)
{
	struct fixture *f = *state;
	struct session *ss;
	struct assess *a = open_assess(f->s1, f->dir, &ss);
	char msg[ASSESS_MSG_SIZE], *id = NULL, *text;
	struct action_input in = {.title = "=Inför MFA", .addresses = "q1",
				  .owner = "IT-chefen", .due = "2027-03-31",
				  .case_number = "STK-2021-1717", .comment = "-första"};
	struct action_input bad = {.title = "Ny", .due = "2026-02-30"};
	struct action_input done = {.status = "done", .comment = "klart"};

	assert_int_equal(assess_action_add(a, &bad, &id, msg), ASSESS_REFUSED);
	assert_null(id);
	assert_non_null(strstr(msg, "2026-02-30"));
	assert_int_equal(assess_actions(a)->n, 0);
	assert_int_equal(access(ss->path, F_OK), -1); /* nothing saved half */
	assert_int_equal(assess_action_add(a, &in, &id, msg), ASSESS_SAVED);
	assert_string_equal(id, "A1");
	free(id);
	assert_int_equal(assess_action_add(a, &(struct action_input){.title = "Andra"},
					   &id, msg), ASSESS_SAVED);
	assert_string_equal(id, "A2");
	free(id);
	assert_int_equal(assess_action_change(a, "A9", &done, msg), ASSESS_REFUSED);
	assert_non_null(strstr(msg, "no action A9"));
	assert_int_equal(assess_action_change(a, "A2", &(struct action_input){.status = "x"},
					      msg), ASSESS_REFUSED);
	assert_int_equal(assess_action_change(a, "A2", &done, msg), ASSESS_SAVED);
	assert_int_equal(assess_action_change(a, "A2", &done, msg), ASSESS_UNCHANGED);
	/* in the file, neutralised; the question rows as before */
	text = file_text(ss->path);
	assert_non_null(strstr(text, ",record,action_id,"));
	assert_non_null(strstr(text, ",action,A1,'=Inför MFA,"));
	assert_non_null(strstr(text, "'-första"));
	free(text);
	close_assess(a, ss);

	a = open_assess(f->s1, f->dir, &ss);
	assert_int_equal(assess_actions(a)->n, 2);
	{
		const struct action *x = actions_find(assess_actions(a), "A1");
		assert_non_null(x);
		assert_string_equal(x->title, "=Inför MFA");
		assert_string_equal(x->comment, "-första");
		assert_string_equal(x->case_number, "STK-2021-1717");
		assert_string_equal(x->due, "2027-03-31");
		assert_string_equal(x->changed_by, approval_login());
		assert_int_equal(x->from_version, 1);
		assert_true(action_addresses_question(x, "q1"));
		assert_int_equal(actions_find(assess_actions(a), "A2")->status, ACTION_DONE);
	}
	/* the history: two added, one changed (to done) */
	{
		const struct history *h = assess_history(a);
		assert_int_equal(h->n, 3);
		assert_int_equal(h->ev[0].kind, HISTORY_ACTION_ADDED);
		assert_int_equal(h->ev[2].kind, HISTORY_ACTION_CHANGED);
		assert_string_equal(h->ev[2].action_id, "A2");
		assert_int_equal(h->ev[2].status, ACTION_DONE);
		assert_string_equal(h->ev[2].name, "Åsa");
		assert_string_equal(h->ev[2].login, approval_login());
	}
	/* the file itself reads for enkat-merge: its question rows alone */
	{
		struct diag d = {0};
		struct result_table *t = result_load(ss->path, &d);
		assert_non_null(t);
		assert_int_equal(t->n_rows, f->s1->n_questions);
		assert_int_equal(t->n_parts, 5); /* 2 actions, 3 events */
		result_table_release(t);
		free(t);
		diag_free(&d);
	}
	close_assess(a, ss);
}

static void answer_all(struct assess *a)
{
	for (size_t q = 0; q < a->s->n_questions; q++)
		assert_int_equal(assess_choose(a, q, 0), ASSESS_SAVED);
}

static void test_finalise_approve_seal_reopen(void **state)
{
	struct fixture *f = *state;
	struct session *ss;
	struct assess *a = open_assess(f->s1, f->dir, &ss);
	char msg[ASSESS_MSG_SIZE];
	size_t first;

	/* a required question open: refused before any name */
	assert_int_equal(assess_finalise_approved(a, "Eva Ek", "Direktör", &first, msg),
			 ASSESS_REFUSED);
	assert_int_equal(first, 0);
	answer_all(a);
	assert_int_equal(assess_comment(a, 0, "Vi låser"), ASSESS_SAVED);
	assert_int_equal(assess_action_add(a, &(struct action_input){.title = "Utbilda"},
					   NULL, msg), ASSESS_SAVED);
	assert_int_equal(assess_finalise_approved(a, "   ", "Direktör", &first, msg),
			 ASSESS_REFUSED);
	assert_non_null(strstr(msg, "name of who approves"));
	assert_false(assess_is_final(a));
	assert_int_equal(assess_finalise_approved(a, "Eva\nEk", "", &first, msg),
			 ASSESS_REFUSED);
	assert_non_null(strstr(msg, "one line"));
	{
		char longname[120];
		memset(longname, 'e', sizeof longname - 1);
		longname[sizeof longname - 1] = '\0';
		assert_int_equal(assess_finalise_approved(a, longname, "", &first, msg),
				 ASSESS_REFUSED);
		assert_non_null(strstr(msg, "at most 100 characters"));
		assert_int_equal(assess_finalise_approved(a, "Eva", longname, &first, msg),
				 ASSESS_REFUSED);
	}
	assert_false(assess_approval(a)->present);
	assert_int_equal(assess_history(a)->n, 1); /* the action added, nothing more */
	assert_int_equal(assess_finalise_approved(a, " Eva Ek ", "Förvaltningsdirektör",
						  &first, msg), ASSESS_SAVED);
	assert_true(assess_is_final(a));
	assert_true(assess_approval(a)->present);
	assert_string_equal(assess_approval(a)->name, "Eva Ek");
	assert_int_equal(strlen(assess_approval(a)->seal), 64);
	/* read-only now: no action changes */
	assert_int_equal(assess_action_add(a, &(struct action_input){.title = "X"}, NULL, msg),
			 ASSESS_READ_ONLY);
	close_assess(a, ss);

	/* as opened: valid */
	a = open_assess(f->s1, f->dir, &ss);
	assert_false(assess_seal_broken(a));
	assert_true(assess_approval(a)->present);
	assert_string_equal(assess_approval(a)->role, "Förvaltningsdirektör");
	{
		struct diag d = {0};
		struct result_table *t = result_load(ss->path, &d);
		size_t len;
		char *canon;
		assert_non_null(t);
		assert_int_equal(approval_state_of(t), APPROVAL_VALID);
		canon = approval_canonical(t, &len);
		assert_memory_equal(canon, "enkat-seal 1\nsurvey\tt\t1\t", 23);
		assert_non_null(strstr(canon, "\nquestion\tq1\tanswered\tyes\t"));
		assert_non_null(strstr(canon, "\naction\tA1\tUtbilda\t"));
		assert_non_null(strstr(canon, "\napproval\tEva Ek\tFörvaltningsdirektör\t"));
		free(canon);
		result_table_release(t);
		free(t);
		diag_free(&d);
	}
	close_assess(a, ss);

	/* a hand edit of a comment after the approval: detected, still opens */
	{
		char *path = xasprintf("%s/t-1-kultur.csv", f->dir);
		hand_edit(path, "Vi låser", "Vi låser alltid");
		free(path);
	}
	a = open_assess(f->s1, f->dir, &ss);
	assert_true(assess_seal_broken(a));
	assert_true(assess_is_final(a));
	assert_string_equal(ss->answers->a[0].comment, "Vi låser alltid");
	/* reopen: the approval into the history, the mismatch noted */
	assert_int_equal(assess_reopen(a), ASSESS_SAVED);
	assert_false(assess_is_final(a));
	assert_false(assess_approval(a)->present);
	assert_false(assess_seal_broken(a));
	{
		const struct history *h = assess_history(a);
		size_t n = h->n;
		assert_true(n >= 4);
		assert_int_equal(h->ev[n - 3].kind, HISTORY_FINALISE);
		assert_int_equal(h->ev[n - 2].kind, HISTORY_APPROVAL);
		assert_string_equal(h->ev[n - 2].name, "Eva Ek");
		assert_string_equal(h->ev[n - 2].role, "Förvaltningsdirektör");
		assert_string_equal(h->ev[n - 2].login, approval_login());
		assert_int_equal(h->ev[n - 1].kind, HISTORY_REOPEN);
		assert_non_null(strstr(h->ev[n - 1].note, "seal did not match"));
	}
	/* finalise again without approval, then approve after reopening */
	assert_int_equal(assess_finalise(a, &first), ASSESS_SAVED);
	assert_false(assess_approval(a)->present);
	assert_int_equal(assess_reopen(a), ASSESS_SAVED);
	assert_int_equal(assess_finalise_approved(a, "Per Persson", "Ordförande", &first, msg),
			 ASSESS_SAVED);
	close_assess(a, ss);

	/* everything kept over the file, in order */
	a = open_assess(f->s1, f->dir, &ss);
	{
		const struct history *h = assess_history(a);
		static const enum history_kind want[] = {
			HISTORY_FINALISE, HISTORY_APPROVAL, HISTORY_REOPEN, HISTORY_FINALISE,
			HISTORY_REOPEN, HISTORY_FINALISE, HISTORY_APPROVAL,
		};
		size_t n = sizeof want / sizeof want[0];
		assert_int_equal(h->ev[0].kind, HISTORY_ACTION_ADDED);
		assert_int_equal(h->n, n + 1);
		for (size_t i = 0; i < n; i++)
			assert_int_equal(h->ev[i + 1].kind, want[i]);
		assert_string_equal(h->ev[n].name, "Per Persson");
	}
	assert_false(assess_seal_broken(a));
	assert_string_equal(assess_approval(a)->name, "Per Persson");
	close_assess(a, ss);

	/* an edited answer and an edited action are detected too */
	{
		char *path = xasprintf("%s/t-1-kultur.csv", f->dir);
		hand_edit(path, "Utbilda", "Utbilda alla");
		a = open_assess(f->s1, f->dir, &ss);
		assert_true(assess_seal_broken(a));
		close_assess(a, ss);
		hand_edit(path, "Utbilda alla", "Utbilda");
		a = open_assess(f->s1, f->dir, &ss);
		assert_false(assess_seal_broken(a)); /* back as approved */
		close_assess(a, ss);
		free(path);
	}
}

/* Last year's result: q1 yes with a comment, q2 not applicable, q3
 * unanswered, gone answered; A1 open, A2 done, A3 cancelled; final. */
static void make_last_year(struct fixture *f)
{
	struct session *ss;
	struct assess *a = open_assess(f->s1, f->dir, &ss);
	char msg[ASSESS_MSG_SIZE];
	size_t first;

	assert_int_equal(assess_choose(a, 0, 0), ASSESS_SAVED);
	assert_int_equal(assess_comment(a, 0, "Policy antagen 2025"), ASSESS_SAVED);
	assert_int_equal(assess_toggle_na(a, 1), ASSESS_SAVED);
	assert_int_equal(assess_choose(a, 3, 2), ASSESS_SAVED);
	assert_int_equal(assess_choose(a, 4, 0), ASSESS_SAVED);
	assert_int_equal(assess_action_add(a, &(struct action_input){
		.title = "Inför MFA", .addresses = "q1 gone", .status = "ongoing",
		.case_number = "STK-2021-1717"}, NULL, msg), ASSESS_SAVED);
	assert_int_equal(assess_action_add(a, &(struct action_input){
		.title = "Klar sak", .status = "done"}, NULL, msg), ASSESS_SAVED);
	assert_int_equal(assess_action_add(a, &(struct action_input){
		.title = "Struken", .status = "cancelled"}, NULL, msg), ASSESS_SAVED);
	assert_int_equal(assess_action_change(a, "A1", &(struct action_input){
		.comment = "halvvägs"}, msg), ASSESS_SAVED);
	assert_int_equal(assess_finalise_approved(a, "Eva Ek", "Direktör", &first, msg),
			 ASSESS_SAVED);
	close_assess(a, ss);
}

static void test_previous_answers_by_id(void **state)
{
	struct fixture *f = *state;
	struct diag d = {0};
	struct previous *p;
	struct session *ss;
	struct assess *a;
	char msg[ASSESS_MSG_SIZE], *text;
	size_t q4 = survey_question_index(f->s2, "q4");
	struct score sc;

	assert_null(previous_find(f->dir, f->s2, "Kultur", &d)); /* nothing yet */
	assert_int_equal(d.count, 0);
	make_last_year(f);
	assert_null(previous_find(f->dir, f->s2, "Miljö", &d)); /* another department's */
	assert_int_equal(d.count, 0);
	p = previous_find(f->dir, f->s2, "Kultur", &d);
	if (!p)
		diag_print(&d, stderr);
	assert_non_null(p);
	assert_int_equal(p->version, 1);
	assert_int_equal(p->approval_state, APPROVAL_VALID);
	assert_non_null(previous_row(p, 0));
	assert_string_equal(previous_row(p, 0)->field[RC_COMMENT], "Policy antagen 2025");
	assert_true(previous_row(p, 1)->v.na);
	assert_true(previous_is_new(p, q4));
	assert_false(previous_is_new(p, 0));
	text = previous_answer_text(p, 0, 0);
	assert_true(strlen(text) > 0);
	free(text);
	text = previous_answer_text(p, 1, 0);
	assert_string_equal(text, "not applicable");
	free(text);
	text = previous_answer_text(p, q4, 0);
	assert_string_equal(text, "");
	free(text);
	assert_true(previous_area_score(p, "a", &sc));
	assert_false(previous_area_score(p, "zz", &sc));
	{
		size_t out[8];
		assert_int_equal(previous_closed_actions(p, out), 2);
		assert_string_equal(p->actions.items[out[0]].id, "A2");
		assert_string_equal(p->actions.items[out[1]].id, "A3");
	}

	a = open_assess(f->s2, f->dir, &ss);
	/* nothing copied by opening */
	for (size_t q = 0; q < f->s2->n_questions; q++)
		assert_int_equal(ss->answers->a[q].state, ANSWER_NONE);
	assert_null(ss->answers->a[0].comment);
	/* open actions carried, with their history; done ones not */
	assert_int_equal(assess_carry_previous(a, p), 1);
	{
		const struct action *x = actions_find(assess_actions(a), "A1");
		const struct history *h = assess_history(a);
		assert_non_null(x);
		assert_int_equal(x->status, ACTION_ONGOING);
		assert_string_equal(x->comment, "halvvägs");
		assert_int_equal(x->from_version, 1);
		assert_int_equal(x->n_targets, 1); /* gone is not in version 2 */
		assert_null(actions_find(assess_actions(a), "A2"));
		assert_int_equal(h->n, 3); /* added, changed, carried */
		assert_int_equal(h->ev[0].kind, HISTORY_ACTION_ADDED);
		assert_int_equal(h->ev[1].kind, HISTORY_ACTION_CHANGED);
		assert_int_equal(h->ev[2].kind, HISTORY_CARRIED);
		assert_int_equal(h->ev[2].version, 1);
	}
	assert_int_equal(assess_carry_previous(a, p), 0); /* once */
	/* taking over: only on request; new and unanswered refused */
	assert_int_equal(assess_take_previous(a, p, q4, msg), ASSESS_REFUSED);
	assert_non_null(strstr(msg, "new this year"));
	assert_int_equal(assess_take_previous(a, p, 2, msg), ASSESS_REFUSED);
	assert_non_null(strstr(msg, "not answered last year"));
	{
		size_t typ = survey_question_index(f->s2, "typ"), undo = a->undo_len;
		assert_int_equal(assess_take_previous(a, p, typ, msg), ASSESS_REFUSED);
		assert_non_null(strstr(msg, "does not fit this year's question"));
		assert_int_equal(ss->answers->a[typ].state, ANSWER_NONE);
		assert_int_equal(a->undo_len, undo); /* nothing to undo either */
	}
	assert_int_equal(assess_comment(a, 1, "Vår egen"), ASSESS_SAVED);
	assert_int_equal(assess_take_previous(a, p, 0, msg), ASSESS_SAVED);
	assert_int_equal(ss->answers->a[0].state, ANSWER_GIVEN);
	assert_int_equal(ss->answers->a[0].option, 0);
	assert_string_equal(ss->answers->a[0].comment, "Policy antagen 2025");
	assert_int_equal(assess_take_previous(a, p, 1, msg), ASSESS_SAVED);
	assert_int_equal(ss->answers->a[1].state, ANSWER_NA);
	assert_string_equal(ss->answers->a[1].comment, "Vår egen"); /* this year's kept */
	/* one undo step takes it back */
	{
		size_t q;
		assert_int_equal(assess_undo(a, &q), ASSESS_SAVED);
		assert_int_equal(q, 1);
		assert_int_equal(ss->answers->a[1].state, ANSWER_NONE);
		assert_string_equal(ss->answers->a[1].comment, "Vår egen");
	}
	/* a new action's id is above last year's */
	{
		char *id;
		assert_int_equal(assess_action_add(a, &(struct action_input){.title = "Ny"},
						   &id, msg), ASSESS_SAVED);
		assert_string_equal(id, "A4");
		free(id);
	}
	close_assess(a, ss);

	/* resumed: carried before, not again */
	a = open_assess(f->s2, f->dir, &ss);
	assert_int_equal(assess_actions(a)->n, 2);
	assert_int_equal(assess_carry_previous(a, p), 0);
	assert_int_equal(assess_actions(a)->n, 2);
	close_assess(a, ss);
	previous_free(p);
	diag_free(&d);
}

static void test_previous_refused(void **state)
{
	struct fixture *f = *state;
	struct diag d = {0};
	char *path;

	make_last_year(f);
	path = xasprintf("%s/t-1-kultur.csv", f->dir);
	/* the same version is not last year's */
	assert_null(previous_load(path, f->s1, "Kultur", &d));
	assert_int_equal(d.count, 1);
	assert_non_null(strstr(d.entries[0].message, "a version before 1"));
	diag_clear(&d);
	assert_null(previous_load(path, f->s2, "Miljö", &d));
	assert_non_null(strstr(d.entries[0].message, "not 'Miljö'"));
	diag_clear(&d);
	{
		static const char other[] = "[survey]\nid = other\nversion = 5\nlanguages = sv\n"
			"scoring = percent\ntitle.sv = O\n\n[area.a]\ntitle.sv = A\n\n"
			"[question.q1]\narea = a\ntype = yesno\ntext.sv = Q\n";
		struct survey *o = load(other, sizeof other - 1);
		assert_null(previous_load(path, o, "Kultur", &d));
		assert_non_null(strstr(d.entries[0].message, "survey 't', not of 'other'"));
		survey_free(o);
		diag_clear(&d);
	}
	{
		char *bad = xasprintf("%s/bad.csv", f->dir);
		write_text(bad, "no,result\r\n");
		assert_null(previous_load(bad, f->s2, "Kultur", &d));
		assert_true(d.count > 0);
		diag_clear(&d);
		free(bad);
	}
	/* found in the folder but broken: said, not taken */
	{
		char *broken = xasprintf("%s/t-1-kultur.csv", f->dir);
		write_text(broken, "survey_id,x\r\n1,2\r\n");
		assert_null(previous_find(f->dir, f->s2, "Kultur", &d));
		assert_true(d.count > 0);
		assert_non_null(strstr(d.entries[0].file, "t-1-kultur.csv"));
		free(broken);
	}
	free(path);
	diag_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_actions_saved_and_read_back, setup, teardown),
		cmocka_unit_test_setup_teardown(test_finalise_approve_seal_reopen, setup, teardown),
		cmocka_unit_test_setup_teardown(test_previous_answers_by_id, setup, teardown),
		cmocka_unit_test_setup_teardown(test_previous_refused, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
