/* The action plan's rules (actions.h) and the result file's rows of the
 * yearly loop (result_read.c), without a session: dates, titles, targets,
 * statuses, overdue, areas, and every reader error of an action, approval
 * or event row; a file in today's format reads as before. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "approval.h"
#include "result.h"
#include "util.h"

static const char survey_ini[] =
	"[survey]\nid = t\nversion = 1\nlanguages = sv\nscoring = percent\ntitle.sv = T\n\n"
	"[area.a]\ntitle.sv = Styrning\n\n"
	"[area.b]\ntitle.sv = Teknik\n\n"
	"[area.both]\ntitle.sv = Both\n\n"
	"[question.q1]\narea = a\ntype = yesno\ntext.sv = Q1\n\n"
	"[question.q2]\narea = a\ntype = yesno\ntext.sv = Q2\n\n"
	"[question.q3]\narea = b\ntype = yesno\ntext.sv = Q3\n\n"
	"[question.both]\narea = both\ntype = yesno\ntext.sv = B\n";

static struct survey *load(void)
{
	struct diag d = {0};
	struct survey *s = survey_load_buffer("t.ini", survey_ini, sizeof survey_ini - 1, &d);

	if (!s)
		diag_print(&d, stderr);
	assert_non_null(s);
	diag_free(&d);
	return s;
}

static void test_dates(void **state)
{
	char msg[ACTION_MSG_SIZE];

	(void)state;
	assert_true(action_check_date("", msg));
	assert_true(action_check_date("2026-02-28", msg));
	assert_true(action_check_date("2028-02-29", msg)); /* leap year */
	assert_true(action_check_date("2000-02-29", msg)); /* divisible by 400 */
	assert_true(action_check_date("2026-12-31", msg));
	assert_false(action_check_date("2026-02-30", msg));
	assert_non_null(strstr(msg, "no date 2026-02-30"));
	assert_false(action_check_date("2026-02-29", msg));
	assert_false(action_check_date("2100-02-29", msg)); /* not a leap year */
	assert_false(action_check_date("2026-04-31", msg));
	assert_false(action_check_date("2026-13-01", msg));
	assert_false(action_check_date("2026-00-10", msg));
	assert_false(action_check_date("2026-01-00", msg));
	assert_false(action_check_date("2026-1-1", msg));
	assert_non_null(strstr(msg, "YYYY-MM-DD"));
	assert_false(action_check_date("31/12/2026", msg));
	assert_false(action_check_date("tomorrow", msg));
	assert_non_null(strstr(msg, "\"tomorrow\" is not a date"));
	assert_false(action_check_date("2026-12-31 ", msg));
	assert_false(result_parse_date("0999-01-01"));
}

static void test_status_words(void **state)
{
	enum action_status st = ACTION_N_STATUS;

	(void)state;
	assert_string_equal(action_status_name(ACTION_PLANNED), "planned");
	assert_string_equal(action_status_name(ACTION_ONGOING), "ongoing");
	assert_string_equal(action_status_name(ACTION_DONE), "done");
	assert_string_equal(action_status_name(ACTION_CANCELLED), "cancelled");
	assert_true(action_status_parse("Ongoing", &st));
	assert_int_equal(st, ACTION_ONGOING);
	assert_true(action_status_parse(" done ", &st));
	assert_int_equal(st, ACTION_DONE);
	assert_true(action_status_parse("4", &st));
	assert_int_equal(st, ACTION_CANCELLED);
	assert_true(action_status_parse("1", &st));
	assert_int_equal(st, ACTION_PLANNED);
	assert_false(action_status_parse("finished", &st));
	assert_false(action_status_parse("5", &st));
	assert_false(action_status_parse("", &st));
	assert_true(action_status_from_name("done", NULL));
	assert_false(action_status_from_name("Done", NULL)); /* files: exactly */
	assert_true(action_status_open(ACTION_PLANNED));
	assert_true(action_status_open(ACTION_ONGOING));
	assert_false(action_status_open(ACTION_DONE));
	assert_false(action_status_open(ACTION_CANCELLED));
}

