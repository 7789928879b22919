#include "revision.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "util.h"

static const char *const kind_names[] = {
	[REVISION_NONE] = "none", [REVISION_SAME] = "same",
	[REVISION_RENAMED] = "renamed", [REVISION_SPLIT] = "split",
	[REVISION_MERGED] = "merged",
};

/* What a person reads beside a question; the file's words above stay
 * English. */
static const char *const kind_labels[] = {
	[REVISION_NONE] = N_("new"), [REVISION_SAME] = N_("unchanged id"),
	[REVISION_RENAMED] = N_("renamed"), [REVISION_SPLIT] = N_("split"),
	[REVISION_MERGED] = N_("merged"),
};

const char *revision_kind_name(enum revision_kind k)
{
	return kind_names[k];
}

const char *revision_kind_label(enum revision_kind k)
{
	return _(kind_labels[k]);
}

static size_t count(const struct survey *s, enum revision_what what)
{
	return what == REVISION_AREA ? s->n_areas : s->n_questions;
}

static const char *const *id_slot(const struct survey *s, enum revision_what what,
				  size_t i)
{
	return what == REVISION_AREA ? (const char *const *)&s->areas[i].id
				     : (const char *const *)&s->questions[i].id;
}

static const struct survey_continues *continues_of(const struct survey *s,
						   enum revision_what what, size_t i)
{
	return what == REVISION_AREA ? &s->areas[i].continues
				     : &s->questions[i].continues;
}

/* Whether i's continues key holds for a result of old_version. */
static bool holds(const struct survey_continues *c, long old_version)
{
	return c->version == 0 || old_version == 0 || old_version <= c->version;
}

/* True when i continues old_id in old_version (its key names it, or it
 * has no key and that id). */
static bool continues_id(const struct survey *s, enum revision_what what, size_t i,
			 const char *old_id, long old_version)
{
	const struct survey_continues *c = continues_of(s, what, i);

	if (c->n_ids == 0)
		return strcmp(*id_slot(s, what, i), old_id) == 0;
	if (!holds(c, old_version))
		return false;
	for (size_t k = 0; k < c->n_ids; k++)
		if (strcmp(c->ids[k], old_id) == 0)
			return true;
	return false;
}

enum revision_kind revision_of(const struct survey *s, enum revision_what what,
			       size_t i, long old_version, const char *const **ids,
			       size_t *n_ids)
{
	const struct survey_continues *c = continues_of(s, what, i);
	const char *const *list = NULL;
	size_t n = 0;
	enum revision_kind kind = REVISION_NONE;

	if (c->n_ids == 0) {
		list = id_slot(s, what, i);
		n = 1;
		kind = REVISION_SAME;
	} else if (holds(c, old_version)) {
		list = (const char *const *)c->ids;
		n = c->n_ids;
		if (n > 1) {
			kind = REVISION_MERGED;
		} else {
			kind = strcmp(c->ids[0], *id_slot(s, what, i)) == 0
				? REVISION_SAME : REVISION_RENAMED;
			/* the loader marks every part of a split; whether the
			 * other parts hold for old_version too is asked here */
			for (size_t j = 0; c->split && j < count(s, what); j++)
				if (j != i && continues_id(s, what, j, c->ids[0], old_version)) {
					kind = REVISION_SPLIT;
					break;
				}
		}
	}
	if (ids)
		*ids = list;
	if (n_ids)
		*n_ids = n;
	return kind;
}

size_t revision_successors(const struct survey *s, enum revision_what what,
			   const char *old_id, long old_version, size_t *out,
			   enum revision_kind *kind)
{
	size_t n = 0, first = 0;

	for (size_t i = 0; i < count(s, what); i++) {
		if (!continues_id(s, what, i, old_id, old_version))
			continue;
		if (n == 0)
			first = i;
		if (out)
			out[n] = i;
		n++;
	}
	if (kind)
		*kind = n == 0 ? REVISION_NONE : n > 1 ? REVISION_SPLIT
			: revision_of(s, what, first, old_version, NULL, NULL);
	return n;
}

bool revision_comparable(const struct survey *s, enum revision_what what, size_t i,
			 long old_version)
{
	enum revision_kind k = revision_of(s, what, i, old_version, NULL, NULL);

	return (k == REVISION_SAME || k == REVISION_RENAMED) &&
	       !continues_of(s, what, i)->not_comparable;
}

