/* Reading a result file: libcsv does the RFC 4180 parsing (strict, no
 * trimming); this file counts lines, since libcsv reports none, and checks
 * every field of every row. */
#include "result.h"

#include <csv.h>
#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "approval.h"
#include "csvfmt.h"
#include "fileio.h"
#include "numfmt.h"
#include "text.h"
#include "util.h"

/* A result file holds one department's answers: tens of KiB. */
#define RESULT_MAX_BYTES (64u << 20)
#define MAX_HEADER_FIELDS 256
/* As in a survey (survey_load.c): with more, finding each row's area, and
 * scoring area by area, would cost rows x areas. */
#define RESULT_MAX_AREAS 1000

struct reader {
	const char *file;
	struct diag *d;
	struct result_table *t;
	long line;            /* line being fed to libcsv */
	long row_line;        /* first line of the current row */
	bool at_row_start;
	bool in_header;
	int map[MAX_HEADER_FIELDS]; /* header position -> column, -1: ignored */
	size_t n_header;
	size_t field;         /* position in the current row */
	bool row_open;
	char decimal;         /* ',' in the Excel dialect */
	size_t errors;
};

#define PROBLEM(r, line, ...) \
	((r)->errors++, diag_add((r)->d, (r)->file, (line), __VA_ARGS__))

static int never_space(unsigned char c)
{
	(void)c;
	return 0; /* spaces around fields are data, not padding */
}

static void on_field(void *data, size_t len, void *user)
{
	struct reader *r = user;
	const char *s = data ? data : "";

	if (r->in_header) {
		if (r->n_header < MAX_HEADER_FIELDS) {
			int col = -1;
			for (int c = 0; c < RESULT_ALL_NCOLS; c++)
				if (strlen(result_column_names[c]) == len &&
				    memcmp(result_column_names[c], s, len) == 0)
					col = c;
			r->map[r->n_header] = col;
		}
		r->n_header++;
		return;
	}
	if (!r->row_open) {
		result_table_begin_row(r->t, r->row_line);
		r->row_open = true;
	}
	if (r->field < r->n_header && r->field < MAX_HEADER_FIELDS &&
	    r->map[r->field] >= 0)
		result_table_set(r->t, (enum result_column)r->map[r->field], s, len);
	r->field++;
}

static bool check_header(struct reader *r)
{
	bool seen[RESULT_ALL_NCOLS] = {false};

	if (r->n_header > MAX_HEADER_FIELDS) {
		PROBLEM(r, 1, "the header has more than %d columns", MAX_HEADER_FIELDS);
		return false;
	}
	for (size_t i = 0; i < r->n_header; i++) {
		int c = r->map[i];
		if (c < 0)
			continue;
		if (seen[c]) {
			PROBLEM(r, 1, "column '%s' appears twice in the header",
				result_column_names[c]);
			return false;
		}
		seen[c] = true;
	}
	for (int c = 0; c < RESULT_REQUIRED_COLS; c++)
		if ((size_t)c >= r->n_header || r->map[c] != c) {
			PROBLEM(r, 1, "the header must begin with the columns %s,%s,...,"
				"comment in order; column %d should be '%s'",
				result_column_names[0], result_column_names[1], c + 1,
				result_column_names[c]);
			return false;
		}
	return true;
}

static void on_row_end(int c, void *user)
{
	struct reader *r = user;

	(void)c;
	r->at_row_start = true;
	if (r->in_header) {
		r->in_header = false;
		check_header(r); /* counts an error, which stops the reading */
		return;
	}
	if (r->field != r->n_header)
		PROBLEM(r, r->row_line, "the row has %zu fields; the header has %zu",
			r->field, r->n_header);
	r->field = 0;
	r->row_open = false;
}

/* A number in a file: C-locale decimals, or decimal commas in the
 * semicolon (Excel) dialect. */
static bool file_number(const struct reader *r, const char *s, double *out)
{
	char buf[64];
	size_t n = strlen(s);

	if (r->decimal != ',' || !strchr(s, ','))
		return num_parse(s, out);
	if (n >= sizeof buf)
		return false;
	for (size_t i = 0; i <= n; i++)
		buf[i] = s[i] == ',' ? '.' : s[i];
	return num_parse(buf, out);
}

/* The semicolon dialect's decimal commas become the points of
 * enkat-results(5) in the table itself, so that a table reads the same
 * whichever dialect it came from and result_format writes a valid file. A
 * field with more than one comma is left as it is, to be reported. */
