/* Unit tests for the survey loader (src/survey_load.c + src/inifile.c):
 * what a valid file gives, and every diagnostic with its line number. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <nettle/sha2.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "answers.h"
#include "condition.h"
#include "diag.h"
#include "result.h"
#include "survey.h"

#define NAME "t.ini"

/* A valid minimal survey, 21 lines, each ending in '\n'. Text appended to it
 * starts at line 22 and belongs to [question.q1]. */
static const char BASE[] =
	"[survey]\n"                 /* 1 */
	"id = test\n"                /* 2 */
	"version = 2026\n"           /* 3 */
	"languages = sv, en\n"       /* 4 */
	"title.sv = Testenkät\n"     /* 5 */
	"title.en = Test survey\n"   /* 6 */
	"\n"                         /* 7 */
	"[level.1]\n"                /* 8 */
	"title.sv = Grund\n"         /* 9 */
	"title.en = Basic\n"         /* 10 */
	"\n"                         /* 11 */
	"[area.a]\n"                 /* 12 */
	"title.sv = Område A\n"      /* 13 */
	"title.en = Area A\n"        /* 14 */
	"\n"                         /* 15 */
	"[question.q1]\n"            /* 16 */
	"area = a\n"                 /* 17 */
	"type = yesno\n"             /* 18 */
	"level = 1\n"                /* 19 */
	"text.sv = Fråga 1\n"        /* 20 */
	"text.en = Question 1\n";    /* 21 */

/* printf '%s' "$BASE" | sha256sum */
#define BASE_SHA256 "17f3101921db27d37f98897f40546ae7f00ca471a3d0c26fddcd07efb8d9fdc3"

/* A second question, appended to BASE: lines 22..28. */
static const char Q2[] =
	"\n"                         /* 22 */
	"[question.q2]\n"            /* 23 */
	"area = a\n"                 /* 24 */
	"type = yesno\n"             /* 25 */
	"level = 1\n"                /* 26 */
	"text.sv = Fråga 2\n"        /* 27 */
	"text.en = Question 2\n";    /* 28 */

/* A survey using every question type, with questions of two areas
 * interleaved in the file and the scale defined after its use. */
static const char RICH[] =
	"; a comment\n"                          /* 1 */
	"# another comment\n"                    /* 2 */
	"[survey]\n"                             /* 3 */
	"id = rich-1\n"                          /* 4 */
	"version = 7\n"                          /* 5 */
	"languages = sv en\n"                    /* 6 */
	"title.sv = Rik enkät\n"                 /* 7 */
	"title.en = Rich survey\n"               /* 8 */
	"description.sv = Beskrivning\n"         /* 9 */
	"description.en = Description\n"         /* 10 */
	"threshold = 0.5\n"                      /* 11 */
	"\n"                                     /* 12 */
	"[level.1]\n"                            /* 13 */
	"title.sv = Ett\n"                       /* 14 */
	"title.en = One\n"                       /* 15 */
	"[level.2]\n"                            /* 16 */
	"title.sv = Två\n"                       /* 17 */
	"title.en = Two\n"                       /* 18 */
	"description.sv = Nivå två\n"            /* 19 */
	"description.en = Level two\n"           /* 20 */
	"\n"                                     /* 21 */
	"[area.first]\n"                         /* 22 */
	"title.sv = Första\n"                    /* 23 */
	"title.en = First\n"                     /* 24 */
	"weight = 2.5\n"                         /* 25 */
	"target = 2\n"                           /* 26 */
	"\n"                                     /* 27 */
	"[question.b1]\n"                        /* 28 */
	"area = second\n"                        /* 29 */
	"type = choice\n"                        /* 30 */
	"level = 1\n"                            /* 31 */
	"text.sv = B1 sv\n"                      /* 32 */
	"text.en = B1 en\n"                      /* 33 */
	"options = x, y,z\n"                     /* 34 */
	"x.label.sv = X sv\n"                    /* 35 */
	"x.label.en = X en\n"                    /* 36 */
	"x.points = 1\n"                         /* 37 */
	"y.label.sv = Y sv\n"                    /* 38 */
	"y.label.en = Y en\n"                    /* 39 */
	"y.points = 5\n"                         /* 40 */
	"z.label.sv = Z sv\n"                    /* 41 */
	"z.label.en = Z en\n"                    /* 42 */
	"z.points = 2\n"                         /* 43 */
	"\n"                                     /* 44 */
	"[question.a1]\n"                        /* 45 */
	"area = first\n"                         /* 46 */
	"type = scale\n"                         /* 47 */
	"scale = m\n"                            /* 48 */
	"level = 2\n"                            /* 49 */
	"weight = 3\n"                           /* 50 */
	"na = yes\n"                             /* 51 */
	"required = no\n"                        /* 52 */
	"text.sv = A1 sv\n"                      /* 53 */
	"text.en = A1 en\n"                      /* 54 */
	"guidance.sv = Hjälp\n"                  /* 55 */
	"guidance.en = Help\n"                   /* 56 */
	"\n"                                     /* 57 */
	"[area.second]\n"                        /* 58 */
	"title.sv = Andra\n"                     /* 59 */
	"title.en = Second\n"                    /* 60 */
	"\n"                                     /* 61 */
	"[question.b2]\n"                        /* 62 */
	"area = second\n"                        /* 63 */
	"type = multi\n"                         /* 64 */
	"level = 2\n"                            /* 65 */
	"text.sv = B2 sv\n"                      /* 66 */
	"text.en = B2 en\n"                      /* 67 */
	"options = p q r\n"                      /* 68 */
	"p.label.sv = P\n"                       /* 69 */
	"p.label.en = P\n"                       /* 70 */
	"p.points = 1\n"                         /* 71 */
	"q.label.sv = Q\n"                       /* 72 */
	"q.label.en = Q\n"                       /* 73 */
	"q.points = 2\n"                         /* 74 */
	"r.label.sv = R\n"                       /* 75 */
	"r.label.en = R\n"                       /* 76 */
	"r.points = 0.5\n"                       /* 77 */
	"\n"                                     /* 78 */
	"[question.a2]\n"                        /* 79 */
	"area = first\n"                         /* 80 */
	"type = number\n"                        /* 81 */
	"min = 0\n"                              /* 82 */
	"max = 100\n"                            /* 83 */
	"decimals = 2\n"                         /* 84 */
	"points = 10\n"                          /* 85 */
	"level = 1\n"                            /* 86 */
	"text.sv = A2 sv\n"                      /* 87 */
	"text.en = A2 en\n"                      /* 88 */
	"\n"                                     /* 89 */
	"[question.a3]\n"                        /* 90 */
	"area = first\n"                         /* 91 */
	"type = text\n"                          /* 92 */
	"required = false\n"                     /* 93 */
	"text.sv = A3 sv\n"                      /* 94 */
	"text.en = A3 en\n"                      /* 95 */
	"\n"                                     /* 96 */
	"[question.b3]\n"                        /* 97 */
	"area = second\n"                        /* 98 */
	"type = yesno\n"                         /* 99 */
	"level = 1\n"                            /* 100 */
	"show_if = a1 = hi and a2 >= 10 or b2 has p\n" /* 101 */
	"text.sv = B3 sv\n"                      /* 102 */
	"text.en = B3 en\n"                      /* 103 */
	"\n"                                     /* 104 */
	"[question.a4]\n"                        /* 105 */
	"area = first\n"                         /* 106 */
	"type = text\n"                          /* 107 */
	"points = 3\n"                           /* 108 */
	"level = 1\n"                            /* 109 */
	"text.sv = A4 sv\n"                      /* 110 */
	"text.en = A4 en\n"                      /* 111 */
	"\n"                                     /* 112 */
	"[scale.m]\n"                            /* 113 */
	"options = lo hi mid\n"                  /* 114 */
	"lo.label.sv = Låg\n"                    /* 115 */
	"lo.label.en = Low\n"                    /* 116 */
	"lo.points = 0\n"                        /* 117 */
	"hi.label.sv = Hög\n"                    /* 118 */
	"hi.label.en = High\n"                   /* 119 */
	"hi.description.sv = Mycket\n"           /* 120 */
	"hi.description.en = Very\n"             /* 121 */
	"hi.points = 3\n"                        /* 122 */
	"mid.label.sv = Mellan\n"                /* 123 */
	"mid.label.en = Middle\n"                /* 124 */
	"mid.points = 1\n";                      /* 125 */

/* ----- helpers ----- */

/* malloc that fails the test instead of returning NULL */
static void *alloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p) {
		fail_msg("out of memory");
		abort(); /* not reached: fail_msg does not return */
	}
	return p;
}

static char *dup_str(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(alloc(n), s, n);
}

static char *str_cat(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	char *r = alloc(la + lb + 1);

	memcpy(r, a, la);
	memcpy(r + la, b, lb + 1);
	return r;
}

/* src with the first occurrence of old replaced by new_ (which must exist). */
static char *str_replace(const char *src, const char *old, const char *new_)
{
	const char *at = strstr(src, old);
	size_t lo = strlen(old), ln = strlen(new_), ls = strlen(src);
	char *r;

	if (!at)
		fail_msg("'%s' not found in the test input", old);
	r = alloc(ls - lo + ln + 1);
	memcpy(r, src, (size_t)(at - src));
	memcpy(r + (at - src), new_, ln);
	memcpy(r + (at - src) + ln, at + lo, ls - (size_t)(at - src) - lo + 1);
	return r;
}

static struct survey *load_str(const char *text, struct diag *d)
{
	return survey_load_buffer(NAME, text, strlen(text), d);
}

__attribute__((format(printf, 1, 0)))
static char *vformat(const char *fmt, va_list ap)
{
	char *s = NULL;

	if (vasprintf(&s, fmt, ap) < 0)
		fail_msg("vasprintf failed");
	return s;
}

/* Entry i of d formatted as "FILE:LINE: message" equals the expected text. */
__attribute__((format(printf, 3, 4)))
static void assert_diag(const struct diag *d, size_t i, const char *fmt, ...)
{
	va_list ap;
	char *want, *got;

	assert_true(i < d->count);
	va_start(ap, fmt);
	want = vformat(fmt, ap);
	va_end(ap);
	got = diag_format(d, i);
	assert_string_equal(got, want);
	free(got);
	free(want);
}

static void print_diag(const struct diag *d)
{
	for (size_t i = 0; i < d->count; i++) {
		char *s = diag_format(d, i);
		print_message("  diag[%zu] %s\n", i, s);
		free(s);
	}
}

/* Whether some entry is on line with a message containing needle. */
static bool has_diag(const struct diag *d, long line, const char *needle)
{
	for (size_t i = 0; i < d->count; i++)
		if (d->entries[i].line == line && strstr(d->entries[i].message, needle))
			return true;
	return false;
}

static void assert_has_diag(const struct diag *d, long line, const char *needle)
{
	if (!has_diag(d, line, needle)) {
		print_diag(d);
		fail_msg("no message on line %ld containing \"%s\"", line, needle);
	}
}

static void assert_sorted(const struct diag *d)
{
	for (size_t i = 1; i < d->count; i++)
		assert_true(d->entries[i - 1].line <= d->entries[i].line);
}

/* Loading text fails with exactly one message, equal to the formatted text. */
__attribute__((format(printf, 2, 0)))
static void vexpect_only(const char *text, const char *fmt, va_list ap)
{
	struct diag d = {0};
	struct survey *s = load_str(text, &d);
	char *want, *got;

	if (d.count != 1)
		print_diag(&d);
	assert_null(s);
	assert_int_equal(d.count, 1);
	want = vformat(fmt, ap);
	got = diag_format(&d, 0);
	assert_string_equal(got, want);
	free(got);
	free(want);
	diag_free(&d);
}

__attribute__((format(printf, 2, 3)))
static void expect_only(const char *text, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vexpect_only(text, fmt, ap);
	va_end(ap);
}

/* The same for input that is BASE with one replacement made. */
__attribute__((format(printf, 3, 4)))
static void expect_only_repl(const char *old, const char *new_, const char *fmt, ...)
{
	char *text = str_replace(BASE, old, new_);
	va_list ap;

	va_start(ap, fmt);
	vexpect_only(text, fmt, ap);
	va_end(ap);
	free(text);
}

/* The same for input that is BASE with text appended (from line 22). */
__attribute__((format(printf, 2, 3)))
static void expect_only_app(const char *extra, const char *fmt, ...)
{
	char *text = str_cat(BASE, extra);
	va_list ap;

	va_start(ap, fmt);
	vexpect_only(text, fmt, ap);
	va_end(ap);
	free(text);
}

/* Loading text fails; among the messages (sorted by line) is one on line
 * containing needle. */
static void expect_error(const char *text, long line, const char *needle)
{
	struct diag d = {0};
	struct survey *s = load_str(text, &d);

	assert_null(s);
	assert_true(d.count > 0);
	assert_sorted(&d);
	assert_has_diag(&d, line, needle);
	diag_free(&d);
}

/* Loads text, which must be valid. */
static struct survey *load_ok(const char *text)
{
	struct diag d = {0};
	struct survey *s = load_str(text, &d);

	if (d.count)
		print_diag(&d);
	assert_int_equal(d.count, 0);
	assert_non_null(s);
	diag_free(&d);
	return s;
}

static const struct survey_question *question(const struct survey *s, const char *id)
{
	const struct survey_question *q = survey_question_by_id(s, id);

	if (!q)
		fail_msg("no question '%s'", id);
	return q;
}

/* ----- valid surveys ----- */

static void test_minimal_valid(void **state)
{
	struct diag d = {0};
	struct survey *s;

	(void)state;
	s = load_str(BASE, &d);
	assert_non_null(s);
	assert_int_equal(d.count, 0);
	assert_string_equal(s->path, NAME);
	assert_string_equal(s->id, "test");
	assert_int_equal(s->version, 2026);
	assert_int_equal(s->n_langs, 2);
	assert_string_equal(s->langs[0], "sv");
	assert_string_equal(s->langs[1], "en");
	assert_string_equal(survey_text_get(&s->title, 0), "Testenkät");
	assert_string_equal(survey_text_get(&s->title, 1), "Test survey");
	assert_int_equal(s->scoring, SCORING_LEVELS);
	assert_true(s->threshold == 0.75);
	assert_int_equal(s->max_level, 1);
	assert_string_equal(survey_text_get(&s->levels[0].title, 1), "Basic");
	assert_int_equal(s->n_scales, 0);
	assert_int_equal(s->n_areas, 1);
	assert_string_equal(s->areas[0].id, "a");
	assert_true(s->areas[0].weight == 1);
	assert_int_equal(s->areas[0].target, 0);
	assert_int_equal(s->areas[0].line, 12);
	assert_int_equal(s->n_questions, 1);
	assert_string_equal(s->questions[0].id, "q1");
	assert_int_equal(s->questions[0].line, 16);
	assert_int_equal(s->questions[0].type, QTYPE_YESNO);
	assert_int_equal(s->questions[0].level, 1);
	assert_true(s->questions[0].required);
	assert_false(s->questions[0].allow_na);
	assert_true(s->questions[0].weight == 1);
	assert_null(s->questions[0].show_if);
	survey_free(s);
	diag_free(&d);
}