static void test_apply_rules_all_or_nothing(void **state)
{
	struct survey *s = load();
	struct action x = {0};
	char msg[ACTION_MSG_SIZE];
	struct action_input in = {.title = "Inför MFA", .addresses = "q1", .due = "2027-03-31",
				  .owner = "IT-chefen", .case_number = "STK-2021-1717"};

	(void)state;
	assert_true(action_apply(&x, &in, s, msg));
	assert_string_equal(x.title, "Inför MFA");
	assert_string_equal(x.due, "2027-03-31");
	assert_string_equal(x.description, "");
	assert_int_equal(x.status, ACTION_PLANNED);
	assert_int_equal(x.n_targets, 1);

	/* each broken rule: refused with a message, nothing changed */
	struct action_input bad[] = {
		{.title = "   "},
		{.title = "Ny", .due = "2026-02-30"},
		{.title = "Ny", .addresses = "q1 nosuch"},
		{.title = "Ny", .status = "klar"},
		{.title = "Ny", .owner = "två\nrader"},
	};
	const char *why[] = {"needs a title", "no date 2026-02-30", "no area or question \"nosuch\"",
			     "\"klar\" is not a status", "one line"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_false(action_apply(&x, &bad[i], s, msg));
		assert_non_null(strstr(msg, why[i]));
		assert_string_equal(x.title, "Inför MFA");
		assert_string_equal(x.due, "2027-03-31");
		assert_int_equal(x.n_targets, 1);
		assert_int_equal(x.status, ACTION_PLANNED);
	}
	/* a new action without a title */
	{
		struct action y = {0};
		struct action_input none = {.owner = "x"};
		assert_false(action_apply(&y, &none, s, msg));
		assert_non_null(strstr(msg, "needs a title"));
		action_release(&y);
	}
	/* NULL fields stay; a change of status alone */
	struct action_input st = {.status = "ongoing"};
	assert_true(action_apply(&x, &st, s, msg));
	assert_int_equal(x.status, ACTION_ONGOING);
	assert_string_equal(x.title, "Inför MFA");
	assert_string_equal(x.owner, "IT-chefen");
	/* an empty due date removes it */
	struct action_input nodue = {.due = ""};
	assert_true(action_apply(&x, &nodue, s, msg));
	assert_string_equal(x.due, "");
	/* a title too long */
	{
		char *longt = xcalloc(ACTION_TEXT_MAX + 2, 1);
		memset(longt, 'x', ACTION_TEXT_MAX + 1);
		struct action_input lt = {.title = longt};
		assert_false(action_apply(&x, &lt, s, msg));
		assert_non_null(strstr(msg, "at most 200"));
		free(longt);
	}
	action_release(&x);
	survey_free(s);
}

static void test_addresses(void **state)
{
	struct survey *s = load();
	struct action_target *t;
	size_t n;
	char msg[ACTION_MSG_SIZE];
	struct action x = {0};

	(void)state;
	assert_true(action_parse_addresses(s, "q1, b  q1", &t, &n, msg));
	assert_int_equal(n, 2); /* q1 once */
	assert_int_equal(t[0].kind, ACTION_TARGET_QUESTION);
	assert_string_equal(t[0].id, "q1");
	assert_int_equal(t[1].kind, ACTION_TARGET_AREA);
	assert_string_equal(t[1].id, "b");
	x.targets = t;
	x.n_targets = n;
	{
		char *field = action_addresses_field(&x);
		assert_string_equal(field, "question:q1 area:b");
		free(field);
	}
	{
		char *text = action_targets_text(&x, s, 0);
		assert_string_equal(text, "question q1; area Teknik");
		free(text);
	}
	action_targets_release(t, n);
	x.targets = NULL;
	x.n_targets = 0;
	assert_true(action_parse_addresses(s, "department", &t, &n, msg));
	assert_int_equal(n, 0);
	assert_true(action_parse_addresses(s, "", &t, &n, msg));
	assert_int_equal(n, 0);
	{
		char *field = action_addresses_field(&x), *text = action_targets_text(&x, s, 0);
		assert_string_equal(field, "department");
		assert_string_equal(text, "the whole department");
		free(field);
		free(text);
	}
	/* an id that is both an area and a question says which to write */
	assert_false(action_parse_addresses(s, "both", &t, &n, msg));
	assert_non_null(strstr(msg, "area:both or question:both"));
	assert_true(action_parse_addresses(s, "area:both question:both", &t, &n, msg));
	assert_int_equal(n, 2);
	action_targets_release(t, n);
	assert_false(action_parse_addresses(s, "area:q1", &t, &n, msg)); /* q1 is no area */
	assert_non_null(strstr(msg, "\"q1\""));
	assert_false(action_parse_addresses(s, "question:nej", &t, &n, msg));
	assert_false(action_parse_addresses(s, "\x1b[2J", &t, &n, msg));
	assert_null(strchr(msg, '\x1b')); /* made visible */
	survey_free(s);
}