static void decimal_points(struct result_row *row)
{
	static const enum result_column cols[] = {
		RC_AREA_WEIGHT, RC_VALUE, RC_MAX_VALUE, RC_WEIGHT, RC_THRESHOLD,
		RC_ANSWER,
	};

	for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++) {
		/* the fields point into the table's own arena */
		char *comma = strchr((char *)row->field[cols[i]], ',');

		if (cols[i] == RC_ANSWER && strcmp(row->field[RC_TYPE], "number") != 0)
			continue;
		if (comma && !strchr(comma + 1, ','))
			*comma = '.';
	}
}

/* One file is one department's one assessment: row's columns survey_id
 * .. updated_at (and threshold, up to last) are the first row's. */
static void check_same(struct reader *r, const struct result_row *row,
		       const struct result_row *first, enum result_column last)
{
	static const enum result_column same[] = {
		RC_SURVEY_ID, RC_SURVEY_VERSION, RC_SURVEY_SHA256, RC_DEPARTMENT,
		RC_RESPONDENT, RC_STATUS, RC_UPDATED_AT, RC_THRESHOLD,
	};
	const char *const *f = row->field;

	for (size_t i = 0; i < sizeof same / sizeof same[0] && same[i] <= last; i++)
		if (strcmp(f[same[i]], first->field[same[i]]) != 0)
			PROBLEM(r, row->line, "%s '%s' differs from the first row's '%s' "
				"(line %ld): a result file holds one assessment",
				result_column_names[same[i]], f[same[i]],
				first->field[same[i]], first->line);
}

