/* merge_trend: the picture over every version of a survey, and the effect
 * of the departments' actions, from a built report (merge_report.h).
 *
 * Trends: per survey, the versions with merged results, oldest first
 * ("points"); per area of the latest version (and the overall) the area
 * it continues in every earlier version (merge_compare.h, step by step),
 * the city's figures per point (the points' merge_city), the change
 * first -> last as the mean of the changes of the departments present at
 * both ends, whether every step on the way is comparable, and each
 * department's percentage per point (the chart's lines on request).
 *
 * Effect of actions: for a pair of consecutive versions N -> N+1 and an
 * area or question of N that a done action of version N addresses, the
 * change from N to N+1 in the departments that had such an action against
 * the change in those that had none. A department's actions of version N
 * are the ones its result for N holds and those its result for N+1
 * carries over from N or earlier (action.from_version); the status is the
 * latest known (N+1's copy when it has one), so an action planned in N
 * and reported done in N+1 counts. An action addresses a question when it
 * names the question, an area when it names the area or one of its
 * questions. Either side with fewer than MERGE_EFFECT_MIN departments is
 * marked: too few to say anything.
 *
 * No curses. The trends point into the report and its set. */
#ifndef ENKAT_MERGE_TREND_H
#define ENKAT_MERGE_TREND_H

#include <stdbool.h>
#include <stddef.h>

struct merge_report;

#define MERGE_EFFECT_MIN 3
/* the areas named as improved (declined) most */
#define MERGE_TREND_RANKED 3

struct merge_trend_value {
	bool has;
	double percent;
};

struct merge_trend_area {
	size_t area;           /* in the latest version; its n_areas: the overall */
	size_t *at;            /* per point: the area's index in that version,
				* or (size_t)-1 where nothing continues it */
	unsigned *diff;        /* per point k > 0 with at[k - 1] known: what
				* differs from point k - 1 (merge_diff bits) */
	size_t first;          /* the first point where the area is */
	bool has_total;        /* departments at both ends (first, last) */
	double total;          /* first -> last: the mean of their changes */
	size_t total_n;        /* those departments */
	unsigned total_diff;   /* any step's diff: 0 when comparable */
	/* per department (merge_trend.departments) and point:
	 * values[d * n_points + k] */
	struct merge_trend_value *values;
};

struct merge_trend {
	const char *survey_id;
	size_t *points;        /* indexes into report->versions, oldest first */
	size_t n_points;
	struct merge_trend_area *areas; /* the latest version's n_areas + 1 */
	size_t n_areas;        /* including the overall, last */
	/* every department with a result at some point, by name (shown) */
	const char **departments;
	size_t n_departments;
	/* the areas (not the overall) with a comparable change first -> last
	 * that rose most, largest rise first, and fell most, largest fall
	 * first: at most MERGE_TREND_RANKED of each */
	size_t improved[MERGE_TREND_RANKED], n_improved;
	size_t declined[MERGE_TREND_RANKED], n_declined;
};

struct merge_effect {
	size_t from, to;       /* report->versions: N and N + 1 */
	bool question;         /* a question of N (else an area) */
	size_t index;          /* the area or question, in version N */
	size_t next;           /* the same in N + 1 */
	size_t actions;        /* done actions that address it */
	size_t n_with, n_without;
	double with, without;  /* mean change, percentage points (when n > 0) */
	bool too_few;          /* n_with or n_without below MERGE_EFFECT_MIN */
	unsigned diff;         /* the change is not comparable when non-zero */
};

struct merge_trends {
	struct merge_trend *surveys; /* surveys with at least two points */
	size_t n_surveys;
	struct merge_effect *effects; /* by pair, areas first, in version order */
	size_t n_effects;
};

/* Builds the trends and effects of r. Never fails (allocation failure
 * exits); free with merge_trends_free. */
void merge_trends_build(const struct merge_report *r, struct merge_trends *out);
void merge_trends_free(struct merge_trends *t);

#endif
