/* merge_check_survey: --survey FILE.ini. Every result of a survey version
 * whose definition is given is read back with the engine's own rules
 * (answers_from_table) and written again as enkat would write it
 * (answers_to_table); any field that differs (an option that is not one,
 * points that are not the option's, decimals, skip logic, a text) is an
 * error at its row. The outputs then show the survey's texts in the
 * output's language. */
#include "merge_input_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "answers.h"
#include "i18n.h"
#include "numfmt.h"
#include "util.h"

bool merge_survey_load(struct merge_set *set, const struct merge_options *o)
{
	bool ok = true;

	set->surveys = xcalloc(o->n_surveys ? o->n_surveys : 1, sizeof *set->surveys);
	for (size_t i = 0; i < o->n_surveys; i++) {
		struct survey *s = survey_load(o->surveys[i], &set->problems);

		if (!s) {
			ok = false;
			continue;
		}
		for (size_t k = 0; k < set->n_surveys; k++)
			if (set->surveys[k]->version == s->version &&
			    strcmp(set->surveys[k]->id, s->id) == 0) {
				diag_add(&set->problems, o->surveys[i], 0, _("survey %s "
					 "version %ld is given twice with --survey (also %s)"),
					 s->id, s->version, set->surveys[k]->path);
				ok = false;
			}
		set->surveys[set->n_surveys++] = s;
	}
	return ok;
}

const struct survey *merge_survey_find(const struct merge_set *set, const char *id,
				       long version)
{
	for (size_t i = 0; i < set->n_surveys; i++)
		if (set->surveys[i]->version == version &&
		    strcmp(set->surveys[i]->id, id) == 0)
			return set->surveys[i];
	return NULL;
}

void merge_survey_attach(struct merge_version *v, const struct survey *s)
{
	v->survey = s;
	v->survey_index = xcalloc(v->n_questions ? v->n_questions : 1,
				  sizeof *v->survey_index);
	for (size_t q = 0; q < v->n_questions; q++)
		v->survey_index[q] = (size_t)-1;
	for (size_t i = 0; i < s->n_questions; i++) {
		size_t q = merge_model_question(v, s->questions[i].id);
		if (q != (size_t)-1)
			v->survey_index[q] = i;
	}
}

/* Columns compared as numbers: "2" and "2.0", a decimal comma read back */
static bool number_column(enum result_column c, const struct result_row *r)
{
	switch (c) {
	case RC_AREA_WEIGHT: case RC_VALUE: case RC_MAX_VALUE: case RC_WEIGHT:
	case RC_THRESHOLD:
		return true;
	case RC_ANSWER:
		return strcmp(r->field[RC_TYPE], "number") == 0;
	default:
		return false;
	}
}

static bool same_field(enum result_column c, const struct result_row *r,
		       const char *want)
{
	const char *got = r->field[c];
	double x, y;

	if (!number_column(c, r) || !*got || !*want)
		return strcmp(got, want) == 0;
	if (!num_parse(got, &x) || !num_parse(want, &y))
		return strcmp(got, want) == 0;
	/* as written and read back: the shortest form that reads back */
	return x == y || fabs(x - y) <= 1e-9 * fmax(1, fabs(y));
}

