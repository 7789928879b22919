#include "previous.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fileio.h"
#include "i18n.h"
#include "numfmt.h"
#include "revision.h"
#include "text.h"
#include "util.h"

/* As the session's reader: a result is tens of KiB. */
#define PREVIOUS_MAX_BYTES (64u << 20)

void previous_free(struct previous *p)
{
	if (!p)
		return;
	free(p->path);
	if (p->t) {
		result_table_release(p->t);
		free(p->t);
	}
	free(p->row_of);
	for (size_t q = 0; p->rows_of && q < p->s->n_questions; q++)
		free(p->rows_of[q]);
	free(p->rows_of);
	free(p->n_rows_of);
	free(p->kind);
	actions_release(&p->actions);
	approval_release(&p->approval);
	history_release(&p->history);
	free(p->area_scores);
	free(p->area_ids);
	free(p);
}

/* The row of question id in t, or (size_t)-1. */
static size_t row_index(const struct result_table *t, const char *id)
{
	for (size_t i = 0; i < t->n_rows; i++)
		if (strcmp(t->rows[i].field[RC_QUESTION_ID], id) == 0)
			return i;
	return (size_t)-1;
}

/* Each question of this year to last year's rows, by the mapping. */
static void match_questions(struct previous *p)
{
	const struct survey *s = p->s;
	size_t n = s->n_questions ? s->n_questions : 1;

	p->row_of = xcalloc(n, sizeof *p->row_of);
	p->rows_of = xcalloc(n, sizeof *p->rows_of);
	p->n_rows_of = xcalloc(n, sizeof *p->n_rows_of);
	p->kind = xcalloc(n, sizeof *p->kind);
	for (size_t q = 0; q < s->n_questions; q++) {
		const char *const *ids;
		size_t n_ids, *rows;
		enum revision_kind kind = revision_of(s, REVISION_QUESTION, q, p->version,
						      &ids, &n_ids);

		rows = xcalloc(n_ids ? n_ids : 1, sizeof *rows);
		p->rows_of[q] = rows;
		for (size_t k = 0; k < n_ids; k++) {
			size_t i = row_index(p->t, ids[k]);
			if (i != (size_t)-1)
				rows[p->n_rows_of[q]++] = i;
		}
		p->row_of[q] = p->n_rows_of[q] ? rows[0] : (size_t)-1;
		p->kind[q] = p->n_rows_of[q] ? kind : REVISION_NONE;
	}
}

/* Takes over t (read from name) as department's earlier result of s. */
static struct previous *from_table(const char *name, struct result_table *t,
				   const struct survey *s, const char *department,
				   struct diag *d)
{
	const struct result_row *first = &t->rows[0];
	struct previous *p;

	if (strcmp(first->field[RC_SURVEY_ID], s->id) != 0) {
		diag_add(d, name, first->line, "this is a result of survey '%s', not of '%s': "
			 "last year's answers come from the same survey",
			 first->field[RC_SURVEY_ID], s->id);
		goto refuse;
	}
	if (first->v.version >= s->version) {
		diag_add(d, name, first->line, "this is a result of version %ld: last year's "
			 "answers come from a version before %ld", first->v.version,
			 s->version);
		goto refuse;
	}
	if (strcmp(first->field[RC_DEPARTMENT], department) != 0) {
		diag_add(d, name, first->line, "this file holds the answers of department "
			 "'%s', not '%s'", first->field[RC_DEPARTMENT], department);
		goto refuse;
	}
	p = xcalloc(1, sizeof *p);
	p->path = text_visible(name, false);
	p->version = first->v.version;
	p->t = t;
	p->s = s;
	match_questions(p);
	actions_from_table(&p->actions, t);
	approval_from_table(&p->approval, &p->history, t);
	p->approval_state = approval_state_of(t);
	p->n_areas = result_score(t, &p->area_scores, &p->area_ids, &p->overall);
	return p;
refuse:
	result_table_release(t);
	free(t);
	return NULL;
}

struct previous *previous_load(const char *path, const struct survey *s,
			       const char *department, struct diag *d)
{
	struct result_table *t = result_load(path, d);

	return t ? from_table(path, t, s, department, d) : NULL;
}

