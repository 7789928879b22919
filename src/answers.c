#include "answers.h"

#include <stdlib.h>
#include <string.h>

#include "numfmt.h"
#include "text.h"
#include "util.h"

struct answers *answers_new(const struct survey *s, const char *department,
			    const char *respondent)
{
	struct answers *as = xcalloc(1, sizeof *as);

	as->survey = s;
	as->a = xcalloc(s->n_questions ? s->n_questions : 1, sizeof *as->a);
	as->department = text_to_utf8(department ? department : "");
	as->respondent = text_to_utf8(respondent ? respondent : "");
	return as;
}

void answers_free(struct answers *as)
{
	if (!as)
		return;
	for (size_t i = 0; i < as->survey->n_questions; i++) {
		free(as->a[i].text);
		free(as->a[i].comment);
	}
	free(as->a);
	free(as->department);
	free(as->respondent);
	free(as);
}

static struct answer *reset(struct answers *as, size_t q, enum answer_state st)
{
	struct answer *a = &as->a[q];

	free(a->text);
	a->text = NULL;
	a->option = 0;
	a->chosen = 0;
	a->number = 0;
	a->state = st;
	return a;
}

void answers_set_option(struct answers *as, size_t q, size_t option)
{
	reset(as, q, ANSWER_GIVEN)->option = option;
}

void answers_set_chosen(struct answers *as, size_t q, unsigned long long chosen)
{
	reset(as, q, ANSWER_GIVEN)->chosen = chosen;
}

void answers_set_number(struct answers *as, size_t q, double number)
{
	reset(as, q, ANSWER_GIVEN)->number = number;
}

void answers_set_text(struct answers *as, size_t q, const char *text)
{
	reset(as, q, ANSWER_GIVEN)->text = text_to_utf8(text);
}

void answers_set_na(struct answers *as, size_t q) { reset(as, q, ANSWER_NA); }
void answers_clear(struct answers *as, size_t q) { reset(as, q, ANSWER_NONE); }

void answers_set_comment(struct answers *as, size_t q, const char *comment)
{
	free(as->a[q].comment);
	as->a[q].comment = comment && *comment ? text_to_utf8(comment) : NULL;
}

struct eval_ctx {
	const struct answers *as;
	const bool *visible;   /* of every question before the one evaluated */
	struct cond_answer tmp;
};

static const struct cond_answer *answer_for_condition(size_t q, void *user)
{
	struct eval_ctx *ctx = user;
	const struct answer *a = &ctx->as->a[q];

	ctx->tmp.present = a->state == ANSWER_GIVEN && ctx->visible[q];
	ctx->tmp.option = a->option;
	ctx->tmp.chosen = a->chosen;
	ctx->tmp.number = a->number;
	return &ctx->tmp;
}

/* Conditions refer only to earlier questions, so one pass in order settles
 * visible[0..upto], each condition evaluated once. (Asking recursively costs
 * 2^n for a chain of n follow-up questions each shown when the one before
 * is "yes or partly".) */
static void settle(const struct answers *as, bool *visible, size_t upto)
{
	struct eval_ctx ctx = {.as = as, .visible = visible};

	for (size_t i = 0; i <= upto; i++) {
		const struct condition *c = as->survey->questions[i].show_if;
		visible[i] = !c || condition_eval(c, answer_for_condition, &ctx);
	}
}

void answers_visibility(const struct answers *as, bool *visible)
{
	if (as->survey->n_questions > 0)
		settle(as, visible, as->survey->n_questions - 1);
}

bool answers_visible(const struct answers *as, size_t q)
{
	bool small[256], *visible, result;

	if (!as->survey->questions[q].show_if)
		return true;
	visible = q < sizeof small / sizeof small[0] ? small
		: xmalloc((q + 1) * sizeof *visible);
	settle(as, visible, q);
	result = visible[q];
	if (visible != small)
		free(visible);
	return result;
}

