#include "result.h"

#include "csvfmt.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fileio.h"
#include "text.h"
#include "util.h"

const char *const result_column_names[RESULT_ALL_NCOLS] = {
	"survey_id", "survey_version", "survey_sha256", "department", "respondent",
	"status", "updated_at", "area_id", "area_title", "area_weight",
	"question_id", "question_text", "level", "answer", "value", "max_value",
	"weight", "na", "comment", "area_target", "threshold", "type", "state",
	"answer_label", "record", "action_id", "action_title", "action_description",
	"action_addresses", "action_owner", "action_due", "action_status",
	"action_case", "action_from", "changed_at", "changed_by", "person", "role",
	"event", "seal",
};

static const char *const record_names[] = {
	[RECORD_QUESTION] = "question", [RECORD_ACTION] = "action",
	[RECORD_APPROVAL] = "approval", [RECORD_EVENT] = "event",
};

const char *result_record_name(enum result_record r)
{
	return (size_t)r < sizeof record_names / sizeof record_names[0]
		? record_names[r] : "?";
}

#define NO_FIELD ((size_t)-1)

static const char *const state_names[] = {
	[STATE_ANSWERED] = "answered", [STATE_UNANSWERED] = "unanswered",
	[STATE_NA] = "na", [STATE_HIDDEN] = "hidden",
	[STATE_HIDDEN_ANSWERED] = "hidden-answered", [STATE_HIDDEN_NA] = "hidden-na",
};

const char *result_state_name(enum result_state st)
{
	return (size_t)st < sizeof state_names / sizeof state_names[0]
		? state_names[st] : "?";
}

bool result_state_is_hidden(enum result_state st)
{
	return st == STATE_HIDDEN || st == STATE_HIDDEN_ANSWERED || st == STATE_HIDDEN_NA;
}

void result_table_begin_row(struct result_table *t, long line)
{
	struct result_row *r;

	t->rows = xgrow(t->rows, &t->cap_rows, t->n_rows + 1, sizeof *t->rows);
	t->offsets = xgrow(t->offsets, &t->cap_offsets,
			   (t->n_rows + 1) * RESULT_ALL_NCOLS, sizeof *t->offsets);
	r = &t->rows[t->n_rows];
	memset(r, 0, sizeof *r);
	r->line = line;
	for (size_t c = 0; c < RESULT_ALL_NCOLS; c++)
		t->offsets[t->n_rows * RESULT_ALL_NCOLS + c] = NO_FIELD;
	t->n_rows++;
}

void result_table_set(struct result_table *t, enum result_column col,
		      const char *s, size_t len)
{
	t->arena = xgrow(t->arena, &t->arena_cap, t->arena_len + len + 1, 1);
	t->offsets[(t->n_rows - 1) * RESULT_ALL_NCOLS + col] = t->arena_len;
	memcpy(t->arena + t->arena_len, s, len);
	t->arena_len += len;
	t->arena[t->arena_len++] = '\0';
}

void result_table_set_str(struct result_table *t, enum result_column col,
			  const char *s)
{
	result_table_set(t, col, s, strlen(s));
}

void result_table_set_common(struct result_table *t)
{
	size_t now = (t->n_rows - 1) * RESULT_ALL_NCOLS;

	/* the same strings: the arena holds them once */
	for (size_t c = RC_SURVEY_ID; c <= RC_UPDATED_AT; c++)
		t->offsets[now + c] = t->offsets[c];
}

/* A row of the yearly loop, not a question: its record field says so. */
static bool is_part(const struct result_row *r)
{
	const char *rec = r->field[RC_RECORD];

	return *rec && strcmp(rec, "question") != 0;
}

void result_table_finish(struct result_table *t)
{
	static const char empty[] = "";
	size_t n_q = 0, n_p = 0;

	for (size_t i = 0; i < t->n_rows; i++)
		for (size_t c = 0; c < RESULT_ALL_NCOLS; c++) {
			size_t off = t->offsets[i * RESULT_ALL_NCOLS + c];
			t->rows[i].field[c] = off == NO_FIELD ? empty : t->arena + off;
		}
	/* the other rows apart, both in file order: rows stays what it was
	 * before the yearly loop (the questions) */
	for (size_t i = 0; i < t->n_rows; i++)
		n_p += is_part(&t->rows[i]);
	if (n_p) {
		t->parts = xcalloc(n_p, sizeof *t->parts);
		for (size_t i = 0; i < t->n_rows; i++) {
			if (is_part(&t->rows[i]))
				t->parts[t->n_parts++] = t->rows[i];
			else
				t->rows[n_q++] = t->rows[i];
		}
		t->n_rows = n_q;
	}
	free(t->offsets);
	t->offsets = NULL;
	t->cap_offsets = 0;
	t->finished = true;
}

void result_table_release(struct result_table *t)
{
	free(t->rows);
	free(t->parts);
	free(t->arena);
	free(t->offsets);
	memset(t, 0, sizeof *t);
}

bool result_column_is_text(enum result_column col)
{
	switch (col) {
	case RC_DEPARTMENT: case RC_RESPONDENT: case RC_AREA_TITLE:
	case RC_QUESTION_TEXT: case RC_ANSWER: case RC_COMMENT: case RC_ANSWER_LABEL:
	case RC_ACTION_TITLE: case RC_ACTION_DESCRIPTION: case RC_ACTION_OWNER:
	case RC_ACTION_CASE: case RC_CHANGED_BY: case RC_PERSON: case RC_ROLE:
		return true;
	default:
		return false;
	}
}

