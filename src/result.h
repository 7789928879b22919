/* result: the per-department result file (enkat-results(5)): an RFC 4180
 * CSV table, one row per question, written atomically and read back with
 * every row checked. A result_table owns all its strings.
 *
 * Besides its question rows a file may hold the department's yearly loop:
 * its action plan, the management's approval and the history of
 * finalising, reopening and approving (issue 9). Those are rows of the
 * same table told apart by the column `record` (empty or "question": a
 * question row; "action", "approval", "event"), with their own columns
 * after answer_label. The columns from `record` on are written only when
 * the file has such a row, so a result without them is today's format
 * byte for byte, and a reader of today's format reads it. A table keeps
 * the question rows in rows (what enkat-merge and the scores read, exactly
 * as before) and the others, checked, in parts. */
#ifndef ENKAT_RESULT_H
#define ENKAT_RESULT_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "diag.h"
#include "score.h"
#include "survey.h"

enum result_column {
	RC_SURVEY_ID, RC_SURVEY_VERSION, RC_SURVEY_SHA256, RC_DEPARTMENT,
	RC_RESPONDENT, RC_STATUS, RC_UPDATED_AT, RC_AREA_ID, RC_AREA_TITLE,
	RC_AREA_WEIGHT, RC_QUESTION_ID, RC_QUESTION_TEXT, RC_LEVEL, RC_ANSWER,
	RC_VALUE, RC_MAX_VALUE, RC_WEIGHT, RC_NA, RC_COMMENT,
	/* after the columns every result file must have, in this order: */
	RC_AREA_TARGET, RC_THRESHOLD, RC_TYPE, RC_STATE, RC_ANSWER_LABEL,
	/* the yearly loop's columns (enkat-results(5), The action plan,
	 * approval and history); written only with such rows */
	RC_RECORD,              /* "", question, action, approval, event */
	RC_ACTION_ID,           /* action; event about an action */
	RC_ACTION_TITLE, RC_ACTION_DESCRIPTION,
	RC_ACTION_ADDRESSES,    /* "department" or area:ID / question:ID ... */
	RC_ACTION_OWNER,
	RC_ACTION_DUE,          /* YYYY-MM-DD or "" */
	RC_ACTION_STATUS,       /* planned, ongoing, done, cancelled */
	RC_ACTION_CASE,         /* case number, free text */
	RC_ACTION_FROM,         /* survey version the action was made in;
				 * event "carried": the version carried from */
	RC_CHANGED_AT,          /* UTC time: last change, approval, event */
	RC_CHANGED_BY,          /* login name */
	RC_PERSON,              /* typed name (approver, or who) */
	RC_ROLE,                /* approver's role */
	RC_EVENT,               /* finalise, reopen, approval, action-added,
				 * action-changed, carried */
	RC_SEAL,                /* approval: SHA-256, 64 lowercase hex */
	RESULT_ALL_NCOLS
};
#define RESULT_REQUIRED_COLS (RC_COMMENT + 1)
/* The columns of a question row: today's format, and all of a file
 * without action, approval or event rows (what enkat-merge --output
 * writes). RESULT_ALL_NCOLS adds the yearly loop's. */
#define RESULT_NCOLS (RC_ANSWER_LABEL + 1)

/* What a row of a result file is (column record). */
enum result_record {
	RECORD_QUESTION,  /* "" or "question" */
	RECORD_ACTION,
	RECORD_APPROVAL,
	RECORD_EVENT,
};
/* "question", "action", "approval", "event" */
const char *result_record_name(enum result_record r);

/* Header names, by column. */
extern const char *const result_column_names[RESULT_ALL_NCOLS];

/* A row's state (enkat-results(5), States). Skip logic hides a question;
 * the answer it had is kept in the row (HIDDEN_ANSWERED, HIDDEN_NA) so that
 * it comes back when the question is shown again, but every hidden row
 * counts as not applicable (na 1, no value), whatever it keeps. */
enum result_state {
	STATE_ANSWERED, STATE_UNANSWERED, STATE_NA,
	STATE_HIDDEN,          /* hidden, nothing kept */
	STATE_HIDDEN_ANSWERED, /* hidden, its answer kept in answer/answer_label */
	STATE_HIDDEN_NA,       /* hidden, marked not applicable before */
};
/* "answered", "unanswered", "na", "hidden", "hidden-answered", "hidden-na" */
const char *result_state_name(enum result_state st);
bool result_state_is_hidden(enum result_state st);

