/* previous: last year's answers, read only. When a department starts a
 * new version of a survey (same survey id, higher version), its result for
 * an earlier version (found in the result folder, or named with
 * enkat --previous FILE) is shown beside every question as a suggestion:
 * last year's answer (its label), comment and whether it was not
 * applicable. Nothing here changes this year's result: taking a
 * suggestion over is assess_take_previous (assess.h), the user's explicit
 * command, and carrying last year's open actions is assess_carry_previous.
 *
 * Questions are matched by id (a question without a match is new this
 * year). No curses here. */
#ifndef ENKAT_PREVIOUS_H
#define ENKAT_PREVIOUS_H

#include <stdbool.h>
#include <stddef.h>

#include "actions.h"
#include "approval.h"
#include "diag.h"
#include "result.h"
#include "score.h"
#include "survey.h"

struct previous {
	char *path;                /* the file read (made visible) */
	long version;              /* its survey version */
	struct result_table *t;    /* owned */
	const struct survey *s;    /* this year's; not owned */
	size_t *row_of;            /* per question of s: index into t->rows,
				    * or (size_t)-1: new this year */
	struct action_list actions; /* every action of last year's result */
	struct approval approval;  /* last year's approval, if any */
	struct history history;    /* last year's history (carried with the
				    * open actions it is about) */
	enum approval_state approval_state;
	/* last year's scores, by area of the file (result_score) */
	struct score *area_scores;
	const char **area_ids;     /* point into t */
	size_t n_areas;
	struct score overall;
};

/* Reads path as department's result of an earlier version of s: the same
 * survey id, a lower version, the same department. NULL with the problems
 * in d (FILE:LINE: message) otherwise. */
struct previous *previous_load(const char *path, const struct survey *s,
			       const char *department, struct diag *d);
/* Looks in out_dir for department's results of s with a lower version
 * (result_filename's names) and loads the highest. NULL without a word in
 * d when there is none; NULL with d's messages when the one found cannot
 * be read. */
struct previous *previous_find(const char *out_dir, const struct survey *s,
			       const char *department, struct diag *d);
void previous_free(struct previous *p);

/* Last year's row of this year's question q (its state, answer,
 * answer_label, na and comment fields), or NULL: the question is new this
 * year. */
const struct result_row *previous_row(const struct previous *p, size_t q);
bool previous_is_new(const struct previous *p, size_t q);
/* What last year's answer to q was, for people, made visible: the label
 * ("Oftast"), the answer itself when it has none, "not applicable"
 * (translated), or "" when it was unanswered or the question is new.
 * Caller frees. */
char *previous_answer_text(const struct previous *p, size_t q);
/* Last year's score of the area with this id; false when last year's
 * result has no such area. */
bool previous_area_score(const struct previous *p, const char *area_id,
			 struct score *out);
/* Last year's actions that are done or cancelled (the ones not carried
 * over, shown as last year's), as indexes into p->actions.items, into out
 * (room for p->actions.n); returns their number. */
size_t previous_closed_actions(const struct previous *p, size_t *out);

#endif