static void check_row(struct reader *r, struct result_row *row,
		      const struct result_row *first)
{
	struct result_values *v = &row->v;
	const char *const *f = row->field;
	long line = row->line;
	long n;

	if (r->decimal == ',')
		decimal_points(row);
#define BAD(col, what) PROBLEM(r, line, "%s: '%s' %s", result_column_names[col], \
			       f[col], what)
	if (!text_is_id(f[RC_SURVEY_ID], SURVEY_ID_MAX))
		BAD(RC_SURVEY_ID, "is not a survey id");
	if (num_parse_int(f[RC_SURVEY_VERSION], 1, 999999, &n))
		v->version = n;
	else
		BAD(RC_SURVEY_VERSION, "is not a version (a whole number)");
	if (strlen(f[RC_SURVEY_SHA256]) != 64 ||
	    strspn(f[RC_SURVEY_SHA256], "0123456789abcdef") != 64)
		BAD(RC_SURVEY_SHA256, "is not a SHA-256 (64 lowercase hex digits)");
	if (!*f[RC_DEPARTMENT])
		PROBLEM(r, line, "department is empty");
	if (strcmp(f[RC_STATUS], "final") == 0)
		v->final = true;
	else if (strcmp(f[RC_STATUS], "draft") != 0)
		BAD(RC_STATUS, "is neither draft nor final");
	/* every row carries the first row's time (checked below): parse once */
	if (first && strcmp(f[RC_UPDATED_AT], first->field[RC_UPDATED_AT]) == 0)
		v->updated_at = first->v.updated_at;
	else if (!result_parse_time(f[RC_UPDATED_AT], &v->updated_at))
		BAD(RC_UPDATED_AT, "is not a UTC time like 2026-11-20T14:03:11Z");
	if (!text_is_id(f[RC_AREA_ID], SURVEY_ID_MAX))
		BAD(RC_AREA_ID, "is not an area id");
	if (!file_number(r, f[RC_AREA_WEIGHT], &v->area_weight) || !(v->area_weight > 0))
		BAD(RC_AREA_WEIGHT, "is not a number above 0");
	if (!text_is_id(f[RC_QUESTION_ID], SURVEY_ID_MAX))
		BAD(RC_QUESTION_ID, "is not a question id");
	if (*f[RC_LEVEL]) {
		if (num_parse_int(f[RC_LEVEL], 1, SURVEY_MAX_LEVELS, &n))
			v->level = (int)n;
		else
			BAD(RC_LEVEL, "is not a level from 1 to 9");
	}
	if ((v->has_max = *f[RC_MAX_VALUE] != '\0') &&
	    (!file_number(r, f[RC_MAX_VALUE], &v->max_value) || !(v->max_value > 0))) {
		BAD(RC_MAX_VALUE, "is not a number above 0");
		v->has_max = false;
	}
	if ((v->has_value = *f[RC_VALUE] != '\0')) {
		if (!file_number(r, f[RC_VALUE], &v->value) || v->value < 0) {
			BAD(RC_VALUE, "is not a number of points (0 or more)");
			v->has_value = false;
		} else if (!v->has_max) {
			PROBLEM(r, line, "value is given but max_value is empty");
		} else if (v->value > v->max_value + 1e-9) {
			PROBLEM(r, line, "value %s is more than max_value %s",
				f[RC_VALUE], f[RC_MAX_VALUE]);
		}
	}
	if (!file_number(r, f[RC_WEIGHT], &v->weight) || !(v->weight > 0))
		BAD(RC_WEIGHT, "is not a number above 0");
	/* as in a survey file: beyond 1e15, the sums of scoring overflow to
	 * inf and the scores become NaN */
	if (v->area_weight > 1e15)
		BAD(RC_AREA_WEIGHT, "is out of range (at most 1e15)");
	if (v->has_max && v->max_value > 1e15)
		BAD(RC_MAX_VALUE, "is out of range (at most 1e15)");
	if (v->weight > 1e15)
		BAD(RC_WEIGHT, "is out of range (at most 1e15)");
	if (strcmp(f[RC_NA], "1") == 0)
		v->na = true;
	else if (strcmp(f[RC_NA], "0") != 0)
		BAD(RC_NA, "is neither 0 nor 1");
	if (v->na && v->has_value)
		PROBLEM(r, line, "a not-applicable question has a value");
	if (*f[RC_AREA_TARGET]) {
		if (num_parse_int(f[RC_AREA_TARGET], 1, SURVEY_MAX_LEVELS, &n))
			v->area_target = (int)n;
		else
			BAD(RC_AREA_TARGET, "is not a level from 1 to 9");
	}
	if ((v->has_threshold = *f[RC_THRESHOLD] != '\0') &&
	    (!file_number(r, f[RC_THRESHOLD], &v->threshold) ||
	     !(v->threshold > 0 && v->threshold <= 1)))
		BAD(RC_THRESHOLD, "is not a number above 0 and at most 1");
	if (*f[RC_TYPE] && !question_type_parse(f[RC_TYPE], &v->type))
		BAD(RC_TYPE, "is not a question type");
	if (!*f[RC_STATE]) { /* a minimal file: infer it */
		v->state = v->na ? STATE_NA
			: (*f[RC_ANSWER] || v->has_value) ? STATE_ANSWERED : STATE_UNANSWERED;
	} else {
		size_t s;
		for (s = 0; s <= STATE_HIDDEN_NA &&
			    strcmp(result_state_name((enum result_state)s), f[RC_STATE]) != 0; s++)
			;
		if (s > STATE_HIDDEN_NA)
			BAD(RC_STATE, "is not answered, unanswered, na, hidden, "
			    "hidden-answered or hidden-na");
		else
			v->state = (enum result_state)s;
		if (s <= STATE_HIDDEN_NA &&
		    v->na != (v->state == STATE_NA || result_state_is_hidden(v->state)))
			PROBLEM(r, line, "state %s does not agree with na %s",
				f[RC_STATE], f[RC_NA]);
	}
	/* only an answered row, or a hidden one that keeps its answer, has
	 * an answer; a hidden row has no value (its na is 1), so what it
	 * keeps counts nowhere */
	if (v->state == STATE_UNANSWERED && (v->has_value || *f[RC_ANSWER]))
		PROBLEM(r, line, "an unanswered question has an answer or a value");
	else if (v->state != STATE_ANSWERED && v->state != STATE_HIDDEN_ANSWERED &&
		 (*f[RC_ANSWER] || *f[RC_ANSWER_LABEL]))
		PROBLEM(r, line, "a question in state %s has an answer%s",
			result_state_name(v->state), v->state == STATE_HIDDEN
			? " (a hidden question that keeps its answer is in state "
			  "hidden-answered)" : "");
	if (v->state == STATE_ANSWERED && v->has_max && !v->has_value)
		PROBLEM(r, line, "an answered scored question has no value");

	if (first)
		check_same(r, row, first, RC_THRESHOLD);
#undef BAD
}

/* Sorts row pointers; no state outside the arguments, since enkat-merge
 * reads files on several threads. */