/* A row's fields as checked and converted by the reader. */
struct result_values {
	long version;
	double area_weight;
	int level;          /* 0: none */
	bool has_value, has_max;
	double value, max_value;
	double weight;
	bool na;
	int area_target;    /* 0: none */
	bool has_threshold;
	double threshold;
	enum question_type type;
	enum result_state state;
	bool final;
	time_t updated_at;
	/* the yearly loop's rows (parts): */
	enum result_record record;
	time_t changed_at;  /* 0 when the field is empty */
};

struct result_row {
	const char *field[RESULT_ALL_NCOLS]; /* never NULL; "" when empty */
	long line;                       /* first line of the row in its file */
	struct result_values v;          /* filled by the reader */
};

struct result_table {
	struct result_row *rows;   /* question rows only, in file order */
	size_t n_rows, cap_rows;
	/* action, approval and event rows, in file order (set apart by
	 * result_table_finish; result_format writes them after the
	 * questions). Read with actions_from_table and approval_from_table
	 * (actions.h, approval.h). */
	struct result_row *parts;
	size_t n_parts;
	/* the strings, one after another; rows point into it once finished */
	char *arena;
	size_t arena_len, arena_cap;
	size_t *offsets;    /* n_rows * RESULT_ALL_NCOLS, until finished */
	size_t cap_offsets;
	bool finished;
};

/* Building a table: begin a row, set any of its fields (unset ones stay
 * ""; a field set twice keeps the last value), and finish once after the
 * last row. Rows are usable only after result_table_finish. */
void result_table_begin_row(struct result_table *t, long line);
void result_table_set(struct result_table *t, enum result_column col,
		      const char *s, size_t len);
void result_table_set_str(struct result_table *t, enum result_column col,
			  const char *s);
void result_table_finish(struct result_table *t);
/* Sets the current row's columns survey_id .. updated_at to those of the
 * first row begun (a row of the yearly loop carries them like every
 * question row, so that one file stays one assessment). Before
 * result_table_finish; the first row must be a question row. */
void result_table_set_common(struct result_table *t);
/* Frees what the table owns (not the struct itself); zeroes it. */
void result_table_release(struct result_table *t);

/* The CSV text of t (header, then its rows; CRLF line ends, fields quoted
 * where needed, formula-like free text neutralised). Caller frees. */
char *result_format(const struct result_table *t, size_t *len);
/* result_format written atomically to path. 0, or -1 with *error and
 * errno set to the cause. */
int result_write(const char *path, const struct result_table *t, char **error);

/* Reads and checks a result file: every problem is added to d as
 * FILE:LINE: message and the result is NULL when there was any. Otherwise
 * the table (free with result_table_release and free()). */
struct result_table *result_load(const char *path, struct diag *d);
struct result_table *result_load_buffer(const char *name, const char *data,
					size_t len, struct diag *d);

/* "<survey id>-<version>-<department slug>.csv": no '/', no "..", no
 * control characters, å ä ö folded to ASCII. Caller frees. */
char *result_filename(const char *survey_id, long version, const char *department);

/* ISO 8601 UTC ("2026-11-20T14:03:11Z"), to buf of at least 21 bytes. */
char *result_format_time(char *buf, time_t t);
bool result_parse_time(const char *s, time_t *out);
/* A calendar date "YYYY-MM-DD" that exists (2026-02-30 does not; years
 * 1900-9999). */
bool result_parse_date(const char *s);

/* Scores recomputed from the rows alone. Areas are numbered in order of
 * first appearance; area_ids[i] points into t. *areas and *area_ids are
 * allocated (caller frees both); returns the number of areas. */
size_t result_score(const struct result_table *t, struct score **areas,
		    const char ***area_ids, struct score *overall);

/* Formula neutralising of free text, reversible: a field that a spreadsheet
 * would run as a formula (first character after any apostrophes one of
 * = + - @ TAB CR) is written with one more leading apostrophe, and reading
 * drops exactly that one. */
bool result_column_is_text(enum result_column col);
bool result_needs_quote_prefix(const char *s);
/* On reading: how many leading bytes to drop from s (0 or 1). */
size_t result_quote_prefix_len(const char *s);

#endif
