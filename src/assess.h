/* assess: the rules of an assessment, in one place for both front ends.
 *
 * The full screen (ui*.c) and --plain (plain.c) only draw and read keys;
 * every decision is made here: how a typed answer is parsed and checked,
 * which question comes next, what a question hidden by skip logic holds,
 * when a result may be finalised, and what undo restores. Every change is
 * saved through the session before the function returns. No curses here.
 *
 * Visibility (skip logic) is settled once per change and cached, so every
 * query below costs O(1) or one pass over the questions, never more.
 *
 * An answer hidden by skip logic is kept (in memory and in the result file)
 * and comes back when the question is shown again; while hidden it counts
 * as not applicable. */
#ifndef ENKAT_ASSESS_H
#define ENKAT_ASSESS_H

#include <stdbool.h>
#include <stddef.h>

#include "actions.h"
#include "answers.h"
#include "approval.h"
#include "previous.h"
#include "session.h"
#include "survey.h"

#define ASSESS_NONE ((size_t)-1)
/* Room for any message assess_parse writes (always NUL-terminated). */
#define ASSESS_MSG_SIZE 256
/* How many changes undo can take back. */
#define ASSESS_UNDO_DEPTH 64

/* What became of a change. */
enum assess_status {
	ASSESS_SAVED,      /* changed and written to the result file */
	ASSESS_NOT_SAVED,  /* changed in memory, the file write failed (see
			    * session->save_error); retried with every save */
	ASSESS_UNCHANGED,  /* nothing to do (e.g. undo with nothing to undo) */
	ASSESS_READ_ONLY,  /* refused: final result, or another session's */
	ASSESS_REFUSED,    /* refused by a rule (see the function) */
};

/* A parsed answer, not yet given. text is owned (free with
 * assess_value_release). */
struct assess_value {
	enum answer_state state;    /* ANSWER_GIVEN, or ANSWER_NONE: clear */
	size_t option;
	unsigned long long chosen;
	double number;
	char *text;
};

struct assess_undo_entry {
	size_t q;
	struct answer before; /* deep copy: text and comment owned */
};

struct assess {
	struct session *ss;          /* not owned; must outlive this */
	const struct survey *s;
	bool *visible;               /* per question, settled after each change */
	size_t done, total;          /* visible answered or N/A; visible */
	size_t required_open;        /* visible, required, unanswered */
	struct assess_undo_entry undo[ASSESS_UNDO_DEPTH];
	size_t undo_len;
	bool unsaved;                /* a change the file does not hold yet */
	const struct previous *previous; /* last year's, once carried from
					  * (assess_carry_previous); not owned */
};

/* The rules for ss (its answers as loaded). Free with assess_free, which
 * does not close the session. */
struct assess *assess_new(struct session *ss);
void assess_free(struct assess *a);

/* ---- questions and navigation (O(1) or one pass) ---- */

bool assess_visible(const struct assess *a, size_t q);
/* The next visible question after q (ASSESS_NONE: from the start), or
 * ASSESS_NONE when there is none. */
size_t assess_next(const struct assess *a, size_t q);
/* The previous visible question before q, or ASSESS_NONE. */
size_t assess_prev(const struct assess *a, size_t q);
/* The first visible unanswered question at or after from, wrapping round to
 * the start; ASSESS_NONE when every visible question is answered or N/A. */
size_t assess_next_open(const struct assess *a, size_t from);
/* Where a session starts: the first open question, else the first visible
 * one, else 0. */
size_t assess_start(const struct assess *a);
/* After q was answered: the next visible question, or ASSESS_NONE at the
 * end (the front end then shows the review). */
size_t assess_after(const struct assess *a, size_t q);
/* True when q is the first visible question of its area (where the area's
 * description is shown). */
bool assess_area_begins(const struct assess *a, size_t q);
/* Position of q among the visible questions of its area (1-based) and
 * their count. */
void assess_area_position(const struct assess *a, size_t q, size_t *pos,
			  size_t *count);
/* The visible unanswered questions, required ones first, into out (room for
 * n_questions); returns their number, and the required ones in *required. */
size_t assess_open_questions(const struct assess *a, size_t *out, size_t *required);
/* True when the current answer to q is to be shown as its answer: hidden
 * questions are never asked, so this is the visible state. */
bool assess_answered(const struct assess *a, size_t q);

/* ---- input ---- */

