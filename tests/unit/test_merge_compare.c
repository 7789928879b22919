/* merge_compare (src/merge_compare.h): how a version's areas and questions
 * continue an earlier one's, by id or by the survey's revision mapping,
 * and what differs behind a change: every merge_diff bit on a case of its
 * own, the levels-only ones kept out of the percentage's, the overall. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "merge_compare.h"
#include "merge_model.h"
#include "survey.h"
#include "util.h"

#define NONE ((size_t)-1)

/* A version built by hand: areas "a" and "b" (target 1, weight 1) and
 * the questions given as "id:area", each weight 1, max 4, level 1, with
 * the options 0..4 worth their number. */
static struct merge_version *version(long number, const char *const *questions, size_t n)
{
	struct merge_version *v = xcalloc(1, sizeof *v);
	static const char *const areas[] = {"a", "b"};

	v->survey_id = xstrdup("t");
	v->version = number;
	v->has_threshold = true;
	v->threshold = 0.5;
	v->areas = xcalloc(2, sizeof *v->areas);
	for (size_t a = 0; a < 2; a++) {
		v->areas[v->n_areas].id = xstrdup(areas[a]);
		v->areas[v->n_areas].title = xstrdup(areas[a]);
		v->areas[v->n_areas].weight = 1;
		v->areas[v->n_areas].target = 1;
		v->n_areas++;
		merge_model_index_area(v, a);
	}
	v->questions = xcalloc(n ? n : 1, sizeof *v->questions);
	for (size_t i = 0; i < n; i++) {
		struct merge_question *q = &v->questions[v->n_questions];
		const char *colon = strchr(questions[i], ':');
		q->id = xstrndup(questions[i], (size_t)(colon - questions[i]));
		q->text = xstrdup(q->id);
		q->area = colon[1] == 'a' ? 0 : 1;
		q->level = 1;
		q->has_max = true;
		q->max_value = 4;
		q->weight = 1;
		strcpy(q->type, "scale");
		q->choices = xcalloc(5, sizeof *q->choices);
		for (size_t c = 0; c < 5; c++) {
			q->choices[c].id = xasprintf("%zu", c);
			q->choices[c].label = xstrdup("");
			q->choices[c].points = (double)c;
			q->choices[c].has_points = true;
		}
		q->n_choices = 5;
		v->n_questions++;
		merge_model_index_question(v, i);
	}
	return v;
}

static const char *const BASE[] = {"p:a", "r:a", "k:b"};

struct pair {
	struct merge_version *prev, *v;
	struct merge_compare c;
};

static void pair_free(struct pair *p)
{
	merge_compare_free(&p->c);
	merge_model_version_free(p->prev);
	merge_model_version_free(p->v);
}

static void test_same(void **state)
{
	struct pair p = {version(1, BASE, 3), version(2, BASE, 3), {0}};

	(void)state;
	merge_compare_make(&p.c, p.v, p.prev);
	for (size_t a = 0; a <= 2; a++) {
		assert_int_equal(p.c.areas[a].prev, a);
		assert_int_equal(p.c.areas[a].diff, 0);
		assert_int_equal(p.c.areas[a].level_diff, 0);
	}
	for (size_t q = 0; q < 3; q++) {
		assert_int_equal(p.c.questions[q].prev, q);
		assert_int_equal(p.c.questions[q].kind, REVISION_SAME);
	}
	pair_free(&p);
}

/* by id: a renamed question is one removed and one added */
static void test_added_removed(void **state)
{
	static const char *const later[] = {"p:a", "ansvar:a", "k:b"};
	struct pair p = {version(1, BASE, 3), version(2, later, 3), {0}};
	char *what;

	(void)state;
	merge_compare_make(&p.c, p.v, p.prev);
	assert_int_equal(p.c.questions[1].prev, NONE);
	assert_false(p.c.prev_questions_kept[1]);
	assert_int_equal(p.c.areas[0].diff, MERGE_DIFF_ADDED | MERGE_DIFF_REMOVED);
	assert_int_equal(p.c.areas[1].diff, 0);
	assert_int_equal(p.c.areas[2].diff, MERGE_DIFF_ADDED | MERGE_DIFF_REMOVED);
	what = merge_compare_describe(p.c.areas[0].diff);
	assert_string_equal(what, "a question added, a question removed");
	free(what);
	pair_free(&p);
}