static void add(struct action_list *l, const struct survey *s, const char *title,
		const char *addr, const char *status, const char *due)
{
	struct action_input in = {.title = title, .addresses = addr, .status = status,
				  .due = due};
	char msg[ACTION_MSG_SIZE];

	l->items = xgrow(l->items, &l->cap, l->n + 1, sizeof *l->items);
	memset(&l->items[l->n], 0, sizeof l->items[0]);
	assert_true(action_apply(&l->items[l->n], &in, s, msg));
	free(l->items[l->n].id);
	l->items[l->n].id = actions_next_id(l, NULL);
	l->n++;
}

static void test_overdue_areas_and_counts(void **state)
{
	struct survey *s = load();
	struct action_list l = {0};
	size_t out[8], counts[ACTION_N_STATUS];
	char today[11];

	(void)state;
	add(&l, s, "A", "q1", "planned", "2026-11-30");      /* area a, through q1 */
	add(&l, s, "B", "area:b", "done", "2020-01-01");     /* area b, done */
	add(&l, s, "C", "department", "ongoing", "2026-12-01");
	add(&l, s, "D", "a q3", "cancelled", "");
	assert_string_equal(l.items[0].id, "A1");
	assert_string_equal(l.items[3].id, "A4");
	assert_false(action_overdue(&l.items[0], "2026-11-30")); /* due today */
	assert_true(action_overdue(&l.items[0], "2026-12-01"));
	assert_false(action_overdue(&l.items[1], "2026-12-01"));  /* done */
	assert_false(action_overdue(&l.items[2], "2026-12-01"));
	assert_true(action_overdue(&l.items[2], "2027-01-01"));
	assert_false(action_overdue(&l.items[3], "2030-01-01"));  /* no date, cancelled */
	assert_int_equal(strlen(action_today(today)), 10);
	assert_true(result_parse_date(today));

	assert_int_equal(actions_open_in_area(&l, s, 0), 1);  /* A (D is cancelled) */
	assert_int_equal(actions_open_in_area(&l, s, 1), 0);  /* B done, D cancelled */
	assert_int_equal(actions_open_in_area(&l, s, 2), 0);  /* C is the department's */
	assert_int_equal(actions_for_area(&l, s, 0, out), 2);
	assert_int_equal(out[0], 0);
	assert_int_equal(out[1], 3);
	assert_int_equal(actions_for_area(&l, s, 1, out), 2); /* B, and D through q3 */
	assert_true(action_addresses_question(&l.items[0], "q1"));
	assert_false(action_addresses_question(&l.items[0], "q2"));
	actions_count(&l, counts);
	assert_int_equal(counts[ACTION_PLANNED], 1);
	assert_int_equal(counts[ACTION_ONGOING], 1);
	assert_int_equal(counts[ACTION_DONE], 1);
	assert_int_equal(counts[ACTION_CANCELLED], 1);
	assert_ptr_equal(actions_find(&l, "A3"), &l.items[2]);
	assert_null(actions_find(&l, "A9"));
	{
		struct action_list other = {0};
		char *id;
		add(&other, s, "X", "", NULL, NULL);
		free(other.items[0].id);
		other.items[0].id = xstrdup("A17");
		id = actions_next_id(&l, &other);
		assert_string_equal(id, "A18"); /* never an id of last year's */
		free(id);
		actions_release(&other);
	}
	/* a survey without area b: its targets dropped, noted */
	{
		struct strbuf notes = {0};
		struct survey *s2;
		struct diag d = {0};
		static const char small[] =
			"[survey]\nid = t\nversion = 2\nlanguages = sv\nscoring = percent\n"
			"title.sv = T\n\n[area.a]\ntitle.sv = A\n\n"
			"[question.q1]\narea = a\ntype = yesno\ntext.sv = Q1\n";
		s2 = survey_load_buffer("s2.ini", small, sizeof small - 1, &d);
		assert_non_null(s2);
		assert_int_equal(actions_fit_survey(&l, s2, &notes), 2); /* area:b, q3 */
		assert_int_equal(l.items[1].n_targets, 0);              /* the department */
		assert_int_equal(l.items[3].n_targets, 1);              /* a stays */
		assert_non_null(strstr(notes.buf, "action A2: area b is not in the survey"));
		strbuf_free(&notes);
		survey_free(s2);
		diag_free(&d);
	}
	actions_release(&l);
	survey_free(s);
}

