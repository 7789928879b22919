/* Result files: answers -> CSV -> answers round trips, scores recomputed
 * from rows, formula neutralising, and every reader check with its line. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "answers.h"
#include "fileio.h"
#include "result.h"
#include "survey.h"
#include "util.h"

static const char survey_ini[] =
	"[survey]\n"
	"id = test\nversion = 2026\nlanguages = sv en\n"
	"title.sv = Prov\ntitle.en = Test\n"
	"[level.1]\ntitle.sv = Grund\ntitle.en = Basic\n"
	"[level.2]\ntitle.sv = Mer\ntitle.en = More\n"
	"[scale.m]\noptions = 0 1 2 3 4\n"
	"0.label.sv = Nej\n0.label.en = No\n0.points = 0\n"
	"1.label.sv = Lite\n1.label.en = Little\n1.points = 1\n"
	"2.label.sv = Delvis\n2.label.en = Partly\n2.points = 2\n"
	"3.label.sv = Mycket\n3.label.en = Largely\n3.points = 3\n"
	"4.label.sv = Helt\n4.label.en = Fully\n4.points = 4\n"
	"[area.styr]\ntitle.sv = Styrning, \"ledning\" och ansvar\ntitle.en = Gov\n"
	"weight = 2\ntarget = 2\n"
	"[area.drift]\ntitle.sv = Drift\ntitle.en = Operations\n"
	"[question.policy]\narea = styr\ntype = scale\nscale = m\nlevel = 1\n"
	"text.sv = Finns en policy för åäö?\ntext.en = Policy?\n"
	"[question.kritisk]\narea = styr\ntype = yesno\nlevel = 1\n"
	"text.sv = Kritiska system?\ntext.en = Critical?\n"
	"[question.plan]\narea = styr\ntype = scale\nscale = m\nlevel = 2\n"
	"show_if = kritisk = yes\ntext.sv = Planer?\ntext.en = Plans?\n"
	"[question.former]\narea = drift\ntype = multi\nlevel = 1\nna = yes\n"
	"options = a b c\n"
	"a.label.sv = Kurs\na.label.en = Course\na.points = 1\n"
	"b.label.sv = Film\nb.label.en = Film\nb.points = 1\n"
	"c.label.sv = Övning\nc.label.en = Drill\nc.points = 2\n"
	"text.sv = Former?\ntext.en = Formats?\n"
	"[question.antal]\narea = drift\ntype = number\nmin = 0\nmax = 100\n"
	"decimals = 1\npoints = 2\nlevel = 2\ntext.sv = Andel?\ntext.en = Share?\n"
	"[question.fritt]\narea = drift\ntype = text\nrequired = no\n"
	"text.sv = Övrigt?\ntext.en = Other?\n";

static struct survey *load_test_survey(void)
{
	struct diag d = {0};
	struct survey *s = survey_load_buffer("test.ini", survey_ini,
					      sizeof survey_ini - 1, &d);
	if (!s)
		diag_print(&d, stderr);
	assert_non_null(s);
	diag_free(&d);
	return s;
}

static size_t qi(const struct survey *s, const char *id)
{
	size_t i = survey_question_index(s, id);
	assert_true(i != (size_t)-1);
	return i;
}

/* Every free-text field a person can type, with what breaks CSV files and
 * spreadsheets. */
static const char *const hard_texts[] = {
	"Kommunstyrelseförvaltningen, Å Ä Ö å ä ö",
	"say \"hi\", then; go",
	"line one\nline two\r\nline three",
	"=HYPERLINK(\"http://x\")",
	"+46 8 123",
	"-1",
	"@SUM(A1)",
	"\tleading tab",
	"'=already quoted",
	"''+two",
	"'plain apostrophe",
	"  spaces around  ",
	"",
};

static void fill_answers(struct answers *as)
{
	const struct survey *s = as->survey;

	answers_set_option(as, qi(s, "policy"), 3);
	answers_set_option(as, qi(s, "kritisk"), 0); /* yes */
	answers_set_option(as, qi(s, "plan"), 2);
	answers_set_chosen(as, qi(s, "former"), 0x5); /* a and c */
	answers_set_number(as, qi(s, "antal"), 37.5);
	answers_set_text(as, qi(s, "fritt"), "=1+1; \"citat\"\nrad två");
	answers_set_comment(as, qi(s, "policy"), "Beslutad 2025, se \"dnr 12\"");
	as->updated_at = 1795000000; /* 2026-11-18 */
}

static struct result_table *round_trip(const struct answers *as, char **csv_out)
{
	struct result_table t;
	struct diag d = {0};
	struct result_table *back;
	size_t len;
	char *csv;

