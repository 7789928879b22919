/* merge_trend: trends over every version and the effect of actions
 * (merge_trend.h). Every figure here is made from the report's own
 * (cells, cities, compares), so no writer computes one. */
#include "merge_trend.h"

#include <stdlib.h>
#include <string.h>

#include "merge_report.h"
#include "util.h"

#define NONE ((size_t)-1)

/* ---------------------------------------------------------------- trends */

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Every department with a result at some point of t, by name: one
 * department has one shown name in every version (merge_name.shown). */
static void departments_of(const struct merge_report *r, struct merge_trend *t)
{
	size_t cap = 0, n = 0, kept = 0;
	const char **names;

	for (size_t k = 0; k < t->n_points; k++)
		cap += r->versions[t->points[k]].n_rows;
	names = xcalloc(cap ? cap : 1, sizeof *names);
	for (size_t k = 0; k < t->n_points; k++) {
		const struct merge_vreport *vr = &r->versions[t->points[k]];
		for (size_t i = 0; i < vr->n_rows; i++)
			names[n++] = vr->rows[i].unit->department;
	}
	qsort(names, n, sizeof *names, name_cmp);
	for (size_t i = 0; i < n; i++)
		if (!kept || strcmp(names[kept - 1], names[i]) != 0)
			names[kept++] = names[i];
	t->departments = names;
	t->n_departments = kept;
}

/* Where area a of the latest version is at every point, back to the
 * first that has it, and what differs at each step. */
static void chain_fill(const struct merge_report *r, struct merge_trend *t, size_t a)
{
	struct merge_trend_area *ta = &t->areas[a];
	size_t last = t->n_points - 1;

	ta->area = a;
	ta->at = xcalloc(t->n_points, sizeof *ta->at);
	ta->diff = xcalloc(t->n_points, sizeof *ta->diff);
	ta->values = xcalloc(t->n_departments * t->n_points + 1, sizeof *ta->values);
	for (size_t k = 0; k < t->n_points; k++)
		ta->at[k] = NONE;
	ta->at[last] = a;
	ta->first = last;
	/* step back: the area point k continues in point k - 1 */
	for (size_t k = last; k > 0; k--) {
		const struct merge_vreport *vr = &r->versions[t->points[k]];
		const struct merge_link *l = &vr->compare.areas[ta->at[k]];
		if (l->prev == NONE)
			break;
		ta->at[k - 1] = l->prev;
		ta->diff[k] = l->diff;
		ta->total_diff |= l->diff;
		ta->first = k - 1;
	}
}

/* Every department's percentage per area and point: each department is
 * looked up once per point, not once per area. */
static void values_fill(const struct merge_report *r, struct merge_trend *t)
{
	for (size_t k = 0; k < t->n_points; k++) {
		const struct merge_version *v = r->versions[t->points[k]].v;
		for (size_t d = 0; d < t->n_departments; d++) {
			const struct merge_unit *u = merge_model_find(v, t->departments[d]);
			for (size_t a = 0; u && a < t->n_areas; a++) {
				struct merge_trend_area *ta = &t->areas[a];
				const struct score *s;
				if (k < ta->first)
					continue;
				s = ta->at[k] < v->n_areas ? &u->areas[ta->at[k]] : &u->overall;
				ta->values[d * t->n_points + k].has = s->has_percent;
				ta->values[d * t->n_points + k].percent = s->percent;
			}
		}
	}
}

/* First -> last: the mean of the changes of the departments at both ends. */
static void total_fill(struct merge_trend *t, struct merge_trend_area *ta)
{
	size_t last = t->n_points - 1;
	double sum = 0;

	if (ta->first == last)
		return;
	for (size_t d = 0; d < t->n_departments; d++) {
		const struct merge_trend_value *v0 = &ta->values[d * t->n_points + ta->first];
		const struct merge_trend_value *v1 = &ta->values[d * t->n_points + last];
		if (v0->has && v1->has) {
			sum += v1->percent - v0->percent;
			ta->total_n++;
		}
	}
	if (ta->total_n) {
		ta->has_total = true;
		ta->total = sum / (double)ta->total_n;
	}
}

/* The areas with a comparable change first -> last that improved and
 * declined most (a handful of areas: insertion keeps equal ones in the
 * survey's order). */