/* a question that moved to another area is added there, removed here */
static void test_moved(void **state)
{
	static const char *const later[] = {"p:a", "r:b", "k:b"};
	struct pair p = {version(1, BASE, 3), version(2, later, 3), {0}};

	(void)state;
	merge_compare_make(&p.c, p.v, p.prev);
	assert_int_equal(p.c.questions[1].prev, 1);
	assert_int_equal(p.c.areas[0].diff, MERGE_DIFF_REMOVED);
	assert_int_equal(p.c.areas[1].diff, MERGE_DIFF_ADDED);
	pair_free(&p);
}

static void test_weight_scale(void **state)
{
	struct pair p = {version(1, BASE, 3), version(2, BASE, 3), {0}};

	(void)state;
	p.v->questions[0].weight = 2;          /* p: a weight */
	p.v->questions[2].choices[3].points = 2; /* k: an option's points */
	merge_compare_make(&p.c, p.v, p.prev);
	assert_int_equal(p.c.questions[0].diff, MERGE_DIFF_WEIGHT);
	assert_int_equal(p.c.questions[1].diff, 0);
	assert_int_equal(p.c.questions[2].diff, MERGE_DIFF_SCALE);
	assert_int_equal(p.c.areas[0].diff, MERGE_DIFF_WEIGHT);
	assert_int_equal(p.c.areas[1].diff, MERGE_DIFF_SCALE);
	assert_int_equal(p.c.areas[2].diff, MERGE_DIFF_WEIGHT | MERGE_DIFF_SCALE);
	merge_compare_free(&p.c);
	/* the maximum is the scale too; an area's weight moves the overall */
	p.v->questions[0].weight = 1;
	p.v->questions[2].choices[3].points = 3;
	p.v->questions[1].max_value = 5;
	p.v->areas[1].weight = 3;
	merge_compare_make(&p.c, p.v, p.prev);
	assert_int_equal(p.c.areas[0].diff, MERGE_DIFF_SCALE);
	assert_int_equal(p.c.areas[1].diff, 0);
	assert_int_equal(p.c.areas[2].diff, MERGE_DIFF_SCALE | MERGE_DIFF_WEIGHT);
	pair_free(&p);
}

/* a target, a threshold or a question's level: the levels only */
static void test_levels_only(void **state)
{
	struct pair p = {version(1, BASE, 3), version(2, BASE, 3), {0}};

	(void)state;
	p.v->areas[0].target = 2;
	p.v->questions[2].level = 2;
	merge_compare_make(&p.c, p.v, p.prev);
	assert_int_equal(p.c.areas[0].diff, 0);
	assert_int_equal(p.c.areas[0].level_diff, MERGE_DIFF_TARGET);
	assert_int_equal(p.c.areas[1].level_diff, MERGE_DIFF_THRESHOLD);
	assert_int_equal(p.c.areas[2].diff, 0);
	assert_int_equal(p.c.areas[2].level_diff, MERGE_DIFF_TARGET | MERGE_DIFF_THRESHOLD);
	merge_compare_free(&p.c);
	/* the version's threshold: every area's levels, and only those */
	p.v->areas[0].target = 1;
	p.v->questions[2].level = 1;
	p.v->threshold = 0.75;
	merge_compare_make(&p.c, p.v, p.prev);
	for (size_t a = 0; a <= 2; a++) {
		assert_int_equal(p.c.areas[a].diff, 0);
		assert_int_equal(p.c.areas[a].level_diff, MERGE_DIFF_THRESHOLD);
	}
	pair_free(&p);
}

