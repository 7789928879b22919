/* merge_model: lookups in the merged model and its freeing. Departments
 * are found by hash (open addressing), so reading N results is O(N). */
#include "merge_model.h"

#include <stdlib.h>
#include <string.h>

#include "survey.h"
#include "text.h"
#include "util.h"

static size_t hash_str(const char *s)
{
	size_t h = 1469598103934665603u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

/* The slot of department key (a text_slug) in v's table: holds 0 when it
 * is absent. */
size_t *merge_model_slot(struct merge_version *v, const char *key)
{
	size_t mask = v->n_slots - 1, i = hash_str(key) & mask;

	while (v->slots[i] && strcmp(v->units[v->slots[i] - 1].key, key) != 0)
		i = (i + 1) & mask;
	return &v->slots[i];
}

const struct merge_unit *merge_model_find(const struct merge_version *v,
					  const char *dep)
{
	size_t mask, i;
	const struct merge_unit *found = NULL;
	char *key;

	if (!v->n_slots)
		return NULL;
	key = text_slug(dep);
	mask = v->n_slots - 1;
	for (i = hash_str(key) & mask; v->slots[i]; i = (i + 1) & mask) {
		const struct merge_unit *u = &v->units[v->slots[i] - 1];
		if (strcmp(u->key, key) == 0) {
			found = merge_unit_merged(u) ? u : NULL;
			break;
		}
	}
	free(key);
	return found;
}

/* ---- hash indexes of areas and questions: a file that lists its
 * questions in another order than the first costs no more than one in
 * the same order */

static size_t *index_slot(size_t *slots, size_t n_slots, const char *id,
			  const char *(*id_of)(const struct merge_version *, size_t),
			  const struct merge_version *v)
{
	size_t mask = n_slots - 1, i = hash_str(id) & mask;

	while (slots[i] && strcmp(id_of(v, slots[i] - 1), id) != 0)
		i = (i + 1) & mask;
	return &slots[i];
}

static const char *area_id(const struct merge_version *v, size_t a)
{
	return v->areas[a].id;
}

static const char *question_id(const struct merge_version *v, size_t q)
{
	return v->questions[q].id;
}

static void index_add(struct merge_version *v, size_t **slots, size_t *n_slots,
		      size_t n_items, size_t item,
		      const char *(*id_of)(const struct merge_version *, size_t))
{
	if (n_items * 2 > *n_slots) { /* at most half full */
		size_t old_n = *n_slots, *old = *slots;

		*n_slots = old_n ? old_n * 2 : 64;
		while (n_items * 2 > *n_slots)
			*n_slots *= 2;
		*slots = xcalloc(*n_slots, sizeof **slots);
		for (size_t i = 0; i < old_n; i++)
			if (old[i])
				*index_slot(*slots, *n_slots, id_of(v, old[i] - 1), id_of,
					    v) = old[i];
		free(old);
	}
	*index_slot(*slots, *n_slots, id_of(v, item), id_of, v) = item + 1;
}

void merge_model_index_area(struct merge_version *v, size_t a)
{
	index_add(v, &v->area_slots, &v->n_area_slots, v->n_areas, a, area_id);
}

void merge_model_index_question(struct merge_version *v, size_t q)
{
	index_add(v, &v->question_slots, &v->n_question_slots, v->n_questions, q,
		  question_id);
}

/* ---- department names */

static size_t *name_slot(const struct merge_set *set, const char *key)
{
	size_t mask = set->n_name_slots - 1, i = hash_str(key) & mask;

	while (set->name_slots[i] && strcmp(set->names[set->name_slots[i] - 1].key, key) != 0)
		i = (i + 1) & mask;
	return &set->name_slots[i];
}

struct merge_name *merge_model_name_add(struct merge_set *set, const char *key)
{
	size_t *slot;

	if ((set->n_names + 1) * 2 > set->n_name_slots) {
		size_t old_n = set->n_name_slots, *old = set->name_slots;

		set->n_name_slots = old_n ? old_n * 2 : 64;
		set->name_slots = xcalloc(set->n_name_slots, sizeof *set->name_slots);
		for (size_t i = 0; i < old_n; i++)
			if (old[i])
				*name_slot(set, set->names[old[i] - 1].key) = old[i];
		free(old);
	}
	slot = name_slot(set, key);
	if (!*slot) {
		struct merge_name *nm;

		set->names = xgrow(set->names, &set->cap_names, set->n_names + 1,
				   sizeof *set->names);
		nm = &set->names[set->n_names++];
		memset(nm, 0, sizeof *nm);
		nm->key = xstrdup(key);
		*slot = set->n_names;
	}
	return &set->names[*slot - 1];
}

const struct merge_name *merge_model_name(const struct merge_set *set,
					  const char *dep)
{
	char *key;
	size_t slot;

	if (!set->n_name_slots)
		return NULL;
	key = text_slug(dep);
	slot = *name_slot(set, key);
	free(key);
	return slot ? &set->names[slot - 1] : NULL;
}

const char *merge_model_file_department(const struct merge_set *set, size_t file,
					size_t k)
{
	size_t slot = *name_slot(set, set->files[file].departments[k]);
	const struct merge_name *nm = &set->names[slot - 1];

	return nm->shown ? nm->shown : nm->spellings[0].text;
}

void merge_model_slots_grow(struct merge_version *v)
{
	size_t old_n = v->n_slots, *old = v->slots;

	v->n_slots = old_n ? old_n * 2 : 64;
	v->slots = xcalloc(v->n_slots, sizeof *v->slots);
	for (size_t i = 0; i < old_n; i++)
		if (old[i])
			*merge_model_slot(v, v->units[old[i] - 1].key) = old[i];
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
		free(v->units[i].key);
		free(v->units[i].areas);
		free(v->units[i].answers);
		actions_release(&v->units[i].actions);
		approval_release(&v->units[i].approval);
		history_release(&v->units[i].history);
	}
	for (size_t i = 0; i < v->n_variants; i++)
		free(v->variants[i].text);
	free(v->variants);
	free(v->devs);
	free(v->area_slots);
	free(v->survey_index);
	free(v->question_slots);
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
	for (size_t i = 0; i < set->n_files; i++) {
		free(set->files[i].path);
		for (size_t k = 0; k < set->files[i].n_departments; k++)
			free(set->files[i].departments[k]);
		free(set->files[i].departments);
	}
	for (size_t i = 0; i < set->n_names; i++) {
		struct merge_name *nm = &set->names[i];
		for (size_t k = 0; k < nm->n_spellings; k++)
			free(nm->spellings[k].text);
		free(nm->spellings);
		free(nm->key);
		free(nm->shown);
	}
	free(set->names);
	free(set->name_slots);
	for (size_t i = 0; i < set->n_surveys; i++)
		survey_free(set->surveys[i]);
	free(set->surveys);
	if (set->plan) {
		free(set->plan->path);
		free(set->plan->department);
		free(set->plan->survey_id);
		actions_release(&set->plan->actions);
		free(set->plan);
	}
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
	if (!v->n_area_slots)
		return (size_t)-1;
	return *index_slot(v->area_slots, v->n_area_slots, id, area_id, v) - 1;
}

size_t merge_model_question(const struct merge_version *v, const char *id)
{
	if (!v->n_question_slots)
		return (size_t)-1;
	return *index_slot(v->question_slots, v->n_question_slots, id, question_id,
			   v) - 1;
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

