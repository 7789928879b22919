/* The rules of an assessment (assess.h), without a terminal: parsing every
 * kind of input, navigation with skip logic, hidden answers, undo,
 * finalising, names. */
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
#include "result.h"
#include "util.h"

static const char survey_ini[] =
	"[survey]\nid = t\nversion = 1\nlanguages = sv\nscoring = percent\ntitle.sv = T\n\n"
	"[area.a]\ntitle.sv = A\n\n"
	"[question.skala]\narea = a\ntype = yesno\ntext.sv = S\n\n"
	"[question.gate]\narea = a\ntype = yesno\nna = yes\ntext.sv = G\n\n"
	"[question.follow]\narea = a\ntype = yesno\ntext.sv = F\nshow_if = gate = yes\n\n"
	"[question.antal]\narea = a\ntype = number\nmin = 0\nmax = 5000\ndecimals = 1\n"
	"text.sv = N\n\n"
	"[question.hela]\narea = a\ntype = number\nmin = -10\nmax = 100\ntext.sv = H\n\n"
	"[question.flera]\narea = a\ntype = multi\noptions = x y z\nx.label.sv = X\n"
	"y.label.sv = Y\nz.label.sv = Z\nx.points = 1\ny.points = 1\nz.points = 1\n"
	"text.sv = M\n\n"
	"[question.fri]\narea = a\ntype = text\nrequired = no\ntext.sv = T\n\n"
	"[question.manga]\narea = a\ntype = choice\nrequired = no\ntext.sv = M\n"
	"options = o1 o2 o3 o4 o5 o6 o7 o8 o9 o10 o11\n" "o1.label.sv = O1\no1.points = 1\n""o2.label.sv = O2\no2.points = 2\n""o3.label.sv = O3\no3.points = 3\n""o4.label.sv = O4\no4.points = 4\n""o5.label.sv = O5\no5.points = 5\n""o6.label.sv = O6\no6.points = 6\n""o7.label.sv = O7\no7.points = 7\n""o8.label.sv = O8\no8.points = 8\n""o9.label.sv = O9\no9.points = 9\n""o10.label.sv = O10\no10.points = 10\n""o11.label.sv = O11\no11.points = 11\n";

enum { Q_SKALA, Q_GATE, Q_FOLLOW, Q_ANTAL, Q_HELA, Q_FLERA, Q_FRI, Q_MANGA };

struct fixture {
	char dir[64];
	struct survey *s;
	struct session *ss;
	struct assess *a;
};

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	struct diag d = {0};

	snprintf(f->dir, sizeof f->dir, "/tmp/test_assess.XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	f->s = survey_load_buffer("t.ini", survey_ini, sizeof survey_ini - 1, &d);
	if (!f->s)
		diag_print(&d, stderr);
	assert_non_null(f->s);
	assert_int_equal(session_open(f->s, f->dir, "Kultur", "Åsa", &f->ss, &d), SESSION_OK);
	f->a = assess_new(f->ss);
	diag_free(&d);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char *cmd = xasprintf("rm -rf '%s'", f->dir);

	assess_free(f->a);
	session_close(f->ss);
	survey_free(f->s);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", f->dir);
	free(cmd);
	free(f);
	return 0;
}

/* Parses input for question q: true when accepted, the number in *v. */
static bool parse(struct fixture *f, size_t q, const char *in, double *v, char *msg)
{
	struct assess_value val;
	bool ok = assess_parse(&f->s->questions[q], in, &val, msg);

	if (ok && v)
		*v = val.number;
	if (ok)
		assess_value_release(&val);
	return ok;
}