/* The points of q's answer, visibility aside. */
static bool points_of(const struct answers *as, size_t q, double *points);

bool answers_points(const struct answers *as, size_t q, double *points)
{
	return answers_visible(as, q) && points_of(as, q, points);
}

static bool points_of(const struct answers *as, size_t q, double *points)
{
	const struct survey_question *sq = &as->survey->questions[q];
	const struct answer *a = &as->a[q];
	double p = 0;

	if (a->state != ANSWER_GIVEN || !question_is_scored(sq))
		return false;
	switch (sq->type) {
	case QTYPE_SCALE:
	case QTYPE_YESNO:
	case QTYPE_CHOICE:
		p = sq->options[a->option].points;
		break;
	case QTYPE_MULTI:
		for (size_t i = 0; i < sq->n_options; i++)
			if ((a->chosen >> i) & 1)
				p += sq->options[i].points;
		break;
	case QTYPE_NUMBER: {
		double x = a->number;
		if (x < sq->min)
			x = sq->min;
		if (x > sq->max)
			x = sq->max;
		p = sq->points * (x - sq->min) / (sq->max - sq->min);
		break;
	}
	case QTYPE_TEXT:
		p = a->text && *a->text ? sq->points : 0;
		break;
	}
	*points = p;
	return true;
}

void answers_score(const struct answers *as, struct score *areas_out,
		   struct score *overall)
{
	const struct survey *s = as->survey;
	struct score_item *items = xcalloc(s->n_questions ? s->n_questions : 1,
					   sizeof *items);
	struct score_area_def *defs = xcalloc(s->n_areas ? s->n_areas : 1,
					      sizeof *defs);
	bool *visible = xcalloc(s->n_questions ? s->n_questions : 1, sizeof *visible);

	answers_visibility(as, visible);
	for (size_t a = 0; a < s->n_areas; a++) {
		defs[a].weight = s->areas[a].weight;
		defs[a].target = s->areas[a].target;
	}
	for (size_t i = 0; i < s->n_questions; i++) {
		const struct survey_question *q = &s->questions[i];
		struct score_item *it = &items[i];

		it->area = q->area;
		it->weight = q->weight;
		it->max_value = q->max_points;
		it->level = q->level;
		it->applicable = as->a[i].state != ANSWER_NA && visible[i];
		it->answered = it->applicable && as->a[i].state == ANSWER_GIVEN;
		if (!visible[i] || !points_of(as, i, &it->value))
			it->value = 0;
	}
	score_compute(items, s->n_questions, defs, s->n_areas, s->threshold,
		      s->scoring == SCORING_LEVELS ? s->max_level : 0, areas_out,
		      overall);
	free(items);
	free(defs);
	free(visible);
}

static void set_num(struct result_table *t, enum result_column c, double v)
{
	char buf[NUMFMT_SIZE];
	result_table_set_str(t, c, num_format(buf, v));
}

static void set_int(struct result_table *t, enum result_column c, long v)
{
	char buf[NUMFMT_SIZE];
	snprintf(buf, sizeof buf, "%ld", v);
	result_table_set_str(t, c, buf);
}

/* The answer column and its labels, in the survey's default language. */
static void set_answer(struct result_table *t, const struct survey_question *q,
		       const struct answer *a)
{
	struct strbuf ids = {0}, labels = {0};
	char buf[NUMFMT_SIZE];

	switch (q->type) {
	case QTYPE_SCALE:
	case QTYPE_YESNO:
	case QTYPE_CHOICE:
		strbuf_puts(&ids, q->options[a->option].id);
		strbuf_puts(&labels, survey_text_get(&q->options[a->option].label, 0));
		break;
	case QTYPE_MULTI:
		for (size_t i = 0; i < q->n_options; i++)
			if ((a->chosen >> i) & 1) {
				if (ids.len) {
					strbuf_putc(&ids, ';');
					strbuf_puts(&labels, "; ");
				}
				strbuf_puts(&ids, q->options[i].id);
				strbuf_puts(&labels, survey_text_get(&q->options[i].label, 0));
			}
		break;
	case QTYPE_NUMBER:
		strbuf_puts(&ids, num_format(buf, a->number));
		break;
	case QTYPE_TEXT:
		strbuf_puts(&ids, a->text ? a->text : "");
		break;
	}
	result_table_set(t, RC_ANSWER, ids.buf ? ids.buf : "", ids.len);
	result_table_set(t, RC_ANSWER_LABEL, labels.buf ? labels.buf : "", labels.len);
	strbuf_free(&ids);
	strbuf_free(&labels);
}

