/* merge_compare: the link between two versions of a survey, and what
 * differs behind each change (merge_compare.h). */
#include "merge_compare.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "util.h"

#define NONE ((size_t)-1)

/* The index of area id in s, or NONE. */
static size_t survey_area(const struct survey *s, const char *id)
{
	for (size_t a = 0; a < s->n_areas; a++)
		if (strcmp(s->areas[a].id, id) == 0)
			return a;
	return NONE;
}

/* Where area (question) i of v continues prev: by the revision mapping of
 * v's definition when given, else by id. */
static void link_find(const struct merge_version *v, const struct merge_version *prev,
		      enum revision_what what, size_t i, struct merge_link *l)
{
	const char *id = what == REVISION_AREA ? v->areas[i].id : v->questions[i].id;
	size_t si = NONE;

	l->prev = NONE;
	l->kind = REVISION_NONE;
	l->diff = l->level_diff = 0;
	if (v->survey)
		si = what == REVISION_AREA ? survey_area(v->survey, id)
		     : v->survey_index ? v->survey_index[i] : NONE;
	if (si == NONE) {
		l->prev = what == REVISION_AREA ? merge_model_area(prev, id)
			  : merge_model_question(prev, id);
		l->kind = l->prev == NONE ? REVISION_NONE : REVISION_SAME;
		return;
	}

	const char *const *ids;
	size_t n_ids;
	enum revision_kind kind = revision_of(v->survey, what, si, prev->version, &ids, &n_ids);
	for (size_t k = 0; k < n_ids && l->prev == NONE; k++)
		l->prev = what == REVISION_AREA ? merge_model_area(prev, ids[k])
			  : merge_model_question(prev, ids[k]);
	if (l->prev == NONE)
		return; /* new: none of the ids it continues is in prev */
	l->kind = kind;
	if (kind == REVISION_SPLIT || kind == REVISION_MERGED)
		l->diff |= MERGE_DIFF_SPLIT;
	else if (!revision_comparable(v->survey, what, si, prev->version))
		l->diff |= MERGE_DIFF_REWORDED;
}

static bool same(double a, double b)
{
	return a - b < 1e-9 && b - a < 1e-9;
}

/* What differs between question q of v and question p of prev. */
static void question_diff(const struct merge_question *q, const struct merge_question *p,
			  struct merge_link *l)
{
	if (!same(q->weight, p->weight))
		l->diff |= MERGE_DIFF_WEIGHT;
	if (q->has_max != p->has_max || (q->has_max && !same(q->max_value, p->max_value)) ||
	    (q->type[0] && p->type[0] && strcmp(q->type, p->type) != 0))
		l->diff |= MERGE_DIFF_SCALE;
	/* an option worth other points, or gone: the same answer is not the
	 * same figure (an option only one version has is not a change of
	 * scale when no result chose it: the files list the chosen ones) */
	for (size_t c = 0; c < q->n_choices; c++) {
		if (!q->choices[c].has_points)
			continue;
		for (size_t k = 0; k < p->n_choices; k++)
			if (p->choices[k].has_points &&
			    strcmp(p->choices[k].id, q->choices[c].id) == 0 &&
			    !same(p->choices[k].points, q->choices[c].points))
				l->diff |= MERGE_DIFF_SCALE;
	}
	l->level_diff |= l->diff;
	if (q->level != p->level)
		l->level_diff |= MERGE_DIFF_THRESHOLD;
}