static int by_question_then_line(const void *a, const void *b)
{
	const struct result_row *x = *(const struct result_row *const *)a;
	const struct result_row *y = *(const struct result_row *const *)b;
	int d = strcmp(x->field[RC_QUESTION_ID], y->field[RC_QUESTION_ID]);

	return d ? d : (x->line > y->line) - (x->line < y->line);
}

/* Each question once: sorted ids side by side, O(n log n) rather than
 * every row against every earlier one. */
static void check_duplicates(struct reader *r)
{
	struct result_table *t = r->t;
	const struct result_row **rows = xcalloc(t->n_rows, sizeof *rows);

	for (size_t i = 0; i < t->n_rows; i++)
		rows[i] = &t->rows[i];
	qsort(rows, t->n_rows, sizeof *rows, by_question_then_line);
	for (size_t i = 1; i < t->n_rows; i++)
		if (strcmp(rows[i - 1]->field[RC_QUESTION_ID], rows[i]->field[RC_QUESTION_ID]) == 0)
			PROBLEM(r, rows[i]->line, "question '%s' appears again (first at line %ld)",
				rows[i]->field[RC_QUESTION_ID], rows[i - 1]->line);
	free(rows);
}

static void check_rows(struct reader *r)
{
	struct result_table *t = r->t;
	const struct result_row **areas = NULL; /* the first row of each area */
	size_t n_areas = 0, cap_areas = 0;
	bool too_many = false;

	for (size_t i = 0; i < t->n_rows; i++) {
		struct result_row *row = &t->rows[i];
		size_t a;

		for (size_t c = 0; c < RESULT_ALL_NCOLS; c++)
			if (result_column_is_text((enum result_column)c))
				row->field[c] += result_quote_prefix_len(row->field[c]);
		check_row(r, row, i ? &t->rows[0] : NULL);
		for (a = 0; a < n_areas; a++)
			if (strcmp(areas[a]->field[RC_AREA_ID], row->field[RC_AREA_ID]) == 0)
				break;
		if (a == n_areas && n_areas == RESULT_MAX_AREAS) {
			if (!too_many)
				PROBLEM(r, row->line, "more than %d areas: a result has at "
					"most %d, as a survey does", RESULT_MAX_AREAS,
					RESULT_MAX_AREAS);
			too_many = true;
		} else if (a == n_areas) {
			areas = xgrow(areas, &cap_areas, n_areas + 1, sizeof *areas);
			areas[n_areas++] = row;
		} else if (strcmp(areas[a]->field[RC_AREA_WEIGHT], row->field[RC_AREA_WEIGHT]) ||
			   strcmp(areas[a]->field[RC_AREA_TARGET], row->field[RC_AREA_TARGET]) ||
			   strcmp(areas[a]->field[RC_AREA_TITLE], row->field[RC_AREA_TITLE])) {
			PROBLEM(r, row->line, "area '%s' has another title, weight or target "
				"than at line %ld", row->field[RC_AREA_ID], areas[a]->line);
		}
	}
	free(areas);
	check_duplicates(r);
}

/* The yearly loop's time columns: a UTC time, or (where allowed) empty. */
static void part_time(struct reader *r, struct result_row *row, bool required)
{
	const char *f = row->field[RC_CHANGED_AT];

	if (!*f && !required)
		return;
	if (!result_parse_time(f, &row->v.changed_at))
		PROBLEM(r, row->line, "changed_at: '%s' is not a UTC time like "
			"2026-11-20T14:03:11Z", f);
}

static bool known_id(const struct result_table *t, enum result_column col,
		     const char *id, size_t len)
{
	for (size_t i = 0; i < t->n_rows; i++)
		if (strlen(t->rows[i].field[col]) == len &&
		    memcmp(t->rows[i].field[col], id, len) == 0)
			return true;
	return false;
}

/* "department", or area:ID and question:ID separated by spaces, each id
 * one of the file's question rows. */
