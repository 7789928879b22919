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

#include "fileio.h"
#include "numfmt.h"
#include "util.h"

void merge_csv_init(struct merge_csv *c, bool excel)
{
	memset(c, 0, sizeof *c);
	c->excel = excel;
	if (excel)
		strbuf_puts(&c->sb, "\xEF\xBB\xBF");
}

static void field_start(struct merge_csv *c)
{
	if (c->row_open)
		strbuf_putc(&c->sb, c->excel ? ';' : ',');
	c->row_open = true;
}

/* Quoted when the field holds a separator of either dialect, a quote or a
 * line break, or begins or ends with a space: the same rule as the
 * engine's writer, so a result written here is byte for byte what enkat
 * itself writes. */
static void put_quoted(struct strbuf *sb, const char *prefix, const char *s)
{
	size_t len = strlen(s);
	bool quote = len > 0 && (s[0] == ' ' || s[len - 1] == ' ');

	if (!quote)
		quote = strpbrk(s, ",;\"\r\n") != NULL;
	if (!quote) {
		strbuf_puts(sb, prefix);
		strbuf_add(sb, s, len);
		return;
	}
	strbuf_putc(sb, '"');
	strbuf_puts(sb, prefix);
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			strbuf_putc(sb, '"');
		strbuf_putc(sb, *p);
	}
	strbuf_putc(sb, '"');
}

void merge_csv_text(struct merge_csv *c, const char *s)
{
	field_start(c);
	put_quoted(&c->sb, result_needs_quote_prefix(s) ? "'" : "", s);
}

void merge_csv_raw(struct merge_csv *c, const char *s)
{
	field_start(c);
	put_quoted(&c->sb, "", s);
}

/* A number from a file, in this dialect's decimal separator: only the
 * separator changes, so every digit is kept. */
static void put_file_number(struct merge_csv *c, const char *s)
{
	field_start(c);
	for (; *s; s++)
		strbuf_putc(&c->sb, *s == ',' || *s == '.' ? (c->excel ? ',' : '.') : *s);
}

void merge_csv_num(struct merge_csv *c, double v, int decimals)
{
	char buf[NUMFMT_SIZE];

	if (decimals < 0)
		num_format(buf, v);
	else
		num_format_fixed(buf, v, decimals);
	put_file_number(c, buf);
}

void merge_csv_empty(struct merge_csv *c)
{
	field_start(c);
}

void merge_csv_end_row(struct merge_csv *c)
{
	strbuf_puts(&c->sb, "\r\n");
	c->row_open = false;
}