void merge_compare_make(struct merge_compare *c, const struct merge_version *v,
			const struct merge_version *prev)
{
	struct merge_link *all;
	unsigned all_diff = 0, all_level = 0;
	bool *stays, *lost;

	memset(c, 0, sizeof *c);
	c->v = v;
	c->prev = prev;
	c->areas = xcalloc(v->n_areas + 1, sizeof *c->areas);
	c->questions = xcalloc(v->n_questions ? v->n_questions : 1, sizeof *c->questions);
	c->prev_areas_kept = xcalloc(prev->n_areas ? prev->n_areas : 1, 1);
	c->prev_questions_kept = xcalloc(prev->n_questions ? prev->n_questions : 1, 1);
	c->next_areas = xcalloc(prev->n_areas + 1, sizeof *c->next_areas);
	c->next_questions = xcalloc(prev->n_questions + 1, sizeof *c->next_questions);
	for (size_t a = 0; a <= prev->n_areas; a++)
		c->next_areas[a] = a == prev->n_areas ? v->n_areas : NONE;
	for (size_t p = 0; p < prev->n_questions; p++)
		c->next_questions[p] = NONE;

	for (size_t q = 0; q < v->n_questions; q++) {
		struct merge_link *l = &c->questions[q];
		link_find(v, prev, REVISION_QUESTION, q, l);
		if (l->prev == NONE)
			continue;
		c->prev_questions_kept[l->prev] = true;
		if (c->next_questions[l->prev] == NONE)
			c->next_questions[l->prev] = q;
		question_diff(&v->questions[q], &prev->questions[l->prev], l);
	}
	for (size_t a = 0; a < v->n_areas; a++) {
		struct merge_link *l = &c->areas[a];
		link_find(v, prev, REVISION_AREA, a, l);
		if (l->prev == NONE) {
			all_diff |= MERGE_DIFF_ADDED;
			continue;
		}
		c->prev_areas_kept[l->prev] = true;
		if (c->next_areas[l->prev] == NONE)
			c->next_areas[l->prev] = a;
		if (!same(v->areas[a].weight, prev->areas[l->prev].weight))
			all_diff |= MERGE_DIFF_WEIGHT;
		if (v->areas[a].target != prev->areas[l->prev].target)
			l->level_diff |= MERGE_DIFF_TARGET;
	}
	/* an area's figure is made of its questions: one that came from
	 * elsewhere (or from nowhere) is added, one that went is removed */
	for (size_t q = 0; q < v->n_questions; q++) {
		const struct merge_link *ql = &c->questions[q];
		struct merge_link *al = &c->areas[v->questions[q].area];
		if (al->prev == NONE)
			continue;
		if (ql->prev == NONE || prev->questions[ql->prev].area != al->prev)
			al->diff |= MERGE_DIFF_ADDED;
		else
			al->diff |= ql->diff;
		al->level_diff |= ql->level_diff;
	}
	/* a question of prev stays when a question of v continues it in the
	 * area that continues its area; an area that lost one has one removed
	 * (one pass each way: a survey may have many thousand questions) */
	stays = xcalloc(prev->n_questions + 1, 1);
	lost = xcalloc(prev->n_areas + 1, 1);
	for (size_t q = 0; q < v->n_questions; q++) {
		size_t pq = c->questions[q].prev, pa = c->areas[v->questions[q].area].prev;
		if (pq != NONE && pa != NONE && prev->questions[pq].area == pa)
			stays[pq] = true;
	}
	for (size_t p = 0; p < prev->n_questions; p++)
		if (!stays[p])
			lost[prev->questions[p].area] = true;
	for (size_t a = 0; a < v->n_areas; a++)
		if (c->areas[a].prev != NONE && lost[c->areas[a].prev])
			c->areas[a].diff |= MERGE_DIFF_REMOVED;
	free(stays);
	free(lost);
	for (size_t a = 0; a < prev->n_areas; a++)
		if (!c->prev_areas_kept[a])
			all_diff |= MERGE_DIFF_REMOVED;
	/* the threshold is the whole version's: every level depends on it */
	if (v->has_threshold != prev->has_threshold ||
	    (v->has_threshold && !same(v->threshold, prev->threshold)))
		all_level |= MERGE_DIFF_THRESHOLD;
	for (size_t a = 0; a < v->n_areas; a++) {
		struct merge_link *l = &c->areas[a];
		l->level_diff |= l->diff | (all_level & MERGE_DIFF_THRESHOLD);
		all_diff |= l->diff;
	}
	for (size_t a = 0; a < v->n_areas; a++)
		all_level |= c->areas[a].level_diff;
	all = &c->areas[v->n_areas];
	all->prev = prev->n_areas;
	all->kind = REVISION_SAME;
	all->diff = all_diff;
	all->level_diff = all_level | all_diff;
}

void merge_compare_free(struct merge_compare *c)
{
	free(c->areas);
	free(c->questions);
	free(c->prev_areas_kept);
	free(c->prev_questions_kept);
	free(c->next_areas);
	free(c->next_questions);
	memset(c, 0, sizeof *c);
}

size_t merge_compare_next_area(const struct merge_compare *c, size_t i)
{
	return c->next_areas[i];
}

size_t merge_compare_next_question(const struct merge_compare *c, size_t i)
{
	return c->next_questions[i];
}

char *merge_compare_describe(unsigned diff)
{
	static const char *const words[MERGE_DIFF_BITS] = {
		N_("a question added"),
		N_("a question removed"),
		N_("a weight changed"),
		N_("a scale changed"),
		N_("split or merged"),
		N_("reworded, not comparable"),
		N_("the target changed"),
		N_("a threshold or level changed"),
	};
	struct strbuf sb = {0};

	for (unsigned b = 0; b < MERGE_DIFF_BITS; b++) {
		if (!(diff & (1u << b)))
			continue;
		if (sb.len)
			strbuf_puts(&sb, ", ");
		strbuf_puts(&sb, _(words[b]));
	}
	return sb.len ? strbuf_detach(&sb) : xstrdup("");
}
