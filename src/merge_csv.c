/* merge_csv: the CSV files enkat-merge writes, in two dialects: RFC 4180
 * with '.' decimals (the result-file format's own), or what a Swedish Excel
 * opens correctly by double-click: ';', decimal comma, UTF-8 with a BOM.
 * Both end records with CRLF and neutralise formula-like free text the way
 * enkat-results(5) says, so the engine's reader undoes it exactly. */
#include "merge_csv.h"
#include "merge_input.h"
#include "merge_report.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csvfmt.h"
#include "fileio.h"
#include "numfmt.h"
#include "util.h"

/* Writes the table atomically; false after adding the problem to d. */
static bool table_write(struct strbuf *sb, const char *path, struct diag *d)
{
	char *error;
	/* readable by its owner only, whatever the umask: the answers of
	 * every department are in it */
	int rc = file_write_private(path, sb->buf ? sb->buf : "", sb->len, 0600, &error);

	strbuf_free(sb);
	if (rc != 0) {
		diag_add(d, path, 0, "%s", error);
		free(error);
		return false;
	}
	return true;
}

/* ------------------------------------------------------------- matrix */

struct columns {
	const char **ids;
	size_t n, cap;
};

/* Every area id of every version, in survey order (a version's new areas
 * after those of the versions before it). */
static void area_columns(const struct merge_set *set, struct columns *cols)
{
	memset(cols, 0, sizeof *cols);
	for (size_t i = 0; i < set->n_versions; i++) {
		const struct merge_version *v = set->versions[i];
		for (size_t a = 0; a < v->n_areas; a++) {
			size_t k;
			for (k = 0; k < cols->n && strcmp(cols->ids[k], v->areas[a].id); k++)
				;
			if (k == cols->n) {
				cols->ids = xgrow(cols->ids, &cols->cap, cols->n + 1,
						  sizeof *cols->ids);
				cols->ids[cols->n++] = v->areas[a].id;
			}
		}
	}
}

static bool several_versions(const struct merge_report *r)
{
	for (size_t i = 0; i < r->n_versions; i++)
		if (r->versions[i].prev)
			return true;
	return false;
}

static void num_or_empty(struct csvfmt *c, bool has, double v, int decimals)
{
	if (has)
		csvfmt_num(c, v, decimals);
	else
		csvfmt_empty(c);
}

/* Per area (and the overall): percent, level, target, gap, answered,
 * applicable; the change since the previous version at the end. */
static const char *const matrix_suffix[] = {"", "_level", "_target", "_gap",
					    "_answered", "_applicable"};
#define MATRIX_PER_AREA (sizeof matrix_suffix / sizeof matrix_suffix[0])

static void matrix_cells(struct csvfmt *c, const struct merge_cell *cell)
{
	if (!cell) {
		for (size_t k = 0; k < MATRIX_PER_AREA; k++)
			csvfmt_empty(c);
		return;
	}
	num_or_empty(c, cell->has_percent, cell->percent, 1);
	num_or_empty(c, cell->level >= 0, cell->level, 0);
	num_or_empty(c, cell->target > 0, cell->target, 0);
	num_or_empty(c, cell->target > 0 && cell->level >= 0, cell->gap, 0);
	csvfmt_num(c, (double)cell->answered, 0);
	csvfmt_num(c, (double)cell->applicable, 0);
}

/* A result's approval, in the file's words (never translated). */
static const char *approval_word(const struct merge_unit *u)
{
	if (u->approval_state == APPROVAL_BROKEN)
		return "changed-after-approval";
	return u->approval.present ? "approved" : "not-approved";
}

bool merge_csv_matrix(const struct merge_report *r, const struct merge_options *o,
		      struct diag *d)
{
	struct csvfmt c;
	struct strbuf sb = {0};
	struct columns cols;
	bool change = several_versions(r);