	answers_to_table(as, &t);
	csv = result_format(&t, &len);
	result_table_release(&t);
	back = result_load_buffer("rt.csv", csv, len, &d);
	if (!back)
		diag_print(&d, stderr);
	assert_non_null(back);
	assert_int_equal(d.count, 0);
	diag_free(&d);
	if (csv_out)
		*csv_out = csv;
	else
		free(csv);
	return back;
}

static void test_round_trip_every_field(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof hard_texts / sizeof hard_texts[0]; i++) {
		struct survey *s = load_test_survey();
		/* a department needs a name; the respondent may be empty */
		const char *dep = *hard_texts[i] ? hard_texts[i] : "Förvaltning";
		struct answers *as = answers_new(s, dep, hard_texts[i]);
		struct diag d = {0};
		struct result_table *t;
		struct answers *back;

		fill_answers(as);
		answers_set_comment(as, qi(s, "kritisk"), hard_texts[i]);
		answers_set_text(as, qi(s, "fritt"), hard_texts[i]);
		t = round_trip(as, NULL);
		assert_int_equal(t->n_rows, s->n_questions);
		assert_string_equal(t->rows[0].field[RC_DEPARTMENT], dep);
		assert_string_equal(t->rows[0].field[RC_RESPONDENT], hard_texts[i]);
		back = answers_from_table(s, t, "rt.csv", &d);
		assert_non_null(back);
		assert_string_equal(back->department, dep);
		assert_string_equal(back->respondent, hard_texts[i]);
		for (size_t q = 0; q < s->n_questions; q++) {
			assert_int_equal(back->a[q].state, as->a[q].state);
			assert_int_equal(back->a[q].option, as->a[q].option);
			assert_int_equal(back->a[q].chosen, as->a[q].chosen);
			assert_true(back->a[q].number == as->a[q].number);
			if (as->a[q].comment)
				assert_string_equal(back->a[q].comment, as->a[q].comment);
			else
				assert_null(back->a[q].comment);
		}
		if (*hard_texts[i])
			assert_string_equal(back->a[qi(s, "fritt")].text, hard_texts[i]);
		assert_int_equal(back->updated_at, as->updated_at);
		answers_free(back);
		answers_free(as);
		result_table_release(t);
		free(t);
		survey_free(s);
		diag_free(&d);
	}
}

static void test_formula_text_is_neutralised_in_the_file(void **state)
{
	struct survey *s = load_test_survey();
	struct answers *as = answers_new(s, "=cmd|' /C calc'!A0", "@me");
	struct result_table *t;
	char *csv;

	(void)state;
	fill_answers(as);
	t = round_trip(as, &csv);
	/* no field in the file starts a formula */
	assert_non_null(strstr(csv, ",'=cmd|' /C calc'!A0,'@me,"));
	assert_null(strstr(csv, ",=cmd"));
	assert_non_null(strstr(csv, "\"'=1+1; \"\"citat\"\"\nrad två\""));
	assert_string_equal(t->rows[0].field[RC_DEPARTMENT], "=cmd|' /C calc'!A0");
	free(csv);
	result_table_release(t);
	free(t);
	answers_free(as);
	survey_free(s);
}

static void test_quote_prefix_rule_is_reversible(void **state)
{
	(void)state;
	assert_true(result_needs_quote_prefix("=x"));
	assert_true(result_needs_quote_prefix("'=x"));
	assert_true(result_needs_quote_prefix("''-x"));
	assert_false(result_needs_quote_prefix("'x"));
	assert_false(result_needs_quote_prefix("x=1"));
	assert_false(result_needs_quote_prefix(""));
	assert_int_equal(result_quote_prefix_len("'=x"), 1);
	assert_int_equal(result_quote_prefix_len("''=x"), 1);
	assert_int_equal(result_quote_prefix_len("'x"), 0);
	assert_int_equal(result_quote_prefix_len("=x"), 0);
}

