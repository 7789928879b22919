/* actions: the department's action plan (åtgärdsplan), in memory, and its
 * rules: what an action holds, what makes one valid, when one is overdue,
 * which actions address an area, and how the plan becomes rows of the
 * result file and comes back (enkat-results(5), The action plan). No
 * curses and no session here: assess.h changes a session's plan (saving
 * it), front ends only draw what these functions answer.
 *
 * An action addresses one or more areas and/or questions of the survey, or
 * (no target at all) the whole department. Its id ("A1", "A2", ...) is
 * stable: it never changes, also when the action is carried over into
 * next year's result. */
#ifndef ENKAT_ACTIONS_H
#define ENKAT_ACTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "result.h"
#include "survey.h"

/* Room for any message the functions here write (always NUL-terminated). */
#define ACTION_MSG_SIZE 256
#define ACTION_ID_MAX 20
/* A title, owner or case number: at most this many characters. */
#define ACTION_TEXT_MAX 200

enum action_status {
	ACTION_PLANNED,
	ACTION_ONGOING,
	ACTION_DONE,
	ACTION_CANCELLED,
	ACTION_N_STATUS
};

/* The file's word: "planned", "ongoing", "done", "cancelled". */
const char *action_status_name(enum action_status st);
/* The interface's word, translated (sv: planerad, pågående, avslutad,
 * avbruten). */
const char *action_status_label(enum action_status st);
/* A status as typed: the file's word, the English or the translated
 * label, in any case of ASCII letters, or the digit 1-4 in the order
 * above. False when it is none of them. */
bool action_status_parse(const char *s, enum action_status *out);
/* Only the file's word, exactly (out may be NULL): for readers. */
bool action_status_from_name(const char *s, enum action_status *out);
/* Open: planned or ongoing (not done, not cancelled). Open actions are
 * carried into next year's result. */
bool action_status_open(enum action_status st);

enum action_target_kind { ACTION_TARGET_AREA, ACTION_TARGET_QUESTION };

struct action_target {
	enum action_target_kind kind;
	char *id;                 /* an area or question id; owned */
};

struct action {
	char *id;                 /* stable, "A<n>"; owned */
	char *title;              /* never empty */
	char *description;        /* "" when none; never NULL (nor below) */
	struct action_target *targets; /* none: the whole department */
	size_t n_targets;
	char *owner;              /* a name or a role */
	char due[11];             /* "YYYY-MM-DD", or "" */
	enum action_status status;
	char *case_number;        /* e.g. "STK-2021-1717" */
	char *comment;
	time_t changed_at;        /* last change */
	char *changed_by;         /* login name of the last change */
	long from_version;        /* the survey version it was made in */
};

struct action_list {
	struct action *items;
	size_t n, cap;
};

void action_release(struct action *x);
void action_copy(struct action *to, const struct action *from);
void actions_release(struct action_list *l); /* zeroes it */
void actions_copy(struct action_list *to, const struct action_list *from);

/* The action with this id, or NULL. */
const struct action *actions_find(const struct action_list *l, const char *id);
size_t actions_index(const struct action_list *l, const char *id); /* (size_t)-1 */
/* A new id: "A<n>" with n one more than the highest of l and of also
 * (last year's plan, so that an id done last year is never reused; may be
 * NULL). Caller frees. */
char *actions_next_id(const struct action_list *l, const struct action_list *also);

/* ---- input and its rules ---- */

/* An action as typed. For a change, a NULL field stays as it is; for a
 * new action a NULL field is empty (status: planned). addresses is a list
 * of area and question ids separated by spaces or commas (area:ID and
 * question:ID say which when an id is both), or "" / "department" for the
 * whole department. */
struct action_input {
	const char *title;
	const char *description;
	const char *addresses;
	const char *owner;
	const char *due;
	const char *status;
	const char *case_number;
	const char *comment;
};

/* The date rule: "" (no due date) or an existing YYYY-MM-DD. msg (of
 * ACTION_MSG_SIZE) says what is wrong, translated. */
bool action_check_date(const char *s, char *msg);
/* Parses addresses (see action_input) against s into *targets (owned;
 * free with action_targets_release). False with msg naming the unknown
 * id. */
bool action_parse_addresses(const struct survey *s, const char *addresses,
			    struct action_target **targets, size_t *n, char *msg);
void action_targets_release(struct action_target *targets, size_t n);
/* Applies in to x, all or nothing: false with msg (translated) for an
 * empty title, a text too long or not valid UTF-8, an invalid or
 * impossible date, an unknown question or area, a status outside the
 * list; x is then unchanged. Sets no time or login (the caller does). */
bool action_apply(struct action *x, const struct action_input *in,
		  const struct survey *s, char *msg);

/* ---- questions the front ends ask ---- */

/* Today's local date, "YYYY-MM-DD", into buf (11 bytes); returns buf. */
char *action_today(char *buf);
/* Overdue: a due date before today (YYYY-MM-DD) and still open. */
bool action_overdue(const struct action *x, const char *today);
/* True when x addresses area (an index into s->areas) directly or through
 * one of its questions. A whole-department action addresses no one area. */
bool action_addresses_area(const struct action *x, const struct survey *s, size_t area);
bool action_addresses_question(const struct action *x, const char *question_id);
/* The open actions that address area, counted. */
size_t actions_open_in_area(const struct action_list *l, const struct survey *s,
			    size_t area);
/* Indexes into l of the actions that address area (open or not), in
 * order, into out (room for l->n); returns their number. */
size_t actions_for_area(const struct action_list *l, const struct survey *s,
			size_t area, size_t *out);
/* Counts per status into counts[ACTION_N_STATUS]. */
void actions_count(const struct action_list *l, size_t *counts);
/* What x addresses, for people: "the whole department", or the area
 * titles and question ids in language lang ("Area: Styrning; question
 * q1_2"), translated, made visible. Caller frees. */
char *action_targets_text(const struct action *x, const struct survey *s, size_t lang);
/* The file's form of x's targets: "department" or "area:ID question:ID". */
char *action_addresses_field(const struct action *x);

/* ---- the result file ---- */

/* Appends one row per action (record "action") to t, which has a question
 * row already (result_table_set_common). */
void actions_add_rows(const struct action_list *l, struct result_table *t);
/* The actions of a table read by result_load (its parts, already checked
 * by the reader), into l (released first). */
void actions_from_table(struct action_list *l, const struct result_table *t);
/* Drops targets that s does not have (an action carried into a survey
 * without that question or area); an action left with none addresses the
 * whole department. Each drop is a line on notes (plain English, ids
 * only; may be NULL). Returns the number of targets dropped. */
struct strbuf;
size_t actions_fit_survey(struct action_list *l, const struct survey *s,
			  struct strbuf *notes);
/* For actions of a result of version old_version carried into s: points
 * each target at what continues it in s by the survey's revision mapping
 * (revision.h): a renamed question or area at its new id, a split one at
 * every part, one merged into another at that one (a target given twice
 * so is kept once). A target that nothing continues is left as it is
 * (actions_fit_survey then drops it). Each change is a line on notes
 * (plain English, ids only; may be NULL). Returns the number of targets
 * pointed elsewhere. */
size_t actions_follow_revisions(struct action_list *l, const struct survey *s,
				long old_version, struct strbuf *notes);

#endif