/* The version in name when it is "<id slug>-<N>-<department slug>.csv",
 * else 0. */
static long version_of(const char *name, const char *id, const char *dep)
{
	size_t n = strlen(name), il = strlen(id), dl = strlen(dep);
	char digits[16];
	long v;

	if (n < il + dl + 7 || strncmp(name, id, il) != 0 || name[il] != '-' ||
	    memcmp(name + n - dl - 4, dep, dl) != 0 || strcmp(name + n - 4, ".csv") != 0 ||
	    name[n - dl - 5] != '-')
		return 0;
	n = n - dl - 5 - (il + 1); /* the digits' length */
	if (n == 0 || n >= sizeof digits)
		return 0;
	memcpy(digits, name + il + 1, n);
	digits[n] = '\0';
	if (strspn(digits, "0123456789") != n || !num_parse_int(digits, 1, 999999, &v))
		return 0;
	return v;
}

struct previous *previous_find(const char *out_dir, const struct survey *s,
			       const char *department, struct diag *d)
{
	char *error = NULL, *id = text_slug(s->id), *dep = text_slug(department);
	char *best = NULL, *data = NULL, *path;
	long best_v = 0;
	struct previous *p = NULL;
	struct result_table *t;
	struct dirent *e;
	struct stat st;
	size_t len;
	DIR *dir;
	int fd = file_open_dir(out_dir, false, 0, &error), fd2;

	free(error);
	error = NULL;
	if (fd < 0 || (fd2 = dup(fd)) < 0 || !(dir = fdopendir(fd2))) {
		if (fd >= 0)
			close(fd);
		free(id);
		free(dep);
		return NULL; /* no folder: nothing from last year */
	}
	while ((e = readdir(dir))) {
		long v = version_of(e->d_name, id, dep);

		if (v > best_v && v < s->version) {
			free(best);
			best = xstrdup(e->d_name);
			best_v = v;
		}
	}
	closedir(dir);
	if (best) {
		path = xasprintf("%s/%s", out_dir, best);
		if (file_read_at(fd, best, PREVIOUS_MAX_BYTES, &data, &len, &st, &error) != 0) {
			diag_add(d, path, 0, "%s", error);
		} else if ((t = result_load_buffer(path, data, len, d))) {
			p = from_table(path, t, s, department, d);
		}
		free(path);
	}
	close(fd);
	free(error);
	free(data);
	free(best);
	free(id);
	free(dep);
	return p;
}

const struct result_row *previous_row(const struct previous *p, size_t q)
{
	if (!p || q >= p->s->n_questions || p->row_of[q] == (size_t)-1)
		return NULL;
	return &p->t->rows[p->row_of[q]];
}

bool previous_is_new(const struct previous *p, size_t q)
{
	return previous_row(p, q) == NULL;
}

enum revision_kind previous_kind(const struct previous *p, size_t q)
{
	return previous_row(p, q) ? p->kind[q] : REVISION_NONE;
}

size_t previous_n_rows(const struct previous *p, size_t q)
{
	return previous_row(p, q) ? p->n_rows_of[q] : 0;
}

const struct result_row *previous_row_at(const struct previous *p, size_t q, size_t i)
{
	if (i >= previous_n_rows(p, q))
		return NULL;
	return &p->t->rows[p->rows_of[q][i]];
}

/* The labels of answer (option ids, ';' between those of a multiple
 * choice) as this year's question q names them in lang, or NULL when one
 * of them is not an option of it any more (then the file's label says
 * what it was). */
static char *option_labels(const struct previous *p, size_t q, const char *answer,
			   size_t lang)
{
	const struct survey_question *sq = &p->s->questions[q];
	struct strbuf sb = {0};

	if (!question_has_options(sq) || !*answer)
		return NULL;
	strbuf_add(&sb, "", 0);
	while (*answer) {
		size_t n = strcspn(answer, ";"), o;

		for (o = 0; o < sq->n_options; o++)
			if (strlen(sq->options[o].id) == n &&
			    memcmp(sq->options[o].id, answer, n) == 0)
				break;
		if (o == sq->n_options) {
			strbuf_free(&sb);
			return NULL;
		}
		strbuf_printf(&sb, "%s%s", sb.len ? "; " : "",
			      survey_text_get(&sq->options[o].label, lang));
		answer += n + (answer[n] == ';');
	}
	return strbuf_detach(&sb);
}