static void test_rows_hold_points_and_states(void **state)
{
	struct survey *s = load_test_survey();
	struct answers *as = answers_new(s, "Skolförvaltningen", "Åsa");
	struct result_table *t;
	const struct result_row *r;

	(void)state;
	fill_answers(as);
	t = round_trip(as, NULL);
	r = &t->rows[qi(s, "policy")];
	assert_string_equal(r->field[RC_ANSWER], "3");
	assert_string_equal(r->field[RC_ANSWER_LABEL], "Mycket");
	assert_string_equal(r->field[RC_VALUE], "3");
	assert_string_equal(r->field[RC_MAX_VALUE], "4");
	assert_string_equal(r->field[RC_AREA_TITLE], "Styrning, \"ledning\" och ansvar");
	assert_string_equal(r->field[RC_AREA_WEIGHT], "2");
	assert_string_equal(r->field[RC_AREA_TARGET], "2");
	assert_string_equal(r->field[RC_THRESHOLD], "0.75");
	assert_string_equal(r->field[RC_UPDATED_AT], "2026-11-18T11:06:40Z");
	assert_string_equal(r->field[RC_STATUS], "draft");
	assert_string_equal(r->field[RC_SURVEY_SHA256], s->sha256);
	r = &t->rows[qi(s, "former")];
	assert_string_equal(r->field[RC_ANSWER], "a;c");
	assert_string_equal(r->field[RC_ANSWER_LABEL], "Kurs; Övning");
	assert_string_equal(r->field[RC_VALUE], "3");
	assert_string_equal(r->field[RC_MAX_VALUE], "4");
	r = &t->rows[qi(s, "antal")];
	assert_string_equal(r->field[RC_ANSWER], "37.5");
	assert_string_equal(r->field[RC_VALUE], "0.75"); /* 2 * 37.5 / 100 */
	r = &t->rows[qi(s, "fritt")];
	assert_string_equal(r->field[RC_VALUE], "");
	assert_string_equal(r->field[RC_MAX_VALUE], "");
	assert_string_equal(r->field[RC_LEVEL], "");
	assert_string_equal(r->field[RC_STATE], "answered");
	result_table_release(t);
	free(t);
	answers_free(as);
	survey_free(s);
}

static void test_numbers_ignore_the_users_locale(void **state)
{
	struct survey *s = load_test_survey();
	struct answers *as = answers_new(s, "Miljö", "");
	struct result_table *t;

	(void)state;
	/* sv_SE may be missing here; any locale with a decimal comma shows it */
	if (!setlocale(LC_ALL, "sv_SE.UTF-8") && !setlocale(LC_ALL, "de_DE.UTF-8")) {
		answers_free(as);
		survey_free(s);
		skip();
	}
	fill_answers(as);
	t = round_trip(as, NULL);
	assert_string_equal(t->rows[qi(s, "antal")].field[RC_ANSWER], "37.5");
	assert_string_equal(t->rows[qi(s, "antal")].field[RC_VALUE], "0.75");
	setlocale(LC_ALL, "C.UTF-8");
	result_table_release(t);
	free(t);
	answers_free(as);
	survey_free(s);
}

static void test_scores_recomputed_from_rows_match(void **state)
{
	struct survey *s = load_test_survey();
	struct answers *as = answers_new(s, "Kultur", "");
	struct score live[2], live_all, *rows, rows_all;
	const char **ids;
	struct result_table *t;
	size_t n;

	(void)state;
	fill_answers(as);
	answers_set_na(as, qi(s, "former"));
	answers_score(as, live, &live_all);
	t = round_trip(as, NULL);
	n = result_score(t, &rows, &ids, &rows_all);
	assert_int_equal(n, 2);
	assert_string_equal(ids[0], "styr");
	for (size_t a = 0; a < 2; a++) {
		assert_float_equal(rows[a].percent, live[a].percent, 1e-9);
		assert_int_equal(rows[a].level, live[a].level);
		assert_int_equal(rows[a].gap, live[a].gap);
		assert_int_equal(rows[a].answered, live[a].answered);
		assert_int_equal(rows[a].applicable, live[a].applicable);
	}
	assert_float_equal(rows_all.percent, live_all.percent, 1e-9);
	assert_int_equal(rows_all.level, live_all.level);
	/* by hand: styr = 100 * (3/4 + 2/2 + 2/4) / 3 = 75; drift: former N/A,
	 * antal 0.75/2 -> 37.5; overall (2*75 + 37.5) / 3 = 62.5 */
	assert_float_equal(live[0].percent, 75.0, 1e-9);
	assert_float_equal(live[1].percent, 37.5, 1e-9);
	assert_float_equal(live_all.percent, 62.5, 1e-9);
	/* styr: level 1 reached (3/4, yes), level 2 not (plan 2/4) */
	assert_int_equal(live[0].level, 1);
	assert_int_equal(live[0].gap, 1);
	free(rows);
	free(ids);
	result_table_release(t);
	free(t);
	answers_free(as);
	survey_free(s);
}

