/* merge_check: checks that the results of one survey version agree with
 * each other, so that no figure is made of a hand-edited or foreign row:
 * the definition (questions, areas, points, weights), the texts the board
 * reads (area titles, question texts, option labels), answers that are
 * option ids, and the points each answer earns. */
#include "merge_input_internal.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "numfmt.h"
#include "text.h"
#include "util.h"

/* Whether two texts differ to a reader: not when they differ only in
 * Unicode form (a file saved on a Mac holds NFD). */
static bool texts_differ(const char *a, size_t alen, const char *b, size_t blen)
{
	char *x, *y;
	bool differ;

	if (alen == blen && memcmp(a, b, alen) == 0)
		return false;
	x = xstrndup(a, alen);
	y = xstrndup(b, blen);
	if (strcmp(x, y) != 0) {
		char *nx = text_nfc(x), *ny = text_nfc(y);
		differ = strcmp(nx, ny) != 0;
		free(nx);
		free(ny);
	} else {
		differ = false;
	}
	free(x);
	free(y);
	return differ;
}

/* A text of v that differs from the first file's: its variant (made when
 * new), and a pending note of this result's row. */
static void text_deviates(struct merge_version *v, enum merge_text_kind kind,
			  size_t index, size_t choice, const char *text, size_t len,
			  size_t file, long line)
{
	size_t k;

	for (k = 0; k < v->n_variants; k++) {
		const struct merge_text_variant *x = &v->variants[k];
		if (x->kind == kind && x->index == index && x->choice == choice &&
		    !texts_differ(x->text, strlen(x->text), text, len))
			break;
	}
	if (k == v->n_variants) {
		struct merge_text_variant *x;

		v->variants = xgrow(v->variants, &v->cap_variants, v->n_variants + 1,
				    sizeof *v->variants);
		x = &v->variants[v->n_variants++];
		memset(x, 0, sizeof *x);
		x->kind = kind;
		x->index = index;
		x->choice = choice;
		x->text = xstrndup(text, len);
		x->file = file;
		x->line = line;
	}
	v->devs = xgrow(v->devs, &v->cap_devs, v->n_devs + 1, sizeof *v->devs);
	v->devs[v->n_devs].variant = k;
	v->devs[v->n_devs].unit = (size_t)-1;
	v->devs[v->n_devs].file = file;
	v->devs[v->n_devs].line = line;
	v->n_devs++;
}

void merge_check_commit(struct merge_version *v, size_t ui)
{
	for (size_t i = v->n_devs_kept; i < v->n_devs; i++) {
		v->devs[i].unit = ui;
		v->variants[v->devs[i].variant].count++;
	}
	v->n_devs_kept = v->n_devs;
}

void merge_check_discard(struct merge_version *v)
{
	v->n_devs = v->n_devs_kept;
}

static const char *fmt_num(char *buf, double x)
{
	return num_format(buf, x);
}

/* Checks a result against its version's definition: the same questions in
 * the same areas with the same levels, points and weights, and the same
 * area weights, targets and threshold. A difference means the file was
 * edited by hand or answered to another survey file, and any figure made
 * from it would be silently wrong. */
