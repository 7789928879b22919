/* merge_compare: how the areas and questions of one survey version
 * continue those of an earlier version, and whether a change between the
 * two is comparable.
 *
 * Matching: by id, or, when the later version's definition was given
 * (--survey, merge_version.survey), by its revision mapping (the
 * continues keys, revision.h): a renamed question continues its old id,
 * a split one the question it was split from, a merged one the first of
 * the questions it merges.
 *
 * Comparability: a change is comparable when the two definitions agree on
 * everything the figure is made of. For a percentage: the same questions
 * (none added or removed), the same weights, the same scale (maximum and
 * the points of every option), not split or merged, and not reworded in a
 * way the author marked not comparable (continues.comparable = no). A
 * level also depends on the threshold, the questions' levels and, for
 * "below target", the target: those are in level_diff only, since they
 * leave the percentage as it was.
 *
 * No curses. The compare points into the two versions it was made of. */
#ifndef ENKAT_MERGE_COMPARE_H
#define ENKAT_MERGE_COMPARE_H

#include <stdbool.h>
#include <stddef.h>

#include "merge_model.h"
#include "revision.h"

/* What differs between the definitions behind a change (bits). */
enum merge_diff {
	MERGE_DIFF_ADDED = 1u << 0,     /* a question added (to the area) */
	MERGE_DIFF_REMOVED = 1u << 1,   /* a question removed */
	MERGE_DIFF_WEIGHT = 1u << 2,    /* a question's or an area's weight */
	MERGE_DIFF_SCALE = 1u << 3,     /* a maximum, an option's points, a type */
	MERGE_DIFF_SPLIT = 1u << 4,     /* split or merged by the revision */
	MERGE_DIFF_REWORDED = 1u << 5,  /* continues.comparable = no */
	/* levels only */
	MERGE_DIFF_TARGET = 1u << 6,    /* the area's target */
	MERGE_DIFF_THRESHOLD = 1u << 7, /* the threshold or a question's level */
};

#define MERGE_DIFF_BITS 8

/* How one area (question) of the later version continues the earlier. */
struct merge_link {
	size_t prev;             /* its index in the earlier version, or
				  * (size_t)-1: new */
	enum revision_kind kind; /* REVISION_NONE when new */
	unsigned diff;           /* what differs for the percentage */
	unsigned level_diff;     /* diff, and what differs for the levels */
};

struct merge_compare {
	const struct merge_version *v, *prev;
	struct merge_link *areas;     /* v->n_areas + 1: the overall last */
	struct merge_link *questions; /* v->n_questions */
	/* per area (question) of prev: whether some area (question) of v
	 * continues it; those that none does were removed */
	bool *prev_areas_kept, *prev_questions_kept;
	/* per area (n_areas + 1, the overall last) and question of prev: the
	 * first of v that continues it, or (size_t)-1 */
	size_t *next_areas, *next_questions;
};

/* Matches v against prev (an earlier version of the same survey). Never
 * fails (allocation failure exits). Free with merge_compare_free. */
void merge_compare_make(struct merge_compare *c, const struct merge_version *v,
			const struct merge_version *prev);
void merge_compare_free(struct merge_compare *c);

/* The area (question) of v that continues index i of prev, or (size_t)-1
 * (the first, in v's order, when it was split). */
size_t merge_compare_next_area(const struct merge_compare *c, size_t i);
size_t merge_compare_next_question(const struct merge_compare *c, size_t i);

/* What diff says, in the interface's language: "a question added, a
 * weight changed". The caller frees it; "" for 0. */
char *merge_compare_describe(unsigned diff);

#endif