static void test_numbers_swedish_and_checked(void **state)
{
	struct fixture *f = *state;
	char msg[ASSESS_MSG_SIZE];
	double v = -1;

	assert_true(parse(f, Q_ANTAL, "1 234,5", &v, msg));
	assert_true(v == 1234.5);
	assert_true(parse(f, Q_ANTAL, "1234.5", &v, msg));
	assert_true(v == 1234.5);
	assert_true(parse(f, Q_ANTAL, "  7,50 ", &v, msg)); /* trailing zero is no decimal */
	assert_true(v == 7.5);
	assert_true(parse(f, Q_ANTAL, "2\u00a0500", &v, msg)); /* no-break space */
	assert_true(v == 2500);
	assert_true(parse(f, Q_HELA, "\u22125", &v, msg)); /* a typographic minus */
	assert_true(v == -5);
	/* decimals = 1: 7,55 would be shown as 7,5 and silently changed */
	assert_false(parse(f, Q_ANTAL, "7,55", &v, msg));
	assert_non_null(strstr(msg, "at most 1 decimal"));
	/* decimals = 0 */
	assert_false(parse(f, Q_HELA, "42,5", &v, msg));
	assert_non_null(strstr(msg, "whole number"));
	assert_non_null(strstr(msg, "from -10 to 100"));
	/* range, and what is not a number at all */
	assert_false(parse(f, Q_ANTAL, "5001", &v, msg));
	assert_false(parse(f, Q_HELA, "-11", &v, msg));
	assert_false(parse(f, Q_ANTAL, "12 34", &v, msg));   /* not a thousands group */
	assert_false(parse(f, Q_ANTAL, "1,2,3", &v, msg));
	assert_false(parse(f, Q_ANTAL, "0x10", &v, msg));
	assert_false(parse(f, Q_ANTAL, "inf", &v, msg));
	assert_false(parse(f, Q_ANTAL, "1e3", &v, msg));
	assert_false(parse(f, Q_ANTAL, ",5", &v, msg));
	assert_false(parse(f, Q_ANTAL, "5,", &v, msg));
	assert_false(parse(f, Q_ANTAL, "fem", &v, msg));
	assert_non_null(strstr(msg, "'fem' is refused"));
	/* what a file cannot keep exactly is refused, not rounded */
	assert_false(parse(f, Q_ANTAL, "4999,99", &v, msg)); /* decimals 1 */
	assert_false(parse(f, Q_HELA, "99,0000000000000001", &v, msg));
	assert_non_null(strstr(msg, "at most 15 digits"));
	/* a long input is quoted cut by characters, never in the middle of one */
	assert_false(parse(f, Q_ANTAL, "åååååååååååååååååååååååååååååååååååååå", &v, msg));
	assert_non_null(strstr(msg, "ååå…' is refused"));
}

static void test_choices_multi_text_and_empty(void **state)
{
	struct fixture *f = *state;
	struct assess_value v;
	char msg[ASSESS_MSG_SIZE];

	assert_true(assess_parse(&f->s->questions[Q_SKALA], "2", &v, msg));
	assert_int_equal(v.option, 1);
	assert_false(assess_parse(&f->s->questions[Q_SKALA], "4", &v, msg));
	assert_non_null(strstr(msg, "1 to 3"));
	assert_false(assess_parse(&f->s->questions[Q_SKALA], "12", &v, msg));
	/* beyond nine options, the number is typed whole */
	assert_true(assess_parse(&f->s->questions[Q_MANGA], "11", &v, msg));
	assert_int_equal(v.option, 10);
	assert_true(assess_parse(&f->s->questions[Q_MANGA], "1", &v, msg));
	assert_int_equal(v.option, 0);
	assert_false(assess_parse(&f->s->questions[Q_MANGA], "12", &v, msg));
	assert_non_null(strstr(msg, "1 to 11"));
	assert_true(assess_parse(&f->s->questions[Q_FLERA], "1, 3", &v, msg));
	assert_int_equal(v.chosen, 5);
	assert_true(assess_parse(&f->s->questions[Q_FLERA], "-", &v, msg));
	assert_int_equal(v.state, ANSWER_GIVEN);
	assert_int_equal(v.chosen, 0);
	assert_false(assess_parse(&f->s->questions[Q_FLERA], "1 4", &v, msg));
	assert_true(assess_parse(&f->s->questions[Q_FLERA], "   ", &v, msg));
	assert_int_equal(v.state, ANSWER_NONE);
	assert_true(assess_parse(&f->s->questions[Q_FRI], " å ä ö ", &v, msg));
	assert_string_equal(v.text, " å ä ö ");
	assess_value_release(&v);
}