static void check_addresses(struct reader *r, const struct result_row *row)
{
	const char *p = row->field[RC_ACTION_ADDRESSES];

	if (strcmp(p, "department") == 0)
		return;
	if (!*p) {
		PROBLEM(r, row->line, "action_addresses is empty (the whole department "
			"is 'department')");
		return;
	}
	while (*p) {
		size_t n = strcspn(p, " ");
		enum result_column col = RC_AREA_ID;
		size_t pre = 0;

		if (n > 5 && memcmp(p, "area:", 5) == 0)
			pre = 5;
		else if (n > 9 && memcmp(p, "question:", 9) == 0)
			pre = 9, col = RC_QUESTION_ID;
		if (!pre)
			PROBLEM(r, row->line, "action_addresses: '%.*s' is neither area:ID "
				"nor question:ID", (int)n, p);
		else if (!known_id(r->t, col, p + pre, n - pre))
			PROBLEM(r, row->line, "action_addresses: %s '%.*s' is not in this "
				"file", col == RC_AREA_ID ? "area" : "question",
				(int)(n - pre), p + pre);
		p += n;
		while (*p == ' ')
			p++;
	}
}

static void check_action(struct reader *r, struct result_row *row, size_t index)
{
	const char *const *f = row->field;
	enum action_status st;
	long n;

	if (!text_is_id(f[RC_ACTION_ID], ACTION_ID_MAX))
		PROBLEM(r, row->line, "action_id: '%s' is not an id", f[RC_ACTION_ID]);
	for (size_t i = 0; i < index; i++)
		if (r->t->parts[i].v.record == RECORD_ACTION &&
		    strcmp(r->t->parts[i].field[RC_ACTION_ID], f[RC_ACTION_ID]) == 0)
			PROBLEM(r, row->line, "action '%s' appears again (first at line %ld)",
				f[RC_ACTION_ID], r->t->parts[i].line);
	if (!*f[RC_ACTION_TITLE])
		PROBLEM(r, row->line, "action '%s' has no title", f[RC_ACTION_ID]);
	if (!action_status_from_name(f[RC_ACTION_STATUS], &st))
		PROBLEM(r, row->line, "action_status: '%s' is not planned, ongoing, done "
			"or cancelled", f[RC_ACTION_STATUS]);
	if (*f[RC_ACTION_DUE] && !result_parse_date(f[RC_ACTION_DUE]))
		PROBLEM(r, row->line, "action_due: '%s' is not a date like 2026-12-31",
			f[RC_ACTION_DUE]);
	if (*f[RC_ACTION_FROM] && !num_parse_int(f[RC_ACTION_FROM], 1, 999999, &n))
		PROBLEM(r, row->line, "action_from: '%s' is not a version",
			f[RC_ACTION_FROM]);
	check_addresses(r, row);
	part_time(r, row, false);
}

static void check_part(struct reader *r, struct result_row *row, size_t index,
		       size_t *approvals)
{
	const char *const *f = row->field;
	const char *rec = f[RC_RECORD];
	enum history_kind kind;
	long n;

	for (size_t c = 0; c < RESULT_ALL_NCOLS; c++)
		if (result_column_is_text((enum result_column)c))
			row->field[c] += result_quote_prefix_len(row->field[c]);
	check_same(r, row, &r->t->rows[0], RC_UPDATED_AT);
	row->v.final = r->t->rows[0].v.final;
	row->v.updated_at = r->t->rows[0].v.updated_at;
	if (strcmp(rec, "action") == 0) {
		row->v.record = RECORD_ACTION;
		check_action(r, row, index);
	} else if (strcmp(rec, "approval") == 0) {
		row->v.record = RECORD_APPROVAL;
		if (++*approvals == 2)
			PROBLEM(r, row->line, "a second approval: a result has at most one "
				"(earlier ones are events)");
		if (!row->v.final)
			PROBLEM(r, row->line, "an approval in a draft: only a final result "
				"is approved");
		if (!*f[RC_PERSON])
			PROBLEM(r, row->line, "the approval names no person");
		if (strlen(f[RC_SEAL]) != 64 || strspn(f[RC_SEAL], "0123456789abcdef") != 64)
			PROBLEM(r, row->line, "seal: '%s' is not a SHA-256 (64 lowercase hex "
				"digits)", f[RC_SEAL]);
		part_time(r, row, true);
	} else if (strcmp(rec, "event") == 0) {
		row->v.record = RECORD_EVENT;
		if (!history_kind_parse(f[RC_EVENT], &kind))
			PROBLEM(r, row->line, "event: '%s' is not finalise, reopen, approval, "
				"action-added, action-changed or carried", f[RC_EVENT]);
		else if ((kind == HISTORY_ACTION_ADDED || kind == HISTORY_ACTION_CHANGED ||
			  kind == HISTORY_CARRIED) && !text_is_id(f[RC_ACTION_ID], ACTION_ID_MAX))
			PROBLEM(r, row->line, "event %s: action_id '%s' is not an id",
				f[RC_EVENT], f[RC_ACTION_ID]);
		if (*f[RC_ACTION_STATUS] && !action_status_from_name(f[RC_ACTION_STATUS], NULL))
			PROBLEM(r, row->line, "action_status: '%s' is not planned, ongoing, "
				"done or cancelled", f[RC_ACTION_STATUS]);
		if (*f[RC_ACTION_FROM] && !num_parse_int(f[RC_ACTION_FROM], 1, 999999, &n))
			PROBLEM(r, row->line, "action_from: '%s' is not a version",
				f[RC_ACTION_FROM]);
		part_time(r, row, true);
	} else {
		PROBLEM(r, row->line, "record: '%s' is not question, action, approval or "
			"event", rec);
	}
}