bool merge_check_version(struct merge_set *set, struct merge_version *v,
			 const struct result_table *t, size_t file)
{
	const char *path = set->files[file].path;
	const char *def = set->files[v->file].path;
	struct diag *d = &set->problems;
	size_t before = d->count;
	bool *seen = xcalloc(v->n_questions ? v->n_questions : 1, sizeof *seen);
	bool *titled = xcalloc(v->n_areas ? v->n_areas : 1, sizeof *titled);
	char b1[NUMFMT_SIZE], b2[NUMFMT_SIZE];
	const struct result_row *first = &t->rows[0];

	if (first->v.has_threshold != v->has_threshold ||
	    (v->has_threshold && first->v.threshold != v->threshold))
		diag_add(d, path, first->line, "threshold '%s' differs from '%s' in "
			 "%s (survey %s version %ld)", first->field[RC_THRESHOLD],
			 v->has_threshold ? fmt_num(b1, v->threshold) : "",
			 def, v->survey_id, v->version);
	for (size_t i = 0; i < t->n_rows; i++) {
		const struct result_row *r = &t->rows[i];
		const char *qid = r->field[RC_QUESTION_ID];
		size_t qi = i < v->n_questions && strcmp(v->questions[i].id, qid) == 0
			? i : merge_model_question(v, qid);
		const struct merge_question *q;
		const struct merge_area *a;

		if (qi == (size_t)-1) {
			diag_add(d, path, r->line, "question '%s' is not in survey %s "
				 "version %ld as %s has it (answered to another survey "
				 "file?)", qid, v->survey_id, v->version, def);
			continue;
		}
		q = &v->questions[qi];
		a = &v->areas[q->area];
		seen[qi] = true;
		/* the texts of the board's report: the same in every file of
		 * the version (with --survey, the survey's are checked) */
		if (!v->survey && strcmp(a->id, r->field[RC_AREA_ID]) == 0 &&
		    !titled[q->area] && (titled[q->area] = true) &&
		    texts_differ(a->title, strlen(a->title), r->field[RC_AREA_TITLE],
				 strlen(r->field[RC_AREA_TITLE])))
			text_deviates(v, MERGE_TEXT_AREA, q->area, 0,
				      r->field[RC_AREA_TITLE],
				      strlen(r->field[RC_AREA_TITLE]), file, r->line);
		if (!v->survey && texts_differ(q->text, strlen(q->text),
					       r->field[RC_QUESTION_TEXT],
					       strlen(r->field[RC_QUESTION_TEXT])))
			text_deviates(v, MERGE_TEXT_QUESTION, qi, 0,
				      r->field[RC_QUESTION_TEXT],
				      strlen(r->field[RC_QUESTION_TEXT]), file, r->line);
		if (strcmp(a->id, r->field[RC_AREA_ID]) != 0)
			diag_add(d, path, r->line, "question '%s' is in area '%s' here "
				 "but in '%s' in %s:%ld", qid, r->field[RC_AREA_ID],
				 a->id, def, q->line);
		else if (a->weight != r->v.area_weight)
			diag_add(d, path, r->line, "area '%s' has weight %s here but %s "
				 "in %s:%ld (survey %s version %ld)", a->id,
				 r->field[RC_AREA_WEIGHT], fmt_num(b1, a->weight), def,
				 a->line, v->survey_id, v->version);
		else if (a->target != r->v.area_target)
			diag_add(d, path, r->line, "area '%s' has target '%s' here but "
				 "'%d' in %s:%ld", a->id, r->field[RC_AREA_TARGET],
				 a->target, def, a->line);
		if (q->level != r->v.level)
			diag_add(d, path, r->line, "question '%s' has level '%s' here "
				 "but '%d' in %s:%ld", qid, r->field[RC_LEVEL], q->level,
				 def, q->line);
		if (q->has_max != r->v.has_max ||
		    (q->has_max && q->max_value != r->v.max_value))
			diag_add(d, path, r->line, "question '%s' has max_value '%s' "
				 "here but '%s' in %s:%ld", qid, r->field[RC_MAX_VALUE],
				 q->has_max ? fmt_num(b1, q->max_value) : "", def, q->line);
		if (q->weight != r->v.weight)
			diag_add(d, path, r->line, "question '%s' has weight %s here "
				 "but %s in %s:%ld", qid, r->field[RC_WEIGHT],
				 fmt_num(b2, q->weight), def, q->line);
		if (strcmp(q->type, r->field[RC_TYPE]) != 0)
			diag_add(d, path, r->line, "question '%s' has type '%s' here "
				 "but '%s' in %s:%ld", qid, r->field[RC_TYPE], q->type,
				 def, q->line);
	}
	for (size_t i = 0; i < v->n_questions; i++)
		if (!seen[i])
			diag_add(d, path, 0, "question '%s' of survey %s version %ld "
				 "(%s:%ld) has no row here", v->questions[i].id,
				 v->survey_id, v->version, def, v->questions[i].line);
	free(seen);
	free(titled);
	return d->count == before;
}


/* ------------------------------------------------------------- answers */

/* Whether answers to q are option ids: scale, yes/no, choice, multi. A
 * minimal file (no type) says nothing, and is left to the points check. */
static bool has_option_ids(const char *type)
{
	return strcmp(type, "scale") == 0 || strcmp(type, "yesno") == 0 ||
	       strcmp(type, "choice") == 0 || strcmp(type, "multi") == 0;
}

/* The label of choice id of q as seen before, or NULL */
static struct merge_choice *choice_seen(struct merge_question *q,
					const char *id, size_t len)
{
	for (size_t c = 0; c < q->n_choices; c++)
		if (strlen(q->choices[c].id) == len &&
		    memcmp(q->choices[c].id, id, len) == 0)
			return &q->choices[c];
	return NULL;
}

