/* answers: one department's answers to a survey, in memory. Knows which
 * questions skip logic hides, what each answer is worth, and how the whole
 * becomes a result table and comes back from one (to resume a draft). */
#ifndef ENKAT_ANSWERS_H
#define ENKAT_ANSWERS_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "condition.h"
#include "diag.h"
#include "result.h"
#include "score.h"
#include "survey.h"

enum answer_state { ANSWER_NONE, ANSWER_GIVEN, ANSWER_NA };

struct answer {
	enum answer_state state;
	size_t option;              /* scale, yesno, choice */
	unsigned long long chosen;  /* multi: bit i = option i */
	double number;
	char *text;                 /* text questions; owned, NULL when none */
	char *comment;              /* owned, NULL when none */
};

struct answers {
	const struct survey *survey; /* not owned; must outlive the answers */
	struct answer *a;            /* one per survey question */
	char *department;            /* owned */
	char *respondent;            /* owned */
	bool final;
	time_t updated_at;
};

/* New, empty answers for s. Free with answers_free. */
struct answers *answers_new(const struct survey *s, const char *department,
			    const char *respondent);
void answers_free(struct answers *as);

/* Setters take copies of strings; each marks the question answered (or
 * not applicable), replacing what was there. */
void answers_set_option(struct answers *as, size_t q, size_t option);
void answers_set_chosen(struct answers *as, size_t q, unsigned long long chosen);
void answers_set_number(struct answers *as, size_t q, double number);
void answers_set_text(struct answers *as, size_t q, const char *text);
void answers_set_na(struct answers *as, size_t q);
void answers_clear(struct answers *as, size_t q);
/* NULL or "" removes the comment. */
void answers_set_comment(struct answers *as, size_t q, const char *comment);

/* True when q's show_if holds (or it has none). */
bool answers_visible(const struct answers *as, size_t q);
/* The same for every question at once, into visible[0..n_questions): one
 * pass, for loops over the whole survey. */
void answers_visibility(const struct answers *as, bool *visible);
/* Points earned by q's answer; false when there are none to give (not
 * answered, not applicable, hidden, or unscored). */
bool answers_points(const struct answers *as, size_t q, double *points);

/* Scores per area (areas_out has survey->n_areas entries) and overall. */
void answers_score(const struct answers *as, struct score *areas_out,
		   struct score *overall);

/* The result table for these answers (status from as->final, time from
 * as->updated_at), one row per question in presentation order. The caller
 * releases it with result_table_release. */
void answers_to_table(const struct answers *as, struct result_table *out);
/* The same rows into a new table (zeroed first), not finished: for a
 * session that appends the rows of its action plan and approval. */
void answers_add_rows(const struct answers *as, struct result_table *out);

/* Takes one row's answer (state, answer, comment) into as. False, leaving
 * as unchanged, when the row's question is not in the survey or its answer
 * does not fit the question (an option that is gone, say). */
bool answers_take_row(struct answers *as, const struct result_row *r);
/* The same into question qi whatever the row's question id: last year's
 * row of a question that continues it under another id (revision.h).
 * False, leaving as unchanged, when the answer does not fit qi. */
bool answers_take_row_at(struct answers *as, size_t qi, const struct result_row *r);

/* True when q's answer is one the survey allows today: not applicable only
 * where na = yes, a number within min..max with at most `decimals` digits
 * after the point. Unanswered is always allowed. For answers carried over
 * from a file written for another definition of the survey. */
bool answers_fit(const struct answers *as, size_t q);

/* Answers taken back from a result table read from file (name for
 * messages) that was written for survey s. Rows whose question s lacks, or
 * whose answer s cannot hold, are reported to d; returns NULL then, since
 * silently dropping an answer would lose it. */
struct answers *answers_from_table(const struct survey *s,
				   const struct result_table *t,
				   const char *name, struct diag *d);

#endif