/* ---- the reader ---- */

#define SHA "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
#define HEAD "survey_id,survey_version,survey_sha256,department,respondent,status," \
	"updated_at,area_id,area_title,area_weight,question_id,question_text,level," \
	"answer,value,max_value,weight,na,comment"
#define COMMON(status) "t,1," SHA ",Kultur,Åsa," status ",2026-11-20T14:03:11Z"
#define QROW(status, q) COMMON(status) ",a,A,1," q ",Q,,,,,1,0,"
#define NEWHEAD HEAD ",record,action_id,action_title,action_addresses,action_status," \
	"action_due,changed_at,changed_by,person,seal,event"
/* a part row: the 19 question columns empty but the common ones */
#define PART(status) COMMON(status) ",,,,,,,,,,,,,"

static struct result_table *read_text(const char *text, struct diag *d)
{
	return result_load_buffer("r.csv", text, strlen(text), d);
}

static void expect_error(const char *text, long line, const char *what)
{
	struct diag d = {0};
	struct result_table *t = read_text(text, &d);

	if (t) {
		fprintf(stderr, "read without error, expected line %ld: %s\n", line, what);
		result_table_release(t);
		free(t);
		fail();
	}
	for (size_t i = 0; i < d.count; i++)
		if (d.entries[i].line == line && strstr(d.entries[i].message, what)) {
			diag_free(&d);
			return;
		}
	diag_print(&d, stderr);
	diag_free(&d);
	fail_msg("no error '%s' at line %ld", what, line);
}