/* What one row's answer was (see previous_answer_text), in lang where this
 * year's question still has the option. */
static char *row_answer_text(const struct previous *p, size_t q,
			     const struct result_row *r, size_t lang)
{
	char *labels, *vis;

	switch (r->v.state) {
	case STATE_ANSWERED:
		if ((labels = option_labels(p, q, r->field[RC_ANSWER], lang))) {
			vis = text_visible(labels, false);
			free(labels);
			return vis;
		}
		if (*r->field[RC_ANSWER_LABEL])
			return text_visible(r->field[RC_ANSWER_LABEL], false);
		if (strcmp(r->field[RC_TYPE], "multi") == 0 && !*r->field[RC_ANSWER])
			return xstrdup(_("none of these"));
		return text_visible(r->field[RC_ANSWER], false);
	case STATE_NA:
		return xstrdup(_("not applicable"));
	default:
		/* hidden last year: not an answer that counted */
		return xstrdup("");
	}
}

char *previous_answer_text(const struct previous *p, size_t q, size_t lang)
{
	struct strbuf sb = {0};

	if (previous_kind(p, q) != REVISION_MERGED)
		return previous_row(p, q) ? row_answer_text(p, q, previous_row(p, q), lang)
			: xstrdup("");
	strbuf_add(&sb, "", 0);
	for (size_t i = 0; i < previous_n_rows(p, q); i++) {
		const struct result_row *r = previous_row_at(p, q, i);
		char *text = row_answer_text(p, q, r, lang), *id;

		if (*text) {
			id = text_visible(r->field[RC_QUESTION_ID], false);
			strbuf_printf(&sb, "%s%s: %s", sb.len ? "; " : "", id, text);
			free(id);
		}
		free(text);
	}
	return strbuf_detach(&sb);
}

char *previous_comment_text(const struct previous *p, size_t q)
{
	struct strbuf sb = {0};

	if (previous_kind(p, q) != REVISION_MERGED)
		return xstrdup(previous_row(p, q) ? previous_row(p, q)->field[RC_COMMENT] : "");
	strbuf_add(&sb, "", 0);
	for (size_t i = 0; i < previous_n_rows(p, q); i++) {
		const struct result_row *r = previous_row_at(p, q, i);

		if (*r->field[RC_COMMENT])
			strbuf_printf(&sb, "%s%s: %s", sb.len ? "; " : "",
				      r->field[RC_QUESTION_ID], r->field[RC_COMMENT]);
	}
	return strbuf_detach(&sb);
}

char *previous_ids_text(const struct previous *p, size_t q)
{
	struct strbuf sb = {0};
	char *out;

	strbuf_add(&sb, "", 0);
	for (size_t i = 0; i < previous_n_rows(p, q); i++) {
		const char *id = previous_row_at(p, q, i)->field[RC_QUESTION_ID];

		if (strcmp(id, p->s->questions[q].id) != 0 || p->kind[q] != REVISION_SAME)
			strbuf_printf(&sb, "%s%s", sb.len ? ", " : "", id);
	}
	out = text_visible(sb.buf, false);
	strbuf_free(&sb);
	return out;
}

bool previous_area_score(const struct previous *p, const char *area_id,
			 struct score *out)
{
	for (size_t a = 0; p && a < p->s->n_areas; a++) {
		const char *const *ids;
		size_t n_ids;

		if (strcmp(p->s->areas[a].id, area_id) != 0)
			continue;
		if (!revision_comparable(p->s, REVISION_AREA, a, p->version))
			return false;
		revision_of(p->s, REVISION_AREA, a, p->version, &ids, &n_ids);
		for (size_t i = 0; i < p->n_areas; i++)
			if (strcmp(p->area_ids[i], ids[0]) == 0) {
				*out = p->area_scores[i];
				return true;
			}
		return false;
	}
	return false;
}

size_t previous_closed_actions(const struct previous *p, size_t *out)
{
	size_t n = 0;

	for (size_t i = 0; i < p->actions.n; i++)
		if (!action_status_open(p->actions.items[i].status))
			out[n++] = i;
	return n;
}