static void test_rich_ids_and_header(void **state)
{
	struct survey *s;

	(void)state;
	s = load_ok(RICH);
	assert_string_equal(s->id, "rich-1");
	assert_int_equal(s->version, 7);
	assert_int_equal(s->n_langs, 2);
	assert_string_equal(s->langs[0], "sv");
	assert_string_equal(s->langs[1], "en");
	assert_true(s->threshold == 0.5);
	assert_int_equal(s->max_level, 2);
	assert_string_equal(survey_text_get(&s->levels[1].title, 0), "Två");
	assert_string_equal(survey_text_get(&s->levels[1].description, 1), "Level two");
	assert_int_equal(s->n_scales, 1);
	assert_string_equal(s->scales[0].id, "m");
	assert_int_equal(s->scales[0].line, 113);
	assert_int_equal(s->n_areas, 2);
	assert_string_equal(s->areas[0].id, "first");
	assert_string_equal(s->areas[1].id, "second");
	assert_true(s->areas[0].weight == 2.5);
	assert_int_equal(s->areas[0].target, 2);
	assert_int_equal(s->areas[1].target, 0);
	survey_free(s);
}

static void test_rich_presentation_order(void **state)
{
	static const char *const order[] = {"a1", "a2", "a3", "a4", "b1", "b2", "b3"};
	static const long lines[] = {45, 79, 90, 105, 28, 62, 97};
	struct survey *s;

	(void)state;
	s = load_ok(RICH);
	assert_int_equal(s->n_questions, 7);
	for (size_t i = 0; i < 7; i++) {
		assert_string_equal(s->questions[i].id, order[i]);
		assert_int_equal(s->questions[i].line, lines[i]);
		assert_int_equal(s->questions[i].area, i < 4 ? 0 : 1);
		assert_int_equal(survey_question_index(s, order[i]), i);
	}
	assert_int_equal(s->areas[0].first_question, 0);
	assert_int_equal(s->areas[0].n_questions, 4);
	assert_int_equal(s->areas[1].first_question, 4);
	assert_int_equal(s->areas[1].n_questions, 3);
	assert_int_equal(survey_question_index(s, "nope"), (size_t)-1);
	assert_null(survey_question_by_id(s, "nope"));
	survey_free(s);
}

static void test_rich_question_fields(void **state)
{
	struct survey *s;
	const struct survey_question *q;

	(void)state;
	s = load_ok(RICH);
	q = question(s, "a1");
	assert_int_equal(q->type, QTYPE_SCALE);
	assert_false(q->owns_options);
	assert_ptr_equal(q->options, s->scales[0].options);
	assert_int_equal(q->n_options, 3);
	assert_string_equal(q->options[1].id, "hi");
	assert_string_equal(survey_text_get(&q->options[1].description, 1), "Very");
	assert_string_equal(survey_text_get(&q->options[0].description, 1), "");
	assert_int_equal(survey_option_index(q, "mid"), 2);
	assert_int_equal(survey_option_index(q, "none"), (size_t)-1);
	assert_true(q->weight == 3);
	assert_true(q->allow_na);
	assert_false(q->required);
	assert_int_equal(q->level, 2);
	q = question(s, "a2");
	assert_int_equal(q->type, QTYPE_NUMBER);
	assert_true(q->has_min && q->has_max);
	assert_true(q->min == 0 && q->max == 100);
	assert_int_equal(q->decimals, 2);
	assert_true(q->points == 10);
	q = question(s, "a3");
	assert_int_equal(q->type, QTYPE_TEXT);
	assert_false(q->required);
	assert_int_equal(q->level, 0);
	assert_false(question_is_scored(q));
	q = question(s, "b1");
	assert_int_equal(q->type, QTYPE_CHOICE);
	assert_true(q->owns_options);
	assert_int_equal(q->n_options, 3);
	assert_string_equal(q->options[0].id, "x");
	assert_string_equal(q->options[2].id, "z");
	assert_string_equal(survey_text_get(&q->options[2].label, 1), "Z en");
	q = question(s, "b2");
	assert_int_equal(q->type, QTYPE_MULTI);
	assert_true(q->options[2].points == 0.5);
	survey_free(s);
}

static void test_max_points_per_type(void **state)
{
	struct survey *s;

	(void)state;
	s = load_ok(RICH);
	assert_true(question(s, "a1")->max_points == 3);   /* scale: highest, not last */
	assert_true(question(s, "b1")->max_points == 5);   /* choice: max */
	assert_true(question(s, "b2")->max_points == 3.5); /* multi: sum */
	assert_true(question(s, "a2")->max_points == 10);  /* number with points */
	assert_true(question(s, "a3")->max_points == 0);   /* text unscored */
	assert_true(question(s, "a4")->max_points == 3);   /* text with points */
	assert_true(question(s, "b3")->max_points == 2);   /* yesno */
	assert_true(question_is_scored(question(s, "a4")));
	assert_false(question_is_scored(question(s, "a3")));
	survey_free(s);
}

static void test_texts_and_fallback(void **state)
{
	struct survey *s;
	const struct survey_question *q;

	(void)state;
	s = load_ok(RICH);
	assert_string_equal(survey_text_get(&s->title, 0), "Rik enkät");
	assert_string_equal(survey_text_get(&s->title, 1), "Rich survey");
	assert_string_equal(survey_text_get(&s->description, 1), "Description");
	assert_int_equal(survey_lang_index(s, "sv"), 0);
	assert_int_equal(survey_lang_index(s, "en"), 1);
	assert_int_equal(survey_lang_index(s, "de"), 0);
	assert_int_equal(survey_lang_index(s, NULL), 0);
	/* a language the survey has not: the default language */
	assert_string_equal(survey_text_get(&s->title, 5), "Rik enkät");
	assert_string_equal(survey_text_get(&s->title, SURVEY_MAX_LANGS + 3), "Rik enkät");
	q = question(s, "a1");
	assert_string_equal(survey_text_get(&q->text, 1), "A1 en");
	assert_string_equal(survey_text_get(&q->guidance, 0), "Hjälp");
	assert_string_equal(survey_text_get(&q->guidance, 1), "Help");
	/* an optional text left out: "" in every language, never NULL */
	q = question(s, "a2");
	assert_null(q->guidance.lang[0]);
	assert_null(q->guidance.lang[1]);
	assert_string_equal(survey_text_get(&q->guidance, 1), "");
	assert_string_equal(survey_text_get(&s->areas[0].description, 0), "");
	survey_free(s);
}

static void test_condition_terms(void **state)
{
	struct survey *s;
	const struct survey_question *q, *a1, *b2;
	const struct condition *c;

	(void)state;
	s = load_ok(RICH);
	q = question(s, "b3");
	a1 = question(s, "a1");
	b2 = question(s, "b2");
	c = q->show_if;
	assert_non_null(c);
	assert_int_equal(c->n_terms, 3);
	assert_int_equal(c->terms[0].question, survey_question_index(s, "a1"));
	assert_int_equal(c->terms[0].op, COND_EQ);
	assert_false(c->terms[0].numeric);
	assert_int_equal(c->terms[0].option, survey_option_index(a1, "hi"));
	assert_false(c->terms[0].or_before);
	assert_int_equal(c->terms[1].question, survey_question_index(s, "a2"));
	assert_int_equal(c->terms[1].op, COND_GE);
	assert_true(c->terms[1].numeric);
	assert_true(c->terms[1].number == 10);
	assert_false(c->terms[1].or_before);
	assert_int_equal(c->terms[2].question, survey_question_index(s, "b2"));
	assert_int_equal(c->terms[2].op, COND_HAS);
	assert_int_equal(c->terms[2].option, survey_option_index(b2, "p"));
	assert_true(c->terms[2].or_before);
	assert_null(question(s, "b1")->show_if);
	survey_free(s);
}

static void test_condition_or_and_operators(void **state)
{
	/* q3 refers to q1 (yesno) and q2 (number); no spaces around operators */
	static const char extra[] =
		"\n[question.q2]\narea = a\ntype = number\n"
		"text.sv = T\ntext.en = T\n"
		"\n[question.q3]\narea = a\ntype = text\n"
		"show_if = q1 != no or q2<5 or q2<=-1.5 and q2>2 and q2=3 or q1=yes\n"
		"text.sv = T\ntext.en = T\n";
	static const enum cond_op ops[] = {COND_NE, COND_LT, COND_LE, COND_GT,
					   COND_EQ, COND_EQ};
	static const bool ors[] = {false, true, true, false, false, true};
	char *text = str_cat(BASE, extra);
	struct survey *s = load_ok(text);
	const struct condition *c = question(s, "q3")->show_if;

	(void)state;
	assert_non_null(c);
	assert_int_equal(c->n_terms, 6);
	for (size_t i = 0; i < 6; i++) {
		assert_int_equal(c->terms[i].op, ops[i]);
		assert_int_equal(c->terms[i].or_before, ors[i]);
	}
	assert_int_equal(c->terms[0].option, 2); /* "no" */
	assert_true(c->terms[2].number == -1.5);
	assert_true(c->terms[3].numeric);
	assert_false(c->terms[5].numeric);
	assert_int_equal(c->terms[5].option, 0); /* "yes" */
	survey_free(s);
	free(text);
}

static void test_condition_earlier_area_later_in_file(void **state)
{
	/* q0 (area b) comes first in the file but refers to q1 (area a), which
	 * is earlier in presentation order because [area.a] comes first */
	static const char text[] =
		"[survey]\nid = t\nversion = 1\nlanguages = en\ntitle.en = T\n"
		"scoring = percent\n"
		"[area.a]\ntitle.en = A\n"
		"[area.b]\ntitle.en = B\n"
		"[question.q0]\narea = b\ntype = yesno\nshow_if = q1 = yes\ntext.en = Q0\n"
		"[question.q1]\narea = a\ntype = yesno\ntext.en = Q1\n";
	struct survey *s = load_ok(text);

	(void)state;
	assert_string_equal(s->questions[0].id, "q1");
	assert_string_equal(s->questions[1].id, "q0");
	assert_non_null(s->questions[1].show_if);
	assert_int_equal(s->questions[1].show_if->terms[0].question, 0);
	survey_free(s);
}

static void test_sha256_of_bytes(void **state)
{
	struct survey *s;
	char *bom;

	(void)state;
	s = load_ok(BASE);
	assert_string_equal(s->file_sha256, BASE_SHA256);
	survey_free(s);
	/* file_sha256 is of the bytes: a BOM changes it, not the identity */
	bom = str_cat("\xEF\xBB\xBF", BASE);
	s = load_ok(bom);
	assert_int_equal(strlen(s->file_sha256), 64);
	assert_string_not_equal(s->file_sha256, BASE_SHA256);
	survey_free(s);
	free(bom);
}

/* ----- identity: the parsed content, not the bytes ----- */

/* BASE's canonical form, written out by hand (see survey.c): a change of
 * the form changes every survey's identity, and must be deliberate. */
static void canon_field(struct sha256_ctx *c, const char *name, const char *value)
{
	char *line = NULL;
	int n = asprintf(&line, "%s %zu:%s\n", name, strlen(value), value);

	assert_true(n > 0);
	sha256_update(c, (size_t)n, (const uint8_t *)line);
	free(line);
}

static void test_identity_canonical_form(void **state)
{
	static const char *const fields[][2] = {
		{"enkat-survey-identity", "1"},
		{"id", "test"}, {"version", "2026"},
		{"languages", "2"}, {"language", "sv"}, {"language", "en"},
		{"title.sv", "Testenkät"}, {"title.en", "Test survey"},
		{"scoring", "levels"}, {"threshold", "0.75"},
		{"levels", "1"}, {"level", "1"}, {"title.sv", "Grund"}, {"title.en", "Basic"},
		{"areas", "1"}, {"area", "a"}, {"title.sv", "Område A"},
		{"title.en", "Area A"}, {"weight", "1"}, {"target", "0"},
		{"questions", "1"}, {"question", "q1"}, {"type", "yesno"},
		{"text.sv", "Fråga 1"}, {"text.en", "Question 1"},
		{"required", "1"}, {"na", "0"}, {"weight", "1"}, {"level", "1"},
		{"decimals", "0"}, {"question_points", "0"},
		{"options", "3"},
		{"option", "yes"}, {"label.sv", "Ja"}, {"label.en", "Yes"}, {"points", "2"},
		{"option", "partly"}, {"label.sv", "Delvis"}, {"label.en", "Partly"},
		{"points", "1"},
		{"option", "no"}, {"label.sv", "Nej"}, {"label.en", "No"}, {"points", "0"},
	};
	struct sha256_ctx c;
	unsigned char digest[SHA256_DIGEST_SIZE];
	char want[65];
	struct survey *s;

	(void)state;
	sha256_init(&c);
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
		canon_field(&c, fields[i][0], fields[i][1]);
	sha256_digest(&c, sizeof digest, digest);
	for (size_t i = 0; i < sizeof digest; i++)
		snprintf(want + 2 * i, 3, "%02x", digest[i]);
	s = load_ok(BASE);
	assert_string_equal(s->sha256, want);
	assert_string_equal(s->file_sha256, BASE_SHA256);
	{
		char again[65];
		survey_identity(s, again);
		assert_string_equal(again, want);
	}
	survey_free(s);
}

/* The identity of a survey that must load. Caller frees. */
static char *identity_of(const char *text)
{
	struct survey *s = load_ok(text);
	char *id = dup_str(s->sha256);

	assert_int_equal(strlen(id), 64);
	survey_free(s);
	return id;
}

/* text with every "\n" made "\r\n" (below) */
static char *to_crlf(const char *src);

/* text with the section "[name]" (up to the next section) moved to just
 * before "[before]", or to the end when before is NULL. */
static char *move_section(const char *text, const char *name, const char *before)
{
	char *head = NULL, *to = NULL, *cut, *out;
	const char *at, *end;
	size_t n;

	assert_true(asprintf(&head, "[%s]\n", name) > 0);
	at = strstr(text, head);
	assert_non_null(at);
	end = strstr(at + 1, "\n[");
	end = end ? end + 1 : at + strlen(at);
	n = (size_t)(end - at);
	cut = alloc(n + 2);
	memcpy(cut, at, n);
	cut[n] = '\0';
	if (cut[n - 1] != '\n')
		strcat(cut, "\n");
	{
		char *rest = alloc(strlen(text) - n + 1);
		memcpy(rest, text, (size_t)(at - text));
		strcpy(rest + (at - text), end);
		if (before) {
			char *with;
			assert_true(asprintf(&to, "[%s]\n", before) > 0);
			with = str_cat(cut, to);
			out = str_replace(rest, to, with);
			free(with);
			free(to);
		} else {
			out = str_cat(rest, cut);
		}
		free(rest);
	}
	free(cut);
	free(head);
	return out;
}

