/* score: percentages, coverage and cumulative maturity levels, computed the
 * same way whether the input is a live assessment or the rows of a result
 * file (enkat-survey(5), SCORING). Pure functions: nothing is allocated. */
#ifndef ENKAT_SCORE_H
#define ENKAT_SCORE_H

#include <stdbool.h>
#include <stddef.h>

/* One question as scoring sees it. */
struct score_item {
	size_t area;       /* index into the areas array */
	double weight;     /* > 0 */
	double value;      /* points earned; ignored unless answered */
	double max_value;  /* > 0 when scored, else 0 */
	int level;         /* maturity level it belongs to, 0: none */
	bool applicable;   /* not "not applicable" and not hidden by skip logic */
	bool answered;
};

struct score_area_def {
	double weight;     /* > 0 */
	int target;        /* 0: none */
};

struct score {
	double percent;    /* 0..100, meaningful only when has_percent */
	bool has_percent;  /* false when nothing applicable is scored */
	size_t answered;   /* applicable questions answered */
	size_t applicable;
	int level;         /* cumulative maturity level reached, 0..max */
	int target;        /* 0: none */
	int gap;           /* target - level, never below 0 */
};

/* Scores each area into areas_out[0..n_areas) and the whole into *overall.
 * threshold is the share of a question's max points that counts as reached
 * (0 < threshold <= 1); max_level 0 means the survey has no levels.
 * Per area: percent = 100 * sum(w * v/max) / sum(w) over applicable scored
 * items (unanswered counts 0); level = the highest L, up to the highest
 * level among its applicable level-tagged items, such that every applicable
 * scored item with level <= L has v/max >= threshold. Overall: percent is
 * the area-weighted mean of the areas that have one; level and coverage
 * count every item. */
void score_compute(const struct score_item *items, size_t n_items,
		   const struct score_area_def *areas, size_t n_areas,
		   double threshold, int max_level,
		   struct score *areas_out, struct score *overall);

/* True when an answered item reaches threshold (value/max >= threshold). */
bool score_reaches(const struct score_item *it, double threshold);

#endif