bool merge_survey_check(struct merge_set *set, const struct merge_version *v,
			const struct result_table *t, size_t file,
			size_t *open_required, long *open_line)
{
	static const enum result_column cols[] = {
		RC_AREA_ID, RC_AREA_TITLE, RC_AREA_WEIGHT, RC_QUESTION_TEXT,
		RC_LEVEL, RC_ANSWER, RC_VALUE, RC_MAX_VALUE, RC_WEIGHT, RC_NA,
		RC_AREA_TARGET, RC_THRESHOLD, RC_TYPE, RC_STATE, RC_ANSWER_LABEL,
	};
	const struct survey *s = v->survey;
	const char *path = set->files[file].path;
	struct diag *d = &set->problems;
	size_t before = d->count;
	const struct result_row *first = &t->rows[0];
	struct answers *as;
	struct result_table want;
	bool *visible;

	*open_required = 0;
	*open_line = 0;
	if (strcmp(first->field[RC_SURVEY_SHA256], s->sha256) != 0 &&
	    strcmp(first->field[RC_SURVEY_SHA256], s->file_sha256) != 0) {
		diag_add(d, path, first->line, _("survey_sha256 %.12s... is not that of "
			 "%s (%.12s...): the answers were given to another definition "
			 "of survey %s version %ld"), first->field[RC_SURVEY_SHA256],
			 s->path, s->sha256, s->id, s->version);
		return false;
	}
	for (size_t i = 0; i < s->n_questions; i++)
		if (merge_model_question(v, s->questions[i].id) == (size_t)-1)
			diag_add(d, path, 0, _("question '%s' of %s:%ld has no row here"),
				 s->questions[i].id, s->path, s->questions[i].line);
	if (d->count > before)
		return false;
	as = answers_from_table(s, t, path, d);
	if (!as)
		return false;
	answers_to_table(as, &want);
	if (!want.finished)
		result_table_finish(&want);
	visible = xcalloc(s->n_questions ? s->n_questions : 1, sizeof *visible);
	answers_visibility(as, visible);
	for (size_t i = 0; i < t->n_rows; i++) {
		const struct result_row *r = &t->rows[i];
		size_t vq = merge_model_question(v, r->field[RC_QUESTION_ID]);
		size_t sq = vq == (size_t)-1 ? (size_t)-1 : v->survey_index[vq];
		const struct result_row *w;

		if (sq == (size_t)-1)
			continue; /* answers_from_table said so */
		w = &want.rows[sq];
		for (size_t k = 0; k < sizeof cols / sizeof cols[0]; k++) {
			enum result_column c = cols[k];

			/* a minimal file leaves the later columns out */
			if (c >= RESULT_REQUIRED_COLS && !*r->field[c])
				continue;
			if (same_field(c, r, w->field[c]))
				continue;
			diag_add(d, path, r->line, _("question '%s': %s is '%s' here but "
				 "'%s' by the survey %s:%ld"), r->field[RC_QUESTION_ID],
				 result_column_names[c], r->field[c], w->field[c], s->path,
				 s->questions[sq].line);
			break; /* one message a row: the first difference */
		}
		if (!answers_fit(as, sq))
			diag_add(d, path, r->line, _("question '%s': the answer '%s' does "
				 "not fit the question's minimum, maximum or decimals in "
				 "%s:%ld"), r->field[RC_QUESTION_ID], r->field[RC_ANSWER],
				 s->path, s->questions[sq].line);
		/* what an older enkat --plain let through */
		if (first->v.final && s->questions[sq].required && visible[sq] &&
		    as->a[sq].state == ANSWER_NONE) {
			if (!*open_required || r->line < *open_line)
				*open_line = r->line;
			(*open_required)++;
		}
	}
	free(visible);
	result_table_release(&want);
	answers_free(as);
	return d->count == before;
}

void merge_survey_texts(struct merge_version *v, const struct survey *s,
			enum merge_lang lang)
{
	size_t li = survey_lang_index(s, lang == LANG_SV ? "sv" : "en");

	for (size_t a = 0; a < v->n_areas; a++)
		for (size_t k = 0; k < s->n_areas; k++)
			if (strcmp(s->areas[k].id, v->areas[a].id) == 0) {
				free(v->areas[a].title);
				v->areas[a].title = xstrdup(survey_text_get(&s->areas[k].title, li));
				break;
			}
	for (size_t q = 0; q < v->n_questions; q++) {
		struct merge_question *mq = &v->questions[q];
		const struct survey_question *sq;

		if (v->survey_index[q] == (size_t)-1)
			continue;
		sq = &s->questions[v->survey_index[q]];
		free(mq->text);
		mq->text = xstrdup(survey_text_get(&sq->text, li));
		mq->required = sq->required;
		for (size_t c = 0; c < mq->n_choices; c++) {
			size_t o = survey_option_index(sq, mq->choices[c].id);
			if (o == (size_t)-1)
				continue;
			free(mq->choices[c].label);
			mq->choices[c].label = xstrdup(survey_text_get(&sq->options[o].label, li));
		}
	}
}