/* Parses what the user typed for q: for choices the option's key (scale
 * 0-4, or 1-9); for multiple choice keys separated by spaces or commas, or
 * "-" for none; for numbers a decimal with '.' or a Swedish ',' and an
 * optional thousands space ("1 234,5"), within the question's min and max
 * and with at most its decimals; for text anything. An empty input (after
 * trimming spaces) gives state ANSWER_NONE (clear the answer).
 * Returns true with *out filled (release it), or false with msg saying what
 * is allowed (translated; msg has ASSESS_MSG_SIZE bytes). */
bool assess_parse(const struct survey_question *q, const char *input,
		  struct assess_value *out, char *msg);
void assess_value_release(struct assess_value *v);
/* The decimal separator people read and type in the interface language
 * (',' in Swedish; files always have '.'). */
char assess_decimal_sep(void);
/* percent as people read it, "91.7 %" or "91,7 %", right-aligned in
 * width columns (0: no padding), into buf of size bytes. */
void assess_format_percent(char *buf, size_t size, double percent, int width);

/* What q accepts, in words ("a number from 0 to 10 with at most 1
 * decimal"), translated, into msg of ASSESS_MSG_SIZE bytes. */
void assess_describe_input(const struct survey_question *q, char *msg);
/* The answer to q as the text an editor starts from ("7,5" with the
 * interface's decimal separator for numbers, the text for text questions, "" when
 * none). Exactly what the file holds, no rounding. Caller frees. */
char *assess_answer_text(const struct assess *a, size_t q);

/* The rule for a department's or respondent's name as typed: valid text of
 * at most ASSESS_NAME_MAX characters (longer is refused with a message in
 * msg, never cut in the middle of a character). */
#define ASSESS_NAME_MAX 100
bool assess_check_name(const char *name, char *msg);

/* ---- changes: each is saved before returning ---- */

/* Why a change would be refused now: ASSESS_SAVED when it is allowed,
 * ASSESS_READ_ONLY for a final result or another session's. */
enum assess_status assess_writable(const struct assess *a);
/* Why a change is refused now, in words (translated, visible): the
 * result or lock file is another user's, another session holds it, or the
 * result is final. NULL when changes are allowed. Caller frees. */
char *assess_read_only_reason(const struct assess *a);
/* Gives q the answer v (ANSWER_NONE clears it). */
enum assess_status assess_set(struct assess *a, size_t q, const struct assess_value *v);
/* Parses input and gives it: ASSESS_REFUSED with msg when it does not fit
 * (nothing changes). */
enum assess_status assess_input(struct assess *a, size_t q, const char *input,
				char *msg);
/* Chooses option opt of a single-choice question. */
enum assess_status assess_choose(struct assess *a, size_t q, size_t opt);
/* Toggles option opt of a multiple-choice question. */
enum assess_status assess_toggle(struct assess *a, size_t q, size_t opt);
/* Confirms a multiple-choice answer as it is (an empty set is an answer:
 * "none of these"). */
enum assess_status assess_confirm(struct assess *a, size_t q);
/* Not applicable, or back to unanswered when q is N/A already.
 * ASSESS_REFUSED when q does not allow N/A. */
enum assess_status assess_toggle_na(struct assess *a, size_t q);
enum assess_status assess_clear(struct assess *a, size_t q);
/* NULL or "" removes the comment. */
enum assess_status assess_comment(struct assess *a, size_t q, const char *comment);
/* What was being typed as q's answer when the session ended (a dropped
 * connection): given as the answer when it is one, else added to the
 * comment, marked as typed but not confirmed, so that it is never lost.
 * Nothing for an empty text. */
enum assess_status assess_keep_typed(struct assess *a, size_t q, const char *text);
/* Takes back the last change (answer or comment); *q is set to its
 * question. ASSESS_UNCHANGED when there is nothing to undo. */
enum assess_status assess_undo(struct assess *a, size_t *q);
/* Retries writing what the file does not hold yet. */
enum assess_status assess_save(struct assess *a);
/* Writes the answers to a result file of the same name in dir (for when
 * the result folder cannot be written); *path_out is where (caller frees).
 * false with *error (caller frees) when that fails too. */
bool assess_save_to(struct assess *a, const char *dir, char **path_out, char **error);

/* After an answer (or N/A) was given with this status: true when the
 * assessment moves on to the next question. It does unless the change was
 * refused or read-only; a change kept but not yet saved moves on too (the
 * front end says it is not saved), so both front ends walk alike. */
bool assess_moves_on(enum assess_status st);

/* ---- finalising ---- */

/* The rule: ASSESS_SAVED when the result may be finalised now,
 * ASSESS_REFUSED while a visible required question is open (*first_open is
 * the first of them, a->required_open their number), ASSESS_READ_ONLY for
 * a final result or another session's. Changes nothing. */
