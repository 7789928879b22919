/* merge_report: the city-wide figures made from the departments' scores
 * (which result_score computed with the engine's rules) and the question
 * aggregates made from the per-question records. */
#include "merge_report.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

int merge_report_shade(const struct merge_version *v, const struct score *s)
{
	if (!s->has_percent)
		return -1;
	if (v->max_level > 0)
		return (s->level * 4 + v->max_level / 2) / v->max_level;
	return s->percent >= 80 ? 4 : s->percent >= 60 ? 3 : s->percent >= 40 ? 2
		: s->percent >= 20 ? 1 : 0;
}

int merge_report_level(const struct merge_version *v, const struct score *s)
{
	return v->max_level > 0 && s->has_percent ? s->level : -1;
}

size_t merge_report_choice_order(const struct merge_question *q, size_t *order)
{
	size_t n = 0;

	/* options with points, fewest points first (a scale reads 0 1 2 3 4),
	 * then the others (multi) as they were first met */
	for (size_t c = 0; c < q->n_choices; c++)
		if (q->choices[c].has_points) {
			size_t k = n++;
			while (k > 0 && q->choices[order[k - 1]].points > q->choices[c].points) {
				order[k] = order[k - 1];
				k--;
			}
			order[k] = c;
		}
	for (size_t c = 0; c < q->n_choices; c++)
		if (!q->choices[c].has_points)
			order[n++] = c;
	return n;
}

static int dbl_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static int int_cmp(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

void merge_report_city(const struct merge_version *v, size_t a,
		      struct merge_city *out)
{
	double *pct = xcalloc(v->n_units ? v->n_units : 1, sizeof *pct);
	int *lev = xcalloc(v->n_units ? v->n_units : 1, sizeof *lev);
	int target = a < v->n_areas ? v->areas[a].target : 0;
	double sum = 0;
	size_t n = 0;

	memset(out, 0, sizeof *out);
	for (size_t i = 0; i < v->n_units; i++) {
		const struct merge_unit *u = &v->units[i];
		const struct score *s;

		if (!merge_unit_merged(u))
			continue;
		s = a < v->n_areas ? &u->areas[a] : &u->overall;
		if (!s->has_percent)
			continue;
		pct[n] = s->percent;
		lev[n] = s->level;
		sum += s->percent;
		if (s->level >= 0 && s->level <= 9)
			out->at_level[s->level]++;
		if (target > 0 && s->level >= target)
			out->at_target++;
		n++;
	}
	out->n = n;
	if (n) {
		qsort(pct, n, sizeof *pct, dbl_cmp);
		qsort(lev, n, sizeof *lev, int_cmp);
		out->mean = sum / (double)n;
		out->median = n % 2 ? pct[n / 2] : (pct[n / 2 - 1] + pct[n / 2]) / 2;
		out->min = pct[0];
		out->max = pct[n - 1];
		out->min_level = lev[0];
		out->median_level = lev[(n - 1) / 2];
		out->max_level = lev[n - 1];
	}
	free(pct);
	free(lev);
}

struct merge_city *merge_report_cities(const struct merge_version *v)
{
	struct merge_city *c = xcalloc(v->n_areas + 1, sizeof *c);

	for (size_t a = 0; a <= v->n_areas; a++)
		merge_report_city(v, a, &c[a]);
	return c;
}

/* The aggregate of question qi over the merged departments of v. Whether
 * a department reaches the threshold is the engine's score_reaches. */
static void question_stat(const struct merge_version *v, size_t qi,
			  struct merge_qstat *st)
{
	const struct merge_question *q = &v->questions[qi];
	double points = 0, share = 0;

	memset(st, 0, sizeof *st);
	st->q = q;
	st->q_index = qi;
	st->has_below = v->has_threshold && q->has_max;
	for (size_t i = 0; i < v->n_units; i++) {
		const struct merge_unit *u = &v->units[i];
		const struct merge_answer *a;
		struct score_item it = {0};

		if (!merge_unit_merged(u))
			continue;
		a = &u->answers[qi];
		st->departments++;
		switch ((enum result_state)a->state) {
		case STATE_ANSWERED: st->answered++; break;
		case STATE_UNANSWERED: st->unanswered++; break;
		default: st->na++; continue;
		}
		for (size_t c = 0; c < q->n_choices; c++)
			if (a->chosen & ((uint64_t)1 << c))
				st->choice_count[c]++;
		if (!q->has_max)
			continue;
		it.value = a->has_value ? a->value : 0;
		it.max_value = q->max_value;
		it.weight = q->weight;
		it.level = q->level;
		it.applicable = true;
		it.answered = a->state == STATE_ANSWERED;
		st->scored++;
		points += it.answered ? it.value : 0;
		share += it.answered ? it.value / it.max_value : 0;
		if (st->has_below && !score_reaches(&it, v->threshold))
			st->below++;
	}
	st->has_mean = st->scored > 0;
	if (st->has_mean) {
		st->mean_points = points / (double)st->scored;
		st->mean_percent = 100.0 * share / (double)st->scored;
	}
}

static int qstat_cmp(const void *a, const void *b)
{
	const struct merge_qstat *x = a, *y = b;

	if (x->has_mean != y->has_mean)
		return x->has_mean ? -1 : 1;
	if (x->has_mean && x->mean_percent != y->mean_percent)
		return x->mean_percent < y->mean_percent ? -1 : 1;
	if (x->below != y->below)
		return x->below > y->below ? -1 : 1;
	if (x->q->level != y->q->level)
		return x->q->level < y->q->level ? -1 : 1;
	return (x->q_index > y->q_index) - (x->q_index < y->q_index);
}

struct merge_qstat *merge_report_questions(const struct merge_version *v,
					  const struct merge_version *prev,
					  size_t *n)
{
	struct merge_qstat *st = xcalloc(v->n_questions ? v->n_questions : 1,
					 sizeof *st);

	for (size_t q = 0; q < v->n_questions; q++) {
		question_stat(v, q, &st[q]);
		if (prev && st[q].has_mean) {
			size_t pq = merge_model_question(prev, v->questions[q].id);
			struct merge_qstat ps;
			if (pq != (size_t)-1) {
				question_stat(prev, pq, &ps);
				if (ps.has_mean) {
					st[q].has_change = true;
					st[q].change = st[q].mean_percent - ps.mean_percent;
				}
			}
		}
	}
	qsort(st, v->n_questions, sizeof *st, qstat_cmp);
	*n = v->n_questions;
	return st;
}
