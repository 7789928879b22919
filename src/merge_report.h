/* merge_report: every figure of the city-wide picture, computed once from
 * the model (merge_model.h). The writers (summary, CSV, HTML, workbook)
 * only format what this computes. */
#ifndef ENKAT_MERGE_REPORT_H
#define ENKAT_MERGE_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "merge_model.h"


/* A score's shade from 0 (weakest) to 4, for the summary's and the
 * report's colours: by maturity level when the survey has levels, else by
 * percentage in steps of 20; -1 when there is no percentage. */
int merge_report_shade(const struct merge_version *v, const struct score *s);

struct merge_city {        /* one area (or the overall) across departments */
	size_t n;              /* departments with a percentage */
	double mean, median, min, max;
	size_t at_level[10];   /* departments per level 0..9 */
	size_t at_target;      /* departments at or above the target */
	int min_level, median_level, max_level;
};

/* City figures of area a of v (a == v->n_areas: the overall). */
void merge_report_city(const struct merge_version *v, size_t a,
		      struct merge_city *out);
/* All of them at once: n_areas + 1 entries, the overall last. Caller frees.
 * Each sorts the departments, so writers compute them once per version. */
struct merge_city *merge_report_cities(const struct merge_version *v);

struct merge_qstat {
	const struct merge_question *q;
	size_t q_index;
	size_t departments;    /* merged departments */
	size_t answered, unanswered, na; /* na: not applicable or hidden */
	size_t scored;         /* applicable and scored: the mean's base */
	bool has_mean;
	double mean_points, mean_percent;
	bool has_below;        /* the survey has a threshold */
	size_t below;          /* scored and below the threshold */
	size_t choice_count[MERGE_MAX_CHOICES];
	bool has_change;       /* the previous version has this question */
	double change;         /* mean_percent minus the previous one's */
};

/* Question aggregates of v, weakest first (lowest mean share; unscored
 * last). prev (may be NULL) is the previous version of the same survey,
 * for the change. Caller frees. */
struct merge_qstat *merge_report_questions(const struct merge_version *v,
					  const struct merge_version *prev,
					  size_t *n);
/* The order to show q's choices in, as indexes into q->choices (order
 * has room for MERGE_MAX_CHOICES); returns q->n_choices. */
size_t merge_report_choice_order(const struct merge_question *q, size_t *order);
/* The display level of a score: its level, or -1 when the survey has no
 * levels or the score has no percentage. */
int merge_report_level(const struct merge_version *v, const struct score *s);

#endif