static void check_parts(struct reader *r)
{
	size_t approvals = 0;

	for (size_t i = 0; i < r->t->n_parts; i++)
		check_part(r, &r->t->parts[i], i, &approvals);
}

struct result_table *result_load_buffer(const char *name, const char *data,
					size_t len, struct diag *d)
{
	struct reader r = {0};
	struct csv_parser p;
	size_t pos = 0, bad;

	r.file = name;
	r.d = d;
	r.t = xcalloc(1, sizeof *r.t);
	r.in_header = true;
	r.at_row_start = true;
	r.decimal = '.';
	if (csvfmt_bom_len(data, len)) {
		data += 3; /* libcsv would make it part of the first field */
		len -= 3;
	}
	if (len == 0) {
		PROBLEM(&r, 1, "empty file: no result here");
		goto out;
	}
	if (memchr(data, '\0', len)) {
		long line = 1;
		for (const char *q = data; *q; q++)
			line += *q == '\n';
		PROBLEM(&r, line, "NUL byte: this is a binary file, not a result file");
		goto out;
	}
	if ((bad = utf8_invalid_at(data, len)) < len) {
		long line = 1;
		for (size_t i = 0; i < bad; i++)
			line += data[i] == '\n';
		PROBLEM(&r, line, "invalid UTF-8 (save the file as UTF-8; it may be "
			"Latin-1 or Windows-1252)");
		goto out;
	}
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		fatal("out of memory");
	csv_set_space_func(&p, never_space);
	if (len > 10 && memcmp(data, "survey_id;", 10) == 0) {
		csv_set_delim(&p, ';'); /* what a Swedish spreadsheet saves */
		r.decimal = ',';
	}
	while (pos < len && r.errors == 0) {
		const char *nl = memchr(data + pos, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - (data + pos)) + 1 : len - pos;

		r.line++;
		if (r.at_row_start && !(n == 1 || (n == 2 && data[pos] == '\r'))) {
			r.row_line = r.line;
			r.at_row_start = false;
		}
		if (csv_parse(&p, data + pos, n, on_field, on_row_end, &r) != n) {
			PROBLEM(&r, r.line, "%s (a quote inside an unquoted field, or "
				"text after a closing quote)", csv_strerror(csv_error(&p)));
			break;
		}
		pos += n;
	}
	if (r.errors == 0 && csv_fini(&p, on_field, on_row_end, &r) != 0)
		PROBLEM(&r, r.row_line, "a quoted field is never closed");
	csv_free(&p);
	if (r.errors == 0 && r.in_header)
		PROBLEM(&r, 1, "no header row");
	if (r.errors == 0 && r.t->n_rows == 0)
		PROBLEM(&r, 1, "no rows after the header");
	result_table_finish(r.t);
	if (r.errors == 0 && r.t->n_rows == 0)
		PROBLEM(&r, 1, "no question rows: only action, approval or event rows");
	if (r.errors == 0)
		check_rows(&r);
	if (r.errors == 0)
		check_parts(&r);
out:
	if (r.errors) {
		result_table_release(r.t);
		free(r.t);
		return NULL;
	}
	return r.t;
}

struct result_table *result_load(const char *path, struct diag *d)
{
	struct result_table *t;
	char *data, *error;
	size_t len;

	if (file_read_all(path, RESULT_MAX_BYTES, &data, &len, &error) != 0) {
		diag_add(d, path, 0, "%s", error);
		free(error);
		return NULL;
	}
	t = result_load_buffer(path, data, len, d);
	free(data);
	return t;
}
