/* Scoring rules against cases computed by hand (enkat-survey(5), SCORING). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <string.h>

#include "score.h"

#define ITEM(area_, w, v, max, lvl, app, ans) \
	{.area = (area_), .weight = (w), .value = (v), .max_value = (max), \
	 .level = (lvl), .applicable = (app), .answered = (ans)}

static void test_weighted_percent(void **state)
{
	(void)state;
	/* 100 * (1*4/4 + 3*2/4) / (1+3) = 100 * 2.5 / 4 = 62.5 */
	struct score_item items[] = {
		ITEM(0, 1, 4, 4, 0, true, true),
		ITEM(0, 3, 2, 4, 0, true, true),
	};
	struct score_area_def areas[] = {{1, 0}};
	struct score out[1], all;

	score_compute(items, 2, areas, 1, 0.75, 0, out, &all);
	assert_true(out[0].has_percent);
	assert_float_equal(out[0].percent, 62.5, 1e-9);
	assert_int_equal(out[0].answered, 2);
	assert_int_equal(out[0].applicable, 2);
	assert_float_equal(all.percent, 62.5, 1e-9);
}

static void test_na_leaves_both_sums(void **state)
{
	(void)state;
	/* the N/A item would pull the area down if it counted: 100 * 1 / 1 */
	struct score_item items[] = {
		ITEM(0, 1, 4, 4, 0, true, true),
		ITEM(0, 5, 0, 4, 0, false, false),
	};
	struct score_area_def areas[] = {{1, 0}};
	struct score out[1], all;

	score_compute(items, 2, areas, 1, 0.75, 0, out, &all);
	assert_float_equal(out[0].percent, 100.0, 1e-9);
	assert_int_equal(out[0].applicable, 1);
	assert_int_equal(out[0].answered, 1);
}

static void test_unanswered_counts_zero_and_lowers_coverage(void **state)
{
	(void)state;
	/* 100 * (1 + 0 + 0.5) / 3 = 50; coverage 2 of 3 */
	struct score_item items[] = {
		ITEM(0, 1, 2, 2, 0, true, true),
		ITEM(0, 1, 0, 2, 0, true, false),
		ITEM(0, 1, 1, 2, 0, true, true),
	};
	struct score_area_def areas[] = {{1, 0}};
	struct score out[1], all;

	score_compute(items, 3, areas, 1, 0.75, 0, out, &all);
	assert_float_equal(out[0].percent, 50.0, 1e-9);
	assert_int_equal(out[0].answered, 2);
	assert_int_equal(out[0].applicable, 3);
	assert_int_equal(all.answered, 2);
	assert_int_equal(all.applicable, 3);
}

static void test_unscored_counts_for_coverage_only(void **state)
{
	(void)state;
	struct score_item items[] = {
		ITEM(0, 1, 1, 4, 0, true, true),  /* 25 % */
		ITEM(0, 9, 0, 0, 0, true, false), /* unscored, unanswered */
	};
	struct score_area_def areas[] = {{1, 0}};
	struct score out[1], all;

	score_compute(items, 2, areas, 1, 0.75, 0, out, &all);
	assert_float_equal(out[0].percent, 25.0, 1e-9);
	assert_int_equal(out[0].applicable, 2);
	assert_int_equal(out[0].answered, 1);
}

static void test_area_without_scored_items_has_no_percent(void **state)
{
	(void)state;
	/* area 1 is all N/A: left out of the overall mean, not counted as 0 */
	struct score_item items[] = {
		ITEM(0, 1, 3, 4, 0, true, true),
		ITEM(1, 1, 0, 4, 0, false, false),
	};
	struct score_area_def areas[] = {{1, 0}, {5, 0}};
	struct score out[2], all;

	score_compute(items, 2, areas, 2, 0.75, 0, out, &all);
	assert_false(out[1].has_percent);
	assert_float_equal(all.percent, 75.0, 1e-9);
}

static void test_overall_weighted_by_area(void **state)
{
	(void)state;
	/* areas 100 % (weight 1) and 40 % (weight 3): (100 + 120) / 4 = 55 */
	struct score_item items[] = {
		ITEM(0, 1, 5, 5, 0, true, true),
		ITEM(1, 1, 2, 5, 0, true, true),
	};
	struct score_area_def areas[] = {{1, 0}, {3, 0}};
	struct score out[2], all;

	score_compute(items, 2, areas, 2, 0.75, 0, out, &all);
	assert_float_equal(out[0].percent, 100.0, 1e-9);
	assert_float_equal(out[1].percent, 40.0, 1e-9);
	assert_float_equal(all.percent, 55.0, 1e-9);
}