/* str_replace that frees src */
static char *repl(char *src, const char *old, const char *new_)
{
	char *r = str_replace(src, old, new_);

	free(src);
	return r;
}

/* An edit that changes nothing shown or scored: the same identity, though
 * the file's own checksum differs. */
static void test_identity_same_for_form(void **state)
{
	struct {
		const char *what;
		char *text;
	} same[32];
	size_t n = 0;
	char *base = identity_of(RICH), *t;
	struct survey *s = load_ok(RICH);
	char *base_file = dup_str(s->file_sha256);

	(void)state;
	survey_free(s);
#define SAME(w, x) (same[n].what = (w), same[n++].text = (x))
	SAME("comments and blank lines",
	     repl(str_cat("; a new comment\n\n# and another\n", RICH), "[area.second]\n",
		  "\n; the second area\n\n[area.second]\n"));
	SAME("CRLF line ends", to_crlf(RICH));
	SAME("a byte-order mark", str_cat("\xEF\xBB\xBF", RICH));
	SAME("keys reordered in a section",
	     str_replace(RICH, "area = first\ntype = scale\nscale = m\nlevel = 2\n"
			 "weight = 3\nna = yes\nrequired = no\n",
			 "required = no\nna = yes\nweight = 3\nlevel = 2\nscale = m\n"
			 "type = scale\narea = first\n"));
	SAME("space around '='",
	     repl(str_replace(RICH, "weight = 3\n", "weight=3\n"),
		  "text.sv = A1 sv\n", "text.sv   =   A1 sv   \n"));
	SAME("a text on a continuation line",
	     str_replace(RICH, "guidance.en = Help\n", "guidance.en =\n  Help\n"));
	SAME("another spelling of the same numbers",
	     repl(repl(str_replace(RICH, "weight = 2.5\n", "weight = 25e-1\n"),
		       "max = 100\n", "max = 100.000\n"),
		  "r.points = 0.5\n", "r.points = .50\n"));
	SAME("another spelling of lists and booleans",
	     repl(str_replace(RICH, "options = x, y,z\n", "options = x y z\n"),
		  "na = yes\n", "na = true\n"));
	SAME("a condition spaced and spelt otherwise",
	     str_replace(RICH, "show_if = a1 = hi and a2 >= 10 or b2 has p\n",
			 "show_if = a1 = hi   and a2 >= 10.0  or\tb2 has p\n"));
	SAME("defaults written out",
	     repl(str_replace(RICH, "[question.b3]\n",
			      "[question.b3]\nrequired = yes\nna = no\nweight = 1\n"),
		  "threshold = 0.5\n", "threshold = 0.5\nscoring = levels\n"));
	SAME("the scale section elsewhere", move_section(RICH, "scale.m", "survey"));
	SAME("the level sections swapped", move_section(RICH, "level.2", "level.1"));
	SAME("the survey section last", move_section(RICH, "survey", NULL));
	/* b1 stays the first question of area second, only its place among
	 * the sections of another area changes */
	SAME("a question among another area's sections",
	     move_section(RICH, "question.b1", "question.b2"));
	SAME("an area section moved, the areas' order kept",
	     move_section(RICH, "area.second", NULL));
	t = str_replace(RICH, "[question.b1]\n",
			"[scale.unused]\noptions = a b\na.label.sv = A\na.label.en = A\n"
			"a.points = 0\nb.label.sv = B\nb.label.en = B\nb.points = 1\n\n"
			"[question.b1]\n");
	SAME("a scale no question uses", t);
#undef SAME
	for (size_t i = 0; i < n; i++) {
		struct survey *v = load_ok(same[i].text);

		if (strcmp(v->sha256, base) != 0)
			fail_msg("%s: another identity", same[i].what);
		if (strcmp(v->file_sha256, base_file) == 0)
			fail_msg("%s: the same file checksum", same[i].what);
		survey_free(v);
	}
	for (size_t i = 0; i < n; i++)
		free(same[i].text);
	free(base);
	free(base_file);
}

/* Any change to what is shown or scored: another identity, and each
 * another one. */
static void test_identity_differs_for_content(void **state)
{
	static const struct {
		const char *what, *old, *new_;
	} edits[] = {
		{"survey id", "id = rich-1\n", "id = rich-2\n"},
		{"version", "version = 7\n", "version = 8\n"},
		{"language order", "languages = sv en\n", "languages = en sv\n"},
		{"survey title", "title.en = Rich survey\n", "title.en = Rich Survey\n"},
		{"survey description", "description.sv = Beskrivning\n",
		 "description.sv = Beskrivning.\n"},
		{"threshold", "threshold = 0.5\n", "threshold = 0.6\n"},
		{"level title", "title.en = Two\n", "title.en = Second\n"},
		{"level description", "description.en = Level two\n",
		 "description.en = Level 2\n"},
		{"area title", "title.sv = Första\n", "title.sv = Först\n"},
		{"area weight", "weight = 2.5\n", "weight = 2.6\n"},
		{"area target", "target = 2\n", "target = 1\n"},
		{"question weight", "weight = 3\n", "weight = 4\n"},
		{"question text", "text.en = B2 en\n", "text.en = B2  en\n"},
		{"guidance", "guidance.en = Help\n", "guidance.en = Help!\n"},
		{"guidance added", "text.en = A4 en\n",
		 "text.en = A4 en\nguidance.sv = G\nguidance.en = G\n"},
		{"required", "required = no\n", "required = yes\n"},
		{"not applicable allowed", "na = yes\n", "na = no\n"},
		{"question level", "level = 2\nweight = 3\n", "level = 1\nweight = 3\n"},
		{"type", "type = choice\n", "type = multi\n"},
		{"option label", "x.label.en = X en\n", "x.label.en = X EN\n"},
		{"option points", "y.points = 5\n", "y.points = 4\n"},
		{"option order", "options = x, y,z\n", "options = y, x, z\n"},
		{"scale option label", "hi.label.en = High\n", "hi.label.en = Higher\n"},
		{"scale option description", "hi.description.en = Very\n",
		 "hi.description.en = Very much\n"},
		{"number min", "min = 0\n", "min = 1\n"},
		{"number max", "max = 100\n", "max = 99\n"},
		{"decimals", "decimals = 2\n", "decimals = 1\n"},
		{"number points", "points = 10\n", "points = 11\n"},
		{"text points", "points = 3\n", "points = 2\n"},
		{"condition value", "a2 >= 10 or", "a2 >= 11 or"},
		{"condition operator", "a2 >= 10 or", "a2 > 10 or"},
		{"condition joint", "hi and a2", "hi or a2"},
		{"condition option", "b2 has p\n", "b2 has q\n"},
		{"condition removed", "show_if = a1 = hi and a2 >= 10 or b2 has p\n", ""},
	};
	char *ids[sizeof edits / sizeof edits[0] + 3];
	size_t n = 0;
	char *base = identity_of(RICH), *t;

	(void)state;
	for (size_t i = 0; i < sizeof edits / sizeof edits[0]; i++) {
		t = str_replace(RICH, edits[i].old, edits[i].new_);
		ids[n] = identity_of(t);
		if (strcmp(ids[n], base) == 0)
			fail_msg("%s: the same identity", edits[i].what);
		n++;
		free(t);
	}
	/* order that is meaning: questions within an area, areas */
	t = move_section(RICH, "question.a2", "question.a1");
	ids[n++] = identity_of(t);
	free(t);
	{
		char *no_cond = str_replace(RICH, "show_if = a1 = hi and a2 >= 10 or "
					    "b2 has p\n", "");
		t = move_section(no_cond, "area.second", "area.first");
		ids[n++] = identity_of(t);
		free(t);
		free(no_cond);
	}
	/* a question moved to another area */
	t = str_replace(RICH, "[question.a3]\narea = first\n", "[question.a3]\narea = second\n");
	ids[n++] = identity_of(t);
	free(t);
	for (size_t i = 0; i < n; i++) {
		assert_string_not_equal(ids[i], base);
		for (size_t j = 0; j < i; j++)
			if (strcmp(ids[i], ids[j]) == 0)
				fail_msg("edits %zu and %zu give one identity", j, i);
	}
	for (size_t i = 0; i < n; i++)
		free(ids[i]);
	free(base);
}

static void test_yesno_labels(void **state)
{
	static const char *const sv[] = {"Ja", "Delvis", "Nej"};
	static const char *const en[] = {"Yes", "Partly", "No"};
	static const char *const ids[] = {"yes", "partly", "no"};
	static const double pts[] = {2, 1, 0};
	struct survey *s;
	const struct survey_question *q;

	(void)state;
	s = load_ok(BASE);
	q = question(s, "q1");
	assert_int_equal(q->n_options, 3);
	assert_false(q->owns_options);
	assert_ptr_equal(q->options, s->yesno_options);
	for (size_t i = 0; i < 3; i++) {
		assert_string_equal(q->options[i].id, ids[i]);
		assert_true(q->options[i].points == pts[i]);
		assert_string_equal(survey_text_get(&q->options[i].label, 0), sv[i]);
		assert_string_equal(survey_text_get(&q->options[i].label, 1), en[i]);
	}
	assert_true(q->max_points == 2);
	survey_free(s);
}

static void test_yesno_labels_other_language(void **state)
{
	/* a language other than sv gets the English labels */
	char *text = str_replace(BASE, "languages = sv, en", "languages = fi,sv");
	char *t2 = str_replace(text, "title.en = Test survey", "title.fi = Kysely");
	char *t3 = str_replace(t2, "title.en = Basic", "title.fi = Perus");
	char *t4 = str_replace(t3, "title.en = Area A", "title.fi = Alue A");
	char *t5 = str_replace(t4, "text.en = Question 1", "text.fi = Kysymys 1");
	struct survey *s = load_ok(t5);
	const struct survey_question *q = question(s, "q1");

	(void)state;
	assert_string_equal(s->langs[0], "fi");
	assert_string_equal(survey_text_get(&q->options[0].label, 0), "Yes");
	assert_string_equal(survey_text_get(&q->options[0].label, 1), "Ja");
	assert_string_equal(survey_text_get(&q->options[2].label, 1), "Nej");
	survey_free(s);
	free(text);
	free(t2);
	free(t3);
	free(t4);
	free(t5);
}

static void test_percent_scoring_valid(void **state)
{
	char *t1 = str_replace(BASE, "title.en = Test survey\n",
			       "title.en = Test survey\nscoring = percent\n");
	char *t2 = str_replace(t1, "[level.1]\ntitle.sv = Grund\ntitle.en = Basic\n", "");
	char *t3 = str_replace(t2, "level = 1\n", "");
	struct survey *s = load_ok(t3);

	(void)state;
	assert_int_equal(s->scoring, SCORING_PERCENT);
	assert_int_equal(s->max_level, 0);
	assert_int_equal(s->questions[0].level, 0);
	assert_true(s->questions[0].max_points == 2);
	survey_free(s);
	free(t1);
	free(t2);
	free(t3);
}

static void test_booleans_and_lists(void **state)
{
	/* true/false/1/0 are booleans; lists take spaces, commas or both */
	static const char extra[] =
		"required = 0\n"                                /* 22 */
		"na = true\n"                                   /* 23 */
		"\n[question.q2]\narea = a\ntype = choice\nlevel = 1\n"
		"required = 1\nna = false\n"
		"options = 0 ,1,, 2\n"
		"0.label.sv = N\n0.label.en = N\n0.points = 0\n"
		"1.label.sv = E\n1.label.en = O\n1.points = 1\n"
		"2.label.sv = T\n2.label.en = T\n2.points = 2\n"
		"text.sv = F\ntext.en = Q\n";
	char *text = str_cat(BASE, extra);
	struct survey *s = load_ok(text);
	const struct survey_question *q1 = question(s, "q1"), *q2 = question(s, "q2");

	(void)state;
	assert_false(q1->required);
	assert_true(q1->allow_na);
	assert_true(q2->required);
	assert_false(q2->allow_na);
	assert_int_equal(q2->n_options, 3);
	assert_string_equal(q2->options[0].id, "0");
	assert_string_equal(q2->options[2].id, "2");
	survey_free(s);
	free(text);
}

static void test_id_40_chars_and_section_49_bytes(void **state)
{
	/* [question.<40 characters>] is a 49-byte section name: accepted */
	static const char id40[] = "abcdefghij0123456789ABCDEFGHIJ_-_-_-_-_-";
	char *sec = alloc(64), *text, *t2;
	struct survey *s;

	(void)state;
	assert_int_equal(strlen(id40), 40);
	snprintf(sec, 64, "[question.%s]", id40);
	text = str_replace(BASE, "[question.q1]", sec);
	t2 = str_replace(text, "id = test", "id = abcdefghij0123456789ABCDEFGHIJ_-_-_-_-_-");
	s = load_ok(t2);
	assert_string_equal(s->questions[0].id, id40);
	assert_string_equal(s->id, id40);
	survey_free(s);
	free(sec);
	free(text);
	free(t2);
}

static void test_two_questions_file_order(void **state)
{
	char *text = str_cat(BASE, Q2);
	struct survey *s = load_ok(text);

	(void)state;
	assert_int_equal(s->n_questions, 2);
	assert_string_equal(s->questions[0].id, "q1");
	assert_string_equal(s->questions[1].id, "q2");
	assert_int_equal(s->questions[1].line, 23);
	assert_ptr_equal(s->questions[0].options, s->questions[1].options);
	assert_int_equal(s->areas[0].n_questions, 2);
	survey_free(s);
	free(text);
}

static void test_no_trailing_newline(void **state)
{
	char *text = dup_str(BASE);
	struct survey *s;

	(void)state;
	text[strlen(text) - 1] = '\0';
	s = load_ok(text);
	assert_string_equal(survey_text_get(&s->questions[0].text, 1), "Question 1");
	survey_free(s);
	free(text);
}

static void test_buffer_not_nul_terminated(void **state)
{
	/* only len bytes count: what follows must not be read */
	size_t len = strlen(BASE);
	char *exact = alloc(len);
	char *longer = str_cat(BASE, "[bogus\nno equals sign\n");
	struct diag d = {0};
	struct survey *s;

	(void)state;
	memcpy(exact, BASE, len);
	s = survey_load_buffer(NAME, exact, len, &d);
	assert_non_null(s);
	assert_int_equal(d.count, 0);
	assert_string_equal(s->file_sha256, BASE_SHA256);
	survey_free(s);
	s = survey_load_buffer(NAME, longer, len, &d);
	assert_non_null(s);
	assert_int_equal(d.count, 0);
	survey_free(s);
	free(exact);
	free(longer);
	diag_free(&d);
}