static void test_input_is_what_the_file_holds(void **state)
{
	struct fixture *f = *state;
	char msg[ASSESS_MSG_SIZE];
	char *shown;
	struct result_table *t;
	struct diag d = {0};

	assert_int_equal(assess_input(f->a, Q_ANTAL, "1 234,5", msg), ASSESS_SAVED);
	shown = assess_answer_text(f->a, Q_ANTAL); /* English: a decimal point */
	assert_string_equal(shown, "1234.5");
	free(shown);
	/* a refused input changes nothing */
	assert_int_equal(assess_input(f->a, Q_ANTAL, "7,55", msg), ASSESS_REFUSED);
	assert_true(f->ss->answers->a[Q_ANTAL].number == 1234.5);
	t = result_load(f->ss->path, &d);
	assert_non_null(t);
	for (size_t i = 0; i < t->n_rows; i++)
		if (strcmp(t->rows[i].field[RC_QUESTION_ID], "antal") == 0)
			assert_string_equal(t->rows[i].field[RC_ANSWER], "1234.5");
	result_table_release(t);
	free(t);
	diag_free(&d);
}

static void test_navigation_follows_skip_logic(void **state)
{
	struct fixture *f = *state;

	/* follow is hidden until gate = yes */
	assert_false(assess_visible(f->a, Q_FOLLOW));
	assert_int_equal(assess_next(f->a, Q_GATE), Q_ANTAL);
	assert_int_equal(assess_prev(f->a, Q_ANTAL), Q_GATE);
	assert_int_equal(assess_next(f->a, ASSESS_NONE), Q_SKALA);
	assert_int_equal(assess_start(f->a), Q_SKALA);
	assert_int_equal(f->a->total, 7);
	assert_int_equal(assess_choose(f->a, Q_GATE, 0), ASSESS_SAVED); /* yes */
	assert_true(assess_visible(f->a, Q_FOLLOW));
	assert_int_equal(assess_after(f->a, Q_GATE), Q_FOLLOW);
	assert_int_equal(f->a->total, 8);
	assert_int_equal(f->a->done, 1);
	/* the next open question wraps round */
	assert_int_equal(assess_next_open(f->a, Q_MANGA + 1), Q_SKALA);
	assert_int_equal(assess_next_open(f->a, Q_GATE), Q_FOLLOW);
	assert_true(assess_area_begins(f->a, Q_SKALA));
	assert_false(assess_area_begins(f->a, Q_GATE));
}

static void test_hidden_answer_is_kept(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(assess_choose(f->a, Q_GATE, 0), ASSESS_SAVED);
	assert_int_equal(assess_choose(f->a, Q_FOLLOW, 2), ASSESS_SAVED);
	assert_int_equal(f->a->done, 2);
	/* gate = no hides the follow-up: its answer no longer counts ... */
	assert_int_equal(assess_choose(f->a, Q_GATE, 2), ASSESS_SAVED);
	assert_false(assess_visible(f->a, Q_FOLLOW));
	assert_false(assess_answered(f->a, Q_FOLLOW));
	assert_int_equal(f->a->done, 1);
	/* ... but comes back with the question */
	assert_int_equal(assess_choose(f->a, Q_GATE, 0), ASSESS_SAVED);
	assert_true(assess_answered(f->a, Q_FOLLOW));
	assert_int_equal(f->ss->answers->a[Q_FOLLOW].option, 2);
}

static void test_undo_takes_back_clear_na_and_comment(void **state)
{
	struct fixture *f = *state;
	size_t q = ASSESS_NONE;

	assert_int_equal(assess_undo(f->a, &q), ASSESS_UNCHANGED);
	assert_int_equal(assess_choose(f->a, Q_SKALA, 1), ASSESS_SAVED);
	assert_int_equal(assess_clear(f->a, Q_SKALA), ASSESS_SAVED);
	assert_int_equal(f->ss->answers->a[Q_SKALA].state, ANSWER_NONE);
	assert_int_equal(assess_undo(f->a, &q), ASSESS_SAVED);
	assert_int_equal(q, Q_SKALA);
	assert_int_equal(f->ss->answers->a[Q_SKALA].state, ANSWER_GIVEN);
	assert_int_equal(f->ss->answers->a[Q_SKALA].option, 1);
	/* N/A toggles, and undo goes back step by step */
	assert_int_equal(assess_toggle_na(f->a, Q_GATE), ASSESS_SAVED);
	assert_int_equal(f->ss->answers->a[Q_GATE].state, ANSWER_NA);
	assert_int_equal(assess_toggle_na(f->a, Q_GATE), ASSESS_SAVED);
	assert_int_equal(f->ss->answers->a[Q_GATE].state, ANSWER_NONE);
	assert_int_equal(assess_toggle_na(f->a, Q_SKALA), ASSESS_REFUSED); /* not allowed */
	assert_int_equal(assess_comment(f->a, Q_FRI, "åäö"), ASSESS_SAVED);
	assert_int_equal(assess_undo(f->a, &q), ASSESS_SAVED);
	assert_null(f->ss->answers->a[Q_FRI].comment);
	assert_int_equal(assess_undo(f->a, &q), ASSESS_SAVED);
	assert_int_equal(f->ss->answers->a[Q_GATE].state, ANSWER_NA);
	/* a change that changes nothing is not an undo step */
	assert_int_equal(assess_choose(f->a, Q_SKALA, 1), ASSESS_UNCHANGED);
	for (int i = 0; i < 2 * ASSESS_UNDO_DEPTH; i++)
		assess_choose(f->a, Q_SKALA, (size_t)(i % 2));
	assert_int_equal(f->a->undo_len, ASSESS_UNDO_DEPTH);
}

