/* merge_model: lookups in the merged model and its freeing. Departments
 * are found by hash (open addressing), so reading N results is O(N). */
#include "merge_model.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

static size_t hash_str(const char *s)
{
	size_t h = 1469598103934665603u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

/* The slot of department dep in v's table: holds 0 when it is absent. */
size_t *merge_model_slot(struct merge_version *v, const char *dep)
{
	size_t mask = v->n_slots - 1, i = hash_str(dep) & mask;

	while (v->slots[i] && strcmp(v->units[v->slots[i] - 1].department, dep) != 0)
		i = (i + 1) & mask;
	return &v->slots[i];
}

const struct merge_unit *merge_model_find(const struct merge_version *v,
					  const char *dep)
{
	size_t mask, i;

	if (!v->n_slots)
		return NULL;
	mask = v->n_slots - 1;
	for (i = hash_str(dep) & mask; v->slots[i]; i = (i + 1) & mask) {
		const struct merge_unit *u = &v->units[v->slots[i] - 1];
		if (strcmp(u->department, dep) == 0)
			return merge_unit_merged(u) ? u : NULL;
	}
	return NULL;
}

void merge_model_slots_grow(struct merge_version *v)
{
	size_t old_n = v->n_slots, *old = v->slots;

	v->n_slots = old_n ? old_n * 2 : 64;
	v->slots = xcalloc(v->n_slots, sizeof *v->slots);
	for (size_t i = 0; i < old_n; i++)
		if (old[i])
			*merge_model_slot(v, v->units[old[i] - 1].department) = old[i];
	free(old);
}


void merge_model_version_free(struct merge_version *v)
{
	for (size_t i = 0; i < v->n_areas; i++) {
		free(v->areas[i].id);
		free(v->areas[i].title);
	}
	for (size_t i = 0; i < v->n_questions; i++) {
		struct merge_question *q = &v->questions[i];
		for (size_t c = 0; c < q->n_choices; c++) {
			free(q->choices[c].id);
			free(q->choices[c].label);
		}
		free(q->choices);
		free(q->id);
		free(q->text);
	}
	for (size_t i = 0; i < v->n_units; i++) {
		free(v->units[i].department);
		free(v->units[i].areas);
		free(v->units[i].answers);
	}
	free(v->areas);
	free(v->questions);
	free(v->units);
	free(v->slots);
	free(v->survey_id);
	free(v);
}


void merge_set_free(struct merge_set *set)
{
	for (size_t i = 0; i < set->n_versions; i++)
		merge_model_version_free(set->versions[i]);
	for (size_t i = 0; i < set->n_files; i++)
		free(set->files[i].path);
	free(set->versions);
	free(set->files);
	diag_free(&set->problems);
	diag_free(&set->notes);
	memset(set, 0, sizeof *set);
}

static int unit_cmp(const void *a, const void *b)
{
	const struct merge_unit *x = *(struct merge_unit *const *)a;
	const struct merge_unit *y = *(struct merge_unit *const *)b;
	return strcmp(x->department, y->department);
}

struct merge_unit **merge_model_units_sorted(const struct merge_version *v, size_t *n)
{
	struct merge_unit **list = xcalloc(v->n_units ? v->n_units : 1, sizeof *list);
	size_t k = 0;

	for (size_t i = 0; i < v->n_units; i++)
		if (merge_unit_merged(&v->units[i]))
			list[k++] = &v->units[i];
	qsort(list, k, sizeof *list, unit_cmp);
	*n = k;
	return list;
}

size_t merge_model_area(const struct merge_version *v, const char *id)
{
	for (size_t a = 0; a < v->n_areas; a++)
		if (strcmp(v->areas[a].id, id) == 0)
			return a;
	return (size_t)-1;
}

size_t merge_model_question(const struct merge_version *v, const char *id)
{
	for (size_t q = 0; q < v->n_questions; q++)
		if (strcmp(v->questions[q].id, id) == 0)
			return q;
	return (size_t)-1;
}

size_t merge_model_merged(const struct merge_version *v)
{
	size_t n = 0;
	for (size_t i = 0; i < v->n_units; i++)
		n += merge_unit_merged(&v->units[i]);
	return n;
}

const struct merge_version *merge_model_previous(const struct merge_set *set,
						 const struct merge_version *v)
{
	const struct merge_version *best = NULL;

	for (size_t i = 0; i < set->n_versions; i++) {
		const struct merge_version *w = set->versions[i];
		if (strcmp(w->survey_id, v->survey_id) == 0 && w->version < v->version &&
		    merge_model_merged(w) > 0 && (!best || w->version > best->version))
			best = w;
	}
	return best;
}