static void test_area_gone(void **state)
{
	static const char *const later[] = {"p:a", "r:a"};
	struct pair p = {version(1, BASE, 3), version(2, later, 2), {0}};

	(void)state;
	/* area b has no question left, but is still there: removed from it */
	merge_compare_make(&p.c, p.v, p.prev);
	assert_int_equal(p.c.areas[1].diff, MERGE_DIFF_REMOVED);
	assert_int_equal(merge_compare_next_question(&p.c, 2), NONE);
	assert_int_equal(merge_compare_next_area(&p.c, 1), 1);
	assert_int_equal(merge_compare_next_area(&p.c, 2), 2); /* the overall */
	pair_free(&p);
}

/* The later version's definition: its continues keys match renamed,
 * split and reworded questions. */
static const char SURVEY2[] =
	"[survey]\nid = t\nversion = 2\nlanguages = sv\ntitle.sv = T\n\n"
	"[scale.s]\noptions = 0 1 2 3 4\n"
	"0.label.sv = 0\n0.points = 0\n1.label.sv = 1\n1.points = 1\n"
	"2.label.sv = 2\n2.points = 2\n3.label.sv = 3\n3.points = 3\n"
	"4.label.sv = 4\n4.points = 4\n\n"
	"[level.1]\ntitle.sv = L\n\n"
	"[area.a]\ntitle.sv = a\ntarget = 1\n\n"
	"[question.p]\narea = a\ntype = scale\nscale = s\nlevel = 1\ntext.sv = p\n"
	"continues = p\ncontinues.comparable = no\n\n"
	"[question.ansvar]\narea = a\ntype = scale\nscale = s\nlevel = 1\ntext.sv = ansvar\n"
	"continues = r\n\n"
	"[area.b]\ntitle.sv = b\ntarget = 1\n\n"
	"[question.k1]\narea = b\ntype = scale\nscale = s\nlevel = 1\ntext.sv = k1\n"
	"continues = k\n\n"
	"[question.k2]\narea = b\ntype = scale\nscale = s\nlevel = 1\ntext.sv = k2\n"
	"continues = k\n";

static void test_revision_mapping(void **state)
{
	static const char *const later[] = {"p:a", "ansvar:a", "k1:b", "k2:b"};
	struct pair p = {version(1, BASE, 3), version(2, later, 4), {0}};
	struct diag d = {0};
	struct survey *s = survey_load_buffer("t2.ini", SURVEY2, sizeof SURVEY2 - 1, &d);

	(void)state;
	assert_non_null(s);
	p.v->survey = s;
	p.v->survey_index = xcalloc(4, sizeof *p.v->survey_index);
	for (size_t q = 0; q < 4; q++)
		p.v->survey_index[q] = survey_question_index(s, p.v->questions[q].id);
	merge_compare_make(&p.c, p.v, p.prev);
	assert_int_equal(p.c.questions[0].prev, 0);
	assert_int_equal(p.c.questions[0].diff, MERGE_DIFF_REWORDED);
	assert_int_equal(p.c.questions[1].prev, 1);
	assert_int_equal(p.c.questions[1].kind, REVISION_RENAMED);
	assert_int_equal(p.c.questions[1].diff, 0);
	assert_int_equal(p.c.questions[2].kind, REVISION_SPLIT);
	assert_int_equal(p.c.questions[2].diff, MERGE_DIFF_SPLIT);
	assert_int_equal(p.c.questions[3].prev, 2);
	assert_true(p.c.prev_questions_kept[1]);
	assert_int_equal(p.c.areas[0].diff, MERGE_DIFF_REWORDED);
	assert_int_equal(p.c.areas[1].diff, MERGE_DIFF_SPLIT);
	/* the first part, when the earlier question was split */
	assert_int_equal(merge_compare_next_question(&p.c, 2), 2);
	merge_compare_free(&p.c);
	free(p.v->survey_index);
	p.v->survey_index = NULL;
	p.v->survey = NULL;
	survey_free(s);
	diag_free(&d);
	merge_model_version_free(p.prev);
	merge_model_version_free(p.v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same),
		cmocka_unit_test(test_added_removed),
		cmocka_unit_test(test_moved),
		cmocka_unit_test(test_weight_scale),
		cmocka_unit_test(test_levels_only),
		cmocka_unit_test(test_area_gone),
		cmocka_unit_test(test_revision_mapping),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