	area_columns(r->set, &cols);
	csvfmt_begin(&c, &sb, o->excel ? CSV_EXCEL_SV : CSV_RFC4180);
	csvfmt_raw(&c, "survey_id");
	csvfmt_raw(&c, "survey_version");
	csvfmt_raw(&c, "department");
	for (size_t k = 0; k <= cols.n; k++)
		for (size_t m = 0; m < MATRIX_PER_AREA; m++) {
			char *h = xasprintf("%s%s", k < cols.n ? cols.ids[k] : "overall",
					    matrix_suffix[m]);
			csvfmt_raw(&c, h);
			free(h);
		}
	/* change_X, then comparable_X: 1 when the two versions' definitions
	 * agree for the figure, 0 when the change is marked not comparable */
	for (int part = 0; change && part < 2; part++)
		for (size_t k = 0; k <= cols.n; k++) {
			char *h = xasprintf("%s_%s", part ? "comparable" : "change",
					    k < cols.n ? cols.ids[k] : "overall");
			csvfmt_raw(&c, h);
			free(h);
		}
	csvfmt_raw(&c, "approval");
	csvfmt_end_row(&c);
	for (size_t i = 0; i < r->n_versions; i++) {
		const struct merge_vreport *vr = &r->versions[i];
		const struct merge_version *v = vr->v;

		for (size_t k = 0; k < vr->n_rows; k++) {
			const struct merge_row *row = &vr->rows[k];

			csvfmt_raw(&c, v->survey_id);
			csvfmt_num(&c, (double)v->version, 0);
			csvfmt_text(&c, row->unit->department);
			for (size_t col = 0; col <= cols.n; col++) {
				size_t a = col < cols.n ? merge_model_area(v, cols.ids[col])
							: v->n_areas;
				matrix_cells(&c, a != (size_t)-1 ? &row->cells[a] : NULL);
			}
			for (int part = 0; change && part < 2; part++)
				for (size_t col = 0; col <= cols.n; col++) {
					size_t a = col < cols.n ? merge_model_area(v, cols.ids[col])
								: v->n_areas;
					const struct merge_cell *cell =
						a != (size_t)-1 ? &row->cells[a] : NULL;
					bool has = cell && cell->has_change;
					num_or_empty(&c, has, !has ? 0 : part
						     ? !vr->compare.areas[a].diff : cell->change,
						     part ? 0 : 1);
				}
			csvfmt_raw(&c, approval_word(row->unit));
			csvfmt_end_row(&c);
		}
	}
	free(cols.ids);
	return table_write(&sb, o->matrix, d);
}

/* ---------------------------------------------------------- questions */

bool merge_csv_questions(const struct merge_report *r,
			 const struct merge_options *o, struct diag *d)
{
	static const char *const head[] = {
		"survey_id", "survey_version", "rank", "area_id", "area_title",
		"question_id", "question_text", "level", "max_value", "departments",
		"answered", "unanswered", "na", "mean_points", "mean_percent",
		"below_threshold", "change", "choices", "choice_labels",
		"comparable", "previous_id",
	};
	struct csvfmt c;
	struct strbuf sb = {0};
	struct strbuf ids = {0}, labels = {0};

	csvfmt_begin(&c, &sb, o->excel ? CSV_EXCEL_SV : CSV_RFC4180);
	for (size_t k = 0; k < sizeof head / sizeof head[0]; k++)
		csvfmt_raw(&c, head[k]);
	csvfmt_end_row(&c);
	for (size_t i = 0; i < r->n_versions; i++) {
		const struct merge_vreport *vr = &r->versions[i];
		const struct merge_version *v = vr->v;

		if (!vr->n_rows)
			continue;
		for (size_t k = 0; k < vr->n_questions; k++) {
			const struct merge_qstat *st = &vr->questions[k];
			const struct merge_question *q = st->q;

			csvfmt_raw(&c, v->survey_id);
			csvfmt_num(&c, (double)v->version, 0);
			csvfmt_num(&c, (double)(k + 1), 0);
			csvfmt_raw(&c, v->areas[q->area].id);
			csvfmt_text(&c, v->areas[q->area].title);
			csvfmt_raw(&c, q->id);
			csvfmt_text(&c, q->text);
			num_or_empty(&c, q->level != 0, q->level, 0);
			num_or_empty(&c, q->has_max, q->max_value, -1);
			csvfmt_num(&c, (double)st->departments, 0);
			csvfmt_num(&c, (double)st->answered, 0);
			csvfmt_num(&c, (double)st->unanswered, 0);
			csvfmt_num(&c, (double)st->na, 0);
			num_or_empty(&c, st->has_mean, st->mean_points, 2);
			num_or_empty(&c, st->has_mean, st->mean_percent, 1);
			num_or_empty(&c, st->has_below, (double)st->below, 0);
			num_or_empty(&c, st->has_change, st->change, 1);
			strbuf_reset(&ids);
			strbuf_reset(&labels);
			for (size_t j = 0; j < q->n_choices; j++) {
				size_t ch_i = st->choice_order[j];
				const struct merge_choice *ch = &q->choices[ch_i];
				strbuf_printf(&ids, "%s%s=%zu", j ? ";" : "", ch->id,
					      st->choice_count[ch_i]);
				strbuf_printf(&labels, "%s%s: %zu", j ? "; " : "",
					      *ch->label ? ch->label : ch->id,
					      st->choice_count[ch_i]);
			}
			/* option ids come from files too: neutralised like text */
			csvfmt_text(&c, ids.buf ? ids.buf : "");
			csvfmt_text(&c, labels.buf ? labels.buf : "");
			/* whether the change is comparable; the id it continues
			 * in the previous version when that is another */
			num_or_empty(&c, st->has_change,
				     st->has_change && !vr->compare.questions[st->q_index].diff, 0);
			csvfmt_text(&c, st->prev_id ? st->prev_id : "");
			csvfmt_end_row(&c);
		}
	}
	strbuf_free(&ids);
	strbuf_free(&labels);
	return table_write(&sb, o->questions, d);
}