void answers_to_table(const struct answers *as, struct result_table *t)
{
	answers_add_rows(as, t);
	result_table_finish(t);
}

void answers_add_rows(const struct answers *as, struct result_table *t)
{
	const struct survey *s = as->survey;
	bool *shown = xcalloc(s->n_questions ? s->n_questions : 1, sizeof *shown);
	char when[21];

	memset(t, 0, sizeof *t);
	result_format_time(when, as->updated_at);
	answers_visibility(as, shown);
	for (size_t i = 0; i < s->n_questions; i++) {
		const struct survey_question *q = &s->questions[i];
		const struct survey_area *area = &s->areas[q->area];
		const struct answer *a = &as->a[i];
		bool visible = shown[i];
		const char *state;
		double points;

		result_table_begin_row(t, 0);
		result_table_set_str(t, RC_SURVEY_ID, s->id);
		set_int(t, RC_SURVEY_VERSION, s->version);
		result_table_set_str(t, RC_SURVEY_SHA256, s->sha256);
		result_table_set_str(t, RC_DEPARTMENT, as->department);
		result_table_set_str(t, RC_RESPONDENT, as->respondent);
		result_table_set_str(t, RC_STATUS, as->final ? "final" : "draft");
		result_table_set_str(t, RC_UPDATED_AT, when);
		result_table_set_str(t, RC_AREA_ID, area->id);
		result_table_set_str(t, RC_AREA_TITLE, survey_text_get(&area->title, 0));
		set_num(t, RC_AREA_WEIGHT, area->weight);
		result_table_set_str(t, RC_QUESTION_ID, q->id);
		result_table_set_str(t, RC_QUESTION_TEXT, survey_text_get(&q->text, 0));
		if (q->level)
			set_int(t, RC_LEVEL, q->level);
		/* A hidden question keeps its answer, in memory and in the
		 * file, so that it comes back when the question is shown
		 * again; the file still says what counts: not applicable,
		 * no value (enkat-results(5), States). */
		if (!visible) {
			if (a->state == ANSWER_GIVEN) {
				state = "hidden-answered";
				set_answer(t, q, a);
			} else {
				state = a->state == ANSWER_NA ? "hidden-na" : "hidden";
			}
		} else if (a->state == ANSWER_NA) {
			state = "na";
		} else if (a->state == ANSWER_GIVEN) {
			state = "answered";
			set_answer(t, q, a);
		} else {
			state = "unanswered";
		}
		if (visible && points_of(as, i, &points))
			set_num(t, RC_VALUE, points);
		if (question_is_scored(q))
			set_num(t, RC_MAX_VALUE, q->max_points);
		set_num(t, RC_WEIGHT, q->weight);
		result_table_set_str(t, RC_NA, !visible || a->state == ANSWER_NA ? "1" : "0");
		if (a->comment)
			result_table_set_str(t, RC_COMMENT, a->comment);
		if (area->target)
			set_int(t, RC_AREA_TARGET, area->target);
		if (s->scoring == SCORING_LEVELS)
			set_num(t, RC_THRESHOLD, s->threshold);
		result_table_set_str(t, RC_TYPE, question_type_name(q->type));
		result_table_set_str(t, RC_STATE, state);
	}
	free(shown);
}