static void test_hidden_question_counts_as_not_applicable(void **state)
{
	struct survey *s = load_test_survey();
	struct answers *as = answers_new(s, "Kultur", "");
	struct score live[2], all;
	struct result_table *t;
	const struct result_row *r;

	(void)state;
	fill_answers(as);
	answers_set_option(as, qi(s, "kritisk"), 2); /* no: plan is hidden */
	assert_false(answers_visible(as, qi(s, "plan")));
	answers_score(as, live, &all);
	/* styr = 100 * (3/4 + 0/2) / 2 = 37.5; plan's old answer is not used */
	assert_float_equal(live[0].percent, 37.5, 1e-9);
	assert_int_equal(live[0].applicable, 2);
	t = round_trip(as, NULL);
	r = &t->rows[qi(s, "plan")];
	/* the answer is kept in the row, but counts nowhere */
	assert_string_equal(r->field[RC_STATE], "hidden-answered");
	assert_int_equal(r->v.state, STATE_HIDDEN_ANSWERED);
	assert_string_equal(r->field[RC_NA], "1");
	assert_string_equal(r->field[RC_VALUE], "");
	assert_string_equal(r->field[RC_ANSWER], "2");
	assert_string_equal(r->field[RC_ANSWER_LABEL], "Delvis");
	{
		/* the rows alone give the same figures as the live answers */
		struct score *areas;
		const char **ids;
		struct score overall;
		size_t n = result_score(t, &areas, &ids, &overall);

		assert_int_equal(n, 2);
		assert_float_equal(areas[0].percent, 37.5, 1e-9);
		assert_int_equal(areas[0].applicable, 2);
		assert_int_equal(overall.applicable, all.applicable);
		assert_int_equal(overall.answered, all.answered);
		assert_int_equal(overall.level, all.level);
		free(areas);
		free(ids);
	}
	result_table_release(t);
	free(t);
	answers_free(as);
	survey_free(s);
}

/* Reads answers back from what they write. */
static struct answers *reread(const struct answers *as)
{
	struct result_table *t = round_trip(as, NULL);
	struct diag d = {0};
	struct answers *back = answers_from_table(as->survey, t, "rt.csv", &d);

	if (!back)
		diag_print(&d, stderr);
	assert_non_null(back);
	diag_free(&d);
	result_table_release(t);
	free(t);
	return back;
}

/* A gate and follow-ups of every kind, each answered in a way whose
 * answer column alone would be ambiguous. */
static const char gate_ini[] =
	"[survey]\nid = gate\nversion = 1\nlanguages = sv\ntitle.sv = G\nscoring = percent\n"
	"[area.a]\ntitle.sv = A\n"
	"[question.gate]\narea = a\ntype = yesno\ntext.sv = Grind?\n"
	"[question.f_na]\narea = a\ntype = yesno\nna = yes\nshow_if = gate = yes\n"
	"text.sv = N/A?\n"
	"[question.f_none]\narea = a\ntype = multi\noptions = x y\n"
	"x.label.sv = X\nx.points = 1\ny.label.sv = Y\ny.points = 1\n"
	"show_if = gate = yes\ntext.sv = Inget valt?\n"
	"[question.f_text]\narea = a\ntype = text\npoints = 1\nshow_if = gate = yes\n"
	"text.sv = Tom text?\n"
	"[question.f_num]\narea = a\ntype = number\nmin = 0\nmax = 10\ndecimals = 1\n"
	"points = 2\nshow_if = gate = yes\ntext.sv = Tal?\n"
	"[question.f_open]\narea = a\ntype = yesno\nshow_if = gate = yes\n"
	"text.sv = Obesvarad?\n";