enum assess_status assess_can_finalise(const struct assess *a, size_t *first_open);
/* Marks the result final when assess_can_finalise allows it (else its
 * answer), saved or not. The history gets a "finalise" event (the
 * respondent's name, the login name, the time). No approval: a final
 * result not (yet) approved by the management. */
enum assess_status assess_finalise(struct assess *a, size_t *first_open);
/* Finalises with the management's approval: name and role as typed
 * (approval_check; ASSESS_REFUSED with msg when they do not fit, nothing
 * changed), recorded with the login name and the time, and the result
 * sealed (approval.h). History: "finalise" and "approval". Otherwise as
 * assess_finalise. msg has ASSESS_MSG_SIZE bytes. */
enum assess_status assess_finalise_approved(struct assess *a, const char *name,
					    const char *role, size_t *first_open,
					    char *msg);
/* Reopens a final result as a draft (the user's explicit choice). An
 * approval it had is no longer valid: it stays only in the history (its
 * "approval" event), and a "reopen" event is added (noting a seal that
 * did not match). */
enum assess_status assess_reopen(struct assess *a);
bool assess_is_final(const struct assess *a);
/* The result's approval (present false when none) and history. */
const struct approval *assess_approval(const struct assess *a);
const struct history *assess_history(const struct assess *a);
/* True when the result as opened carries an approval whose seal does not
 * match: it was changed after the approval (by hand: enkat never writes
 * an approved result). Shown as "changed after approval"; the result
 * still opens. False again once reopened. */
bool assess_seal_broken(const struct assess *a);

/* ---- the action plan (actions.h); each change saved before returning ---- */

const struct action_list *assess_actions(const struct assess *a);
/* Adds an action from in (action_apply's rules; ASSESS_REFUSED with msg
 * when they are not met, nothing saved). Its id is new (actions_next_id,
 * also above last year's); *id_out (may be NULL) gets a copy (caller
 * frees). History: "action-added". */
enum assess_status assess_action_add(struct assess *a, const struct action_input *in,
				     char **id_out, char *msg);
/* Changes the action id (NULL fields of in stay): ASSESS_REFUSED with msg
 * for an unknown id or input that breaks a rule; ASSESS_UNCHANGED when
 * nothing differs. History: "action-changed" with the new status. */
enum assess_status assess_action_change(struct assess *a, const char *id,
					const struct action_input *in, char *msg);

/* ---- last year (previous.h) ---- */

/* Takes last year's answer to q over as this year's: the answer (or not
 * applicable), and its comment when this year's has none, as one change
 * (one undo step), saved. ASSESS_REFUSED with msg when the question is new
 * this year, was unanswered last year, or the answer does not fit this
 * year's question (an option that is gone, a number out of range). The
 * only way anything of last year's becomes this year's answer.
 * Across a survey revision (previous.h): a renamed question and each part
 * of a split one take the answer of the question they continue; a merged
 * one takes the answer only when every merged question answered last
 * year gave the same answer (or all were not applicable), with their
 * comments joined by new lines, and is refused otherwise: no answer is
 * made up from several. */
enum assess_status assess_take_previous(struct assess *a, const struct previous *p,
					size_t q, char *msg);
/* Carries last year's open actions (planned, ongoing) into this result,
 * with their id, status and history, and a "carried" event each, unless
 * this result has carried from that version before or holds an action of
 * that id already. A target continued under another id this year
 * (renamed, split or merged: revision.h) is pointed at the question(s)
 * or area(s) that continue it; targets this year's survey lacks
 * otherwise are dropped (the action then addresses the department). In memory, for a draft that may
 * be written: saved with the next change, like the first answer. Returns
 * how many were carried. */
size_t assess_carry_previous(struct assess *a, const struct previous *p);
/* Last year's result as given to assess_carry_previous (also for a
 * read-only result), or NULL when there is none. */
const struct previous *assess_previous(const struct assess *a);

/* What to tell the user first: what enkat is, which survey s is (title,
 * version, description in language lang) and where the answers go
 * (out_dir), translated. Not yet made visible (the front end does that
 * with the rest of what it shows). Caller frees. */
char *assess_intro_text(const struct survey *s, size_t lang, const char *out_dir);

/* What to tell the user on leaving, made visible and translated, ending in
 * '\n': where the result file is and how to go on, or that nothing is
 * saved yet (a session writes its file with the first change). Caller
 * frees. */
char *assess_where_text(const struct assess *a);

#endif
