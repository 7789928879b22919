/* merge_report: every figure, once. The departments' scores come from the
 * model (result_score computed them with the engine's rules); the city's
 * figures, the question aggregates, completeness and change are made here
 * and nowhere else. */
#include "merge_report.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "merge_input.h"
#include "util.h"

/* By level where the survey has levels; the overall by percentage always:
 * its level is cumulative over every question (reached only when every
 * question of that level and below reaches the threshold), so it is 0 for
 * nearly everyone and would paint the whole column red. */
static int shade_of(const struct merge_version *v, const struct score *s, bool overall)
{
	if (!s->has_percent)
		return -1;
	if (v->max_level > 0 && !overall)
		return (s->level * 4 + v->max_level / 2) / v->max_level;
	return s->percent >= 80 ? 4 : s->percent >= 60 ? 3 : s->percent >= 40 ? 2
		: s->percent >= 20 ? 1 : 0;
}

static int level_of(const struct merge_version *v, const struct score *s)
{
	return v->max_level > 0 && s->has_percent ? s->level : -1;
}

static size_t choice_order(const struct merge_question *q, size_t *order)
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

static void city_of(const struct merge_version *v, size_t a,
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

static struct merge_city *cities_of(const struct merge_version *v)
{
	struct merge_city *c = xcalloc(v->n_areas + 1, sizeof *c);

	for (size_t a = 0; a <= v->n_areas; a++)
		city_of(v, a, &c[a]);
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

static struct merge_qstat *questions_of(const struct merge_version *v, size_t *n)
{
	struct merge_qstat *st = xcalloc(v->n_questions ? v->n_questions : 1,
					 sizeof *st);

	for (size_t q = 0; q < v->n_questions; q++) {
		question_stat(v, q, &st[q]);
		choice_order(&v->questions[q], st[q].choice_order);
	}
	qsort(st, v->n_questions, sizeof *st, qstat_cmp);
	*n = v->n_questions;
	return st;
}

const char *merge_report_approval_label(const struct merge_unit *u)
{
	if (u->approval_state == APPROVAL_BROKEN)
		return _("Changed after approval");
	return u->approval.present ? _("Approved") : _("Not approved");
}

char *merge_report_area_actions_text(const struct merge_vreport *vr, size_t a)
{
	struct strbuf sb = {0};

	for (size_t i = 0; i < vr->n_rows; i++) {
		const size_t *st = &vr->rows[i].area_status[a * ACTION_N_STATUS];
		bool any = false;
		for (int k = 0; k < ACTION_N_STATUS; k++) {
			if (!st[k])
				continue;
			if (!any)
				strbuf_printf(&sb, "%s%s (", sb.len ? "; " : "",
					      vr->rows[i].unit->department);
			strbuf_printf(&sb, "%s%s %zu", any ? ", " : "",
				      action_status_label((enum action_status)k), st[k]);
			any = true;
		}
		if (any)
			strbuf_putc(&sb, ')');
	}
	return strbuf_detach(&sb);
}

char *merge_report_below_without_text(const struct merge_vreport *vr, size_t a)
{
	struct strbuf sb = {0};

	for (size_t i = 0; i < vr->n_rows; i++)
		if (vr->rows[i].cells[a].below_target && !vr->rows[i].open_actions[a])
			strbuf_printf(&sb, "%s%s", sb.len ? ", " : "",
				      vr->rows[i].unit->department);
	return strbuf_detach(&sb);
}

int merge_report_level_shade(const struct merge_version *v, int level)
{
	return v->max_level > 0 ? (level * 4 + v->max_level / 2) / v->max_level : 0;
}

/* ------------------------------------------------------------- building */

static void cell_fill(const struct merge_version *v, size_t a,
		      const struct score *s, struct merge_cell *c)
{
	memset(c, 0, sizeof *c);
	c->has_percent = s->has_percent;
	c->percent = s->percent;
	c->level = level_of(v, s);
	c->shade = shade_of(v, s, a == v->n_areas);
	c->target = a < v->n_areas ? v->areas[a].target : 0;
	if (c->target > 0 && c->level >= 0 && c->level < c->target) {
		c->below_target = true;
		c->gap = c->target - c->level;
	}
}

/* Completeness from the answers: applicable is what is neither N/A nor
 * hidden, answered what of it has an answer. */
static void completeness(const struct merge_version *v, const struct merge_unit *u,
			 struct merge_cell *cells)
{
	for (size_t q = 0; q < v->n_questions; q++) {
		size_t a = v->questions[q].area;
		enum result_state st = (enum result_state)u->answers[q].state;

		if (st != STATE_ANSWERED && st != STATE_UNANSWERED)
			continue;
		cells[a].applicable++;
		cells[v->n_areas].applicable++;
		if (st == STATE_ANSWERED) {
			cells[a].answered++;
			cells[v->n_areas].answered++;
		}
	}
}

/* Indexes of v's areas (questions) that continue nothing of prev, or of
 * prev's that nothing of v continues (gone). */
static size_t *only_in(const struct merge_compare *c, bool areas, bool gone, size_t *n)
{
	size_t total = gone ? (areas ? c->prev->n_areas : c->prev->n_questions)
			    : (areas ? c->v->n_areas : c->v->n_questions);
	size_t *list = xcalloc(total ? total : 1, sizeof *list), k = 0;

	for (size_t i = 0; i < total; i++) {
		bool linked = gone ? (areas ? c->prev_areas_kept : c->prev_questions_kept)[i]
				   : (areas ? c->areas : c->questions)[i].prev != (size_t)-1;
		if (!linked)
			list[k++] = i;
	}
	*n = k;
	return list;
}

static void change_fill(struct merge_vreport *vr, const struct merge_vreport *pr)
{
	const struct merge_version *v = vr->v, *prev = pr->v;
	const struct merge_compare *c = &vr->compare;
	size_t *pos = xcalloc(prev->n_questions ? prev->n_questions : 1, sizeof *pos);

	merge_compare_make(&vr->compare, v, prev);
	for (size_t i = 0; i < vr->n_rows; i++) {
		struct merge_row *row = &vr->rows[i];
		if (!(row->prev = merge_model_find(prev, row->unit->department)))
			continue;
		vr->in_prev++;
		for (size_t a = 0; a <= v->n_areas; a++) {
			size_t pa = c->areas[a].prev;
			const struct score *ps;
			if (pa == (size_t)-1)
				continue;
			ps = pa < prev->n_areas ? &row->prev->areas[pa] : &row->prev->overall;
			if (row->cells[a].has_percent && ps->has_percent) {
				row->cells[a].has_change = true;
				row->cells[a].prev_percent = ps->percent;
				row->cells[a].change = row->cells[a].percent - ps->percent;
			}
		}
	}
	/* the city's change: the mean of the changes of the departments in
	 * both versions, so that a department that joined or left does not
	 * move it */
	for (size_t a = 0; a <= v->n_areas; a++) {
		struct merge_city *city = &vr->city[a];
		size_t pa = c->areas[a].prev;
		double sum = 0, then = 0;
		size_t n = 0;

		if (pa == (size_t)-1)
			continue;
		for (size_t i = 0; i < vr->n_rows; i++)
			if (vr->rows[i].cells[a].has_change) {
				sum += vr->rows[i].cells[a].percent;
				then += vr->rows[i].cells[a].prev_percent;
				n++;
			}
		if (!n)
			continue;
		city->has_change = true;
		city->prev_mean = then / (double)n;
		city->pair_mean = sum / (double)n;
		city->change = (sum - then) / (double)n;
	}
	for (size_t k = 0; k < pr->n_questions; k++)
		pos[pr->questions[k].q_index] = k;
	for (size_t k = 0; k < vr->n_questions; k++) {
		struct merge_qstat *st = &vr->questions[k];
		size_t pq = c->questions[st->q_index].prev;
		if (pq == (size_t)-1)
			continue;
		if (strcmp(prev->questions[pq].id, st->q->id) != 0)
			st->prev_id = prev->questions[pq].id;
		if (!st->has_mean || !pr->questions[pos[pq]].has_mean)
			continue;
		st->has_change = true;
		st->change = st->mean_percent - pr->questions[pos[pq]].mean_percent;
	}
	free(pos);
	vr->new_areas = only_in(c, true, false, &vr->n_new_areas);
	vr->gone_areas = only_in(c, true, true, &vr->n_gone_areas);
	vr->new_questions = only_in(c, false, false, &vr->n_new_questions);
	vr->gone_questions = only_in(c, false, true, &vr->n_gone_questions);
}

bool merge_report_addresses(const struct merge_version *v, const struct action *x,
			    size_t a)
{
	for (size_t t = 0; t < x->n_targets; t++) {
		const struct action_target *tg = &x->targets[t];
		size_t q;

		if (tg->kind == ACTION_TARGET_AREA) {
			if (strcmp(tg->id, v->areas[a].id) == 0)
				return true;
		} else if ((q = merge_model_question(v, tg->id)) != (size_t)-1 &&
			   v->questions[q].area == a) {
			return true;
		}
	}
	return false;
}

/* The counts of an action plan l in v: its actions per status, the open
 * ones overdue, and per area (n_areas + 1: the last for those with no
 * target) the open ones; area_status (may be NULL) per area and status. */
static void plan_count(const struct merge_version *v, const struct action_list *l,
		       const char *today, size_t *status, size_t *overdue, size_t *open,
		       size_t *area_status)
{
	for (size_t i = 0; i < l->n; i++) {
		const struct action *x = &l->items[i];
		bool is_open = action_status_open(x->status);

		status[x->status]++;
		*overdue += is_open && action_overdue(x, today);
		for (size_t a = 0; a <= v->n_areas; a++) {
			bool hit = a == v->n_areas ? x->n_targets == 0
				   : merge_report_addresses(v, x, a);
			if (!hit)
				continue;
			open[a] += is_open;
			if (area_status)
				area_status[a * ACTION_N_STATUS + x->status]++;
		}
	}
}

static void actions_fill(const struct merge_version *v, struct merge_row *row,
			 const char *today)
{
	row->open_actions = xcalloc(v->n_areas + 1, sizeof *row->open_actions);
	row->area_status = xcalloc((v->n_areas + 1) * ACTION_N_STATUS, sizeof *row->area_status);
	plan_count(v, &row->unit->actions, today, row->actions, &row->overdue,
		   row->open_actions, row->area_status);
}

static int qaction_cmp(const void *a, const void *b)
{
	const struct merge_qaction *x = a, *y = b;

	if (x->question != y->question)
		return x->question < y->question ? -1 : 1;
	/* the city's plan first, then the departments by name */
	if (x->row != y->row)
		return x->row == (size_t)-1 ? -1 : y->row == (size_t)-1 ? 1
		       : x->row < y->row ? -1 : 1;
	return strcmp(x->x->id, y->x->id);
}

static void qaction_add(struct merge_vreport *vr, size_t *cap, size_t row,
			const struct action *x)
{
	for (size_t t = 0; t < x->n_targets; t++) {
		size_t q;
		if (x->targets[t].kind != ACTION_TARGET_QUESTION ||
		    (q = merge_model_question(vr->v, x->targets[t].id)) == (size_t)-1)
			continue;
		if (vr->n_qactions == *cap) {
			*cap = *cap ? 2 * *cap : 16;
			vr->qactions = xrealloc(vr->qactions, *cap * sizeof *vr->qactions);
		}
		vr->qactions[vr->n_qactions++] = (struct merge_qaction){q, row, x};
	}
}

/* Which actions name which questions, the city's plan among them. */
static void qactions_fill(struct merge_vreport *vr)
{
	size_t cap = 0;

	for (size_t i = 0; i < vr->n_rows; i++)
		for (size_t k = 0; k < vr->rows[i].unit->actions.n; k++)
			qaction_add(vr, &cap, i, &vr->rows[i].unit->actions.items[k]);
	for (size_t k = 0; vr->plan && k < vr->plan->actions.n; k++)
		qaction_add(vr, &cap, (size_t)-1, &vr->plan->actions.items[k]);
	if (vr->n_qactions)
		qsort(vr->qactions, vr->n_qactions, sizeof *vr->qactions, qaction_cmp);
}

/* The city-wide plan's figures in the version it belongs to. */
static void plan_fill(struct merge_vreport *vr, const struct merge_plan *p, const char *today)
{
	vr->plan = p;
	vr->plan_open = xcalloc(vr->v->n_areas + 1, sizeof *vr->plan_open);
	plan_count(vr->v, &p->actions, today, vr->plan_status, &vr->plan_overdue,
		   vr->plan_open, NULL);
}

static void version_fill(struct merge_vreport *vr, const struct merge_version *v,
			 const char *today)
{
	struct merge_unit **units = merge_model_units_sorted(v, &vr->n_rows);

	vr->v = v;
	vr->rows = xcalloc(vr->n_rows ? vr->n_rows : 1, sizeof *vr->rows);
	for (size_t i = 0; i < vr->n_rows; i++) {
		struct merge_row *row = &vr->rows[i];
		row->unit = units[i];
		row->cells = xcalloc(v->n_areas + 1, sizeof *row->cells);
		for (size_t a = 0; a <= v->n_areas; a++)
			cell_fill(v, a, a < v->n_areas ? &units[i]->areas[a] : &units[i]->overall,
				  &row->cells[a]);
		completeness(v, units[i], row->cells);
		for (size_t a = 0; a < v->n_areas; a++)
			if (row->cells[a].level >= 0 && row->cells[a].level < 10)
				row->area_levels[row->cells[a].level]++;
		actions_fill(v, row, today);
		if (units[i]->updated_at > vr->newest)
			vr->newest = units[i]->updated_at;
	}
	free(units);
	vr->with_action = xcalloc(v->n_areas ? v->n_areas : 1, sizeof *vr->with_action);
	vr->below_without = xcalloc(v->n_areas ? v->n_areas : 1, sizeof *vr->below_without);
	for (size_t i = 0; i < vr->n_rows; i++) {
		const struct merge_row *row = &vr->rows[i];

		for (int st = 0; st < ACTION_N_STATUS; st++)
			vr->actions[st] += row->actions[st];
		vr->overdue += row->overdue;
		for (size_t a = 0; a < v->n_areas; a++) {
			vr->with_action[a] += row->open_actions[a] > 0;
			vr->below_without[a] += row->cells[a].below_target &&
				!row->open_actions[a];
		}
		if (row->unit->approval_state == APPROVAL_BROKEN)
			vr->broken++;
		else if (row->unit->approval.present)
			vr->approved++;
		else
			vr->unapproved++;
	}
	vr->city = cities_of(v);
	for (size_t i = 0; i < vr->n_rows; i++)
		for (size_t a = 0; a <= v->n_areas; a++) {
			vr->city[a].answered += vr->rows[i].cells[a].answered;
			vr->city[a].applicable += vr->rows[i].cells[a].applicable;
		}
	vr->questions = questions_of(v, &vr->n_questions);
	for (size_t u = 0; u < v->n_units; u++) {
		vr->drafts += v->units[u].fate == FATE_DRAFT;
		vr->replaced += v->units[u].fate == FATE_REPLACED;
	}
}

static const char *first_key(const struct merge_report *r)
{
	for (size_t i = 0; i < r->n_versions; i++)
		if (r->versions[i].n_rows)
			return r->versions[i].rows[0].unit->key;
	return "";
}

struct merge_report *merge_report_build(const struct merge_set *set,
					const char *expect, char **missing,
					size_t n_missing)
{
	struct merge_report *r = xcalloc(1, sizeof *r);

	r->set = set;
	action_today(r->today);
	r->expect = expect;
	r->missing = missing;
	r->n_missing = n_missing;
	r->n_versions = set->n_versions;
	r->versions = xcalloc(set->n_versions ? set->n_versions : 1, sizeof *r->versions);
	for (size_t i = 0; i < set->n_files; i++) {
		r->files += !set->files[i].invalid;
		r->invalid += set->files[i].invalid;
	}
	/* versions are sorted by survey and version: a previous version's
	 * report is made before the one that compares with it */
	for (size_t i = 0; i < set->n_versions; i++) {
		struct merge_vreport *vr = &r->versions[i];
		const struct merge_version *v = set->versions[i];

		version_fill(vr, v, r->today);
		r->results += vr->n_rows;
		r->drafts += vr->drafts;
		r->replaced += vr->replaced;
		vr->latest = vr->n_rows > 0;
		for (size_t k = i; k-- > 0;) {
			if (strcmp(set->versions[k]->survey_id, v->survey_id) != 0)
				break;
			if (r->versions[k].n_rows) {
				vr->prev = set->versions[k];
				change_fill(vr, &r->versions[k]);
				break;
			}
		}
		for (size_t k = i; vr->n_rows && k-- > 0;) {
			if (strcmp(set->versions[k]->survey_id, v->survey_id) != 0)
				break;
			r->versions[k].latest = false;
		}
	}
	/* the city-wide plan goes with the latest version of its survey */
	for (size_t i = 0; set->plan && i < r->n_versions; i++)
		if (r->versions[i].latest &&
		    strcmp(r->versions[i].v->survey_id, set->plan->survey_id) == 0)
			plan_fill(&r->versions[i], set->plan, r->today);
	for (size_t i = 0; i < r->n_versions; i++)
		qactions_fill(&r->versions[i]);
	merge_trends_build(r, &r->trends);
	/* one department's own files: its own report */
	r->department = r->results > 0;
	for (size_t i = 0; i < r->n_versions; i++)
		for (size_t j = 0; j < r->versions[i].n_rows; j++)
			if (strcmp(r->versions[i].rows[j].unit->key, first_key(r)) != 0)
				r->department = false;
	return r;
}

const struct merge_vreport *merge_report_version(const struct merge_report *r,
						 const struct merge_version *v)
{
	for (size_t i = 0; i < r->n_versions; i++)
		if (r->versions[i].v == v)
			return &r->versions[i];
	return NULL;
}

void merge_report_free(struct merge_report *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n_versions; i++) {
		struct merge_vreport *vr = &r->versions[i];
		for (size_t k = 0; k < vr->n_rows; k++) {
			free(vr->rows[k].cells);
			free(vr->rows[k].open_actions);
			free(vr->rows[k].area_status);
		}
		free(vr->qactions);
		free(vr->plan_open);
		free(vr->rows);
		free(vr->city);
		free(vr->questions);
		free(vr->new_areas);
		free(vr->gone_areas);
		free(vr->new_questions);
		free(vr->gone_questions);
		free(vr->with_action);
		free(vr->below_without);
		if (vr->prev)
			merge_compare_free(&vr->compare);
	}
	merge_trends_free(&r->trends);
	free(r->versions);
	free(r);
}

/* -------------------------------------------------------------- details */

struct detail_reading {
	const struct merge_report *r;
	struct merge_details *out;
	size_t cap;
};

static int detail_cmp(const void *a, const void *b)
{
	const struct merge_detail *x = a, *y = b;

	if (x->version != y->version)
		return x->version < y->version ? -1 : 1;
	if (x->question != y->question)
		return x->question < y->question ? -1 : 1;
	return (x->row > y->row) - (x->row < y->row);
}

/* The row of the unit read from file at line in version vi, or -1: only
 * the results that were merged give details. */
static size_t row_of(const struct merge_vreport *vr, size_t file, long line)
{
	for (size_t i = 0; i < vr->n_rows; i++)
		if (vr->rows[i].unit->file == file && vr->rows[i].unit->line == line)
			return i;
	return (size_t)-1;
}

static void detail_table(const struct result_table *t, size_t file, void *arg)
{
	struct detail_reading *dr = arg;
	const struct merge_report *r = dr->r;
	const struct result_row *first = &t->rows[0];
	size_t vi, ri;

	for (vi = 0; vi < r->n_versions; vi++) {
		const struct merge_version *v = r->versions[vi].v;
		if (v->version == first->v.version &&
		    strcmp(v->survey_id, first->field[RC_SURVEY_ID]) == 0)
			break;
	}
	if (vi == r->n_versions ||
	    (ri = row_of(&r->versions[vi], file, first->line)) == (size_t)-1)
		return;
	for (size_t k = 0; k < t->n_rows; k++) {
		const struct result_row *row = &t->rows[k];
		const struct merge_version *v = r->versions[vi].v;
		size_t q = merge_model_question(v, row->field[RC_QUESTION_ID]);
		bool answered = row->v.state == STATE_ANSWERED;
		bool text = answered && row->v.type == QTYPE_TEXT && *row->field[RC_ANSWER];
		bool number = answered && row->v.type == QTYPE_NUMBER && *row->field[RC_ANSWER];
		struct merge_detail *d;

		if (q == (size_t)-1 || (!*row->field[RC_COMMENT] && !text && !number))
			continue;
		dr->out->items = xgrow(dr->out->items, &dr->cap, dr->out->n + 1,
				       sizeof *dr->out->items);
		d = &dr->out->items[dr->out->n++];
		d->version = vi;
		d->row = ri;
		d->question = q;
		d->comment = xstrdup(row->field[RC_COMMENT]);
		d->text = xstrdup(text ? row->field[RC_ANSWER] : "");
		d->has_number = number;
		d->number = number ? strtod(row->field[RC_ANSWER], NULL) : 0;
	}
}

static void numbers_fill(struct merge_details *dt)
{
	size_t cap = 0;

	for (size_t i = 0; i < dt->n; i++) {
		const struct merge_detail *d = &dt->items[i];
		struct merge_numstat *ns;

		if (!d->has_number)
			continue;
		ns = dt->n_numbers ? &dt->numbers[dt->n_numbers - 1] : NULL;
		if (!ns || ns->version != d->version || ns->question != d->question) {
			dt->numbers = xgrow(dt->numbers, &cap, dt->n_numbers + 1,
					    sizeof *dt->numbers);
			ns = &dt->numbers[dt->n_numbers++];
			memset(ns, 0, sizeof *ns);
			ns->version = d->version;
			ns->question = d->question;
			ns->min = ns->max = d->number;
		}
		ns->n++;
		ns->sum += d->number;
		if (d->number < ns->min)
			ns->min = d->number;
		if (d->number > ns->max)
			ns->max = d->number;
	}
	for (size_t i = 0; i < dt->n_numbers; i++)
		dt->numbers[i].mean = dt->numbers[i].sum / (double)dt->numbers[i].n;
}

bool merge_report_details(const struct merge_report *r, struct merge_set *set,
			  struct merge_details *out, struct diag *d)
{
	struct detail_reading dr = {r, out, 0};
	size_t before = set->problems.count;
	bool ok;

	memset(out, 0, sizeof *out);
	ok = merge_input_replay(set, detail_table, &dr);
	if (!ok)
		for (size_t i = before; i < set->problems.count; i++) {
			char *msg = diag_format(&set->problems, i);
			diag_add(d, NULL, 0, "%s", msg);
			free(msg);
		}
	if (out->n)
		qsort(out->items, out->n, sizeof *out->items, detail_cmp);
	numbers_fill(out);
	return ok;
}

void merge_report_details_free(struct merge_details *dt)
{
	for (size_t i = 0; i < dt->n; i++) {
		free(dt->items[i].comment);
		free(dt->items[i].text);
	}
	free(dt->items);
	free(dt->numbers);
	memset(dt, 0, sizeof *dt);
}