static void test_hidden_answers_come_back_as_given(void **state)
{
	struct diag d = {0};
	struct survey *s = survey_load_buffer("gate.ini", gate_ini, sizeof gate_ini - 1, &d);
	struct answers *as, *back;
	struct score area_before, all_before, area, all;
	struct result_table *t;
	static const char *const states[] = {
		"answered", "hidden-na", "hidden-answered", "hidden-answered",
		"hidden-answered", "hidden",
	};

	(void)state;
	if (!s)
		diag_print(&d, stderr);
	assert_non_null(s);
	as = answers_new(s, "Kultur", "");
	answers_set_option(as, qi(s, "gate"), 0); /* yes: all shown */
	answers_set_na(as, qi(s, "f_na"));
	answers_set_chosen(as, qi(s, "f_none"), 0);
	answers_set_text(as, qi(s, "f_text"), "");
	answers_set_number(as, qi(s, "f_num"), 7.5);
	answers_set_comment(as, qi(s, "f_open"), "kommentar");
	answers_score(as, &area_before, &all_before);

	answers_set_option(as, qi(s, "gate"), 2); /* no: all hidden */
	t = round_trip(as, NULL);
	for (size_t i = 0; i < 6; i++) {
		assert_string_equal(t->rows[i].field[RC_STATE], states[i]);
		assert_string_equal(t->rows[i].field[RC_NA], i ? "1" : "0");
		assert_string_equal(t->rows[i].field[RC_VALUE], i ? "" : "0");
	}
	assert_string_equal(t->rows[qi(s, "f_num")].field[RC_ANSWER], "7.5");
	assert_string_equal(t->rows[qi(s, "f_open")].field[RC_COMMENT], "kommentar");
	{
		/* what the rows say is what the engine says: only gate counts */
		struct score *areas;
		const char **ids;
		struct score overall;

		answers_score(as, &area, &all);
		assert_int_equal(result_score(t, &areas, &ids, &overall), 1);
		assert_int_equal(all.applicable, 1);
		assert_int_equal(overall.applicable, 1);
		assert_int_equal(overall.answered, 1);
		assert_int_equal(overall.has_percent, all.has_percent);
		assert_float_equal(overall.percent, all.percent, 1e-9);
		free(areas);
		free(ids);
	}
	result_table_release(t);
	free(t);

	/* a later session: every kept answer is there, still hidden ... */
	back = reread(as);
	assert_int_equal(back->a[qi(s, "f_na")].state, ANSWER_NA);
	assert_int_equal(back->a[qi(s, "f_none")].state, ANSWER_GIVEN);
	assert_int_equal(back->a[qi(s, "f_none")].chosen, 0);
	assert_int_equal(back->a[qi(s, "f_text")].state, ANSWER_GIVEN);
	assert_string_equal(back->a[qi(s, "f_text")].text, "");
	assert_int_equal(back->a[qi(s, "f_num")].state, ANSWER_GIVEN);
	assert_float_equal(back->a[qi(s, "f_num")].number, 7.5, 0);
	assert_int_equal(back->a[qi(s, "f_open")].state, ANSWER_NONE);
	assert_string_equal(back->a[qi(s, "f_open")].comment, "kommentar");
	assert_false(answers_visible(back, qi(s, "f_num")));
	answers_score(back, &area, &all);
	assert_int_equal(all.applicable, 1);
	/* ... and counts again, as before, once the gate shows them */
	answers_set_option(back, qi(s, "gate"), 0);
	answers_score(back, &area, &all);
	assert_int_equal(all.applicable, all_before.applicable);
	assert_int_equal(all.answered, all_before.answered);
	assert_float_equal(all.percent, all_before.percent, 1e-9);
	answers_free(back);
	/* shown again, they are written as answers again */
	answers_set_option(as, qi(s, "gate"), 0);
	t = round_trip(as, NULL);
	assert_string_equal(t->rows[qi(s, "f_na")].field[RC_STATE], "na");
	assert_string_equal(t->rows[qi(s, "f_num")].field[RC_STATE], "answered");
	assert_string_equal(t->rows[qi(s, "f_num")].field[RC_VALUE], "1.5");
	result_table_release(t);
	free(t);
	answers_free(as);
	survey_free(s);
	diag_free(&d);
}

static void test_atomic_write_and_permissions(void **state)
{
	char dir[] = "/tmp/enkat-test-XXXXXX";
	char *path, *error = NULL, *data;
	struct stat st;
	size_t len;
	mode_t old;

	(void)state;
	assert_non_null(mkdtemp(dir));
	path = xasprintf("%s/r.csv", dir);
	old = umask(027);
	assert_int_equal(file_write_atomic(path, "one\n", 4, &error), 0);
	assert_int_equal(file_write_atomic(path, "two\n", 4, &error), 0);
	umask(old);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0640);
	assert_int_equal(file_read_all(path, 100, &data, &len, &error), 0);
	assert_string_equal(data, "two\n");
	free(data);
	unlink(path);
	free(path);
	/* a folder that does not exist: an error, and nothing is left behind */
	path = xasprintf("%s/missing/r.csv", dir);
	assert_int_equal(file_write_atomic(path, "x", 1, &error), -1);
	assert_non_null(strstr(error, "missing"));
	free(error);
	free(path);
	assert_int_equal(rmdir(dir), 0); /* empty: no temporary file left */
}

static void test_filename_is_safe(void **state)
{
	static const struct { const char *dep, *name; } cases[] = {
		{"Kommunstyrelseförvaltningen", "infosak-2026-kommunstyrelseforvaltningen.csv"},
		{"Miljö- och hälsoskydd", "infosak-2026-miljo-och-halsoskydd.csv"},
		{"../../etc/x", "infosak-2026-etc-x.csv"},
		{"a/b\\c\x1b[31m", "infosak-2026-a-b-c-31m.csv"},
		{"Åre ÄLV Östra", "infosak-2026-are-alv-ostra.csv"},
		{"...", "infosak-2026-x.csv"},
		{"", "infosak-2026-x.csv"},
	};
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *n = result_filename("infosak", 2026, cases[i].dep);
		assert_string_equal(n, cases[i].name);
		free(n);
	}
}

static void test_time_format_and_parse(void **state)
{
	char buf[21];
	time_t t;

	(void)state;
	assert_string_equal(result_format_time(buf, 0), "1970-01-01T00:00:00Z");
	assert_true(result_parse_time("2026-11-20T14:03:11Z", &t));
	assert_string_equal(result_format_time(buf, t), "2026-11-20T14:03:11Z");
	assert_false(result_parse_time("2026-02-30T00:00:00Z", &t));
	assert_false(result_parse_time("2026-11-20 14:03:11", &t));
	assert_false(result_parse_time("2026-11-20T14:03:11+01:00", &t));
}

/* ----- the reader's checks, each with its line ----- */