/* Parses a row's answer column back into q's answer. */
static bool answer_from_row(struct answers *as, size_t qi, const char *text)
{
	const struct survey_question *q = &as->survey->questions[qi];
	double num;
	size_t opt;

	switch (q->type) {
	case QTYPE_SCALE:
	case QTYPE_YESNO:
	case QTYPE_CHOICE:
		if ((opt = survey_option_index(q, text)) == (size_t)-1)
			return false;
		answers_set_option(as, qi, opt);
		return true;
	case QTYPE_MULTI: {
		unsigned long long chosen = 0;
		const char *p = text;
		while (*p) {
			size_t n = strcspn(p, ";");
			char *id = xstrndup(p, n);
			opt = survey_option_index(q, id);
			free(id);
			if (opt == (size_t)-1)
				return false;
			chosen |= 1ull << opt;
			p += n;
			if (*p == ';')
				p++;
		}
		answers_set_chosen(as, qi, chosen);
		return true;
	}
	case QTYPE_NUMBER:
		if (!num_parse(text, &num))
			return false;
		answers_set_number(as, qi, num);
		return true;
	case QTYPE_TEXT:
		answers_set_text(as, qi, text);
		return true;
	}
	return false;
}

bool answers_take_row(struct answers *as, const struct result_row *r)
{
	size_t qi = survey_question_index(as->survey, r->field[RC_QUESTION_ID]);

	return qi != (size_t)-1 && answers_take_row_at(as, qi, r);
}

bool answers_take_row_at(struct answers *as, size_t qi, const struct result_row *r)
{
	switch (r->v.state) {
	case STATE_ANSWERED:
	case STATE_HIDDEN_ANSWERED: /* kept while hidden: it comes back */
		if (!answer_from_row(as, qi, r->field[RC_ANSWER]))
			return false;
		break;
	case STATE_NA:
	case STATE_HIDDEN_NA:
		answers_set_na(as, qi);
		break;
	case STATE_UNANSWERED:
	case STATE_HIDDEN:
		break;
	}
	answers_set_comment(as, qi, r->field[RC_COMMENT]);
	return true;
}

bool answers_fit(const struct answers *as, size_t q)
{
	const struct survey_question *sq = &as->survey->questions[q];
	const struct answer *a = &as->a[q];
	char buf[NUMFMT_SIZE];
	double shown;

	if (a->state == ANSWER_NA)
		return sq->allow_na;
	if (a->state != ANSWER_GIVEN || sq->type != QTYPE_NUMBER)
		return true;
	if ((sq->has_min && a->number < sq->min) || (sq->has_max && a->number > sq->max))
		return false;
	/* exactly what the screen shows with the question's decimals */
	return sq->decimals < 0 || sq->decimals > 9 ||
	       (num_parse(num_format_fixed(buf, a->number, sq->decimals), &shown) &&
		shown == a->number);
}

struct answers *answers_from_table(const struct survey *s,
				   const struct result_table *t,
				   const char *name, struct diag *d)
{
	struct answers *as;
	size_t before = d->count;

	if (t->n_rows == 0) {
		diag_add(d, name, 0, "no rows");
		return NULL;
	}
	as = answers_new(s, t->rows[0].field[RC_DEPARTMENT],
			 t->rows[0].field[RC_RESPONDENT]);
	as->final = t->rows[0].v.final;
	as->updated_at = t->rows[0].v.updated_at;
	for (size_t i = 0; i < t->n_rows; i++) {
		const struct result_row *r = &t->rows[i];

		if (answers_take_row(as, r))
			continue;
		if (survey_question_index(s, r->field[RC_QUESTION_ID]) == (size_t)-1)
			diag_add(d, name, r->line, "question '%s' is not in the survey %s",
				 r->field[RC_QUESTION_ID], s->path);
		else
			diag_add(d, name, r->line, "answer '%s' does not fit question '%s'",
				 r->field[RC_ANSWER], r->field[RC_QUESTION_ID]);
	}
	if (d->count > before) {
		answers_free(as);
		return NULL;
	}
	return as;
}