static void test_finalise_refused_while_required_open(void **state)
{
	struct fixture *f = *state;
	char msg[ASSESS_MSG_SIZE];
	size_t first = 0;

	assert_int_equal(assess_finalise(f->a, &first), ASSESS_REFUSED);
	assert_int_equal(first, Q_SKALA);
	assert_false(f->ss->answers->final);
	assess_choose(f->a, Q_SKALA, 0);
	assess_toggle_na(f->a, Q_GATE);
	assess_input(f->a, Q_ANTAL, "3", msg);
	assess_input(f->a, Q_HELA, "3", msg);
	assert_int_equal(assess_can_finalise(f->a, &first), ASSESS_REFUSED);
	assert_int_equal(first, Q_FLERA);
	assert_int_equal(f->a->required_open, 1);
	assess_confirm(f->a, Q_FLERA); /* none of them: an answer */
	/* the optional text question may stay open */
	assert_int_equal(assess_finalise(f->a, &first), ASSESS_SAVED);
	assert_true(assess_is_final(f->a));
	assert_int_equal(assess_choose(f->a, Q_SKALA, 1), ASSESS_READ_ONLY);
	assert_int_equal(assess_reopen(f->a), ASSESS_SAVED);
	assert_false(assess_is_final(f->a));
}

static void test_typed_text_is_kept(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(assess_keep_typed(f->a, Q_ANTAL, ""), ASSESS_UNCHANGED);
	/* an answer that fits is the answer */
	assert_int_equal(assess_keep_typed(f->a, Q_ANTAL, "12"), ASSESS_SAVED);
	assert_true(f->ss->answers->a[Q_ANTAL].number == 12);
	/* one that does not is kept in the comment, the answer untouched */
	assess_comment(f->a, Q_ANTAL, "Före");
	assert_int_equal(assess_keep_typed(f->a, Q_ANTAL, "12,"), ASSESS_SAVED);
	assert_true(f->ss->answers->a[Q_ANTAL].number == 12);
	assert_string_equal(f->ss->answers->a[Q_ANTAL].comment,
			    "Före\n(typed, not confirmed:) 12,");
}

static void test_names(void **state)
{
	char msg[ASSESS_MSG_SIZE], *name = xcalloc(ASSESS_NAME_MAX + 2, 2);

	(void)state;
	for (int i = 0; i < ASSESS_NAME_MAX; i++)
		strcat(name, "ö");
	assert_true(assess_check_name(name, msg));
	strcat(name, "ö");
	assert_false(assess_check_name(name, msg));
	assert_non_null(strstr(msg, "101 characters"));
	free(name);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_numbers_swedish_and_checked, setup, teardown),
		cmocka_unit_test_setup_teardown(test_choices_multi_text_and_empty, setup, teardown),
		cmocka_unit_test_setup_teardown(test_input_is_what_the_file_holds, setup, teardown),
		cmocka_unit_test_setup_teardown(test_navigation_follows_skip_logic, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hidden_answer_is_kept, setup, teardown),
		cmocka_unit_test_setup_teardown(test_undo_takes_back_clear_na_and_comment, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_finalise_refused_while_required_open, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_typed_text_is_kept, setup, teardown),
		cmocka_unit_test(test_names),
	};

	setenv("LANGUAGE", "en", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