static const char header[] =
	"survey_id,survey_version,survey_sha256,department,respondent,status,"
	"updated_at,area_id,area_title,area_weight,question_id,question_text,"
	"level,answer,value,max_value,weight,na,comment\r\n";
#define SHA "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
#define ROW(q, rest) "s,2026," SHA ",Dep,Me,draft,2026-11-20T14:03:11Z,a,A,1," q ",Q?," rest "\r\n"

static char *load_error(const char *csv)
{
	struct diag d = {0};
	struct result_table *t = result_load_buffer("r.csv", csv, strlen(csv), &d);
	char *msg;

	assert_null(t);
	assert_true(d.count > 0);
	msg = diag_format(&d, 0);
	diag_free(&d);
	return msg;
}

#define EXPECT_ERROR(csv, expected)                  \
	do {                                         \
		char *m_ = load_error(csv);          \
		if (!strstr(m_, expected))           \
			fail_msg("got: %s\nwanted: %s", m_, expected); \
		free(m_);                            \
	} while (0)

static void test_minimal_file_reads(void **state)
{
	char *csv = xasprintf("%s" ROW("q1", "1,2,2,4,1,0,") ROW("q2", ",,,4,1,1,"), header);
	struct diag d = {0};
	struct result_table *t = result_load_buffer("r.csv", csv, strlen(csv), &d);
	struct score *areas, all;
	const char **ids;

	(void)state;
	assert_non_null(t);
	assert_int_equal(t->n_rows, 2);
	assert_int_equal(t->rows[1].line, 3);
	assert_int_equal(t->rows[0].v.state, STATE_ANSWERED);
	assert_int_equal(t->rows[1].v.state, STATE_NA); /* inferred from na */
	assert_int_equal(result_score(t, &areas, &ids, &all), 1);
	assert_float_equal(areas[0].percent, 50.0, 1e-9);
	assert_int_equal(areas[0].level, 0); /* no threshold column: no levels */
	free(areas);
	free(ids);
	result_table_release(t);
	free(t);
	free(csv);
	diag_free(&d);
}

static void test_bom_and_excel_dialect(void **state)
{
	const char *csv =
		"\xEF\xBB\xBFsurvey_id;survey_version;survey_sha256;department;respondent;"
		"status;updated_at;area_id;area_title;area_weight;question_id;"
		"question_text;level;answer;value;max_value;weight;na;comment\r\n"
		"s;2026;" SHA ";Miljö;Åsa;final;2026-11-20T14:03:11Z;a;A;1,5;q1;"
		"\"Fråga; med semikolon\";1;x;1,5;2;0,5;0;\r\n";
	struct diag d = {0};
	struct result_table *t = result_load_buffer("x.csv", csv, strlen(csv), &d);

	(void)state;
	if (!t)
		diag_print(&d, stderr);
	assert_non_null(t);
	assert_string_equal(t->rows[0].field[RC_SURVEY_ID], "s");
	assert_string_equal(t->rows[0].field[RC_DEPARTMENT], "Miljö");
	assert_string_equal(t->rows[0].field[RC_QUESTION_TEXT], "Fråga; med semikolon");
	assert_float_equal(t->rows[0].v.value, 1.5, 1e-12);
	assert_float_equal(t->rows[0].v.area_weight, 1.5, 1e-12);
	assert_float_equal(t->rows[0].v.weight, 0.5, 1e-12);
	assert_true(t->rows[0].v.final);
	result_table_release(t);
	free(t);
	diag_free(&d);
}