/* ------------------------------------------------------------ actions */

/* One target kind of an action, as ids separated by spaces. */
static void targets_field(struct csvfmt *c, struct strbuf *sb, const struct action *x,
			  enum action_target_kind kind)
{
	strbuf_reset(sb);
	for (size_t t = 0; t < x->n_targets; t++)
		if (x->targets[t].kind == kind)
			strbuf_printf(sb, "%s%s", sb->len ? " " : "", x->targets[t].id);
	csvfmt_raw(c, sb->buf ? sb->buf : "");
}

/* One action's row: a department's (scope "department", with its
 * result's approval) or the city-wide plan's (scope "city"). */
static void action_row(struct csvfmt *c, struct strbuf *ids, const struct merge_version *v,
		       const char *department, const struct action *x, const char *approval,
		       const char *scope, const char *today)
{
	char tb[24];

	csvfmt_raw(c, v->survey_id);
	csvfmt_num(c, (double)v->version, 0);
	csvfmt_text(c, department);
	csvfmt_raw(c, x->id);
	csvfmt_text(c, x->title);
	csvfmt_raw(c, action_status_name(x->status));
	csvfmt_text(c, x->owner);
	csvfmt_raw(c, x->due);
	csvfmt_num(c, action_overdue(x, today), 0);
	csvfmt_text(c, x->case_number);
	targets_field(c, ids, x, ACTION_TARGET_QUESTION);
	targets_field(c, ids, x, ACTION_TARGET_AREA);
	csvfmt_text(c, x->description);
	csvfmt_text(c, x->comment);
	csvfmt_raw(c, x->changed_at ? result_format_time(tb, x->changed_at) : "");
	csvfmt_text(c, x->changed_by);
	csvfmt_raw(c, approval);
	csvfmt_raw(c, scope);
	csvfmt_end_row(c);
}

bool merge_csv_actions(const struct merge_report *r, const struct merge_options *o,
		       struct diag *d)
{
	static const char *const head[] = {
		"survey_id", "survey_version", "department", "action_id", "title",
		"status", "owner", "due", "overdue", "case_number", "questions", "areas",
		"description", "comment", "changed_at", "changed_by", "approval", "scope",
	};
	struct csvfmt c;
	struct strbuf sb = {0}, ids = {0};

	csvfmt_begin(&c, &sb, o->excel ? CSV_EXCEL_SV : CSV_RFC4180);
	for (size_t k = 0; k < sizeof head / sizeof head[0]; k++)
		csvfmt_raw(&c, head[k]);
	csvfmt_end_row(&c);
	for (size_t i = 0; i < r->n_versions; i++) {
		const struct merge_vreport *vr = &r->versions[i];

		/* the city-wide plan first, in the version it goes with (its
		 * own version is in the file it came from) */
		for (size_t a = 0; vr->plan && a < vr->plan->actions.n; a++)
			action_row(&c, &ids, vr->v, vr->plan->department,
				   &vr->plan->actions.items[a], "", "city", r->today);
		for (size_t k = 0; k < vr->n_rows; k++) {
			const struct merge_unit *u = vr->rows[k].unit;
			for (size_t a = 0; a < u->actions.n; a++)
				action_row(&c, &ids, vr->v, u->department, &u->actions.items[a],
					   approval_word(u), "department", r->today);
		}
	}
	strbuf_free(&ids);
	return table_write(&sb, o->actions, d);
}