static void rank_fill(struct merge_trend *t)
{
	size_t *ranked = xcalloc(t->n_areas, sizeof *ranked), n = 0;

	for (size_t a = 0; a + 1 < t->n_areas; a++) {
		size_t k;
		if (!t->areas[a].has_total || t->areas[a].total_diff)
			continue;
		for (k = n++; k > 0 && t->areas[ranked[k - 1]].total < t->areas[a].total; k--)
			ranked[k] = ranked[k - 1];
		ranked[k] = a;
	}
	for (size_t i = 0; i < n && t->n_improved < MERGE_TREND_RANKED &&
	     t->areas[ranked[i]].total > 0; i++)
		t->improved[t->n_improved++] = ranked[i];
	for (size_t i = n; i-- > 0 && t->n_declined < MERGE_TREND_RANKED &&
	     t->areas[ranked[i]].total < 0;)
		t->declined[t->n_declined++] = ranked[i];
	free(ranked);
}

static void trend_fill(const struct merge_report *r, struct merge_trend *t)
{
	const struct merge_version *latest = r->versions[t->points[t->n_points - 1]].v;

	departments_of(r, t);
	t->n_areas = latest->n_areas + 1;
	t->areas = xcalloc(t->n_areas, sizeof *t->areas);
	for (size_t a = 0; a < t->n_areas; a++)
		chain_fill(r, t, a);
	values_fill(r, t);
	for (size_t a = 0; a < t->n_areas; a++)
		total_fill(t, &t->areas[a]);
	rank_fill(t);
}

/* ---------------------------------------------------------------- effect */

/* A department's percentage for question q of version v: what the
 * question aggregate counts (an applicable question left open is 0). */
static bool question_percent(const struct merge_version *v, const struct merge_unit *u,
			     size_t q, double *out)
{
	const struct merge_question *mq = &v->questions[q];
	const struct merge_answer *a = &u->answers[q];

	if (!mq->has_max || mq->max_value <= 0)
		return false;
	if (a->state == STATE_ANSWERED)
		*out = 100.0 * (a->has_value ? a->value : 0) / mq->max_value;
	else if (a->state == STATE_UNANSWERED)
		*out = 0;
	else
		return false;
	return true;
}

static bool targets_question(const struct action *x, const char *id)
{
	for (size_t t = 0; t < x->n_targets; t++)
		if (x->targets[t].kind == ACTION_TARGET_QUESTION && strcmp(x->targets[t].id, id) == 0)
			return true;
	return false;
}

/* Whether action x (N's copy, or N+1's when N's file lacks it) was done
 * between the assessments N and N+1: done by N+1 (its copy there, else
 * N's), and not already done before N's assessment (an action of an
 * earlier version that N's file shows done). */
static bool done_between(const struct merge_version *v, const struct action *x,
			 const struct action *later)
{
	if ((later ? later : x)->status != ACTION_DONE)
		return false;
	return x->from_version == v->version || x->from_version <= 0 ||
	       x->status != ACTION_DONE;
}

/* The actions of department u (in version v = N) and of its next result
 * nu (may be NULL) done between N and N+1 that address area or question
 * i of v. */
static size_t done_actions(const struct merge_version *v, const struct merge_unit *u,
			   const struct merge_unit *nu, bool question, size_t i)
{
	size_t n = 0;

	for (size_t k = 0; k < u->actions.n; k++) {
		const struct action *x = &u->actions.items[k];
		const struct action *later = nu ? actions_find(&nu->actions, x->id) : NULL;
		if (!done_between(v, x, later))
			continue;
		n += question ? targets_question(x, v->questions[i].id)
			      : merge_report_addresses(v, x, i);
	}
	for (size_t k = 0; nu && k < nu->actions.n; k++) {
		const struct action *x = &nu->actions.items[k];
		/* made in N but not in N's file (added after it was sent) */
		if (x->status != ACTION_DONE || x->from_version != v->version ||
		    actions_find(&u->actions, x->id))
			continue;
		n += question ? targets_question(x, v->questions[i].id)
			      : merge_report_addresses(v, x, i);
	}
	return n;
}

/* next_units[d]: department d of version `from` in version `to`, or NULL. */
static void effect_of(const struct merge_report *r, size_t from, size_t to,
		      const struct merge_unit *const *next_units, bool question, size_t i,
		      struct merge_effect *e)
{
	const struct merge_vreport *pr = &r->versions[from], *vr = &r->versions[to];
	const struct merge_compare *c = &vr->compare;
	size_t next = question ? merge_compare_next_question(c, i) : merge_compare_next_area(c, i);
	double with = 0, without = 0;