static void test_reader_errors(void **state)
{
	char *csv;

	(void)state;
	EXPECT_ERROR("", "r.csv:1: empty file");
	EXPECT_ERROR(header, "r.csv:1: no rows after the header");
	EXPECT_ERROR("survey_id,department\r\nx,y\r\n", "r.csv:1: the header must begin");
	{
		static const char nul[] = "a,b\n\x00,c\n";
		struct diag d = {0};
		assert_null(result_load_buffer("r.csv", nul, sizeof nul - 1, &d));
		assert_string_equal(d.entries[0].message,
				    "NUL byte: this is a binary file, not a result file");
		assert_int_equal(d.entries[0].line, 2);
		diag_free(&d);
	}

#define CASE(rows, expected)                              \
	csv = xasprintf("%s%s", header, rows);            \
	EXPECT_ERROR(csv, expected);                      \
	free(csv)
	CASE(ROW("q1", "1,2,4,4,1,0,") ROW("q2", "1,2,4,4,1,0"),
	     "r.csv:3: the row has 18 fields; the header has 19");
	CASE(ROW("q1", "1,2,5,4,1,0,"), "r.csv:2: value 5 is more than max_value 4");
	CASE(ROW("q1", "1,2,x,4,1,0,"), "r.csv:2: value: 'x' is not a number");
	CASE(ROW("q1", "1,2,2,0,1,0,"), "r.csv:2: max_value: '0' is not a number above 0");
	CASE(ROW("q1", "1,2,2,4,1,2,"), "r.csv:2: na: '2' is neither 0 nor 1");
	CASE(ROW("q1", "1,,2,4,1,1,"), "r.csv:2: a not-applicable question has a value");
	CASE(ROW("q1", "1,2,2,,1,0,"), "r.csv:2: value is given but max_value is empty");
	CASE(ROW("q1", "1,2,2,4,0,0,"), "r.csv:2: weight: '0' is not a number above 0");
	CASE(ROW("q1", "12,2,2,4,1,0,"), "r.csv:2: level: '12' is not a level");
	CASE(ROW("q1", "1,2,2.5.1,4,1,0,"), "r.csv:2: value: '2.5.1'");
	CASE(ROW("q1", "1,2,2,4,1,0,") ROW("q1", "1,2,2,4,1,0,"),
	     "r.csv:3: question 'q1' appears again (first at line 2)");
	CASE(ROW("q1", "1,2,2,4,1,0,") ROW("bad id!", "1,2,2,4,1,0,"),
	     "r.csv:3: question_id: 'bad id!' is not a question id");
	CASE(ROW("q1", "1,2,2,4,1,0,\"unclosed"), "r.csv:2: a quoted field is never closed");
	CASE(ROW("q1", "1,2,2,4,1,0,a\"b\"c"), "r.csv:2: ");
	CASE(ROW("q1", "1,2,2,4,1,0,") "\r\n\r\n" ROW("q2", "1,2,2,4,1,0,x\"y"),
	     "r.csv:5: ");
	CASE("s,2026," SHA ",Dep,Me,sent,2026-11-20T14:03:11Z,a,A,1,q,Q,1,2,2,4,1,0,\r\n",
	     "r.csv:2: status: 'sent' is neither draft nor final");
	CASE("s,2026," SHA ",Dep,Me,draft,20.11.2026,a,A,1,q,Q,1,2,2,4,1,0,\r\n",
	     "r.csv:2: updated_at: '20.11.2026' is not a UTC time");
	CASE("s,2026,abc,Dep,Me,draft,2026-11-20T14:03:11Z,a,A,1,q,Q,1,2,2,4,1,0,\r\n",
	     "r.csv:2: survey_sha256: 'abc' is not a SHA-256");
	CASE("s,26x," SHA ",Dep,Me,draft,2026-11-20T14:03:11Z,a,A,1,q,Q,1,2,2,4,1,0,\r\n",
	     "r.csv:2: survey_version: '26x' is not a version");
	CASE("s,2026," SHA ",,Me,draft,2026-11-20T14:03:11Z,a,A,1,q,Q,1,2,2,4,1,0,\r\n",
	     "r.csv:2: department is empty");
	CASE("s,2026," SHA ",Dep,Me,draft,2026-11-20T14:03:11Z,a,A,-1,q,Q,1,2,2,4,1,0,\r\n",
	     "r.csv:2: area_weight: '-1' is not a number above 0");
	CASE(ROW("q1", "1,2,2,4,1,0,")
	     "s,2026," SHA ",Other,Me,draft,2026-11-20T14:03:11Z,a,A,1,q2,Q,1,2,2,4,1,0,\r\n",
	     "r.csv:3: department 'Other' differs from the first row's 'Dep' (line 2)");
	CASE(ROW("q1", "1,2,2,4,1,0,")
	     "s,2026," SHA ",Dep,Me,draft,2026-11-20T14:03:11Z,a,A,3,q2,Q,1,2,2,4,1,0,\r\n",
	     "r.csv:3: area 'a' has another title, weight or target than at line 2");
	CASE(ROW("q1", "1,2,2,4,1,0,\"multi\nline\ncomment\"") ROW("q2", "1,2,2,4,1,2,"),
	     "r.csv:5: na: '2'");
	CASE(ROW("q1", "1,\xe5,2,4,1,0,"), "r.csv:2: invalid UTF-8");
#undef CASE
}