static void test_cumulative_levels(void **state)
{
	(void)state;
	/* threshold 0.75 on a 0-4 scale: 3 reaches, 2 does not.
	 * level 1: both reach; level 2: one reaches, one at 2 -> stop at 1,
	 * even though the level-3 item is at 4. */
	struct score_item items[] = {
		ITEM(0, 1, 3, 4, 1, true, true),
		ITEM(0, 1, 4, 4, 1, true, true),
		ITEM(0, 1, 4, 4, 2, true, true),
		ITEM(0, 1, 2, 4, 2, true, true),
		ITEM(0, 1, 4, 4, 3, true, true),
	};
	struct score_area_def areas[] = {{1, 3}};
	struct score out[1], all;

	score_compute(items, 5, areas, 1, 0.75, 4, out, &all);
	assert_int_equal(out[0].level, 1);
	assert_int_equal(out[0].target, 3);
	assert_int_equal(out[0].gap, 2);
	assert_int_equal(all.level, 1);
}

static void test_level_zero_when_basics_missing(void **state)
{
	(void)state;
	/* every higher item perfect, but a level-1 item unanswered: level 0 */
	struct score_item items[] = {
		ITEM(0, 1, 0, 4, 1, true, false),
		ITEM(0, 1, 4, 4, 2, true, true),
	};
	struct score_area_def areas[] = {{1, 2}};
	struct score out[1], all;

	score_compute(items, 2, areas, 1, 0.75, 4, out, &all);
	assert_int_equal(out[0].level, 0);
	assert_int_equal(out[0].gap, 2);
}

static void test_na_and_hidden_items_do_not_block_levels(void **state)
{
	(void)state;
	/* the level-1 item at 0 is not applicable (N/A or hidden) */
	struct score_item items[] = {
		ITEM(0, 1, 0, 4, 1, false, false),
		ITEM(0, 1, 4, 4, 1, true, true),
		ITEM(0, 1, 3, 4, 2, true, true),
	};
	struct score_area_def areas[] = {{1, 2}};
	struct score out[1], all;

	score_compute(items, 3, areas, 1, 0.75, 4, out, &all);
	assert_int_equal(out[0].level, 2);
	assert_int_equal(out[0].gap, 0);
}

static void test_level_capped_by_highest_tagged(void **state)
{
	(void)state;
	/* only levels 1 and 2 are asked: the area cannot be 4 by default */
	struct score_item items[] = {
		ITEM(0, 1, 4, 4, 1, true, true),
		ITEM(0, 1, 4, 4, 2, true, true),
	};
	struct score_area_def areas[] = {{1, 1}};
	struct score out[1], all;

	score_compute(items, 2, areas, 1, 0.75, 4, out, &all);
	assert_int_equal(out[0].level, 2);
	assert_int_equal(out[0].gap, 0); /* above target: no negative gap */
}

static void test_overall_level_needs_every_area(void **state)
{
	(void)state;
	/* area 0 reaches 2, area 1 only 1: the organisation is at level 1 */
	struct score_item items[] = {
		ITEM(0, 1, 4, 4, 1, true, true),
		ITEM(0, 1, 4, 4, 2, true, true),
		ITEM(1, 1, 4, 4, 1, true, true),
		ITEM(1, 1, 1, 4, 2, true, true),
	};
	struct score_area_def areas[] = {{1, 0}, {1, 0}};
	struct score out[2], all;

	score_compute(items, 4, areas, 2, 0.75, 4, out, &all);
	assert_int_equal(out[0].level, 2);
	assert_int_equal(out[1].level, 1);
	assert_int_equal(all.level, 1);
}

static void test_threshold_on_fractional_points(void **state)
{
	(void)state;
	/* 2/3 of a multi's points with threshold 2/3 reaches despite rounding */
	struct score_item items[] = {ITEM(0, 1, 2.0, 3.0, 1, true, true)};
	struct score_area_def areas[] = {{1, 0}};
	struct score out[1], all;

	score_compute(items, 1, areas, 1, 2.0 / 3.0, 1, out, &all);
	assert_int_equal(out[0].level, 1);
	assert_true(score_reaches(&items[0], 2.0 / 3.0));
	assert_false(score_reaches(&items[0], 0.7));
}

static void test_no_levels_when_survey_has_none(void **state)
{
	(void)state;
	struct score_item items[] = {ITEM(0, 1, 4, 4, 1, true, true)};
	struct score_area_def areas[] = {{1, 0}};
	struct score out[1], all;

	score_compute(items, 1, areas, 1, 0.75, 0, out, &all);
	assert_int_equal(out[0].level, 0);
	assert_int_equal(all.level, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_weighted_percent),
		cmocka_unit_test(test_na_leaves_both_sums),
		cmocka_unit_test(test_unanswered_counts_zero_and_lowers_coverage),
		cmocka_unit_test(test_unscored_counts_for_coverage_only),
		cmocka_unit_test(test_area_without_scored_items_has_no_percent),
		cmocka_unit_test(test_overall_weighted_by_area),
		cmocka_unit_test(test_cumulative_levels),
		cmocka_unit_test(test_level_zero_when_basics_missing),
		cmocka_unit_test(test_na_and_hidden_items_do_not_block_levels),
		cmocka_unit_test(test_level_capped_by_highest_tagged),
		cmocka_unit_test(test_overall_level_needs_every_area),
		cmocka_unit_test(test_threshold_on_fractional_points),
		cmocka_unit_test(test_no_levels_when_survey_has_none),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests_name("score", tests, NULL, NULL);
}