bool merge_check_answers(struct merge_set *set, struct merge_version *v,
			 const struct result_table *t, size_t file)
{
	const char *path = set->files[file].path;
	struct diag *d = &set->problems;
	size_t before = d->count;

	for (size_t i = 0; i < t->n_rows; i++) {
		const struct result_row *r = &t->rows[i];
		const char *ans = r->field[RC_ANSWER], *lab = r->field[RC_ANSWER_LABEL];
		bool multi = strcmp(r->field[RC_TYPE], "multi") == 0;
		size_t qi;
		struct merge_question *q;

		if (!*ans || !has_option_ids(r->field[RC_TYPE]))
			continue;
		qi = i < v->n_questions && strcmp(v->questions[i].id, r->field[RC_QUESTION_ID]) == 0
			? i : merge_model_question(v, r->field[RC_QUESTION_ID]);
		q = qi == (size_t)-1 ? NULL : &v->questions[qi];
		while (*ans) {
			size_t n = multi ? strcspn(ans, ";") : strlen(ans);
			size_t ln = multi ? strcspn(lab, ";") : strlen(lab);
			char *id = xstrndup(ans, n);
			struct merge_choice *ch;

			if (!text_is_id(id, SURVEY_ID_MAX)) {
				/* "=10*10" would reach a spreadsheet's cell */
				diag_add(d, path, r->line, _("answer '%s' to question '%s' "
					 "(%s) is not an option id"), id,
					 r->field[RC_QUESTION_ID], r->field[RC_TYPE]);
				free(id);
				break;
			}
			if (!v->survey && q && *lab && (ch = choice_seen(q, ans, n)) &&
			    *ch->label) {
				if (texts_differ(ch->label, strlen(ch->label), lab, ln))
					text_deviates(v, MERGE_TEXT_LABEL, qi,
						      (size_t)(ch - q->choices), lab, ln,
						      file, r->line);
				else
					ch->agree++;
			}
			free(id);
			ans += n + (ans[n] == ';');
			lab += ln;
			lab += strspn(lab, "; "); /* labels are joined by "; " */
		}
	}
	return d->count == before;
}

/* --------------------------------------------------------------- points */

/* One answered, scored row of a merged result: its choices and points. */
struct scored {
	uint64_t chosen;
	double value;
	size_t unit;
};

static int scored_cmp(const void *a, const void *b)
{
	const struct scored *x = a, *y = b;

	if (x->chosen != y->chosen)
		return x->chosen < y->chosen ? -1 : 1;
	if (x->value != y->value)
		return x->value < y->value ? -1 : 1;
	return (x->unit > y->unit) - (x->unit < y->unit);
}

/* The answer's choice ids, joined by ';' */
static char *chosen_ids(const struct merge_question *q, uint64_t chosen)
{
	struct strbuf sb = {0};

	strbuf_add(&sb, "", 0);
	for (size_t c = 0; c < q->n_choices; c++)
		if ((chosen >> c) & 1) {
			if (sb.len)
				strbuf_putc(&sb, ';');
			strbuf_puts(&sb, q->choices[c].id);
		}
	return strbuf_detach(&sb);
}

/* Within one group of rows with the same choices (sorted by value): the
 * value most rows give wins; each row with another is an error naming a
 * row of the winning value, or (no value has most) naming another row. */
static void settle_group(struct merge_set *set, struct merge_version *v, size_t qi,
			 const struct scored *g, size_t n)
{
	struct merge_question *q = &v->questions[qi];
	size_t best = 0, best_n = 0, second_n = 0;
	char b1[NUMFMT_SIZE], b2[NUMFMT_SIZE];
	char *ids;

	if (g[0].value == g[n - 1].value)
		return; /* the usual case: all agree */
	for (size_t i = 0; i < n;) {
		size_t k = i;
		while (k < n && g[k].value == g[i].value)
			k++;
		if (k - i > best_n) {
			second_n = best_n;
			best_n = k - i;
			best = i;
		} else if (k - i > second_n) {
			second_n = k - i;
		}
		i = k;
	}
	/* a choice's points are those most results agree on, not the first
	 * file's (the report orders the choices by them) */
	if (best_n > second_n && strcmp(q->type, "multi") != 0 &&
	    (g[0].chosen & (g[0].chosen - 1)) == 0) {
		for (size_t c = 0; c < q->n_choices; c++)
			if (g[0].chosen == (uint64_t)1 << c)
				q->choices[c].points = g[best].value;
	}
	ids = chosen_ids(q, g[0].chosen);
	for (size_t i = 0; i < n; i++) {
		const struct merge_unit *u = &v->units[g[i].unit];
		const struct scored *o;
		size_t others;

		if (best_n > second_n && g[i].value == g[best].value)
			continue;
		/* the other place: the majority, or the next different row */
		o = best_n > second_n ? &g[best] : (g[i].value != g[0].value ? &g[0] : &g[n - 1]);
		others = 0;
		for (size_t k = 0; k < n; k++)
			others += g[k].value == o->value;
		diag_add(&set->problems, set->files[u->file].path, u->answers[qi].line,
			 _("answer '%s' to question '%s' is worth %s points here but %s "
			   "in %s:%ld (as in %zu of the %zu results of survey %s version "
			   "%ld with this answer): one answer earns the same points in "
			   "every result of a version"), ids, q->id, num_format(b1, g[i].value),
			 num_format(b2, o->value), set->files[v->units[o->unit].file].path,
			 v->units[o->unit].answers[qi].line, others, n, v->survey_id,
			 v->version);
		set->files[u->file].invalid = true;
	}
	free(ids);
}