/* ----- long lines, continuations, escapes, comments ----- */

static void test_long_line_5000(void **state)
{
	char *line = alloc(5000 + 64), *text;
	struct survey *s;
	const char *got;
	size_t n;

	(void)state;
	n = (size_t)sprintf(line, "text.en = ");
	for (size_t i = 0; i < 5000; i++)
		line[n + i] = (char)('a' + i % 26);
	line[n + 4999] = 'Z';
	line[n + 5000] = '\0';
	text = str_replace(BASE, "text.en = Question 1", line);
	s = load_ok(text);
	got = survey_text_get(&s->questions[0].text, 1);
	assert_int_equal(strlen(got), 5000);
	assert_int_equal(got[4999], 'Z');
	assert_memory_equal(got, line + n, 5000);
	/* the line after the long one is still read */
	assert_int_equal(s->n_langs, 2);
	survey_free(s);
	free(line);
	free(text);
}

static void test_long_line_error_line_numbers(void **state)
{
	/* a long line does not disturb the line numbers that follow it */
	char *long_text = alloc(20000), *text;
	size_t n;

	(void)state;
	n = (size_t)sprintf(long_text, "text.en = ");
	memset(long_text + n, 'x', 15000);
	strcpy(long_text + n + 15000, "\nbogus line");
	text = str_replace(BASE, "text.en = Question 1", long_text);
	expect_only(text, NAME ":22: expected 'key = value', '[section]' or a "
		    "comment (';' or '#' at the start of the line)");
	free(long_text);
	free(text);
}

static void test_continuation_lines(void **state)
{
	char *text = str_replace(BASE, "text.en = Question 1\n",
				 "text.en = First part\n"
				 "  second part\n"
				 "\t\tthird   part  \n"
				 "guidance.sv = G\n"
				 " h\n"
				 "guidance.en = G\n");
	struct survey *s = load_ok(text);
	const struct survey_question *q = question(s, "q1");

	(void)state;
	assert_string_equal(survey_text_get(&q->text, 1), "First part second part third   part");
	assert_string_equal(survey_text_get(&q->guidance, 0), "G h");
	assert_string_equal(survey_text_get(&q->guidance, 1), "G");
	survey_free(s);
	free(text);
}

static void test_continuation_of_list(void **state)
{
	/* options may be continued like any value */
	static const char extra[] =
		"\n[question.q2]\narea = a\ntype = choice\nlevel = 1\n"
		"options = a\n"
		"  b\n"
		"a.label.sv = A\na.label.en = A\na.points = 0\n"
		"b.label.sv = B\nb.label.en = B\nb.points = 1\n"
		"text.sv = F\ntext.en = Q\n";
	char *text = str_cat(BASE, extra);
	struct survey *s = load_ok(text);

	(void)state;
	assert_int_equal(question(s, "q2")->n_options, 2);
	survey_free(s);
	free(text);
}

static void test_escapes(void **state)
{
	char *text = str_replace(BASE, "text.en = Question 1",
				 "text.en = Line 1\\nLine 2 \\\\ back\\\\nslash \\t \\");
	struct survey *s = load_ok(text);

	(void)state;
	assert_string_equal(survey_text_get(&s->questions[0].text, 1),
			    "Line 1\nLine 2 \\ back\\nslash \\t \\");
	survey_free(s);
	free(text);
}

static void test_semicolon_and_hash_kept(void **state)
{
	char *text = str_replace(BASE, "text.en = Question 1",
				 "text.en = Step #1; the basics ; more # and ;more");
	struct survey *s = load_ok(text);

	(void)state;
	assert_string_equal(survey_text_get(&s->questions[0].text, 1),
			    "Step #1; the basics ; more # and ;more");
	survey_free(s);
	free(text);
}

static void test_comments_and_blank_lines_ignored(void **state)
{
	char *text = str_replace(BASE, "text.sv = Fråga 1\n",
				 "; comment = not a key\n"
				 "# [not.a.section]\n"
				 "   \t \n"
				 "text.sv = Fråga 1\n");
	struct survey *s = load_ok(text);

	(void)state;
	assert_string_equal(survey_text_get(&s->questions[0].text, 0), "Fråga 1");
	survey_free(s);
	free(text);
}

static void test_bom_accepted(void **state)
{
	char *text = str_cat("\xEF\xBB\xBF", BASE);
	char *bad = str_replace(text, "id = test\n", "id = test\ncolour = red\n");
	struct survey *s = load_ok(text);

	(void)state;
	assert_string_equal(s->id, "test");
	assert_string_equal(survey_text_get(&s->title, 0), "Testenkät");
	survey_free(s);
	/* line numbers are unchanged by the BOM */
	expect_only(bad, NAME ":3: unknown key 'colour' in [survey]");
	free(text);
	free(bad);
}

static char *to_crlf(const char *src)
{
	size_t n = strlen(src), nl = 0;
	char *r, *o;

	for (size_t i = 0; i < n; i++)
		nl += src[i] == '\n';
	r = alloc(n + nl + 1);
	o = r;
	for (size_t i = 0; i < n; i++) {
		if (src[i] == '\n')
			*o++ = '\r';
		*o++ = src[i];
	}
	*o = '\0';
	return r;
}

static void check_no_cr(const struct survey_text *t)
{
	for (size_t i = 0; i < SURVEY_MAX_LANGS; i++)
		if (t->lang[i])
			assert_null(strchr(t->lang[i], '\r'));
}

static void test_crlf_accepted(void **state)
{
	char *lf = str_replace(RICH, "text.en = A1 en\n", "text.en = A1\n   en\n");
	char *text = to_crlf(lf);
	struct survey *s = load_ok(text);

	(void)state;
	assert_string_equal(s->id, "rich-1");
	assert_int_equal(s->n_questions, 7);
	assert_string_equal(survey_text_get(&question(s, "a1")->text, 1), "A1 en");
	check_no_cr(&s->title);
	check_no_cr(&s->description);
	for (size_t i = 0; i < s->n_questions; i++) {
		const struct survey_question *q = &s->questions[i];
		check_no_cr(&q->text);
		check_no_cr(&q->guidance);
		for (size_t o = 0; o < q->n_options; o++) {
			assert_null(strchr(q->options[o].id, '\r'));
			check_no_cr(&q->options[o].label);
		}
	}
	for (size_t a = 0; a < s->n_areas; a++) {
		assert_null(strchr(s->areas[a].id, '\r'));
		check_no_cr(&s->areas[a].title);
	}
	assert_non_null(question(s, "b3")->show_if);
	survey_free(s);
	free(lf);
	free(text);
}

static void test_crlf_with_bom_error_lines(void **state)
{
	char *lf = str_cat(BASE, "colour = red\n");
	char *crlf = to_crlf(lf);
	char *text = str_cat("\xEF\xBB\xBF", crlf);

	(void)state;
	expect_only(text, NAME ":22: unknown key 'colour' in [question.q1]");
	free(lf);
	free(crlf);
	free(text);
}

/* ----- unknown and duplicate things ----- */

static void test_unknown_key(void **state)
{
	struct diag d = {0};
	char *text = str_replace(BASE, "version = 2026", "Version = 2026");

	(void)state;
	expect_only_app("colour = red\n", NAME ":22: unknown key 'colour' in [question.q1]");
	/* keys are case-sensitive */
	assert_null(load_str(text, &d));
	assert_int_equal(d.count, 2);
	assert_diag(&d, 0, NAME ":1: [survey]: missing 'version' (e.g. 2026)");
	assert_diag(&d, 1, NAME ":3: unknown key 'Version' in [survey]");
	diag_free(&d);
	free(text);
}

static void test_unknown_key_language_suffix(void **state)
{
	(void)state;
	expect_only_repl("title.en = Test survey\n", "title.en = Test survey\ntitle.de = Umfrage\n",
			 NAME ":7: unknown key 'title.de' in [survey] (or 'de' is not "
			 "one of the survey's languages)");
	expect_only_app("guidance.fr = Aide\n",
			NAME ":22: unknown key 'guidance.fr' in [question.q1] (or 'fr' "
			"is not one of the survey's languages)");
}

static void test_unknown_section(void **state)
{
	(void)state;
	expect_only_app("\n[questions.q2]\narea = a\n",
			NAME ":23: unknown section [questions.q2] (expected [survey], "
			"[level.N], [scale.ID], [area.ID] or [question.ID])");
}

static void test_key_before_any_section(void **state)
{
	char *text = str_cat("id = x\n", BASE);

	(void)state;
	expect_error(text, 1, "unknown section []");
	free(text);
}

static void test_duplicate_key(void **state)
{
	(void)state;
	expect_only_app("text.sv = Igen\n",
			NAME ":22: duplicate key 'text.sv' (first given at line 20)");
}

static void test_duplicate_key_with_continuation(void **state)
{
	/* the continuation of a duplicate key is not added to the first one */
	(void)state;
	expect_only_app("text.sv = Igen\n  mer\n",
			NAME ":22: duplicate key 'text.sv' (first given at line 20)");
}

static void test_duplicate_survey_section(void **state)
{
	(void)state;
	expect_only_app("\n[survey]\nid = other\n",
			NAME ":23: [survey] given twice (first at line 1)");
}

static void test_duplicate_question(void **state)
{
	(void)state;
	expect_only_app("\n[question.q1]\narea = a\ntype = yesno\nlevel = 1\n"
			"text.sv = X\ntext.en = X\n",
			NAME ":23: question 'q1' defined twice (first at line 16)");
}

static void test_duplicate_area(void **state)
{
	/* lines 22.. : a second [area.a] */
	char *text = str_cat(BASE, "\n[area.a]\ntitle.sv = B\ntitle.en = B\n");
	struct diag d = {0};

	(void)state;
	assert_null(load_str(text, &d));
	assert_has_diag(&d, 23, "area 'a' defined twice (first at line 12)");
	diag_free(&d);
	free(text);
}

static void test_duplicate_scale(void **state)
{
	static const char scale[] =
		"\n[scale.s]\noptions = a b\n"                      /* 22-24 */
		"a.label.sv = A\na.label.en = A\na.points = 0\n"    /* 25-27 */
		"b.label.sv = B\nb.label.en = B\nb.points = 1\n";   /* 28-30 */
	char *text = alloc(sizeof BASE + 2 * sizeof scale);
	struct diag d = {0};

	(void)state;
	strcpy(text, BASE);
	strcat(text, scale);
	strcat(text, scale); /* second copy: lines 31.., section at 32 */
	assert_null(load_str(text, &d));
	assert_has_diag(&d, 32, "scale 's' defined twice (first at line 23)");
	diag_free(&d);
	free(text);
}

static void test_duplicate_level(void **state)
{
	struct diag d = {0};
	char *text = str_cat(BASE, "\n[level.1]\ntitle.sv = G\ntitle.en = B\n");

	(void)state;
	assert_null(load_str(text, &d));
	assert_has_diag(&d, 23, "[level.1] given twice");
	diag_free(&d);
	free(text);
}

static void test_duplicate_option(void **state)
{
	static const char extra[] =
		"\n[question.q2]\narea = a\ntype = choice\nlevel = 1\n" /* 22-26 */
		"options = a b a\n"                                     /* 27 */
		"a.label.sv = A\na.label.en = A\na.points = 0\n"
		"b.label.sv = B\nb.label.en = B\nb.points = 1\n"
		"text.sv = F\ntext.en = Q\n";

	(void)state;
	expect_only_app(extra, NAME ":27: option 'a' listed twice");
}

/* ----- missing things in [survey] ----- */

static void test_missing_survey_section(void **state)
{
	char *text = str_replace(BASE, "[survey]\nid = test\nversion = 2026\n"
				 "languages = sv, en\ntitle.sv = Testenkät\n"
				 "title.en = Test survey\n", "; nothing\n");

	(void)state;
	expect_only(text, NAME ":1: no [survey] section (it gives id, version, "
		    "languages and title)");
	free(text);
}

static void test_missing_id(void **state)
{
	(void)state;
	expect_only_repl("id = test\n", "\n", NAME ":1: [survey]: missing 'id'");
}

static void test_missing_version(void **state)
{
	(void)state;
	expect_only_repl("version = 2026\n", "\n",
			 NAME ":1: [survey]: missing 'version' (e.g. 2026)");
}

static void test_missing_languages(void **state)
{
	struct diag d = {0};
	char *text = str_replace(BASE, "languages = sv, en\n", "\n");

	(void)state;
	assert_null(load_str(text, &d));
	assert_has_diag(&d, 1, "[survey]: missing 'languages' (e.g. sv en)");
	assert_sorted(&d);
	diag_free(&d);
	free(text);
}

static void test_missing_title(void **state)
{
	struct diag d = {0};
	char *text = str_replace(BASE, "title.sv = Testenkät\ntitle.en = Test survey\n",
				 "\n\n");

	(void)state;
	assert_null(load_str(text, &d));
	assert_int_equal(d.count, 2);
	assert_diag(&d, 0, NAME ":1: [survey]: missing 'title.sv'");
	assert_diag(&d, 1, NAME ":1: [survey]: missing 'title.en'");
	diag_free(&d);
	free(text);
}

static void test_bad_version(void **state)
{
	static const char *const bad[] = {"abc", "0", "1000000", "2026.5", "-1",
					  "0x10", "20 26"};

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char *v = NULL;
		assert_true(asprintf(&v, "version = %s", bad[i]) > 0);
		expect_only_repl("version = 2026", v,
				 NAME ":3: 'version': '%s' is not a whole number "
				 "from 1 to 999999", bad[i]);
		free(v);
	}
}

static void test_bad_languages(void **state)
{
	struct diag d = {0};
	char *text = str_replace(BASE, "languages = sv, en", "languages = sv, EN, sv, e, en");

	(void)state;
	assert_null(load_str(text, &d));
	assert_int_equal(d.count, 3);
	assert_diag(&d, 0, NAME ":4: 'EN' is not a language code (2 or 3 "
		    "lowercase letters, e.g. sv, en)");
	assert_diag(&d, 1, NAME ":4: language 'sv' given twice");
	assert_diag(&d, 2, NAME ":4: 'e' is not a language code (2 or 3 "
		    "lowercase letters, e.g. sv, en)");
	diag_free(&d);
	free(text);
}

static void test_bad_scoring(void **state)
{
	(void)state;
	expect_only_repl("version = 2026\n", "version = 2026\nscoring = level\n",
			 NAME ":4: 'scoring': 'level' is neither levels nor percent");
}

/* ----- ids ----- */

