#include "score.h"

#include <string.h>

/* Floating-point points such as 2/3 must not miss the threshold by a hair. */
#define EPSILON 1e-9

bool score_reaches(const struct score_item *it, double threshold)
{
	return it->answered && it->max_value > 0 &&
	       it->value >= threshold * it->max_value - EPSILON;
}

/* Cumulative level over the items for which `in` says yes. */
static int cumulative_level(const struct score_item *items, size_t n,
			    double threshold, int max_level, size_t area, bool all)
{
	int highest = 0, level;

	for (size_t i = 0; i < n; i++) {
		const struct score_item *it = &items[i];
		if ((all || it->area == area) && it->applicable && it->max_value > 0 &&
		    it->level > highest && it->level <= max_level)
			highest = it->level;
	}
	for (level = 0; level < highest; level++) {
		int next = level + 1;
		for (size_t i = 0; i < n; i++) {
			const struct score_item *it = &items[i];
			if ((all || it->area == area) && it->applicable &&
			    it->max_value > 0 && it->level > 0 && it->level <= next &&
			    !score_reaches(it, threshold))
				return level;
		}
	}
	return level;
}

static void finish_gap(struct score *s)
{
	s->gap = s->target > s->level ? s->target - s->level : 0;
}

void score_compute(const struct score_item *items, size_t n_items,
		   const struct score_area_def *areas, size_t n_areas,
		   double threshold, int max_level,
		   struct score *areas_out, struct score *overall)
{
	double weighted_sum = 0, weight_sum = 0;

	memset(overall, 0, sizeof *overall);
	for (size_t a = 0; a < n_areas; a++) {
		struct score *s = &areas_out[a];
		double num = 0, den = 0;

		memset(s, 0, sizeof *s);
		for (size_t i = 0; i < n_items; i++) {
			const struct score_item *it = &items[i];
			if (it->area != a || !it->applicable)
				continue;
			s->applicable++;
			if (it->answered)
				s->answered++;
			if (it->max_value > 0) {
				den += it->weight;
				if (it->answered)
					num += it->weight * it->value / it->max_value;
			}
		}
		s->has_percent = den > 0;
		s->percent = den > 0 ? 100.0 * num / den : 0;
		s->level = max_level > 0 ? cumulative_level(items, n_items, threshold,
							    max_level, a, false) : 0;
		s->target = areas[a].target;
		finish_gap(s);
		overall->applicable += s->applicable;
		overall->answered += s->answered;
		if (s->has_percent) {
			weighted_sum += areas[a].weight * s->percent;
			weight_sum += areas[a].weight;
		}
	}
	overall->has_percent = weight_sum > 0;
	overall->percent = weight_sum > 0 ? weighted_sum / weight_sum : 0;
	overall->level = max_level > 0 ? cumulative_level(items, n_items, threshold,
							  max_level, 0, true) : 0;
}