	memset(e, 0, sizeof *e);
	e->from = from;
	e->to = to;
	e->question = question;
	e->index = i;
	e->next = next;
	if (next == NONE)
		return;
	e->diff = question ? c->questions[next].diff : c->areas[next].diff;
	for (size_t d = 0; d < pr->n_rows; d++) {
		const struct merge_unit *u = pr->rows[d].unit;
		const struct merge_unit *nu = next_units[d];
		size_t n = done_actions(pr->v, u, nu, question, i);
		double p0, p1;
		bool has;

		e->actions += n;
		if (!nu)
			continue;
		if (question) {
			has = question_percent(pr->v, u, i, &p0) &&
			      question_percent(vr->v, nu, next, &p1);
		} else {
			has = u->areas[i].has_percent && nu->areas[next].has_percent;
			p0 = u->areas[i].percent;
			p1 = nu->areas[next].percent;
		}
		if (!has)
			continue;
		if (n) {
			with += p1 - p0;
			e->n_with++;
		} else {
			without += p1 - p0;
			e->n_without++;
		}
	}
	if (e->n_with)
		e->with = with / (double)e->n_with;
	if (e->n_without)
		e->without = without / (double)e->n_without;
	e->too_few = e->n_with < MERGE_EFFECT_MIN || e->n_without < MERGE_EFFECT_MIN;
}

static void effects_fill(const struct merge_report *r, struct merge_trends *out)
{
	size_t cap = 0;

	for (size_t to = 0; to < r->n_versions; to++) {
		const struct merge_vreport *vr = &r->versions[to], *pr;
		const struct merge_unit **next_units;
		size_t from;

		if (!vr->prev)
			continue;
		pr = merge_report_version(r, vr->prev);
		from = (size_t)(pr - r->versions);
		/* each department's next result, found once for the pair */
		next_units = xcalloc(pr->n_rows + 1, sizeof *next_units);
		for (size_t d = 0; d < pr->n_rows; d++)
			next_units[d] = merge_model_find(vr->v, pr->rows[d].unit->department);
		for (int pass = 0; pass < 2; pass++) {
			bool question = pass == 1;
			size_t n = question ? vr->prev->n_questions : vr->prev->n_areas;
			for (size_t i = 0; i < n; i++) {
				struct merge_effect e;
				effect_of(r, from, to, next_units, question, i, &e);
				if (!e.actions || e.next == NONE)
					continue;
				if (out->n_effects == cap) {
					cap = cap ? 2 * cap : 16;
					out->effects = xrealloc(out->effects, cap * sizeof *out->effects);
				}
				out->effects[out->n_effects++] = e;
			}
		}
		free(next_units);
	}
}

void merge_trends_build(const struct merge_report *r, struct merge_trends *out)
{
	memset(out, 0, sizeof *out);
	/* versions are sorted by survey and version, and each one's prev is
	 * the one before it with merged results: a survey's chain is the run
	 * of its versions with rows */
	for (size_t i = 0; i < r->n_versions;) {
		size_t j = i, n = 0;
		struct merge_trend t = {0};

		while (j < r->n_versions &&
		       strcmp(r->versions[j].v->survey_id, r->versions[i].v->survey_id) == 0)
			n += r->versions[j++].n_rows > 0;
		if (n >= 2) {
			t.survey_id = r->versions[i].v->survey_id;
			t.points = xcalloc(n, sizeof *t.points);
			for (size_t k = i; k < j; k++)
				if (r->versions[k].n_rows)
					t.points[t.n_points++] = k;
			trend_fill(r, &t);
			out->surveys = xrealloc(out->surveys,
						(out->n_surveys + 1) * sizeof *out->surveys);
			out->surveys[out->n_surveys++] = t;
		}
		i = j;
	}
	effects_fill(r, out);
}

void merge_trends_free(struct merge_trends *t)
{
	for (size_t s = 0; s < t->n_surveys; s++) {
		struct merge_trend *tr = &t->surveys[s];
		for (size_t a = 0; a < tr->n_areas; a++) {
			free(tr->areas[a].at);
			free(tr->areas[a].diff);
			free(tr->areas[a].values);
		}
		free(tr->areas);
		free(tr->points);
		free(tr->departments);
	}
	free(t->surveys);
	free(t->effects);
	memset(t, 0, sizeof *t);
}