static void test_bad_survey_id(void **state)
{
	(void)state;
	expect_only_repl("id = test", "id = my test",
			 NAME ":2: survey id 'my test': an id is 1 to 40 characters "
			 "from A-Z a-z 0-9 _ -, starting with a letter or digit");
	expect_only_repl("id = test", "id = enkät",
			 NAME ":2: survey id 'enkät': an id is 1 to 40 characters "
			 "from A-Z a-z 0-9 _ -, starting with a letter or digit");
	/* a leading '-' would be read as a formula by a spreadsheet */
	expect_only_repl("id = test", "id = -test",
			 NAME ":2: survey id '-test': an id is 1 to 40 characters "
			 "from A-Z a-z 0-9 _ -, starting with a letter or digit");
	/* 41 characters */
	expect_only_repl("id = test", "id = abcdefghij0123456789abcdefghij0123456789x",
			 NAME ":2: survey id 'abcdefghij0123456789abcdefghij0123456789x': "
			 "an id is 1 to 40 characters from A-Z a-z 0-9 _ -, starting "
			 "with a letter or digit");
}

static void test_bad_area_and_question_ids(void **state)
{
	struct diag d = {0};
	char *t1 = str_replace(BASE, "[area.a]", "[area.a.b]");
	char *t2 = str_replace(t1, "area = a", "area = a.b");
	char *t3 = str_replace(t2, "[question.q1]", "[question.-q1]");

	(void)state;
	assert_null(load_str(t3, &d));
	assert_int_equal(d.count, 2);
	assert_diag(&d, 0, NAME ":12: area id 'a.b': an id is 1 to 40 characters "
		    "from A-Z a-z 0-9 _ -, starting with a letter or digit");
	assert_diag(&d, 1, NAME ":16: question id '-q1': an id is 1 to 40 characters "
		    "from A-Z a-z 0-9 _ -, starting with a letter or digit");
	diag_free(&d);
	free(t1);
	free(t2);
	free(t3);
}

static void test_bad_option_id(void **state)
{
	static const char extra[] =
		"\n[question.q2]\narea = a\ntype = choice\nlevel = 1\n" /* 22-26 */
		"options = a b:c\n"                                     /* 27 */
		"a.label.sv = A\na.label.en = A\na.points = 0\n"
		"b:c.label.sv = B\nb:c.label.en = B\nb:c.points = 1\n"
		"text.sv = F\ntext.en = Q\n";
	struct diag d = {0};
	char *text = str_cat(BASE, extra);

	(void)state;
	assert_null(load_str(text, &d));
	assert_has_diag(&d, 27, "option 'b:c': an id is 1 to 40 characters");
	diag_free(&d);
	free(text);
}

/* ----- questions ----- */

static void test_unknown_question_type(void **state)
{
	(void)state;
	expect_only_repl("type = yesno", "type = yes-no",
			 NAME ":18: unknown question type 'yes-no' (scale, yesno, "
			 "choice, multi, number or text)");
}

static void test_missing_type(void **state)
{
	(void)state;
	expect_only_repl("type = yesno\n", "\n",
			 NAME ":16: [question.q1]: missing 'type' (scale, yesno, "
			 "choice, multi, number or text)");
}

static void test_unknown_area(void **state)
{
	(void)state;
	expect_only_repl("area = a\n", "area = b\n", NAME ":17: question 'q1': unknown area 'b'");
}

static void test_missing_area(void **state)
{
	(void)state;
	expect_only_repl("area = a\n", "\n", NAME ":16: [question.q1]: missing 'area'");
}

static void test_unknown_scale(void **state)
{
	(void)state;
	expect_only_repl("type = yesno\n", "type = scale\nscale = nope\n",
			 NAME ":19: unknown scale 'nope'");
	expect_only_repl("type = yesno\n", "type = scale\n",
			 NAME ":18: [question.q1]: type scale needs 'scale' (the id "
			 "of a [scale.ID] section)");
}

static const char SCALE_Q2[] =
	"\n[question.q2]\narea = a\ntype = scale\nscale = s\nlevel = 1\n" /* 22-27 */
	"text.sv = F\ntext.en = Q\n"                                      /* 28-29 */
	"\n[scale.s]\n";                                                  /* 30-31 */

static void test_scale_one_option(void **state)
{
	/* lines 32..: the scale's keys */
	char *text = str_cat(BASE, SCALE_Q2);
	char *t2 = str_cat(text, "options = a\na.label.sv = A\na.label.en = A\na.points = 1\n");
	struct diag d = {0};

	(void)state;
	assert_null(load_str(t2, &d));
	assert_has_diag(&d, 32, "'options' must list 2 to 64 option ids");
	assert_sorted(&d);
	diag_free(&d);
	free(text);
	free(t2);
}

static void test_too_many_options(void **state)
{
	char *text = str_cat(BASE, SCALE_Q2);
	char *opts = alloc(1024), *t2;
	struct diag d = {0};
	size_t n = (size_t)sprintf(opts, "options =");

	(void)state;
	for (int i = 0; i < 65; i++)
		n += (size_t)sprintf(opts + n, " o%d", i);
	strcpy(opts + n, "\n");
	t2 = str_cat(text, opts);
	assert_null(load_str(t2, &d));
	assert_has_diag(&d, 32, "'options' must list 2 to 64 option ids");
	diag_free(&d);
	free(text);
	free(opts);
	free(t2);
}

static void test_option_without_points(void **state)
{
	char *text = str_cat(BASE, SCALE_Q2);
	char *t2 = str_cat(text, "options = a b\n"                       /* 32 */
			   "a.label.sv = A\na.label.en = A\n"            /* 33-34 */
			   "b.label.sv = B\nb.label.en = B\nb.points = 1\n");

	(void)state;
	expect_only(t2, NAME ":32: [scale.s]: missing 'a.points'");
	free(text);
	free(t2);
}

static void test_option_missing_label(void **state)
{
	char *text = str_cat(BASE, SCALE_Q2);
	char *t2 = str_cat(text, "options = a b\n"                       /* 32 */
			   "a.label.sv = A\na.points = 0\n"              /* 33-34 */
			   "b.label.sv = B\nb.label.en = B\nb.points = 1\n");

	(void)state;
	expect_only(t2, NAME ":33: [scale.s]: missing 'a.label.en' (given in another language)");
	free(text);
	free(t2);
}

static void test_negative_points(void **state)
{
	char *text = str_cat(BASE, SCALE_Q2);
	char *t2 = str_cat(text, "options = a b\n"                       /* 32 */
			   "a.label.sv = A\na.label.en = A\na.points = -1\n" /* 33-35 */
			   "b.label.sv = B\nb.label.en = B\nb.points = 1\n");

	(void)state;
	expect_only(t2, NAME ":35: 'a.points' must not be negative");
	free(text);
	free(t2);
}

static void test_all_zero_points(void **state)
{
	char *text = str_cat(BASE, SCALE_Q2);
	char *t2 = str_cat(text, "options = a b\n"                       /* 32 */
			   "a.label.sv = A\na.label.en = A\na.points = 0\n"
			   "b.label.sv = B\nb.label.en = B\nb.points = 0.0\n");

	(void)state;
	expect_only(t2, NAME ":32: [scale.s]: every option has 0 points, so nothing "
		    "can be scored");
	free(text);
	free(t2);
}

static void test_bad_points_number(void **state)
{
	char *text = str_cat(BASE, SCALE_Q2);
	char *t2 = str_cat(text, "options = a b\n"                       /* 32 */
			   "a.label.sv = A\na.label.en = A\na.points = 1\n"
			   "b.label.sv = B\nb.label.en = B\nb.points = 1,5\n"); /* 38 */

	(void)state;
	expect_only(t2, NAME ":38: 'b.points': '1,5' is not a number (write decimals "
		    "with a point, e.g. 0.75)");
	free(text);
	free(t2);
}

static void test_missing_text_one_language(void **state)
{
	struct diag d = {0};
	char *text;

	(void)state;
	expect_only_repl("text.en = Question 1\n", "\n",
			 NAME ":20: [question.q1]: missing 'text.en' (given in another language)");
	text = str_replace(BASE, "text.sv = Fråga 1\ntext.en = Question 1\n", "\n\n");
	assert_null(load_str(text, &d));
	assert_int_equal(d.count, 2);
	assert_diag(&d, 0, NAME ":16: [question.q1]: missing 'text.sv'");
	assert_diag(&d, 1, NAME ":16: [question.q1]: missing 'text.en'");
	diag_free(&d);
	free(text);
}

static void test_optional_text_one_language(void **state)
{
	(void)state;
	expect_only_app("guidance.en = Help\n",
			NAME ":22: [question.q1]: missing 'guidance.sv' (given in "
			"another language)");
	expect_only_repl("title.en = Area A\n", "title.en = Area A\ndescription.sv = Om A\n",
			 NAME ":15: [area.a]: missing 'description.en' (given in "
			 "another language)");
}

static void test_empty_text(void **state)
{
	(void)state;
	expect_only_repl("text.en = Question 1", "text.en =", NAME ":21: 'text.en' is empty");
}

static void test_bad_boolean(void **state)
{
	(void)state;
	expect_only_app("required = ja\n", NAME ":22: 'required': 'ja' is not yes or no");
	expect_only_app("na = Yes\n", NAME ":22: 'na': 'Yes' is not yes or no");
}

static void test_bad_threshold_number(void **state)
{
	(void)state;
	expect_only_repl("version = 2026\n", "version = 2026\nthreshold = 0,75\n",
			 NAME ":4: 'threshold': '0,75' is not a number (write decimals "
			 "with a point, e.g. 0.75)");
	expect_only_repl("version = 2026\n", "version = 2026\nthreshold = nan\n",
			 NAME ":4: 'threshold': 'nan' is not a number (write decimals "
			 "with a point, e.g. 0.75)");
}

static void test_threshold_out_of_range(void **state)
{
	static const char *const bad[] = {"0", "-0.5", "1.01", "2"};

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char *v = NULL;
		assert_true(asprintf(&v, "version = 2026\nthreshold = %s\n", bad[i]) > 0);
		if (i < 2)
			expect_only_repl("version = 2026\n", v, NAME ":4: 'threshold' must "
					 "be more than 0 and at most 1");
		else
			expect_only_repl("version = 2026\n", v, NAME ":4: 'threshold': '%s' "
					 "is too large: at most 1", bad[i]);
		free(v);
	}
	{
		char *text = str_replace(BASE, "version = 2026\n", "version = 2026\nthreshold = 1\n");
		struct survey *s = load_ok(text);
		assert_true(s->threshold == 1);
		survey_free(s);
		free(text);
	}
}

static void test_weight_zero(void **state)
{
	(void)state;
	expect_only_app("weight = 0\n", NAME ":22: 'weight' must be more than 0");
	expect_only_repl("title.en = Area A\n", "title.en = Area A\nweight = -2\n",
			 NAME ":15: 'weight' must be more than 0");
	expect_only_app("weight = heavy\n", NAME ":22: 'weight': 'heavy' is not a number "
			"(write decimals with a point, e.g. 0.75)");
}

/* ----- the sizes of numbers: 0 or 0.000001 .. 1e15, and what derives
 * from them within what a result file may hold ----- */

static void test_number_too_small(void **state)
{
	struct survey *s;
	char *text;

	(void)state;
	/* a subnormal is a number, only too small: say so, and what is allowed */
	expect_only_app("weight = 1e-320\n", NAME ":22: 'weight': '1e-320' is too small: "
			"at least 0.000001");
	expect_only_app("weight = 1e-999\n", NAME ":22: 'weight': '1e-999' is too small: "
			"at least 0.000001");
	expect_only_app("weight = 0.0000009\n", NAME ":22: 'weight': '0.0000009' is too "
			"small: at least 0.000001");
	expect_only_repl("title.en = Area A\n", "title.en = Area A\nweight = 1e-7\n",
			 NAME ":15: 'weight': '1e-7' is too small: at least 0.000001");
	/* the sign is the first thing wrong with a negative one */
	expect_only_app("weight = -1e-320\n", NAME ":22: 'weight' must be more than 0");
	expect_only_app("weight = -1e-999\n", NAME ":22: 'weight' must be more than 0");
	expect_only_app("weight = -0\n", NAME ":22: 'weight' must be more than 0");
	expect_only_repl("version = 2026\n", "version = 2026\nthreshold = 1e-320\n",
			 NAME ":4: 'threshold': '1e-320' is too small: at least 0.000001");
	/* the limit itself is allowed */
	text = str_cat(BASE, "weight = 0.000001\n");
	s = load_ok(text);
	assert_true(s->questions[0].weight == 1e-6);
	survey_free(s);
	free(text);
}

static void test_number_too_large(void **state)
{
	struct survey *s;
	char *text;

	(void)state;
	expect_only_app("weight = 1e999\n", NAME ":22: 'weight': '1e999' is too large: "
			"at most 1e15");
	expect_only_app("weight = 1000000000000001\n", NAME ":22: 'weight': "
			"'1000000000000001' is too large: at most 1e15");
	expect_only_repl("title.en = Area A\n", "title.en = Area A\nweight = 1e308\n",
			 NAME ":15: 'weight': '1e308' is too large: at most 1e15");
	text = str_cat(BASE, "weight = 1e15\n");
	s = load_ok(text);
	assert_true(s->questions[0].weight == 1e15);
	survey_free(s);
	free(text);
}

static void test_threshold_too_large(void **state)
{
	(void)state;
	expect_only_repl("version = 2026\n", "version = 2026\nthreshold = 1e999\n",
			 NAME ":4: 'threshold': '1e999' is too large: at most 1");
}

/* BASE with a choice question q2 (lines 22..) whose option b has points p */
static char *option_points(const char *p)
{
	char *text = str_cat(BASE, "\n[question.q2]\narea = a\ntype = choice\nlevel = 1\n" /* 22-26 */
			     "text.sv = F\ntext.en = Q\noptions = a b\n"                 /* 27-29 */
			     "a.label.sv = A\na.label.en = A\na.points = 1\n"             /* 30-32 */
			     "b.label.sv = B\nb.label.en = B\nb.points = ");               /* 33-35 */
	char *t2 = str_cat(text, p);
	char *t3 = str_cat(t2, "\n");

	free(text);
	free(t2);
	return t3;
}