bool merge_csv_write(struct merge_csv *c, const char *path, struct diag *d)
{
	char *error;
	/* readable by its owner only, whatever the umask: the answers of
	 * every department are in it */
	int rc = file_write_private(path, c->sb.buf ? c->sb.buf : "", c->sb.len, 0600,
				    &error);

	strbuf_free(&c->sb);
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

static void num_or_empty(struct merge_csv *c, bool has, double v, int decimals)
{
	if (has)
		merge_csv_num(c, v, decimals);
	else
		merge_csv_empty(c);
}

/* Per area (and the overall): percent, level, target, gap, answered,
 * applicable; the change since the previous version at the end. */
static const char *const matrix_suffix[] = {"", "_level", "_target", "_gap",
					    "_answered", "_applicable"};
#define MATRIX_PER_AREA (sizeof matrix_suffix / sizeof matrix_suffix[0])

static void matrix_cells(struct merge_csv *c, const struct merge_cell *cell)
{
	if (!cell) {
		for (size_t k = 0; k < MATRIX_PER_AREA; k++)
			merge_csv_empty(c);
		return;
	}
	num_or_empty(c, cell->has_percent, cell->percent, 1);
	num_or_empty(c, cell->level >= 0, cell->level, 0);
	num_or_empty(c, cell->target > 0, cell->target, 0);
	num_or_empty(c, cell->target > 0 && cell->level >= 0, cell->gap, 0);
	merge_csv_num(c, (double)cell->answered, 0);
	merge_csv_num(c, (double)cell->applicable, 0);
}

bool merge_csv_matrix(const struct merge_report *r, const struct merge_options *o,
		      struct diag *d)
{
	struct merge_csv c;
	struct columns cols;
	bool change = several_versions(r);

	area_columns(r->set, &cols);
	merge_csv_init(&c, o->excel);
	merge_csv_raw(&c, "survey_id");
	merge_csv_raw(&c, "survey_version");
	merge_csv_raw(&c, "department");
	for (size_t k = 0; k <= cols.n; k++)
		for (size_t m = 0; m < MATRIX_PER_AREA; m++) {
			char *h = xasprintf("%s%s", k < cols.n ? cols.ids[k] : "overall",
					    matrix_suffix[m]);
			merge_csv_raw(&c, h);
			free(h);
		}
	if (change) {
		for (size_t k = 0; k <= cols.n; k++) {
			char *h = xasprintf("change_%s", k < cols.n ? cols.ids[k] : "overall");
			merge_csv_raw(&c, h);
			free(h);
		}
	}
	merge_csv_end_row(&c);
	for (size_t i = 0; i < r->n_versions; i++) {
		const struct merge_vreport *vr = &r->versions[i];
		const struct merge_version *v = vr->v;

		for (size_t k = 0; k < vr->n_rows; k++) {
			const struct merge_row *row = &vr->rows[k];

			merge_csv_raw(&c, v->survey_id);
			merge_csv_num(&c, (double)v->version, 0);
			merge_csv_text(&c, row->unit->department);
			for (size_t col = 0; col <= cols.n; col++) {
				size_t a = col < cols.n ? merge_model_area(v, cols.ids[col])
							: v->n_areas;
				matrix_cells(&c, a != (size_t)-1 ? &row->cells[a] : NULL);
			}
			for (size_t col = 0; change && col <= cols.n; col++) {
				size_t a = col < cols.n ? merge_model_area(v, cols.ids[col])
							: v->n_areas;
				num_or_empty(&c, a != (size_t)-1 && row->cells[a].has_change,
					     a != (size_t)-1 ? row->cells[a].change : 0, 1);
			}
			merge_csv_end_row(&c);
		}
	}
	free(cols.ids);
	return merge_csv_write(&c, o->matrix, d);
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
	};
	struct merge_csv c;
	struct strbuf ids = {0}, labels = {0};

	merge_csv_init(&c, o->excel);
	for (size_t k = 0; k < sizeof head / sizeof head[0]; k++)
		merge_csv_raw(&c, head[k]);
	merge_csv_end_row(&c);
	for (size_t i = 0; i < r->n_versions; i++) {
		const struct merge_vreport *vr = &r->versions[i];
		const struct merge_version *v = vr->v;

		if (!vr->n_rows)
			continue;
		for (size_t k = 0; k < vr->n_questions; k++) {
			const struct merge_qstat *st = &vr->questions[k];
			const struct merge_question *q = st->q;

			merge_csv_raw(&c, v->survey_id);
			merge_csv_num(&c, (double)v->version, 0);
			merge_csv_num(&c, (double)(k + 1), 0);
			merge_csv_raw(&c, v->areas[q->area].id);
			merge_csv_text(&c, v->areas[q->area].title);
			merge_csv_raw(&c, q->id);
			merge_csv_text(&c, q->text);
			num_or_empty(&c, q->level != 0, q->level, 0);
			num_or_empty(&c, q->has_max, q->max_value, -1);
			merge_csv_num(&c, (double)st->departments, 0);
			merge_csv_num(&c, (double)st->answered, 0);
			merge_csv_num(&c, (double)st->unanswered, 0);
			merge_csv_num(&c, (double)st->na, 0);
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
			merge_csv_text(&c, ids.buf ? ids.buf : "");
			merge_csv_text(&c, labels.buf ? labels.buf : "");
			merge_csv_end_row(&c);
		}
	}
	strbuf_free(&ids);
	strbuf_free(&labels);
	return merge_csv_write(&c, o->questions, d);
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
	bool header;
	bool excel;
	struct merge_csv c;
};

static void stream_flush(struct stream *s)
{
	const char *p = s->c.sb.buf;
	size_t len = s->c.sb.len;

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
	strbuf_reset(&s->c.sb);
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
	(void)file;
	if (!s->header) {
		for (size_t col = 0; col < RESULT_NCOLS; col++)
			merge_csv_raw(&s->c, result_column_names[col]);
		merge_csv_end_row(&s->c);
		s->header = true;
	}
	for (size_t i = 0; i < t->n_rows; i++) {
		for (size_t col = 0; col < RESULT_NCOLS; col++) {
			const char *f = t->rows[i].field[col];
			if (result_column_is_text((enum result_column)col))
				merge_csv_text(&s->c, f);
			else if (is_number_column((enum result_column)col))
				put_file_number(&s->c, f);
			else
				merge_csv_raw(&s->c, f);
		}
		merge_csv_end_row(&s->c);
	}
	if (s->c.sb.len >= 1 << 20)
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
	merge_csv_init(&s.c, o->excel);
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
	strbuf_free(&s.c.sb);
	free(s.tmp);
	return ok;
}