static bool formula_start(char c)
{
	return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

bool result_needs_quote_prefix(const char *s)
{
	while (*s == '\'')
		s++;
	return formula_start(*s);
}

size_t result_quote_prefix_len(const char *s)
{
	return s[0] == '\'' && result_needs_quote_prefix(s) ? 1 : 0;
}

static void put_row(struct csvfmt *c, const struct result_row *r, size_t ncols)
{
	for (size_t col = 0; col < ncols; col++) {
		if (result_column_is_text((enum result_column)col))
			csvfmt_text(c, r->field[col]);
		else
			csvfmt_raw(c, r->field[col]);
	}
	csvfmt_end_row(c);
}

char *result_format(const struct result_table *t, size_t *len)
{
	struct strbuf out = {0};
	struct csvfmt c;
	/* without rows of the yearly loop: today's columns, byte for byte */
	size_t ncols = t->n_parts ? RESULT_ALL_NCOLS : RESULT_NCOLS;

	csvfmt_begin(&c, &out, CSV_RFC4180);
	for (size_t col = 0; col < ncols; col++)
		csvfmt_raw(&c, result_column_names[col]);
	csvfmt_end_row(&c);
	for (size_t i = 0; i < t->n_rows; i++)
		put_row(&c, &t->rows[i], ncols);
	for (size_t i = 0; i < t->n_parts; i++)
		put_row(&c, &t->parts[i], ncols);
	*len = out.len;
	return strbuf_detach(&out);
}

int result_write(const char *path, const struct result_table *t, char **error)
{
	size_t len;
	char *csv = result_format(t, &len);
	/* readable by its owner only, whatever the umask */
	int rc = file_write_private(path, csv, len, 0600, error);
	int err = errno;

	free(csv);
	errno = err; /* the cause, for a caller's short message */
	return rc;
}

char *result_filename(const char *survey_id, long version, const char *department)
{
	char *id = text_slug(survey_id), *dep = text_slug(department);
	char *name = xasprintf("%s-%ld-%s.csv", id, version, dep);

	free(id);
	free(dep);
	return name;
}

char *result_format_time(char *buf, time_t t)
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return buf;
}

bool result_parse_time(const char *s, time_t *out)
{
	struct tm tm = {0};
	char check[21];
	int y, mo, d, h, mi, se;
	time_t t;

	if (strlen(s) != 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' ||
	    s[13] != ':' || s[16] != ':' || s[19] != 'Z')
		return false;
	for (int i = 0; i < 19; i++)
		if (i != 4 && i != 7 && i != 10 && i != 13 && i != 16 &&
		    !(s[i] >= '0' && s[i] <= '9'))
			return false;
	if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2dZ", &y, &mo, &d, &h, &mi, &se) != 6)
		return false;
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = se;
	t = timegm(&tm);
	/* timegm normalises 2026-02-30 into March: a round trip catches it */
	if (strcmp(result_format_time(check, t), s) != 0)
		return false;
	*out = t;
	return true;
}

bool result_parse_date(const char *s)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int y, m, d, max;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !(s[i] >= '0' && s[i] <= '9'))
			return false;
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	if (y < 1900 || m < 1 || m > 12 || d < 1)
		return false;
	max = days[m - 1];
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		max = 29;
	return d <= max;
}

size_t result_score(const struct result_table *t, struct score **areas_out,
		    const char ***area_ids, struct score *overall)
{
	struct score_item *items = xcalloc(t->n_rows ? t->n_rows : 1, sizeof *items);
	struct score_area_def *defs = NULL;
	const char **ids = NULL;
	size_t n_areas = 0, cap_defs = 0, cap_ids = 0;
	double threshold = 1;
	int max_level = 0;
	bool levels = false;

	for (size_t i = 0; i < t->n_rows; i++) {
		const struct result_row *r = &t->rows[i];
		size_t a;

		for (a = 0; a < n_areas; a++)
			if (strcmp(ids[a], r->field[RC_AREA_ID]) == 0)
				break;
		if (a == n_areas) {
			defs = xgrow(defs, &cap_defs, n_areas + 1, sizeof *defs);
			ids = xgrow(ids, &cap_ids, n_areas + 1, sizeof *ids);
			ids[a] = r->field[RC_AREA_ID];
			defs[a].weight = r->v.area_weight;
			defs[a].target = r->v.area_target;
			n_areas++;
		}
		if (r->v.has_threshold) {
			levels = true;
			threshold = r->v.threshold;
		}
		if (r->v.level > max_level)
			max_level = r->v.level;
		items[i].area = a;
		items[i].weight = r->v.weight;
		items[i].value = r->v.has_value ? r->v.value : 0;
		items[i].max_value = r->v.has_max ? r->v.max_value : 0;
		items[i].level = r->v.level;
		items[i].applicable = !r->v.na;
		items[i].answered = r->v.state == STATE_ANSWERED;
	}
	*areas_out = xcalloc(n_areas ? n_areas : 1, sizeof **areas_out);
	score_compute(items, t->n_rows, defs, n_areas, threshold,
		      levels ? max_level : 0, *areas_out, overall);
	free(items);
	free(defs);
	*area_ids = ids;
	return n_areas;
}