static void test_option_points_size(void **state)
{
	static const struct {
		const char *value, *message;
	} bad[] = {
		{"1e-320", "'b.points': '1e-320' is too small: 0, or at least 0.000001"},
		{"0.0000001", "'b.points': '0.0000001' is too small: 0, or at least 0.000001"},
		{"-1e-320", "'b.points' must not be negative"},
		{"-1", "'b.points' must not be negative"},
		{"1e999", "'b.points': '1e999' is too large: at most 1e15"},
		{"2e15", "'b.points': '2e15' is too large: at most 1e15"},
	};
	static const char *const good[] = {"0", "-0", "0.000001", "1e15"};

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char *text = option_points(bad[i].value);
		expect_only(text, NAME ":35: %s", bad[i].message);
		free(text);
	}
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		char *text = option_points(good[i]);
		struct survey *s = load_ok(text);
		double want;
		assert_true(sscanf(good[i], "%lf", &want) == 1);
		assert_true(question(s, "q2")->options[1].points == want);
		assert_false(signbit(question(s, "q2")->options[1].points)); /* no -0 */
		survey_free(s);
		free(text);
	}
}

/* BASE with a number question q2 (lines 22..28) and the given keys from
 * line 29 on. */
static char *number_q(const char *keys)
{
	char *text = str_cat(BASE, "\n[question.q2]\narea = a\ntype = number\n"    /* 22-25 */
			     "required = no\ntext.sv = F\ntext.en = Q\n");           /* 26-28 */
	char *t2 = str_cat(text, keys);

	free(text);
	return t2;
}

static void test_number_bounds_size(void **state)
{
	static const struct {
		const char *keys, *message;
	} bad[] = {
		{"min = 1e-320\n", "'min': '1e-320' is too small: 0, or at least 0.000001 "
		 "in size, either side of 0"},
		{"max = -0.0000001\n", "'max': '-0.0000001' is too small: 0, or at least "
		 "0.000001 in size, either side of 0"},
		{"min = -1e999\n", "'min': '-1e999' is out of range: from -1e15 to 1e15"},
		{"max = 1.5e15\n", "'max': '1.5e15' is out of range: from -1e15 to 1e15"},
		{"min = 0\nmax = 1\npoints = 1e-7\n",
		 "'points': '1e-7' is too small: at least 0.000001"},
		{"min = 0\nmax = 1\npoints = 0\n", "'points' must be more than 0"},
		{"min = 0\nmax = 1\npoints = 1e16\n",
		 "'points': '1e16' is too large: at most 1e15"},
	};
	struct survey *s;
	char *text;

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		long line = 29;
		for (const char *p = bad[i].keys; *p; p++)
			line += *p == '\n';
		text = number_q(bad[i].keys);
		expect_only(text, NAME ":%ld: %s", line - 1, bad[i].message);
		free(text);
	}
	/* the widest range and the smallest points still score */
	text = number_q("min = -1e15\nmax = 1e15\npoints = 0.000001\nlevel = 1\n");
	s = load_ok(text);
	assert_true(question(s, "q2")->min == -1e15);
	assert_true(question(s, "q2")->max_points == 1e-6);
	survey_free(s);
	free(text);
	/* text questions take points by the same rule */
	expect_only_app("\n[question.t]\narea = a\ntype = text\ntext.sv = T\n"
			"text.en = T\npoints = 1e-320\n",
			NAME ":28: 'points': '1e-320' is too small: at least 0.000001");
}

/* BASE with a multiple choice q2 of n options worth p each (lines 22..) */
static char *multi_q(size_t n, const char *p)
{
	char *text = str_cat(BASE, "\n[question.q2]\narea = a\ntype = multi\nlevel = 1\n" /* 22-26 */
			     "text.sv = F\ntext.en = Q\noptions =");                      /* 27-29 */

	for (size_t i = 0; i < n; i++) {
		char *id = NULL, *t;
		assert_true(asprintf(&id, " o%zu", i) > 0);
		t = str_cat(text, id);
		free(text);
		free(id);
		text = t;
	}
	for (size_t i = 0; i < n; i++) {
		char *keys = NULL, *t;
		assert_true(asprintf(&keys, "\no%zu.label.sv = O\no%zu.label.en = O\n"
				     "o%zu.points = %s", i, i, i, p) > 0);
		t = str_cat(text, keys);
		free(text);
		free(keys);
		text = t;
	}
	{
		char *t = str_cat(text, "\n");
		free(text);
		return t;
	}
}

static void test_multi_points_sum_limit(void **state)
{
	struct survey *s;
	char *text;

	(void)state;
	/* each option within the limit, the question's maximum above it: a
	 * result row with max_value 2e15 would be refused by every reader */
	text = multi_q(2, "1e15");
	expect_only(text, NAME ":29: question 'q2': the points of its options add up "
		    "to 2e15; a question may be worth at most 1e15");
	free(text);
	text = multi_q(64, "1.6e13");
	expect_only(text, NAME ":29: question 'q2': the points of its options add up "
		    "to 1.024e15; a question may be worth at most 1e15");
	free(text);
	/* exactly the limit is allowed */
	text = multi_q(2, "5e14");
	s = load_ok(text);
	assert_true(question(s, "q2")->max_points == 1e15);
	survey_free(s);
	free(text);
}

/* The largest and smallest figures a survey may give still make a result
 * file that reads back: what --check accepts, enkat can resume. */
static void test_limits_read_back(void **state)
{
	static const char extreme[] =
		"[survey]\nid = ytter\nversion = 1\nlanguages = sv\ntitle.sv = Y\n"
		"threshold = 0.000001\n"
		"[level.1]\ntitle.sv = N\n"
		"[area.a]\ntitle.sv = A\nweight = 1e15\n"
		"[area.b]\ntitle.sv = B\nweight = 0.000001\n"
		"[question.m]\narea = a\ntype = multi\nlevel = 1\nweight = 1e15\n"
		"text.sv = M\noptions = x y z\nx.label.sv = X\nx.points = 5e14\n"
		"y.label.sv = Y\ny.points = 5e14\nz.label.sv = Z\nz.points = 0.000001\n"
		"[question.n]\narea = b\ntype = number\nlevel = 1\nweight = 0.000001\n"
		"text.sv = N\nmin = -1e15\nmax = 1e15\npoints = 0.000001\ndecimals = 6\n"
		"[question.p]\narea = b\ntype = number\nlevel = 1\n"
		"text.sv = P\nmin = 0.000001\nmax = 1e15\npoints = 1e15\ndecimals = 6\n";
	struct survey *s = load_ok(extreme);
	static const double answers_n[] = {-1e15, -999999999999999.9, 0.000001, 1e15};
	static const double answers_p[] = {0.000001, 0.000002, 1, 1e15};

	(void)state;
	for (size_t k = 0; k < 4; k++) {
		struct answers *as = answers_new(s, "Kultur", "");
		struct result_table t, *back;
		struct diag d = {0};
		size_t len;
		char *csv;

		answers_set_chosen(as, survey_question_index(s, "m"), k < 2 ? 7 : 4);
		answers_set_number(as, survey_question_index(s, "n"), answers_n[k]);
		answers_set_number(as, survey_question_index(s, "p"), answers_p[k]);
		answers_to_table(as, &t);
		csv = result_format(&t, &len);
		back = result_load_buffer("r.csv", csv, len, &d);
		if (!back)
			print_diag(&d);
		assert_non_null(back);
		result_table_release(back);
		free(back);
		result_table_release(&t);
		free(csv);
		answers_free(as);
		diag_free(&d);
	}
	survey_free(s);
}

static void test_level_out_of_range(void **state)
{
	(void)state;
	expect_only_repl("level = 1", "level = 2",
			 NAME ":19: 'level': '2' is not a level from 1 to 1");
	expect_only_repl("level = 1", "level = 0",
			 NAME ":19: 'level': '0' is not a level from 1 to 1");
	expect_only_repl("level = 1", "level = one",
			 NAME ":19: 'level': 'one' is not a level from 1 to 1");
}

static void test_missing_level(void **state)
{
	(void)state;
	expect_only_repl("level = 1\n", "\n",
			 NAME ":16: [question.q1]: missing 'level' (1 to 1: the maturity "
			 "level this question belongs to)");
}

static void test_level_on_text_question(void **state)
{
	(void)state;
	expect_only_repl("type = yesno", "type = text",
			 NAME ":19: 'level' on a question that earns no points");
	/* a number without points earns nothing either */
	expect_only_repl("type = yesno", "type = number",
			 NAME ":19: 'level' on a question that earns no points");
}

static void test_percent_forbids_levels(void **state)
{
	char *text = str_replace(BASE, "version = 2026\n", "version = 2026\nscoring = percent\n"
				 "threshold = 0.5\n");
	char *t2 = str_replace(text, "title.en = Area A\n", "title.en = Area A\ntarget = 1\n");
	struct diag d = {0};

	(void)state;
	/* lines: scoring 4, threshold 5, [level.1] 10, target 17, level 22 */
	assert_null(load_str(t2, &d));
	assert_int_equal(d.count, 4);
	assert_diag(&d, 0, NAME ":5: 'threshold' has no meaning with scoring = percent");
	assert_diag(&d, 1, NAME ":10: [level.1] has no meaning with scoring = percent");
	assert_diag(&d, 2, NAME ":17: 'target' has no meaning with scoring = percent");
	assert_diag(&d, 3, NAME ":22: 'level' has no meaning with scoring = percent");
	diag_free(&d);
	free(text);
	free(t2);
}

static void test_levels_scoring_needs_levels(void **state)
{
	char *t1 = str_replace(BASE, "[level.1]\ntitle.sv = Grund\ntitle.en = Basic\n", "\n\n\n");
	char *t2 = str_replace(t1, "level = 1\n", "\n");

	(void)state;
	expect_only(t2, NAME ":1: scoring = levels needs [level.1] ... [level.N] "
		    "sections (or set scoring = percent)");
	free(t1);
	free(t2);
}

static void test_level_gap(void **state)
{
	(void)state;
	expect_only_app("\n[level.3]\ntitle.sv = Tre\ntitle.en = Three\n",
			NAME ":1: [level.2] is missing (levels are numbered 1, 2, 3 ... "
			"without gaps)");
}

static void test_level_section_number(void **state)
{
	struct diag d = {0};
	char *text = str_cat(BASE, "\n[level.10]\ntitle.sv = T\ntitle.en = T\n");

	(void)state;
	assert_null(load_str(text, &d));
	assert_has_diag(&d, 23, "[level.10]: levels are numbered 1 to 9");
	diag_free(&d);
	free(text);
}

static void test_target_above_highest_level(void **state)
{
	(void)state;
	expect_only_repl("title.en = Area A\n", "title.en = Area A\ntarget = 2\n",
			 NAME ":12: area 'a': target 2 is above the highest level (1)");
	expect_only_repl("title.en = Area A\n", "title.en = Area A\ntarget = 10\n",
			 NAME ":15: 'target': '10' is not a whole number from 1 to 9");
}

static void test_number_points_without_min_max(void **state)
{
	(void)state;
	expect_only_repl("type = yesno\n", "type = number\npoints = 4\nmin = 0\n",
			 NAME ":19: a number question with 'points' needs both 'min' "
			 "and 'max', min < max");
	expect_only_repl("type = yesno\n", "type = number\npoints = 4\nmin = 5\nmax = 5\n",
			 NAME ":19: a number question with 'points' needs both 'min' "
			 "and 'max', min < max");
}

static void test_number_max_less_than_min(void **state)
{
	(void)state;
	expect_only_repl("type = yesno\nlevel = 1\n", "type = number\nmin = 10\nmax = 1.5\n",
			 NAME ":20: 'max' is less than 'min'");
}

static void test_number_bad_points_and_decimals(void **state)
{
	(void)state;
	expect_only_repl("type = yesno\nlevel = 1\n", "type = number\npoints = 0\n",
			 NAME ":19: 'points' must be more than 0");
	expect_only_repl("type = yesno\nlevel = 1\n", "type = number\ndecimals = 7\n",
			 NAME ":19: 'decimals': '7' is not a whole number from 0 to 6");
	/* min, max and decimals belong to number questions only */
	expect_only_repl("type = yesno\nlevel = 1\n", "type = text\ndecimals = 2\n",
			 NAME ":19: unknown key 'decimals' in [question.q1]");
}

/* ----- show_if ----- */

/* BASE + q2 (yesno, lines 22-28) + q3 (choice) + q4 (number) + q5 (text)
 * + q6 (multi) + the question under test, whose show_if is on line 71. */
static const char COND_BASE[] =
	"\n[question.q2]\narea = a\ntype = yesno\nlevel = 1\n"        /* 22-26 */
	"text.sv = F\ntext.en = Q\n"                                   /* 27-28 */
	"\n[question.q3]\narea = a\ntype = choice\nlevel = 1\n"       /* 29-33 */
	"options = x y\n"                                             /* 34 */
	"x.label.sv = X\nx.label.en = X\nx.points = 0\n"              /* 35-37 */
	"y.label.sv = Y\ny.label.en = Y\ny.points = 1\n"              /* 38-40 */
	"text.sv = F\ntext.en = Q\n"                                   /* 41-42 */
	"\n[question.q4]\narea = a\ntype = number\n"                  /* 43-46 */
	"text.sv = F\ntext.en = Q\n"                                   /* 47-48 */
	"\n[question.q5]\narea = a\ntype = text\n"                    /* 49-52 */
	"text.sv = F\ntext.en = Q\n"                                   /* 53-54 */
	"\n[question.q6]\narea = a\ntype = multi\nlevel = 1\n"        /* 55-59 */
	"options = m n\n"                                             /* 60 */
	"m.label.sv = M\nm.label.en = M\nm.points = 1\n"              /* 61-63 */
	"n.label.sv = N\nn.label.en = N\nn.points = 1\n"              /* 64-66 */
	"text.sv = F\ntext.en = Q\n"                                   /* 67-68 */
	"\n[question.qx]\narea = a\n";                                /* 69-71 (section on 70) */
/* after it: "show_if = ..." on line 72, then the rest of qx */
#define COND_LINE 72

static char *cond_survey(const char *cond)
{
	char *head = str_cat(BASE, COND_BASE), *r = NULL;

	assert_true(asprintf(&r, "%sshow_if = %s\ntype = text\n"
			     "text.sv = F\ntext.en = Q\n"
			     "\n[question.qlast]\narea = a\ntype = yesno\nlevel = 1\n"
			     "text.sv = F\ntext.en = Q\n", head, cond) > 0);
	free(head);
	return r;
}

static void expect_cond_error(const char *cond, const char *message)
{
	char *text = cond_survey(cond);

	expect_only(text, NAME ":%d: question 'qx': show_if: %s", COND_LINE, message);
	free(text);
}

static void test_cond_base_valid(void **state)
{
	char *text = cond_survey("q1 = yes and q2 != partly or q3 = y or q4 > 3 or q6 has n");
	struct survey *s = load_ok(text);

	(void)state;
	assert_int_equal(question(s, "qx")->show_if->n_terms, 5);
	assert_int_equal(question(s, "qx")->line, 70);
	survey_free(s);
	free(text);
}

static void test_cond_unknown_question(void **state)
{
	(void)state;
	expect_cond_error("nope = yes", "unknown question 'nope'");
}