void merge_check_points(struct merge_set *set)
{
	for (size_t i = 0; i < set->n_versions; i++) {
		struct merge_version *v = set->versions[i];
		struct scored *rows = xcalloc(v->n_units ? v->n_units : 1, sizeof *rows);

		if (v->invalid)
			goto next;
		for (size_t qi = 0; qi < v->n_questions; qi++) {
			struct merge_question *q = &v->questions[qi];
			size_t n = 0;

			if (!q->has_max || q->too_many || !q->n_choices)
				continue;
			for (size_t ui = 0; ui < v->n_units; ui++) {
				const struct merge_unit *u = &v->units[ui];
				const struct merge_answer *a;

				if (!merge_unit_merged(u) || set->files[u->file].invalid)
					continue;
				a = &u->answers[qi];
				if (a->state != STATE_ANSWERED || !a->has_value || !a->chosen)
					continue;
				rows[n].chosen = a->chosen;
				rows[n].value = a->value;
				rows[n].unit = ui;
				n++;
			}
			if (n > 1)
				qsort(rows, n, sizeof *rows, scored_cmp);
			for (size_t k = 0; k < n;) {
				size_t e = k;
				while (e < n && rows[e].chosen == rows[k].chosen)
					e++;
				settle_group(set, v, qi, rows + k, e - k);
				k = e;
			}
		}
next:
		free(rows);
	}
}

/* ---------------------------------------------------------------- texts */

/* The version's own text of a slot (its first file's) and where */
static char **slot_text(struct merge_set *set, struct merge_version *v,
			const struct merge_text_variant *x, const char **path, long *line)
{
	switch (x->kind) {
	case MERGE_TEXT_AREA:
		*path = set->files[v->file].path;
		*line = v->areas[x->index].line;
		return &v->areas[x->index].title;
	case MERGE_TEXT_QUESTION:
		*path = set->files[v->file].path;
		*line = v->questions[x->index].line;
		return &v->questions[x->index].text;
	case MERGE_TEXT_LABEL:
	default: {
		struct merge_choice *ch = &v->questions[x->index].choices[x->choice];
		*path = set->files[ch->file].path;
		*line = ch->line;
		return &ch->label;
	}
	}
}

static void text_error(struct merge_set *set, const struct merge_version *v,
		       const struct merge_text_variant *x, const char *path, long line,
		       const char *here, const char *win, const char *wpath, long wline,
		       size_t wcount, size_t total)
{
	struct diag *d = &set->problems;

	switch (x->kind) {
	case MERGE_TEXT_AREA:
		diag_add(d, path, line, _("area '%s' has the title '%s' here but '%s' in "
			 "%s:%ld (as in %zu of the %zu results of survey %s version "
			 "%ld): the files of one survey version must agree on every "
			 "text"), v->areas[x->index].id, here, win, wpath, wline, wcount,
			 total, v->survey_id, v->version);
		break;
	case MERGE_TEXT_QUESTION:
		diag_add(d, path, line, _("question '%s' has the text '%s' here but '%s' "
			 "in %s:%ld (as in %zu of the %zu results of survey %s version "
			 "%ld): the files of one survey version must agree on every "
			 "text"), v->questions[x->index].id, here, win, wpath, wline,
			 wcount, total, v->survey_id, v->version);
		break;
	case MERGE_TEXT_LABEL:
		diag_add(d, path, line, _("option '%s' of question '%s' is labelled '%s' "
			 "here but '%s' in %s:%ld (as in %zu of the %zu results with "
			 "it): the files of one survey version must agree on every "
			 "text"), v->questions[x->index].choices[x->choice].id,
			 v->questions[x->index].id, here, win, wpath, wline, wcount,
			 total);
		break;
	}
}