static void test_reader_old_format_and_parts(void **state)
{
	struct diag d = {0};
	struct result_table *t;
	struct action_list l = {0};
	struct approval ap = {0};
	struct history h = {0};

	(void)state;
	/* today's format: as before, no parts */
	t = read_text(HEAD "\r\n" QROW("draft", "q1") "\r\n" QROW("draft", "q2") "\r\n", &d);
	assert_non_null(t);
	assert_int_equal(t->n_rows, 2);
	assert_int_equal(t->n_parts, 0);
	{
		size_t len;
		char *csv = result_format(t, &len);
		/* written back with today's columns alone */
		assert_null(strstr(csv, "record"));
		assert_non_null(strstr(csv, "answer_label\r\n"));
		free(csv);
	}
	result_table_release(t);
	free(t);

	/* with every kind of part: the question rows are exactly those */
	t = read_text(NEWHEAD "\r\n"
		      QROW("final", "q1") ",,,,,,,,,,,\r\n"
		      PART("final") "action,A1,'=Inför MFA,question:q1 area:a,ongoing,"
		      "2027-03-31,2026-11-20T14:03:11Z,anna,,,\r\n"
		      QROW("final", "q2") "question,,,,,,,,,,,\r\n"
		      PART("final") "approval,,,,,,2026-11-20T14:03:11Z,anna,Eva Ek," SHA ",\r\n"
		      PART("final") "event,,,,,,2026-11-20T14:03:11Z,anna,Åsa,,finalise\r\n", &d);
	if (!t)
		diag_print(&d, stderr);
	assert_non_null(t);
	assert_int_equal(t->n_rows, 2);
	assert_string_equal(t->rows[1].field[RC_QUESTION_ID], "q2");
	assert_int_equal(t->n_parts, 3);
	assert_int_equal(t->parts[0].v.record, RECORD_ACTION);
	assert_int_equal(t->parts[0].line, 3);
	assert_int_equal(t->parts[1].v.record, RECORD_APPROVAL);
	assert_int_equal(t->parts[2].v.record, RECORD_EVENT);
	actions_from_table(&l, t);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.items[0].title, "=Inför MFA"); /* the neutralising dropped */
	assert_int_equal(l.items[0].status, ACTION_ONGOING);
	assert_int_equal(l.items[0].n_targets, 2);
	assert_string_equal(l.items[0].changed_by, "anna");
	approval_from_table(&ap, &h, t);
	assert_true(ap.present);
	assert_string_equal(ap.name, "Eva Ek");
	assert_int_equal(h.n, 1);
	assert_int_equal(h.ev[0].kind, HISTORY_FINALISE);
	assert_string_equal(h.ev[0].name, "Åsa");
	/* a seal of all zeroes of the hex alphabet cannot match */
	assert_int_equal(approval_state_of(t), APPROVAL_BROKEN);
	{
		/* written back: the parts after the questions, texts neutralised */
		size_t len;
		char *csv = result_format(t, &len);
		assert_non_null(strstr(csv, ",action,A1,'=Inför MFA,"));
		free(csv);
	}
	actions_release(&l);
	approval_release(&ap);
	history_release(&h);
	result_table_release(t);
	free(t);
	diag_free(&d);
}