static void test_cond_later_question(void **state)
{
	(void)state;
	expect_cond_error("q1 = yes or qlast = yes",
			  "question 'qlast' comes later; a condition may only refer "
			  "to earlier questions");
}

static void test_cond_itself(void **state)
{
	(void)state;
	expect_cond_error("qx = yes", "the question refers to itself");
}

static void test_cond_bad_operator(void **state)
{
	(void)state;
	expect_cond_error("q1 == yes", "expected an operator (= != has < <= > >=) after 'q1'");
	expect_cond_error("q1 is yes", "expected an operator (= != has < <= > >=) after 'q1'");
	expect_cond_error("q1", "expected an operator (= != has < <= > >=) after 'q1'");
}

static void test_cond_has_on_non_multi(void **state)
{
	(void)state;
	expect_cond_error("q1 has yes", "use = or != with question 'q1'");
	expect_cond_error("q4 has 3", "'has' is for multiple-choice questions");
	expect_cond_error("q6 = m", "use 'has' with multiple-choice question 'q6'");
}

static void test_cond_less_on_choice(void **state)
{
	(void)state;
	expect_cond_error("q3 < y", "use = or != with question 'q3'");
	expect_cond_error("q2 >= partly", "use = or != with question 'q2'");
}

static void test_cond_unknown_option(void **state)
{
	(void)state;
	expect_cond_error("q1 = ja", "question 'q1' has no option 'ja'");
	expect_cond_error("q6 has x", "question 'q6' has no option 'x'");
	expect_cond_error("q4 = many", "'many' is not a number");
	expect_cond_error("q4 > 0,5", "'0,5' is not a number");
}

static void test_cond_number_size(void **state)
{
	(void)state;
	expect_cond_error("q4 > 1e-320", "'1e-320' is too small: 0, or at least "
			  "0.000001 in size, either side of 0");
	expect_cond_error("q4 < 1e999", "'1e999' is out of range: from -1e15 to 1e15");
	expect_cond_error("q4 < -2e15", "'-2e15' is out of range: from -1e15 to 1e15");
}

static void test_cond_text_question(void **state)
{
	(void)state;
	expect_cond_error("q5 = x", "question 'q5' is free text, which a condition cannot test");
}

static void test_cond_trailing_garbage(void **state)
{
	(void)state;
	expect_cond_error("q1 = yes q2 = no", "expected 'and' or 'or', found 'q2'");
	expect_cond_error("q1 = yes && q2 = no", "expected 'and' or 'or', found '&&'");
}

static void test_cond_missing_value(void **state)
{
	(void)state;
	expect_cond_error("q1 =", "missing value after the operator");
	expect_cond_error("q1 = yes and", "missing comparison after and/or");
}

static void test_cond_empty(void **state)
{
	(void)state;
	expect_cond_error("", "empty condition");
}

static void test_cond_question_with_unknown_area(void **state)
{
	/* q2 is dropped (unknown area): a condition on it names an unknown question */
	char *text = cond_survey("q2 = yes");
	char *t2 = str_replace(text, "[question.q2]\narea = a", "[question.q2]\narea = z");
	struct diag d = {0};

	(void)state;
	assert_null(load_str(t2, &d));
	assert_int_equal(d.count, 2);
	assert_diag(&d, 0, NAME ":24: question 'q2': unknown area 'z'");
	assert_diag(&d, 1, NAME ":%d: question 'qx': show_if: unknown question 'q2'", COND_LINE);
	diag_free(&d);
	free(text);
	free(t2);
}

/* ----- syntax ----- */

static void test_syntax_error_line(void **state)
{
	(void)state;
	expect_only_app("this line has no equals sign\n",
			NAME ":22: expected 'key = value', '[section]' or a comment "
			"(';' or '#' at the start of the line)");
}

static void test_missing_key_name(void **state)
{
	(void)state;
	expect_only_app("= value\n", NAME ":22: missing key name before '='");
}

static void test_several_syntax_errors(void **state)
{
	char *text = str_replace(BASE, "[level.1]\n", "oops one\n[level.1]\n");
	char *t2 = str_replace(text, "[area.a]\n", "[area.a]\noops two\n");
	char *t3 = str_cat(t2, "oops three\n\n  [broken\n");
	struct diag d = {0};

	(void)state;
	assert_null(load_str(t3, &d));
	if (d.count != 4)
		print_diag(&d);
	assert_int_equal(d.count, 4);
	assert_diag(&d, 0, NAME ":8: expected 'key = value', '[section]' or a comment "
		    "(';' or '#' at the start of the line)");
	assert_diag(&d, 1, NAME ":14: expected 'key = value', '[section]' or a comment "
		    "(';' or '#' at the start of the line)");
	assert_diag(&d, 2, NAME ":24: expected 'key = value', '[section]' or a comment "
		    "(';' or '#' at the start of the line)");
	/* an indented line after a blank line */
	assert_diag(&d, 3, NAME ":26: indented line after a blank or comment line: a "
		    "continuation line must follow its key directly (or remove the "
		    "indentation)");
	diag_free(&d);
	free(text);
	free(t2);
	free(t3);
}

static void test_section_without_bracket(void **state)
{
	struct diag d = {0};
	char *text = str_replace(BASE, "[question.q1]", "[question.q1");

	(void)state;
	assert_null(load_str(text, &d));
	assert_has_diag(&d, 16, "section header without ']'");
	assert_sorted(&d);
	diag_free(&d);
	free(text);
}

static void test_text_after_bracket(void **state)
{
	(void)state;
	expect_only_repl("[question.q1]", "[question.q1] ; first question",
			 NAME ":16: text after ']' in section header");
}

static void test_section_name_too_long(void **state)
{
	/* "[x" + 44 + "1234]" holds a 49-byte name: only "unknown section";
	 * one byte more and the name is too long as well */
	static const char id44[] = "abcdefghij0123456789abcdefghij0123456789abcd";
	char *ok_sec = NULL, *ok_text, *long_sec = NULL, *bad, *q = NULL, *t;
	struct diag d = {0};

	(void)state;
	assert_int_equal(strlen(id44), 44);
	assert_true(asprintf(&ok_sec, "\n[x%s1234]\n", id44) > 0);   /* line 23 */
	ok_text = str_cat(BASE, ok_sec);
	assert_null(load_str(ok_text, &d));
	assert_int_equal(d.count, 1);
	assert_diag(&d, 0, NAME ":23: unknown section [x%s1234] (expected [survey], "
		    "[level.N], [scale.ID], [area.ID] or [question.ID])", id44);
	diag_clear(&d);
	assert_true(asprintf(&long_sec, "\n[x%s12345]\n", id44) > 0); /* 50 bytes */
	bad = str_cat(BASE, long_sec);
	assert_null(load_str(bad, &d));
	assert_int_equal(d.count, 2);
	assert_diag(&d, 0, NAME ":23: section name longer than 49 bytes");
	/* the whole name is kept, not inih's 49-byte cut */
	assert_diag(&d, 1, NAME ":23: unknown section [x%s12345] (expected [survey], "
		    "[level.N], [scale.ID], [area.ID] or [question.ID])", id44);
	diag_free(&d);
	/* [question.<41 characters>] */
	assert_true(asprintf(&q, "[question.%s1]", "abcdefghij0123456789abcdefghij0123456789") > 0);
	t = str_replace(BASE, "[question.q1]", q);
	expect_error(t, 16, "section name longer than 49 bytes");
	expect_error(t, 16, "question id 'abcdefghij0123456789abcdefghij01234567891'");
	free(q);
	free(t);
	free(ok_sec);
	free(ok_text);
	free(long_sec);
	free(bad);
}

static void test_indented_line_after_blank(void **state)
{
	(void)state;
	expect_only_repl("text.en = Question 1\n", "text.en = Question 1\n\n  more text\n",
			 NAME ":23: indented line after a blank or comment line: a "
			 "continuation line must follow its key directly (or remove the "
			 "indentation)");
}

static void test_indented_line_after_comment(void **state)
{
	(void)state;
	expect_only_repl("text.en = Question 1\n", "text.en = Question 1\n; note\n\tmore text\n",
			 NAME ":23: indented line after a blank or comment line: a "
			 "continuation line must follow its key directly (or remove the "
			 "indentation)");
}

/* ----- bytes: empty, binary, encoding ----- */

static void test_empty_file(void **state)
{
	struct diag d = {0};

	(void)state;
	assert_null(survey_load_buffer(NAME, "", 0, &d));
	assert_int_equal(d.count, 1);
	assert_diag(&d, 0, NAME ":1: empty file: no survey here");
	diag_clear(&d);
	/* a BOM alone is empty too */
	assert_null(survey_load_buffer(NAME, "\xEF\xBB\xBF", 3, &d));
	assert_int_equal(d.count, 1);
	assert_diag(&d, 0, NAME ":1: empty file: no survey here");
	diag_free(&d);
}

static void test_whitespace_only_file(void **state)
{
	(void)state;
	expect_only(" \n\t\r\n\n   \r\n", NAME ":1: empty file: no survey here");
}

static void test_comments_only_file(void **state)
{
	(void)state;
	expect_only("; just a comment\n# and another\n",
		    NAME ":1: no [survey] section (it gives id, version, languages and title)");
}

static void test_nul_byte(void **state)
{
	size_t len = strlen(BASE);
	char *data = alloc(len);
	struct diag d = {0};

	(void)state;
	memcpy(data, BASE, len);
	data[strstr(BASE, "title.en = Basic") - BASE + 3] = '\0'; /* line 10 */
	assert_null(survey_load_buffer(NAME, data, len, &d));
	assert_int_equal(d.count, 1);
	assert_diag(&d, 0, NAME ":10: NUL byte: this is a binary file, not a survey");
	diag_free(&d);
	free(data);
}

static void test_invalid_utf8(void **state)
{
	/* Latin-1 "å" on line 13 ("title.sv = Omr\xe5de A"), byte 15 */
	char *text = str_replace(BASE, "Område A", "Omr\xe5" "de A");

	(void)state;
	expect_only(text, NAME ":13: invalid UTF-8 at byte 15 of the line (save the "
		    "file as UTF-8; it may be Latin-1 or Windows-1252)");
	free(text);
}

static void test_invalid_utf8_several_lines(void **state)
{
	/* overlong, surrogate and truncated sequences on lines 2, 5, 6 */
	char *t1 = str_replace(BASE, "id = test", "id = t\xc0\xafst");
	char *t2 = str_replace(t1, "title.sv = Testenkät", "title.sv = \xed\xa0\x80");
	char *t3 = str_replace(t2, "title.en = Test survey", "title.en = Test survey\xe2\x82");
	struct diag d = {0};

	(void)state;
	assert_null(load_str(t3, &d));
	assert_int_equal(d.count, 3);
	assert_diag(&d, 0, NAME ":2: invalid UTF-8 at byte 7 of the line (save the "
		    "file as UTF-8; it may be Latin-1 or Windows-1252)");
	assert_diag(&d, 1, NAME ":5: invalid UTF-8 at byte 12 of the line");
	assert_diag(&d, 2, NAME ":6: invalid UTF-8 at byte 23 of the line");
	diag_free(&d);
	free(t1);
	free(t2);
	free(t3);
}

static void test_invalid_utf8_many_lines(void **state)
{
	char *text = alloc(1024);
	struct diag d = {0};
	size_t n = 0;

	(void)state;
	for (int i = 0; i < 8; i++)
		n += (size_t)sprintf(text + n, "; r\xe4kna %d\n", i); /* lines 1-8 */
	strcpy(text + n, BASE);
	/* only the first five are listed, the rest summed up */
	assert_null(load_str(text, &d));
	assert_int_equal(d.count, 6);
	for (int i = 0; i < 5; i++)
		assert_int_equal(d.entries[i].line, i + 1);
	assert_string_equal(d.entries[5].message, "3 more lines with invalid UTF-8");
	free(text);
	diag_free(&d);
}

/* ----- messages in general ----- */

static void test_messages_sorted_by_line(void **state)
{
	/* the syntax error on the last line is found first (while parsing),
	 * the unknown key on line 3 last: they come out by line */
	char *t1 = str_replace(BASE, "version = 2026\n", "version = 2026\ncolour = red\n");
	char *t2 = str_replace(t1, "area = a\n", "area = b\n");
	char *t3 = str_cat(t2, "bogus\n");
	struct diag d = {0};

	(void)state;
	assert_null(load_str(t3, &d));
	assert_int_equal(d.count, 3);
	assert_diag(&d, 0, NAME ":4: unknown key 'colour' in [survey]");
	assert_diag(&d, 1, NAME ":18: question 'q1': unknown area 'b'");
	assert_diag(&d, 2, NAME ":23: expected 'key = value', '[section]' or a comment "
		    "(';' or '#' at the start of the line)");
	diag_free(&d);
	free(t1);
	free(t2);
	free(t3);
}

static void test_result_and_count(void **state)
{
	struct diag d = {0};
	struct survey *s;
	char *bad = str_cat(BASE, "bogus\n");

	(void)state;
	s = load_str(bad, &d);
	assert_null(s);
	assert_int_equal(d.count, 1);
	/* a later valid load into the same diag: earlier entries do not count */
	s = load_str(BASE, &d);
	assert_non_null(s);
	assert_int_equal(d.count, 1);
	survey_free(s);
	/* a second failing load appends, sorted among its own only */
	s = load_str(RICH, &d);
	assert_non_null(s);
	survey_free(s);
	assert_null(load_str("[survey]\nid = x\n", &d));
	assert_true(d.count > 1);
	assert_int_equal(d.entries[0].line, 22);
	assert_int_equal(d.entries[1].line, 1);
	diag_free(&d);
	free(bad);
	survey_free(NULL);
}

/* ----- files ----- */

static char *write_temp(const char *data, size_t len)
{
	char *path = dup_str("/tmp/test_survey_XXXXXX");
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, len), (ssize_t)len);
	close(fd);
	return path;
}

static void test_load_file(void **state)
{
	char *path = write_temp(BASE, strlen(BASE));
	struct diag d = {0};
	struct survey *s = survey_load(path, &d);

	(void)state;
	assert_non_null(s);
	assert_int_equal(d.count, 0);
	assert_string_equal(s->path, path);
	assert_string_equal(s->file_sha256, BASE_SHA256);
	assert_int_equal(s->n_questions, 1);
	survey_free(s);
	unlink(path);
	free(path);
	diag_free(&d);
}

static void test_load_file_with_error(void **state)
{
	char *text = str_cat(BASE, "bogus\n");
	char *path = write_temp(text, strlen(text));
	struct diag d = {0};

	(void)state;
	assert_null(survey_load(path, &d));
	assert_int_equal(d.count, 1);
	assert_diag(&d, 0, "%s:22: expected 'key = value', '[section]' or a comment "
		    "(';' or '#' at the start of the line)", path);
	unlink(path);
	free(path);
	free(text);
	diag_free(&d);
}