/* ------------------------------------------------------------- output */

/* A file written as it goes, which replaces its path only on commit: the
 * engine's file_write_atomic wants the whole text at once, and all rows of
 * a region's ten years need not fit in memory. */
struct stream {
	const char *path;
	char *tmp;
	int fd;
	int error;         /* errno of the first failure */
	struct strbuf sb;
	struct csvfmt c;
};

static void stream_flush(struct stream *s)
{
	const char *p = s->sb.buf;
	size_t len = s->sb.len;

	while (len > 0 && !s->error) {
		ssize_t n = write(s->fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			s->error = n < 0 ? errno : ENOSPC;
			break;
		}
		p += n;
		len -= (size_t)n;
	}
	strbuf_reset(&s->sb);
}

static bool is_number_column(enum result_column col)
{
	switch (col) {
	case RC_SURVEY_VERSION: case RC_AREA_WEIGHT: case RC_LEVEL: case RC_VALUE:
	case RC_MAX_VALUE: case RC_WEIGHT: case RC_NA: case RC_AREA_TARGET:
	case RC_THRESHOLD:
		return true;
	default:
		return false;
	}
}

static void output_table(const struct result_table *t, size_t file, void *arg)
{
	struct stream *s = arg;
	/* every row of the result, its yearly loop's too, after a header of
	 * its own: a reader tells the results apart by the header coming
	 * again (enkat-merge(1), --output) */
	size_t ncols = t->n_parts ? RESULT_ALL_NCOLS : RESULT_NCOLS;

	(void)file;
	for (size_t col = 0; col < ncols; col++)
		csvfmt_raw(&s->c, result_column_names[col]);
	csvfmt_end_row(&s->c);
	for (size_t i = 0; i < t->n_rows + t->n_parts; i++) {
		const struct result_row *row = i < t->n_rows ? &t->rows[i]
			: &t->parts[i - t->n_rows];
		for (size_t col = 0; col < ncols; col++) {
			const char *f = row->field[col];
			if (result_column_is_text((enum result_column)col))
				csvfmt_text(&s->c, f);
			else if (is_number_column((enum result_column)col))
				csvfmt_number_text(&s->c, f);
			else
				csvfmt_raw(&s->c, f);
		}
		csvfmt_end_row(&s->c);
	}
	if (s->sb.len >= 1 << 20)
		stream_flush(s);
}

bool merge_csv_output(struct merge_set *set, const struct merge_options *o,
		      struct diag *d)
{
	struct stream s = {0};
	bool ok;

	s.path = o->output;
	s.tmp = xasprintf("%s.tmp-XXXXXX", o->output);
	s.fd = mkstemp(s.tmp);
	if (s.fd < 0) {
		diag_add(d, o->output, 0, "cannot create a temporary file: %s",
			 strerror(errno));
		free(s.tmp);
		return false;
	}
	csvfmt_begin(&s.c, &s.sb, o->excel ? CSV_EXCEL_SV : CSV_RFC4180);
	ok = merge_input_replay(set, output_table, &s);
	stream_flush(&s);
	if (!s.error && (fchmod(s.fd, 0600) != 0 || fsync(s.fd) != 0))
		s.error = errno;
	if (close(s.fd) != 0 && !s.error)
		s.error = errno;
	if (ok && !s.error && rename(s.tmp, o->output) != 0)
		s.error = errno;
	if (!ok || s.error) {
		unlink(s.tmp);
		if (s.error)
			diag_add(d, o->output, 0, "cannot write: %s", strerror(s.error));
		ok = false;
	} else {
		/* the rename is durable only once the folder is on disk */
		const char *slash = strrchr(o->output, '/');
		char *dir = slash ? xstrndup(o->output, (size_t)(slash - o->output) + (slash == o->output))
				  : xstrdup(".");
		int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (dfd >= 0) {
			fsync(dfd);
			close(dfd);
		}
		free(dir);
	}
	strbuf_free(&s.sb);
	free(s.tmp);
	return ok;
}