static void test_reader_errors_with_extra_columns(void **state)
{
	const char *h =
		"survey_id,survey_version,survey_sha256,department,respondent,status,"
		"updated_at,area_id,area_title,area_weight,question_id,question_text,"
		"level,answer,value,max_value,weight,na,comment,state,notes\r\n";
	char *csv;

	(void)state;
	csv = xasprintf("%s" ROW("q1", "1,x,,4,1,0,,unanswered,mine"), h);
	EXPECT_ERROR(csv, "r.csv:2: an unanswered question has an answer or a value");
	free(csv);
	csv = xasprintf("%s" ROW("q1", "1,,,4,1,0,,na,mine"), h);
	EXPECT_ERROR(csv, "r.csv:2: state na does not agree with na 0");
	free(csv);
	/* a hidden row keeps an answer only in state hidden-answered, and
	 * never has a value */
	csv = xasprintf("%s" ROW("q1", "1,x,,4,1,1,,hidden,"), h);
	EXPECT_ERROR(csv, "r.csv:2: a question in state hidden has an answer (a hidden "
		     "question that keeps its answer is in state hidden-answered)");
	free(csv);
	csv = xasprintf("%s" ROW("q1", "1,x,,4,1,1,,hidden-na,"), h);
	EXPECT_ERROR(csv, "r.csv:2: a question in state hidden-na has an answer");
	free(csv);
	csv = xasprintf("%s" ROW("q1", "1,x,,4,1,1,,na,"), h);
	EXPECT_ERROR(csv, "r.csv:2: a question in state na has an answer");
	free(csv);
	csv = xasprintf("%s" ROW("q1", "1,x,2,4,1,1,,hidden-answered,"), h);
	EXPECT_ERROR(csv, "r.csv:2: a not-applicable question has a value");
	free(csv);
	csv = xasprintf("%s" ROW("q1", "1,x,,4,1,0,,hidden-answered,"), h);
	EXPECT_ERROR(csv, "r.csv:2: state hidden-answered does not agree with na 0");
	free(csv);
	csv = xasprintf("%s" ROW("q1", "1,,,4,1,0,,hidden-na,"), h);
	EXPECT_ERROR(csv, "r.csv:2: state hidden-na does not agree with na 0");
	free(csv);
	csv = xasprintf("%s" ROW("q1", "1,,,4,1,1,,hidden-maybe,"), h);
	EXPECT_ERROR(csv, "r.csv:2: state: 'hidden-maybe' is not answered");
	free(csv);
	/* what is accepted: each hidden state, the kept answer possibly empty */
	{
		static const char *const rows[][2] = {
			{"1,x,,4,1,1,,hidden-answered,", "hidden-answered"},
			{"1,,,4,1,1,,hidden-answered,", "hidden-answered"},
			{"1,,,4,1,1,,hidden-na,", "hidden-na"},
			{"1,,,4,1,1,,hidden,", "hidden"},
		};
		for (size_t i = 0; i < 4; i++) {
			struct diag d = {0};
			struct result_table *t;

			csv = xasprintf("%s" ROW("q1", "%s"), h, rows[i][0]);
			t = result_load_buffer("r.csv", csv, strlen(csv), &d);
			if (!t)
				diag_print(&d, stderr);
			assert_non_null(t);
			assert_string_equal(result_state_name(t->rows[0].v.state), rows[i][1]);
			assert_true(t->rows[0].v.na);
			result_table_release(t);
			free(t);
			diag_free(&d);
			free(csv);
		}
	}
	csv = xasprintf("%s" ROW("q1", "1,,,4,1,0,,maybe,"), h);
	EXPECT_ERROR(csv, "r.csv:2: state: 'maybe' is not answered");
	free(csv);
	/* an unknown extra column ("notes") is ignored, not an error */
	csv = xasprintf("%s" ROW("q1", "1,,,4,1,0,,unanswered,anything"), h);
	{
		struct diag d = {0};
		struct result_table *t = result_load_buffer("r.csv", csv, strlen(csv), &d);
		assert_non_null(t);
		assert_int_equal(t->rows[0].v.state, STATE_UNANSWERED);
		result_table_release(t);
		free(t);
		diag_free(&d);
	}
	free(csv);
}

static void test_load_refuses_odd_files(void **state)
{
	struct diag d = {0};

	(void)state;
	assert_null(result_load("/tmp", &d));
	assert_null(result_load("/nonexistent/r.csv", &d));
	assert_int_equal(d.count, 2);
	assert_string_equal(d.entries[0].message, "is a directory");
	diag_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip_every_field),
		cmocka_unit_test(test_formula_text_is_neutralised_in_the_file),
		cmocka_unit_test(test_quote_prefix_rule_is_reversible),
		cmocka_unit_test(test_rows_hold_points_and_states),
		cmocka_unit_test(test_numbers_ignore_the_users_locale),
		cmocka_unit_test(test_scores_recomputed_from_rows_match),
		cmocka_unit_test(test_hidden_question_counts_as_not_applicable),
		cmocka_unit_test(test_hidden_answers_come_back_as_given),
		cmocka_unit_test(test_atomic_write_and_permissions),
		cmocka_unit_test(test_filename_is_safe),
		cmocka_unit_test(test_time_format_and_parse),
		cmocka_unit_test(test_minimal_file_reads),
		cmocka_unit_test(test_bom_and_excel_dialect),
		cmocka_unit_test(test_reader_errors),
		cmocka_unit_test(test_reader_errors_with_extra_columns),
		cmocka_unit_test(test_load_refuses_odd_files),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests_name("result", tests, NULL, NULL);
}
