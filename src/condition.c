#include "condition.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "numfmt.h"
#include "survey.h"
#include "util.h"

struct lexer {
	const char *p;
	char tok[128];
};

/* Next token: an operator (= != < <= > >=) or a word; false at the end. */
static bool next_token(struct lexer *lx)
{
	size_t n = 0;

	while (*lx->p == ' ' || *lx->p == '\t')
		lx->p++;
	if (!*lx->p)
		return false;
	if (strchr("=!<>", *lx->p)) {
		lx->tok[n++] = *lx->p++;
		if (*lx->p == '=')
			lx->tok[n++] = *lx->p++;
	} else {
		while (*lx->p && !strchr(" \t=!<>", *lx->p)) {
			if (n + 1 < sizeof lx->tok)
				lx->tok[n++] = *lx->p;
			lx->p++;
		}
	}
	lx->tok[n] = '\0';
	return true;
}

static bool parse_op(const char *t, enum cond_op *op)
{
	static const struct { const char *s; enum cond_op op; } ops[] = {
		{"=", COND_EQ}, {"!=", COND_NE}, {"has", COND_HAS}, {"<", COND_LT},
		{"<=", COND_LE}, {">", COND_GT}, {">=", COND_GE},
	};
	for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
		if (strcmp(t, ops[i].s) == 0) {
			*op = ops[i].op;
			return true;
		}
	return false;
}

static bool is_choice(enum question_type t)
{
	return t == QTYPE_SCALE || t == QTYPE_YESNO || t == QTYPE_CHOICE;
}

static char *parse_term(const struct survey *s, size_t self, struct lexer *lx,
			struct cond_term *t)
{
	const struct survey_question *q;
	enum num_status st;
	size_t qi;

	qi = survey_question_index(s, lx->tok);
	if (qi == (size_t)-1) {
		for (size_t i = self + 1; i < s->n_questions; i++)
			if (strcmp(s->questions[i].id, lx->tok) == 0)
				return xasprintf("question '%s' comes later; a condition may "
						 "only refer to earlier questions", lx->tok);
		return xasprintf("unknown question '%s'", lx->tok);
	}
	if (qi == self)
		return xasprintf("the question refers to itself");
	if (qi > self)
		return xasprintf("question '%s' comes later; a condition may only "
				 "refer to earlier questions", lx->tok);
	q = &s->questions[qi];
	t->question = qi;
	if (!next_token(lx) || !parse_op(lx->tok, &t->op))
		return xasprintf("expected an operator (= != has < <= > >=) after '%s'",
				 q->id);
	if (!next_token(lx))
		return xasprintf("missing value after the operator");
	if (q->type == QTYPE_NUMBER) {
		t->numeric = true;
		if (t->op == COND_HAS)
			return xasprintf("'has' is for multiple-choice questions");
		/* the same sizes as every other number of a survey */
		st = num_parse_status(lx->tok, &t->number);
		if (st == NUM_INVALID)
			return xasprintf("'%s' is not a number", lx->tok);
		if (st == NUM_TOO_LARGE || fabs(t->number) > SURVEY_MAX_NUMBER)
			return xasprintf("'%s' is out of range: from -"
					 SURVEY_MAX_NUMBER_TEXT " to "
					 SURVEY_MAX_NUMBER_TEXT, lx->tok);
		if (st == NUM_TOO_SMALL ||
		    (t->number != 0 && fabs(t->number) < SURVEY_MIN_NUMBER))
			return xasprintf("'%s' is too small: 0, or at least "
					 SURVEY_MIN_NUMBER_TEXT " in size, either "
					 "side of 0", lx->tok);
		if (t->number == 0)
			t->number = 0; /* no -0 */
		return NULL;
	}
	if (q->type == QTYPE_TEXT)
		return xasprintf("question '%s' is free text, which a condition "
				 "cannot test", q->id);
	if (q->type == QTYPE_MULTI && t->op != COND_HAS)
		return xasprintf("use 'has' with multiple-choice question '%s'", q->id);
	if (is_choice(q->type) && t->op != COND_EQ && t->op != COND_NE)
		return xasprintf("use = or != with question '%s'", q->id);
	t->option = survey_option_index(q, lx->tok);
	if (t->option == (size_t)-1)
		return xasprintf("question '%s' has no option '%s'", q->id, lx->tok);
	return NULL;
}

struct condition *condition_parse(const struct survey *s, size_t self,
				  const char *text, char **error)
{
	struct condition *c = xcalloc(1, sizeof *c);
	struct lexer lx = {.p = text};
	size_t cap = 0;
	bool or_next = false;

	for (;;) {
		struct cond_term t = {0};

		if (!next_token(&lx)) {
			*error = xstrdup(c->n_terms ? "missing comparison after and/or"
					 : "empty condition");
			goto fail;
		}
		t.or_before = or_next;
		if ((*error = parse_term(s, self, &lx, &t)))
			goto fail;
		c->terms = xgrow(c->terms, &cap, c->n_terms + 1, sizeof *c->terms);
		c->terms[c->n_terms++] = t;
		if (!next_token(&lx))
			break;
		if (strcmp(lx.tok, "and") == 0) {
			or_next = false;
		} else if (strcmp(lx.tok, "or") == 0) {
			or_next = true;
		} else {
			*error = xasprintf("expected 'and' or 'or', found '%s'", lx.tok);
			goto fail;
		}
	}
	return c;
fail:
	condition_free(c);
	return NULL;
}

void condition_free(struct condition *c)
{
	if (!c)
		return;
	free(c->terms);
	free(c);
}

static bool term_eval(const struct cond_term *t, const struct cond_answer *a)
{
	if (!a || !a->present)
		return false; /* unanswered, not applicable or hidden: never true */
	if (t->numeric) {
		switch (t->op) {
		case COND_EQ: return a->number == t->number;
		case COND_NE: return a->number != t->number;
		case COND_LT: return a->number < t->number;
		case COND_LE: return a->number <= t->number;
		case COND_GT: return a->number > t->number;
		case COND_GE: return a->number >= t->number;
		case COND_HAS: return false;
		}
		return false;
	}
	switch (t->op) {
	case COND_HAS: return t->option < 64 && ((a->chosen >> t->option) & 1);
	case COND_EQ: return a->option == t->option;
	case COND_NE: return a->option != t->option;
	default: return false;
	}
}

bool condition_eval(const struct condition *c,
		    const struct cond_answer *(*answer)(size_t question, void *user),
		    void *user)
{
	/* "and" binds tighter: the result is the "or" of runs of "and"s */
	bool run = true;

	for (size_t i = 0; i < c->n_terms; i++) {
		const struct cond_term *t = &c->terms[i];

		if (t->or_before) {
			if (run)
				return true;
			run = true;
		}
		run = run && term_eval(t, answer(t->question, user));
	}
	return run;
}