size_t revision_follow(const struct survey *const *surveys, size_t n,
		       enum revision_what what, const char *old_id, long from_version,
		       size_t *out, enum revision_kind *kind, bool *comparable)
{
	/* the ids reached so far: old_id, then ids of the last survey used */
	const char **ids = xcalloc(1, sizeof *ids);
	size_t n_ids = 1, *cur = NULL, n_cur = 0;
	const struct survey *last = NULL;
	long prev = from_version;
	bool merged = false, split = false, renamed = false, same_all = true;

	ids[0] = old_id;
	for (size_t k = 0; k < n; k++) {
		const struct survey *s = surveys[k];
		size_t room = count(s, what), *next, n_next = 0;
		size_t *step = xcalloc(room ? room : 1, sizeof *step);

		if (s->version <= from_version) {
			free(step);
			continue;
		}
		next = xcalloc(room ? room : 1, sizeof *next);
		for (size_t j = 0; j < n_ids; j++) {
			enum revision_kind sk;
			size_t m = revision_successors(s, what, ids[j], prev, step, &sk);

			merged = merged || sk == REVISION_MERGED;
			split = split || sk == REVISION_SPLIT;
			renamed = renamed || sk == REVISION_RENAMED;
			for (size_t x = 0; x < m; x++) {
				bool seen = false;

				if (continues_of(s, what, step[x])->not_comparable)
					same_all = false;
				for (size_t y = 0; y < n_next; y++)
					seen = seen || next[y] == step[x];
				if (!seen)
					next[n_next++] = step[x];
			}
		}
		free(step);
		free(cur);
		cur = next;
		n_cur = n_next;
		last = s;
		prev = s->version;
		free(ids);
		ids = xcalloc(n_cur ? n_cur : 1, sizeof *ids);
		for (size_t x = 0; x < n_cur; x++)
			ids[x] = *id_slot(s, what, cur[x]);
		n_ids = n_cur;
		if (n_ids == 0)
			break;
	}
	if (!last) { /* no later survey: nothing to say about old_id */
		n_cur = 0;
		merged = split = renamed = false;
	}
	for (size_t x = 0; out && x < n_cur; x++)
		out[x] = cur[x];
	if (kind)
		*kind = n_cur == 0 ? REVISION_NONE : merged ? REVISION_MERGED
			: split ? REVISION_SPLIT : renamed ? REVISION_RENAMED : REVISION_SAME;
	if (comparable)
		*comparable = n_cur > 0 && !merged && !split && same_all;
	free(ids);
	free(cur);
	return n_cur;
}

bool revision_any(const struct survey *s)
{
	for (size_t i = 0; i < s->n_questions; i++)
		if (s->questions[i].continues.n_ids)
			return true;
	for (size_t i = 0; i < s->n_areas; i++)
		if (s->areas[i].continues.n_ids)
			return true;
	return false;
}

static size_t index_of(const struct survey *s, enum revision_what what, const char *id)
{
	for (size_t i = 0; i < count(s, what); i++)
		if (strcmp(*id_slot(s, what, i), id) == 0)
			return i;
	return (size_t)-1;
}

static long line_of(const struct survey *s, enum revision_what what, size_t i)
{
	return what == REVISION_AREA ? s->areas[i].line : s->questions[i].line;
}

static size_t check_kind(const struct survey *s, const struct survey *old,
			 enum revision_what what, struct diag *d, struct diag *notes)
{
	enum revision_what other = what == REVISION_AREA ? REVISION_QUESTION : REVISION_AREA;
	const char *name = what == REVISION_AREA ? "area" : "question";
	const char *other_name = what == REVISION_AREA ? "a question" : "an area";
	size_t problems = 0;

	for (size_t i = 0; i < count(s, what); i++) {
		const struct survey_continues *c = continues_of(s, what, i);
		const char *id = *id_slot(s, what, i);
		size_t own;

		if (c->n_ids == 0 || !holds(c, old->version))
			continue;
		/* the ids are those of continues.version: an older file may
		 * lack them rightly */
		for (size_t k = 0; k < c->n_ids && (c->version == 0 ||
						    c->version == old->version); k++) {
			if (index_of(old, what, c->ids[k]) != (size_t)-1)
				continue;
			if (index_of(old, other, c->ids[k]) != (size_t)-1)
				diag_add(d, s->path, c->line, "%s '%s' continues '%s', which is "
					 "%s of version %ld, not %s %s", name, id, c->ids[k],
					 other_name, old->version,
					 what == REVISION_AREA ? "an" : "a", name);
			else
				diag_add(d, s->path, c->line, "%s '%s' continues '%s', which "
					 "version %ld (%s) does not have", name, id, c->ids[k],
					 old->version, old->path);
			problems++;
		}
		own = index_of(old, what, id);
		if (own != (size_t)-1 && !continues_id(s, what, i, id, old->version) &&
		    revision_successors(s, what, id, old->version, NULL, NULL) == 0) {
			diag_add(d, s->path, c->line, "%s '%s' continues other ids, yet "
				 "version %ld has %s '%s' too (%s:%ld), which nothing "
				 "continues: an id means one %s in every version; add '%s' "
				 "to 'continues' if it is the same %s, else give this one "
				 "an id of its own", name, id, old->version,
				 what == REVISION_AREA ? "an area" : "a question", id,
				 old->path, line_of(old, what, own), name, id, name);
			problems++;
		}
	}
	for (size_t j = 0; notes && j < count(old, what); j++) {
		const char *old_id = *id_slot(old, what, j);

		if (revision_successors(s, what, old_id, old->version, NULL, NULL) == 0)
			diag_add(notes, old->path, line_of(old, what, j), "note: %s '%s' of "
				 "version %ld has no successor in version %ld (removed)",
				 name, old_id, old->version, s->version);
	}
	return problems;
}

size_t revision_check(const struct survey *s, const struct survey *old,
		      struct diag *d, struct diag *notes)
{
	size_t problems;

	if (strcmp(s->id, old->id) != 0 || old->version >= s->version) {
		diag_add(d, old->path, 0, "survey '%s' version %ld is not an earlier "
			 "version of '%s' version %ld (%s): the same survey id and a lower "
			 "version", old->id, old->version, s->id, s->version, s->path);
		return 1;
	}
	problems = check_kind(s, old, REVISION_AREA, d, notes);
	problems += check_kind(s, old, REVISION_QUESTION, d, notes);
	return problems;
}
