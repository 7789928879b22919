/* approval: the department management's sign-off of a final result, the
 * seal that detects a later hand edit, and the history of finalising,
 * reopening, approving and of the action plan's changes
 * (enkat-results(5), The action plan, approval and history).
 *
 * The seal is the SHA-256 (nettle) of a canonical form of what was
 * approved: the file's identity, every question's state, answer, value,
 * not-applicable and comment, every action, and the approval itself. It is
 * computed from a result table, so enkat-merge checks a file with the same
 * function enkat does. No curses here. */
#ifndef ENKAT_APPROVAL_H
#define ENKAT_APPROVAL_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "actions.h"
#include "result.h"

#define APPROVAL_SEAL_VERSION "enkat-seal 1"

struct approval {
	bool present;            /* a final result approved by management */
	char *name;              /* typed: who approves ("Eva Ek") */
	char *role;              /* typed: "Förvaltningsdirektör"; "" if none */
	char *login;             /* login name of who recorded it */
	time_t at;
	char seal[65];           /* lowercase hex; "" until sealed */
};

enum history_kind {
	HISTORY_FINALISE,        /* "finalise" */
	HISTORY_REOPEN,          /* "reopen" */
	HISTORY_APPROVAL,        /* "approval": name, role */
	HISTORY_ACTION_ADDED,    /* "action-added": action_id, status */
	HISTORY_ACTION_CHANGED,  /* "action-changed": action_id, status */
	HISTORY_CARRIED,         /* "carried": action_id, from version */
	HISTORY_N_KINDS
};

struct history_event {
	enum history_kind kind;
	time_t at;
	char *login;             /* login name; owned, never NULL */
	char *name;              /* typed name ("" when none) */
	char *role;              /* approval: the role */
	char *action_id;         /* action events: which; else "" */
	enum action_status status; /* action events: the status after it */
	long version;            /* carried: the version carried from */
	char *note;              /* e.g. "the seal did not match"; "" */
};

struct history {
	struct history_event *ev; /* oldest first */
	size_t n, cap;
};

/* The file's word for a kind, and the interface's (translated). */
const char *history_kind_name(enum history_kind k);
const char *history_kind_label(enum history_kind k);
bool history_kind_parse(const char *s, enum history_kind *out);

/* The login name of this process's user (from the password database,
 * else the uid in digits); a static buffer. */
const char *approval_login(void);

/* The rule for an approver's name and role as typed: the name not empty,
 * each valid text of at most ASSESS_NAME_MAX (100) characters. False with
 * msg (256 bytes, translated). role may be NULL or "". */
bool approval_check(const char *name, const char *role, char *msg);

void approval_release(struct approval *ap); /* zeroes it */
void approval_copy(struct approval *to, const struct approval *from);
void history_add(struct history *h, enum history_kind kind, time_t at,
		 const char *login, const char *name, const char *role,
		 const char *action_id, enum action_status status, long version,
		 const char *note);
void history_release(struct history *h); /* zeroes it */
/* Drops the events after the first n (a change that could not be saved
 * takes its events back). */
void history_truncate(struct history *h, size_t n);
void history_copy(struct history *to, const struct history *from);

/* ---- the seal ---- */

/* The canonical form of t (see enkat-results(5), The seal): caller frees,
 * *len its length. */
char *approval_canonical(const struct result_table *t, size_t *len);
/* SHA-256 of approval_canonical(t), lowercase hex, into out. */
void approval_seal(const struct result_table *t, char out[65]);

enum approval_state {
	APPROVAL_NONE,    /* no approval row (a draft, or final, not approved) */
	APPROVAL_VALID,   /* approved, and the seal matches */
	APPROVAL_BROKEN,  /* approved, and the seal does not match: the file
			   * was changed after the approval */
};
/* What a table read from file says about its approval. */
enum approval_state approval_state_of(const struct result_table *t);

/* ---- the result file ---- */

/* Appends the approval row (when present) and one row per event. */
void approval_add_rows(const struct approval *ap, const struct history *h,
		       struct result_table *t);
/* The approval and history of a table read by result_load (its parts,
 * checked by the reader), into ap and h (released first). */
void approval_from_table(struct approval *ap, struct history *h,
			 const struct result_table *t);

#endif