static void test_load_empty_file(void **state)
{
	char *path = write_temp("", 0);
	struct diag d = {0};

	(void)state;
	assert_null(survey_load(path, &d));
	assert_int_equal(d.count, 1);
	assert_diag(&d, 0, "%s:1: empty file: no survey here", path);
	unlink(path);
	free(path);
	diag_free(&d);
}

static void test_load_directory(void **state)
{
	char dir[] = "/tmp/test_survey_dir_XXXXXX";
	struct diag d = {0};

	(void)state;
	assert_non_null(mkdtemp(dir));
	assert_null(survey_load(dir, &d));
	assert_int_equal(d.count, 1);
	assert_int_equal(d.entries[0].line, 0);
	assert_diag(&d, 0, "%s: is a directory", dir);
	rmdir(dir);
	diag_free(&d);
}

static void test_load_fifo(void **state)
{
	char dir[] = "/tmp/test_survey_dir_XXXXXX";
	char *fifo = NULL;
	struct diag d = {0};

	(void)state;
	assert_non_null(mkdtemp(dir));
	assert_true(asprintf(&fifo, "%s/pipe.ini", dir) > 0);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	alarm(10); /* blocking here would be the bug: SIGALRM ends the test run */
	assert_null(survey_load(fifo, &d));
	alarm(0);
	assert_int_equal(d.count, 1);
	assert_diag(&d, 0, "%s: not a regular file", fifo);
	unlink(fifo);
	rmdir(dir);
	free(fifo);
	diag_free(&d);
}

static void test_load_missing_file(void **state)
{
	char dir[] = "/tmp/test_survey_dir_XXXXXX";
	char *path = NULL;
	struct diag d = {0};

	(void)state;
	assert_non_null(mkdtemp(dir));
	assert_true(asprintf(&path, "%s/missing.ini", dir) > 0);
	assert_null(survey_load(path, &d));
	assert_int_equal(d.count, 1);
	assert_diag(&d, 0, "%s: %s", path, strerror(ENOENT));
	rmdir(dir);
	free(path);
	diag_free(&d);
}

/* ----- disagreements with enkat-survey(5) / FORMAT.md: these fail while
 * the loader has the bug they describe ----- */

/* Loads text and tells whether it failed with a message on line; frees
 * everything first, so that a failing bug test leaks nothing. */
static bool fails_on_line(const char *text, long line)
{
	struct diag d = {0};
	struct survey *s = load_str(text, &d);
	bool ok = !s && has_diag(&d, line, "");

	if (!ok)
		print_diag(&d);
	survey_free(s);
	diag_free(&d);
	return ok;
}

/* A scale that is defined but invalid (here: one option) is reported, and
 * the question using it is then told the scale does not exist. */
static void test_regression_invalid_scale_reported_as_unknown(void **state)
{
	char *text = str_cat(BASE, SCALE_Q2);
	char *t2 = str_cat(text, "options = a\na.label.sv = A\na.label.en = A\na.points = 1\n");
	struct diag d = {0};
	bool reported, wrong;

	(void)state;
	assert_null(load_str(t2, &d));
	reported = has_diag(&d, 32, "'options' must list 2 to 64 option ids");
	wrong = has_diag(&d, 26, "unknown scale 's'");
	if (wrong)
		print_diag(&d);
	diag_free(&d);
	free(text);
	free(t2);
	assert_true(reported);
	if (wrong)
		fail_msg("[scale.s] exists (line 31): 'unknown scale' on line 26 is wrong");
}

/* The keys of a duplicate [area.ID] (also [scale.ID], [level.N]) are all
 * reported as unknown keys, with the hint that 'sv'/'en' are not languages
 * of the survey, although they are. */
static void test_regression_duplicate_section_keys_reported_unknown(void **state)
{
	char *text = str_cat(BASE, "\n[area.a]\ntitle.sv = B\ntitle.en = B\n");
	struct diag d = {0};
	size_t count;
	bool first;

	(void)state;
	assert_null(load_str(text, &d));
	count = d.count;
	first = has_diag(&d, 23, "area 'a' defined twice (first at line 12)");
	if (count != 1)
		print_diag(&d);
	diag_free(&d);
	free(text);
	assert_true(first);
	assert_int_equal(count, 1);
}

/* enkat-survey(5): a key line starts "at the first column"; "an indented
 * line with no value above it to continue, is a syntax error". An indented
 * first key of a section is accepted silently. */
static void test_regression_indented_first_key_accepted(void **state)
{
	char *text = str_replace(BASE, "area = a\n", "  area = a\n");
	bool ok = fails_on_line(text, 17);

	(void)state;
	free(text);
	if (!ok)
		fail_msg("the indented key on line 17 was accepted");
}

/* FORMAT.md: lines are `key = value`; a line that is neither section,
 * key = value, comment nor continuation is a syntax error. inih's
 * "key: value" form is accepted as a key. */
static void test_regression_colon_line_accepted_as_key(void **state)
{
	char *text = str_cat(BASE, "guidance.sv: Hjälp\nguidance.en: Help\n");
	bool ok = fails_on_line(text, 22);

	(void)state;
	free(text);
	if (!ok)
		fail_msg("'guidance.sv: Hjälp' on line 22 was read as a key");
}

/* Keys before the first section are reported on line 1, not on their line. */
static void test_regression_key_before_first_section_line(void **state)
{
	char *text = str_cat("; top\n\nid = x\n", BASE);
	bool ok = fails_on_line(text, 3);

	(void)state;
	free(text);
	if (!ok)
		fail_msg("no message on line 3, where the key before any section is");
}

/* With more than 5 invalid lines the summary is put on a line past the end
 * of a file that ends in a newline (line 9 of an 8-line file). */
static void test_regression_utf8_summary_line_past_end(void **state)
{
	static const char text[] = "; \xe5\n; \xe5\n; \xe5\n; \xe5\n; \xe5\n; \xe5\n; \xe5\n"
		"[survey]\n"; /* 8 lines */
	struct diag d = {0};
	long line;
	bool summary;

	(void)state;
	assert_null(load_str(text, &d));
	assert_int_equal(d.count, 6);
	summary = strcmp(d.entries[5].message, "2 more lines with invalid UTF-8") == 0;
	line = d.entries[5].line;
	if (line > 8)
		print_diag(&d);
	diag_free(&d);
	assert_true(summary);
	if (line > 8)
		fail_msg("line %ld is past the end of an 8-line file", line);
}

/* A value left empty on its key line and given on a continuation line gets a
 * leading space (" Hjälp"): "joined with a single space" joins to nothing. */
static void test_regression_continuation_after_empty_value(void **state)
{
	char *text = str_cat(BASE, "guidance.sv =\n  Hjälp\nguidance.en =\n\tHelp\n");
	struct survey *s = load_ok(text);
	bool sv = strcmp(survey_text_get(&s->questions[0].guidance, 0), "Hjälp") == 0;
	bool en = strcmp(survey_text_get(&s->questions[0].guidance, 1), "Help") == 0;

	(void)state;
	if (!sv || !en)
		print_message("  guidance: sv \"%s\", en \"%s\"\n",
			      survey_text_get(&s->questions[0].guidance, 0),
			      survey_text_get(&s->questions[0].guidance, 1));
	survey_free(s);
	free(text);
	assert_true(sv && en);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_minimal_valid),
		cmocka_unit_test(test_rich_ids_and_header),
		cmocka_unit_test(test_rich_presentation_order),
		cmocka_unit_test(test_rich_question_fields),
		cmocka_unit_test(test_max_points_per_type),
		cmocka_unit_test(test_texts_and_fallback),
		cmocka_unit_test(test_condition_terms),
		cmocka_unit_test(test_condition_or_and_operators),
		cmocka_unit_test(test_condition_earlier_area_later_in_file),
		cmocka_unit_test(test_sha256_of_bytes),
		cmocka_unit_test(test_identity_canonical_form),
		cmocka_unit_test(test_identity_same_for_form),
		cmocka_unit_test(test_identity_differs_for_content),
		cmocka_unit_test(test_yesno_labels),
		cmocka_unit_test(test_yesno_labels_other_language),
		cmocka_unit_test(test_percent_scoring_valid),
		cmocka_unit_test(test_booleans_and_lists),
		cmocka_unit_test(test_id_40_chars_and_section_49_bytes),
		cmocka_unit_test(test_no_trailing_newline),
		cmocka_unit_test(test_buffer_not_nul_terminated),
		cmocka_unit_test(test_long_line_5000),
		cmocka_unit_test(test_long_line_error_line_numbers),
		cmocka_unit_test(test_continuation_lines),
		cmocka_unit_test(test_continuation_of_list),
		cmocka_unit_test(test_escapes),
		cmocka_unit_test(test_semicolon_and_hash_kept),
		cmocka_unit_test(test_comments_and_blank_lines_ignored),
		cmocka_unit_test(test_bom_accepted),
		cmocka_unit_test(test_crlf_accepted),
		cmocka_unit_test(test_crlf_with_bom_error_lines),
		cmocka_unit_test(test_unknown_key),
		cmocka_unit_test(test_unknown_key_language_suffix),
		cmocka_unit_test(test_unknown_section),
		cmocka_unit_test(test_key_before_any_section),
		cmocka_unit_test(test_duplicate_key),
		cmocka_unit_test(test_duplicate_key_with_continuation),
		cmocka_unit_test(test_duplicate_survey_section),
		cmocka_unit_test(test_duplicate_question),
		cmocka_unit_test(test_duplicate_area),
		cmocka_unit_test(test_duplicate_scale),
		cmocka_unit_test(test_duplicate_level),
		cmocka_unit_test(test_duplicate_option),
		cmocka_unit_test(test_missing_survey_section),
		cmocka_unit_test(test_missing_id),
		cmocka_unit_test(test_missing_version),
		cmocka_unit_test(test_missing_languages),
		cmocka_unit_test(test_missing_title),
		cmocka_unit_test(test_bad_version),
		cmocka_unit_test(test_bad_languages),
		cmocka_unit_test(test_bad_scoring),
		cmocka_unit_test(test_bad_survey_id),
		cmocka_unit_test(test_bad_area_and_question_ids),
		cmocka_unit_test(test_bad_option_id),
		cmocka_unit_test(test_unknown_question_type),
		cmocka_unit_test(test_missing_type),
		cmocka_unit_test(test_unknown_area),
		cmocka_unit_test(test_missing_area),
		cmocka_unit_test(test_unknown_scale),
		cmocka_unit_test(test_scale_one_option),
		cmocka_unit_test(test_too_many_options),
		cmocka_unit_test(test_option_without_points),
		cmocka_unit_test(test_option_missing_label),
		cmocka_unit_test(test_negative_points),
		cmocka_unit_test(test_all_zero_points),
		cmocka_unit_test(test_bad_points_number),
		cmocka_unit_test(test_missing_text_one_language),
		cmocka_unit_test(test_optional_text_one_language),
		cmocka_unit_test(test_empty_text),
		cmocka_unit_test(test_bad_boolean),
		cmocka_unit_test(test_bad_threshold_number),
		cmocka_unit_test(test_threshold_out_of_range),
		cmocka_unit_test(test_weight_zero),
		cmocka_unit_test(test_number_too_small),
		cmocka_unit_test(test_number_too_large),
		cmocka_unit_test(test_threshold_too_large),
		cmocka_unit_test(test_option_points_size),
		cmocka_unit_test(test_number_bounds_size),
		cmocka_unit_test(test_cond_number_size),
		cmocka_unit_test(test_multi_points_sum_limit),
		cmocka_unit_test(test_limits_read_back),
		cmocka_unit_test(test_level_out_of_range),
		cmocka_unit_test(test_missing_level),
		cmocka_unit_test(test_level_on_text_question),
		cmocka_unit_test(test_percent_forbids_levels),
		cmocka_unit_test(test_levels_scoring_needs_levels),
		cmocka_unit_test(test_level_gap),
		cmocka_unit_test(test_level_section_number),
		cmocka_unit_test(test_target_above_highest_level),
		cmocka_unit_test(test_number_points_without_min_max),
		cmocka_unit_test(test_number_max_less_than_min),
		cmocka_unit_test(test_number_bad_points_and_decimals),
		cmocka_unit_test(test_cond_base_valid),
		cmocka_unit_test(test_cond_unknown_question),
		cmocka_unit_test(test_cond_later_question),
		cmocka_unit_test(test_cond_itself),
		cmocka_unit_test(test_cond_bad_operator),
		cmocka_unit_test(test_cond_has_on_non_multi),
		cmocka_unit_test(test_cond_less_on_choice),
		cmocka_unit_test(test_cond_unknown_option),
		cmocka_unit_test(test_cond_text_question),
		cmocka_unit_test(test_cond_trailing_garbage),
		cmocka_unit_test(test_cond_missing_value),
		cmocka_unit_test(test_cond_empty),
		cmocka_unit_test(test_cond_question_with_unknown_area),
		cmocka_unit_test(test_syntax_error_line),
		cmocka_unit_test(test_missing_key_name),
		cmocka_unit_test(test_several_syntax_errors),
		cmocka_unit_test(test_section_without_bracket),
		cmocka_unit_test(test_text_after_bracket),
		cmocka_unit_test(test_section_name_too_long),
		cmocka_unit_test(test_indented_line_after_blank),
		cmocka_unit_test(test_indented_line_after_comment),
		cmocka_unit_test(test_empty_file),
		cmocka_unit_test(test_whitespace_only_file),
		cmocka_unit_test(test_comments_only_file),
		cmocka_unit_test(test_nul_byte),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_invalid_utf8_several_lines),
		cmocka_unit_test(test_invalid_utf8_many_lines),
		cmocka_unit_test(test_messages_sorted_by_line),
		cmocka_unit_test(test_result_and_count),
		cmocka_unit_test(test_load_file),
		cmocka_unit_test(test_load_file_with_error),
		cmocka_unit_test(test_load_empty_file),
		cmocka_unit_test(test_load_directory),
		cmocka_unit_test(test_load_fifo),
		cmocka_unit_test(test_load_missing_file),
		cmocka_unit_test(test_two_questions_file_order),
		/* these expose loader bugs (see the comments above them) */
		cmocka_unit_test(test_regression_invalid_scale_reported_as_unknown),
		cmocka_unit_test(test_regression_duplicate_section_keys_reported_unknown),
		cmocka_unit_test(test_regression_indented_first_key_accepted),
		cmocka_unit_test(test_regression_colon_line_accepted_as_key),
		cmocka_unit_test(test_regression_key_before_first_section_line),
		cmocka_unit_test(test_regression_utf8_summary_line_past_end),
		cmocka_unit_test(test_regression_continuation_after_empty_value),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