/* Where unit u has the text of slot x: the row of its question (of the
 * area's first question for a title); 0 when it is not known (a result
 * not merged keeps no rows), or the unit has no such row (a label it did
 * not choose). */
static long unit_line(const struct merge_version *v, const struct merge_unit *u,
		      const struct merge_text_variant *x)
{
	size_t q = x->index;

	if (x->kind == MERGE_TEXT_AREA) {
		for (q = 0; q < v->n_questions && v->questions[q].area != x->index; q++)
			;
		if (q == v->n_questions)
			return u->line;
	}
	if (!u->answers)
		return x->kind == MERGE_TEXT_LABEL ? 0 : u->line;
	if (x->kind == MERGE_TEXT_LABEL &&
	    !((u->answers[q].chosen >> x->choice) & 1))
		return 0;
	return u->answers[q].line;
}

/* One text slot with variants: the text most results have wins (the
 * first file's on a tie) */
static void settle_slot(struct merge_set *set, struct merge_version *v, size_t first)
{
	const struct merge_text_variant *x = &v->variants[first];
	const char *path0;
	long line0;
	char **own = slot_text(set, v, x, &path0, &line0);
	size_t count0, others = 0, total, win = (size_t)-1, win_count;
	bool *marked = xcalloc(v->n_units ? v->n_units : 1, sizeof *marked);
	const char *wtext, *wpath;
	long wline;

	for (size_t k = 0; k < v->n_variants; k++) {
		const struct merge_text_variant *y = &v->variants[k];
		if (y->kind == x->kind && y->index == x->index && y->choice == x->choice)
			others += y->count;
	}
	if (x->kind == MERGE_TEXT_LABEL)
		count0 = v->questions[x->index].choices[x->choice].agree + 1;
	else
		count0 = v->n_units > others ? v->n_units - others : 0;
	total = count0 + others;
	win_count = count0;
	for (size_t k = 0; k < v->n_variants; k++) {
		const struct merge_text_variant *y = &v->variants[k];
		if (y->kind == x->kind && y->index == x->index && y->choice == x->choice &&
		    y->count > win_count) {
			win = k;
			win_count = y->count;
		}
	}
	/* on a tie with the first file's text, that one stays */
	for (size_t k = 0; k < v->n_variants && win != (size_t)-1; k++) {
		const struct merge_text_variant *y = &v->variants[k];
		if (k != win && y->kind == x->kind && y->index == x->index &&
		    y->choice == x->choice && y->count == win_count)
			win = (size_t)-1, win_count = count0;
	}
	if (win == (size_t)-1) {
		wtext = *own;
		wpath = path0;
		wline = line0;
	} else {
		wtext = v->variants[win].text;
		wpath = set->files[v->variants[win].file].path;
		wline = v->variants[win].line;
	}
	for (size_t i = 0; i < v->n_devs_kept; i++) {
		const struct merge_text_dev *dv = &v->devs[i];
		const struct merge_text_variant *y = &v->variants[dv->variant];

		if (y->kind != x->kind || y->index != x->index || y->choice != x->choice)
			continue;
		if (dv->unit < v->n_units)
			marked[dv->unit] = true;
		if (dv->variant == win)
			continue;
		text_error(set, v, x, set->files[dv->file].path, dv->line, y->text,
			   wtext, wpath, wline, win_count, total);
		set->files[dv->file].invalid = true;
	}
	if (win != (size_t)-1) {
		/* the first file's text lost: every result with it is named */
		for (size_t u = 0; u < v->n_units; u++) {
			long line = marked[u] ? 0 : unit_line(v, &v->units[u], x);
			if (!line)
				continue;
			text_error(set, v, x, set->files[v->units[u].file].path, line, *own,
				   wtext, wpath, wline, win_count, total);
			set->files[v->units[u].file].invalid = true;
		}
		free(*own);
		*own = xstrdup(wtext);
	}
	free(marked);
}

void merge_check_texts(struct merge_set *set)
{
	for (size_t i = 0; i < set->n_versions; i++) {
		struct merge_version *v = set->versions[i];

		if (v->invalid)
			continue;
		for (size_t k = 0; k < v->n_variants; k++) {
			bool seen = false;
			/* each slot once: at its first variant */
			for (size_t j = 0; j < k && !seen; j++)
				seen = v->variants[j].kind == v->variants[k].kind &&
				       v->variants[j].index == v->variants[k].index &&
				       v->variants[j].choice == v->variants[k].choice;
			if (!seen)
				settle_slot(set, v, k);
		}
	}
}