static void test_reader_errors(void **state)
{
	(void)state;
	expect_error(NEWHEAD "\r\n" QROW("draft", "q1") ",,,,,,,,,,,\r\n"
		     PART("draft") "actoin,A1,T,department,planned,,,,,,\r\n", 3,
		     "record: 'actoin' is not question, action, approval or event");
	expect_error(NEWHEAD "\r\n" QROW("draft", "q1") ",,,,,,,,,,,\r\n"
		     PART("draft") "action,A1,T,department,planned,2026-02-30,,,,,\r\n", 3,
		     "action_due: '2026-02-30' is not a date");
	expect_error(NEWHEAD "\r\n" QROW("draft", "q1") ",,,,,,,,,,,\r\n"
		     PART("draft") "action,A1,,department,planned,,,,,,\r\n", 3,
		     "action 'A1' has no title");
	expect_error(NEWHEAD "\r\n" QROW("draft", "q1") ",,,,,,,,,,,\r\n"
		     PART("draft") "action,A1,T,department,klar,,,,,,\r\n", 3,
		     "action_status: 'klar' is not planned, ongoing, done or cancelled");
	expect_error(NEWHEAD "\r\n" QROW("draft", "q1") ",,,,,,,,,,,\r\n"
		     PART("draft") "action,A1,T,question:q9,planned,,,,,,\r\n", 3,
		     "action_addresses: question 'q9' is not in this file");
	expect_error(NEWHEAD "\r\n" QROW("draft", "q1") ",,,,,,,,,,,\r\n"
		     PART("draft") "action,A1,T,area:zz,planned,,,,,,\r\n", 3,
		     "action_addresses: area 'zz' is not in this file");
	expect_error(NEWHEAD "\r\n" QROW("draft", "q1") ",,,,,,,,,,,\r\n"
		     PART("draft") "action,A1,T,q1,planned,,,,,,\r\n", 3,
		     "'q1' is neither area:ID nor question:ID");
	expect_error(NEWHEAD "\r\n" QROW("draft", "q1") ",,,,,,,,,,,\r\n"
		     PART("draft") "action,A1,T,,planned,,,,,,\r\n", 3,
		     "action_addresses is empty");
	expect_error(NEWHEAD "\r\n" QROW("draft", "q1") ",,,,,,,,,,,\r\n"
		     PART("draft") "action,A1,T,department,planned,,,,,,\r\n"
		     PART("draft") "action,A1,U,department,planned,,,,,,\r\n", 4,
		     "action 'A1' appears again (first at line 3)");
	expect_error(NEWHEAD "\r\n" QROW("draft", "q1") ",,,,,,,,,,,\r\n"
		     PART("draft") "action,A 1,T,department,planned,,,,,,\r\n", 3,
		     "action_id: 'A 1' is not an id");
	expect_error(NEWHEAD "\r\n" QROW("draft", "q1") ",,,,,,,,,,,\r\n"
		     PART("draft") "approval,,,,,,2026-11-20T14:03:11Z,anna,Eva," SHA ",\r\n",
		     3, "an approval in a draft");
	expect_error(NEWHEAD "\r\n" QROW("final", "q1") ",,,,,,,,,,,\r\n"
		     PART("final") "approval,,,,,,2026-11-20T14:03:11Z,anna,,"  SHA ",\r\n",
		     3, "the approval names no person");
	expect_error(NEWHEAD "\r\n" QROW("final", "q1") ",,,,,,,,,,,\r\n"
		     PART("final") "approval,,,,,,2026-11-20T14:03:11Z,anna,Eva,abc,\r\n",
		     3, "seal: 'abc' is not a SHA-256");
	expect_error(NEWHEAD "\r\n" QROW("final", "q1") ",,,,,,,,,,,\r\n"
		     PART("final") "approval,,,,,,2026-11-20T14:03:11Z,anna,Eva," SHA ",\r\n"
		     PART("final") "approval,,,,,,2026-11-20T14:03:11Z,anna,Eva," SHA ",\r\n",
		     4, "a second approval");
	expect_error(NEWHEAD "\r\n" QROW("final", "q1") ",,,,,,,,,,,\r\n"
		     PART("final") "approval,,,,,,yesterday,anna,Eva," SHA ",\r\n",
		     3, "changed_at: 'yesterday' is not a UTC time");
	expect_error(NEWHEAD "\r\n" QROW("draft", "q1") ",,,,,,,,,,,\r\n"
		     PART("draft") "event,,,,,,2026-11-20T14:03:11Z,anna,,,signed\r\n", 3,
		     "event: 'signed' is not finalise, reopen");
	expect_error(NEWHEAD "\r\n" QROW("draft", "q1") ",,,,,,,,,,,\r\n"
		     PART("draft") "event,,,,,,,anna,,,reopen\r\n", 3,
		     "changed_at: '' is not a UTC time");
	expect_error(NEWHEAD "\r\n" QROW("draft", "q1") ",,,,,,,,,,,\r\n"
		     PART("draft") "event,,,,,,2026-11-20T14:03:11Z,anna,,,action-added\r\n", 3,
		     "event action-added: action_id '' is not an id");
	/* a part row of another department or status */
	expect_error(NEWHEAD "\r\n" QROW("draft", "q1") ",,,,,,,,,,,\r\n"
		     COMMON("final") ",,,,,,,,,,,,,action,A1,T,department,planned,,,,,,\r\n", 3,
		     "status 'final' differs from the first row's 'draft'");
	/* only parts, no questions */
	expect_error(NEWHEAD "\r\n" PART("draft") "action,A1,T,department,planned,,,,,,\r\n",
		     1, "no question rows");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_status_words),
		cmocka_unit_test(test_apply_rules_all_or_nothing),
		cmocka_unit_test(test_addresses),
		cmocka_unit_test(test_overdue_areas_and_counts),
		cmocka_unit_test(test_reader_old_format_and_parts),
		cmocka_unit_test(test_reader_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
