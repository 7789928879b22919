/* previous: last year's answers, read only. When a department starts a
 * new version of a survey (same survey id, higher version), its result for
 * an earlier version (found in the result folder, or named with
 * enkat --previous FILE) is shown beside every question as a suggestion:
 * last year's answer (its label), comment and whether it was not
 * applicable. Nothing here changes this year's result: taking a
 * suggestion over is assess_take_previous (assess.h), the user's explicit
 * command, and carrying last year's open actions is assess_carry_previous.
 *
 * Questions are matched by the survey's revision mapping (revision.h,
 * enkat-survey(5) Revisions): by id, or by the earlier ids a question
 * continues. A renamed question shows its old answer; each part of a
 * split one shows the answer of the question it was split from; a merged
 * one shows the answers of all the questions merged into it (taking over
 * is then allowed only when they agree: see assess_take_previous). A
 * question without a match is new this year. No curses here. */
#ifndef ENKAT_PREVIOUS_H
#define ENKAT_PREVIOUS_H

#include <stdbool.h>
#include <stddef.h>

#include "actions.h"
#include "approval.h"
#include "diag.h"
#include "result.h"
#include "revision.h"
#include "score.h"
#include "survey.h"

struct previous {
	char *path;                /* the file read (made visible) */
	long version;              /* its survey version */
	struct result_table *t;    /* owned */
	const struct survey *s;    /* this year's; not owned */
	size_t *row_of;            /* per question of s: index into t->rows of
				    * its first matched row, or (size_t)-1:
				    * new this year */
	size_t **rows_of;          /* per question of s: every matched row
				    * (more than one only when merged) */
	size_t *n_rows_of;
	enum revision_kind *kind;  /* per question of s: how it continues
				    * last year's (REVISION_NONE: new) */
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
 * year. The row of the question q continues (under its own id or
 * another); of a merged one, the first of the merged questions' rows. */
const struct result_row *previous_row(const struct previous *p, size_t q);
bool previous_is_new(const struct previous *p, size_t q);
/* How q continues last year's question(s): REVISION_NONE when it is new
 * (also when p is NULL), else SAME, RENAMED, SPLIT or MERGED (revision.h). */
enum revision_kind previous_kind(const struct previous *p, size_t q);
/* The number of last year's rows matched to q (0: new; more than one
 * only when merged), and row i of them in the order of its continues key
 * (NULL when i is out of range). */
size_t previous_n_rows(const struct previous *p, size_t q);
const struct result_row *previous_row_at(const struct previous *p, size_t q, size_t i);
/* What last year's answer to q was, for people, made visible: the label
 * ("Oftast"), the answer itself when it has none, "not applicable"
 * (translated), or "" when it was unanswered or the question is new. Of a
 * merged question, each merged question's id and answer, "q1: Yes; q2:
 * No" (unanswered ones left out). Caller frees. */
char *previous_answer_text(const struct previous *p, size_t q, size_t lang);
/* Last year's comment at q as written (not yet made visible), "" when
 * none; of a merged question, each non-empty one as "ID: comment", joined
 * by "; ". Caller frees. */
char *previous_comment_text(const struct previous *p, size_t q);
/* The earlier ids q continues, joined by ", ", made visible: "" when it
 * keeps its id (SAME) or is new; for "last year this was q3 (renamed)".
 * Caller frees. */
char *previous_ids_text(const struct previous *p, size_t q);
/* Last year's score of this year's area with this id (a renamed area is
 * found under its old id); false when s has no such area, last year's
 * result has no area it continues, or this year's area is split or
 * merged from last year's, or marked not comparable (no figure to set
 * beside it). */
bool previous_area_score(const struct previous *p, const char *area_id,
			 struct score *out);
/* Last year's actions that are done or cancelled (the ones not carried
 * over, shown as last year's), as indexes into p->actions.items, into out
 * (room for p->actions.n); returns their number. */
size_t previous_closed_actions(const struct previous *p, size_t *out);

#endif
