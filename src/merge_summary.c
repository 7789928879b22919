/* merge_summary: the readable summary on standard output, in the chosen
 * language, within the terminal's width (80 columns, or $COLUMNS). Every
 * figure comes from the report. A table wider than the line is split into
 * parts that each repeat the department column; areas are numbered, with a
 * legend of their titles; long question texts wrap. In a terminal the
 * cells are shaded by level (unless NO_COLOR); piped, it is plain text.
 * Every text that comes from a file goes through text_visible first, so a
 * department name cannot carry an escape sequence to the terminal. */
#include "merge_summary.h"
#include "merge_input.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "numfmt.h"
#include "result.h"
#include "text.h"
#include "util.h"

#define DEP_MIN 12
#define DEP_MAX 30
#define WEAKEST 10
/* display columns of an area's title in the weakest questions */
#define AREA_TITLE_MAX 30
#define WIDTH_MIN 40

/* Light backgrounds, red to green, readable with black text in both light
 * and dark terminals (xterm 256-colour indexes). */
static const int shade_bg[5] = {210, 216, 229, 151, 114};

struct out {
	struct strbuf sb;
	const struct merge_options *o;
	size_t width;           /* columns of a line */
};

/* ------------------------------------------------------------- numbers */

/* A number with decimals and the language's decimal separator. */
static char *fmt_num(char *buf, double v, int decimals)
{
	char sep = i18n_decimal_sep();

	num_format_fixed(buf, v, decimals);
	for (char *p = buf; *p; p++)
		if (*p == '.')
			*p = sep;
	return buf;
}

static char *fmt_signed(char *buf, double v)
{
	char num[NUMFMT_SIZE];

	fmt_num(num, v, 1);
	if (strcmp(num + (num[0] == '-'), "0.0") == 0 ||
	    strcmp(num + (num[0] == '-'), "0,0") == 0)
		snprintf(buf, NUMFMT_SIZE + 2, "%s", num + (num[0] == '-'));
	else
		snprintf(buf, NUMFMT_SIZE + 2, "%s%s", v > 0 ? "+" : "", num);
	return buf;
}

/* ----------------------------------------------------------- wrapping */

/* Appends s wrapped to the line width; the first line starts after
 * `used` columns already on it, the next ones after indent spaces. */
static void put_wrapped(struct out *w, const char *s, size_t used, size_t indent)
{
	size_t room = w->width > used + 10 ? w->width - used : 10;
	const char *p = s;

	while (p) {
		size_t n;
		const char *next = text_wrap_line(p, room, &n);

		strbuf_add(&w->sb, p, n);
		strbuf_putc(&w->sb, '\n');
		p = next;
		if (p) {
			for (size_t i = 0; i < indent; i++)
				strbuf_putc(&w->sb, ' ');
			room = w->width > indent + 10 ? w->width - indent : 10;
		}
	}
}

/* A line of the summary's own words, wrapped. */
static void put_line(struct out *w, const char *s)
{
	put_wrapped(w, s, 0, 2);
}

static void put_linef(struct out *w, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void put_linef(struct out *w, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		fatal("out of memory");
	va_end(ap);
	put_line(w, s);
	free(s);
}

/* ------------------------------------------------------------- tables */

/* A table of a label column and cells, laid out in parts that fit the
 * width, each part repeating the labels. */
struct table {
	size_t n_cols, n_rows;
	char **head;        /* n_cols */
	char **label;       /* n_rows, already visible */
	char **cell;        /* n_rows * n_cols; NULL: empty */
	signed char *shade; /* n_rows * n_cols: -1 none, 0..4 */
	signed char *sign;  /* n_rows * n_cols: change colour -1, 0, 1 */
};

static void table_init(struct table *t, size_t rows, size_t cols)
{
	memset(t, 0, sizeof *t);
	t->n_rows = rows;
	t->n_cols = cols;
	t->head = xcalloc(cols ? cols : 1, sizeof *t->head);
	t->label = xcalloc(rows ? rows : 1, sizeof *t->label);
	size_t n = rows * cols > 0 ? rows * cols : 1;

	t->cell = xcalloc(n, sizeof *t->cell);
	t->shade = xcalloc(n, 1);
	t->sign = xcalloc(n, 1);
	memset(t->shade, -1, rows * cols);
}

static void table_free(struct table *t)
{
	for (size_t i = 0; i < t->n_cols; i++)
		free(t->head[i]);
	for (size_t i = 0; i < t->n_rows; i++)
		free(t->label[i]);
	for (size_t i = 0; i < t->n_rows * t->n_cols; i++)
		free(t->cell[i]);
	free(t->head);
	free(t->label);
	free(t->cell);
	free(t->shade);
	free(t->sign);
}

static void table_put(struct out *w, const struct table *t, const char *corner)
{
	size_t label_w = text_width(corner), cell_w = 1, per_part, done = 0;
	bool color = w->o->color;

	for (size_t r = 0; r < t->n_rows; r++)
		if (text_width(t->label[r]) > label_w)
			label_w = text_width(t->label[r]);
	if (label_w < DEP_MIN)
		label_w = DEP_MIN;
	if (label_w > DEP_MAX)
		label_w = DEP_MAX;
	/* the label column never takes more than half the line */
	if (label_w > w->width / 2)
		label_w = w->width / 2;
	if (label_w < 4)
		label_w = 4;
	for (size_t c = 0; c < t->n_cols; c++)
		if (text_width(t->head[c]) > cell_w)
			cell_w = text_width(t->head[c]);
	for (size_t i = 0; i < t->n_rows * t->n_cols; i++)
		if (t->cell[i] && text_width(t->cell[i]) > cell_w)
			cell_w = text_width(t->cell[i]);
	per_part = w->width > label_w ? (w->width - label_w) / (cell_w + 1) : 1;
	if (per_part < 1)
		per_part = 1;
	while (done < t->n_cols) {
		size_t end = done + per_part < t->n_cols ? done + per_part : t->n_cols;

		if (done)
			strbuf_putc(&w->sb, '\n');
		text_pad(&w->sb, corner, label_w, false);
		for (size_t c = done; c < end; c++) {
			strbuf_putc(&w->sb, ' ');
			text_pad(&w->sb, t->head[c], cell_w, true);
		}
		strbuf_putc(&w->sb, '\n');
		for (size_t r = 0; r < t->n_rows; r++) {
			/* a label wider than its column wraps: its first line
			 * carries the cells, so no two rows look alike */
			size_t n;
			const char *next = text_wrap_line(t->label[r], label_w, &n);
			struct strbuf first = {0};

			strbuf_add(&first, t->label[r], n);
			text_pad(&w->sb, first.buf ? first.buf : "", label_w, false);
			strbuf_free(&first);
			for (size_t c = done; c < end; c++) {
				size_t i = r * t->n_cols + c;
				int sh = color ? t->shade[i] : -1, sg = color ? t->sign[i] : 0;

				strbuf_putc(&w->sb, ' ');
				if (sh >= 0)
					strbuf_printf(&w->sb, "\033[30;48;5;%dm", shade_bg[sh]);
				else if (sg)
					strbuf_puts(&w->sb, sg > 0 ? "\033[32m" : "\033[31m");
				text_pad(&w->sb, t->cell[i] ? t->cell[i] : "", cell_w, true);
				if (sh >= 0 || sg)
					strbuf_puts(&w->sb, "\033[0m");
			}
			strbuf_putc(&w->sb, '\n');
			while (next) {
				const char *p = next;
				next = text_wrap_line(p, label_w - 2, &n);
				strbuf_puts(&w->sb, "  ");
				strbuf_add(&w->sb, p, n);
				strbuf_putc(&w->sb, '\n');
			}
		}
		done = end;
	}
}

/* "1", "2", ... and the overall's column */
static void area_heads(struct table *t, const struct merge_version *v)
{
	for (size_t a = 0; a < v->n_areas; a++)
		t->head[a] = xasprintf("%zu", a + 1);
	/* TRANSLATORS: the column of the overall result, short */
	t->head[v->n_areas] = xstrdup(_("all"));
}

/* "78,5 N2!": percent, level, and '!' when the level is below the
 * target. */
static char *cell_text(const struct merge_version *v, const struct merge_cell *c)
{
	char pct[NUMFMT_SIZE];

	if (!c->has_percent)
		return xstrdup("-");
	fmt_num(pct, c->percent, 1);
	if (v->max_level <= 0 || c->level < 0)
		return xstrdup(pct);
	/* TRANSLATORS: percentage, then the maturity level reached (N for
	 * nivå, L for level), then '!' when it is below the target */
	return xasprintf(_("%s L%d%s"), pct, c->level, c->below_target ? "!" : " ");
}

static void put_area_legend(struct out *w, const struct merge_version *v)
{
	put_line(w, _("Areas:"));
	for (size_t a = 0; a < v->n_areas; a++) {
		char *title = text_visible(v->areas[a].title, false);
		char *id = text_visible(v->areas[a].id, false);
		char *s, *head = xasprintf("%4zu ", a + 1);

		if (v->areas[a].target > 0)
			s = xasprintf(_("%s: %s (target level %d)"), id, title,
				      v->areas[a].target);
		else
			s = xasprintf("%s: %s", id, title);
		strbuf_puts(&w->sb, head);
		put_wrapped(w, s, 5, 5);
		free(s);
		free(head);
		free(title);
		free(id);
	}
}

/* ------------------------------------------------------------ sections */

static void put_matrix(struct out *w, const struct merge_vreport *vr)
{
	const struct merge_version *v = vr->v;
	bool levels = v->max_level > 0, several = vr->n_rows > 1;
	size_t n_city = several ? (levels ? 5 : 4) : 0;
	size_t cols = v->n_areas + 2, rows = vr->n_rows + n_city;
	char *id = text_visible(v->survey_id, false);
	struct table t;
	size_t incomplete = 0;

	table_init(&t, rows, cols);
	area_heads(&t, v);
	/* TRANSLATORS: column of answered/applicable questions, short */
	t.head[cols - 1] = xstrdup(_("answered"));
	for (size_t i = 0; i < vr->n_rows; i++) {
		const struct merge_row *row = &vr->rows[i];
		const struct merge_cell *all = &row->cells[v->n_areas];

		t.label[i] = text_visible(row->unit->department, false);
		for (size_t a = 0; a <= v->n_areas; a++) {
			t.cell[i * cols + a] = cell_text(v, &row->cells[a]);
			t.shade[i * cols + a] = (signed char)row->cells[a].shade;
		}
		t.cell[i * cols + cols - 1] = xasprintf("%zu/%zu", all->answered,
							all->applicable);
		incomplete += all->answered < all->applicable;
	}
	if (several) {
		const char *labels[5] = {_("City mean"), _("City median"), _("City min"),
					 _("City max"), _("At target")};
		for (size_t k = 0; k < n_city; k++) {
			size_t r = vr->n_rows + k;
			t.label[r] = xstrdup(labels[k]);
			for (size_t a = 0; a <= v->n_areas; a++) {
				const struct merge_city *c = &vr->city[a];
				char pct[NUMFMT_SIZE];
				double x = k == 0 ? c->mean : k == 1 ? c->median
					: k == 2 ? c->min : c->max;
				int lev = k == 1 ? c->median_level : k == 2 ? c->min_level
					: c->max_level;

				if (k == 4) {
					if (a < v->n_areas && v->areas[a].target > 0)
						t.cell[r * cols + a] = xasprintf("%zu/%zu",
							c->at_target, c->n);
					continue;
				}
				if (!c->n)
					t.cell[r * cols + a] = xstrdup("-");
				else if (levels && k > 0)
					t.cell[r * cols + a] = xasprintf(_("%s L%d%s"),
						fmt_num(pct, x, 1), lev, " ");
				else
					t.cell[r * cols + a] = xstrdup(fmt_num(pct, x, 1));
			}
			if (k == 0)
				t.cell[r * cols + cols - 1] = xasprintf("%zu/%zu",
					vr->city[v->n_areas].answered,
					vr->city[v->n_areas].applicable);
		}
	}
	strbuf_putc(&w->sb, '\n');
	put_linef(w, ngettext("%s %ld: percent and level per area, %zu department",
			      "%s %ld: percent and level per area, %zu departments",
			      vr->n_rows), id, v->version, vr->n_rows);
	table_put(w, &t, _("Department"));
	table_free(&t);
	put_area_legend(w, v);
	if (levels)
		put_line(w, _("A cell is the percentage and the maturity level reached; "
			      "'!' marks a level below the area's target."));
	if (incomplete) {
		put_linef(w, ngettext("%zu department has open questions "
				      "(answered/applicable):",
				      "%zu departments have open questions "
				      "(answered/applicable):", incomplete), incomplete);
		for (size_t i = 0; i < vr->n_rows; i++) {
			const struct merge_row *row = &vr->rows[i];
			struct strbuf sb = {0};
			char *dep;

			if (row->cells[v->n_areas].answered == row->cells[v->n_areas].applicable)
				continue;
			dep = text_visible(row->unit->department, false);
			strbuf_printf(&sb, "%s:", dep);
			for (size_t a = 0; a < v->n_areas; a++)
				if (row->cells[a].answered < row->cells[a].applicable)
					strbuf_printf(&sb, " %zu (%zu/%zu)", a + 1,
						      row->cells[a].answered,
						      row->cells[a].applicable);
			strbuf_puts(&w->sb, "  ");
			put_wrapped(w, sb.buf, 2, 4);
			strbuf_free(&sb);
			free(dep);
		}
	}
	free(id);
}

/* Names the areas or questions one version has and the other lacks:
 * never silently dropped. */
static void put_only(struct out *w, const struct merge_version *in,
		     const size_t *idx, size_t n, bool areas)
{
	struct strbuf sb = {0};

	if (!n)
		return;
	strbuf_printf(&sb, areas ? _("Areas only in version %ld:")
		      : _("Questions only in version %ld:"), in->version);
	for (size_t i = 0; i < n; i++) {
		char *vis = text_visible(areas ? in->areas[idx[i]].id
					 : in->questions[idx[i]].id, false);
		strbuf_printf(&sb, " %s", vis);
		free(vis);
	}
	put_line(w, sb.buf);
	strbuf_free(&sb);
}

static void put_list(struct out *w, const char *item)
{
	char *vis = text_visible(item, false);
	strbuf_puts(&w->sb, "  ");
	put_wrapped(w, vis, 2, 4);
	free(vis);
}

/* A change; "≠" after it when the two definitions differ (diff). */
static void change_cell(struct table *t, size_t i, bool has, double d, unsigned diff)
{
	char buf[NUMFMT_SIZE + 2];

	if (!has) {
		t->cell[i] = xstrdup("-");
		return;
	}
	fmt_signed(buf, d);
	t->cell[i] = diff ? xasprintf("%s≠", buf) : xstrdup(buf);
	t->sign[i] = (signed char)(strchr(buf, '+') ? 1 : buf[0] == '-' ? -1 : 0);
}

/* What differs behind each change marked ≠. */
static void put_not_comparable(struct out *w, const struct merge_vreport *vr)
{
	const struct merge_version *v = vr->v;
	bool any = false;

	for (size_t a = 0; a <= v->n_areas; a++) {
		const struct merge_link *l = &vr->compare.areas[a];
		char *what, *line;
		if (!l->diff || l->prev == (size_t)-1)
			continue;
		if (!any)
			put_linef(w, "%s", _("≠ not comparable: the definitions differ:"));
		any = true;
		what = merge_compare_describe(l->diff);
		line = xasprintf("%s: %s", a < v->n_areas ? v->areas[a].title : _("Overall"), what);
		put_list(w, line);
		free(line);
		free(what);
	}
}

static void put_change(struct out *w, const struct merge_vreport *vr)
{
	const struct merge_version *v = vr->v, *prev = vr->prev;
	size_t cols = v->n_areas + 1, r = 0;
	char *id = text_visible(v->survey_id, false);
	struct table t;

	table_init(&t, vr->in_prev + 1, cols);
	area_heads(&t, v);
	for (size_t i = 0; i < vr->n_rows; i++) {
		const struct merge_row *row = &vr->rows[i];
		if (!row->prev)
			continue;
		t.label[r] = text_visible(row->unit->department, false);
		for (size_t a = 0; a <= v->n_areas; a++)
			change_cell(&t, r * cols + a, row->cells[a].has_change,
				    row->cells[a].change, vr->compare.areas[a].diff);
		r++;
	}
	t.label[r] = xstrdup(_("City mean"));
	for (size_t a = 0; a <= v->n_areas; a++)
		change_cell(&t, r * cols + a, vr->city[a].has_change, vr->city[a].change,
			    vr->compare.areas[a].diff);
	strbuf_putc(&w->sb, '\n');
	put_linef(w, _("%s: change from version %ld to %ld, percentage points"), id,
		  prev->version, v->version);
	table_put(w, &t, _("Department"));
	table_free(&t);
	put_not_comparable(w, vr);
	if (vr->in_prev < vr->n_rows) {
		size_t n = vr->n_rows - vr->in_prev;
		put_linef(w, ngettext("%zu department with no result in version %ld:",
				      "%zu departments with no result in version %ld:", n),
			  n, prev->version);
		for (size_t i = 0; i < vr->n_rows; i++)
			if (!vr->rows[i].prev)
				put_list(w, vr->rows[i].unit->department);
	}
	put_only(w, v, vr->new_areas, vr->n_new_areas, true);
	put_only(w, prev, vr->gone_areas, vr->n_gone_areas, true);
	put_only(w, v, vr->new_questions, vr->n_new_questions, false);
	put_only(w, prev, vr->gone_questions, vr->n_gone_questions, false);
	free(id);
}

static void put_weakest(struct out *w, const struct merge_vreport *vr)
{
	const struct merge_version *v = vr->v;
	char *id = text_visible(v->survey_id, false);
	size_t shown = 0, few = 0;
	size_t area_max = w->width >= 18 + 2 * AREA_TITLE_MAX ? AREA_TITLE_MAX
		: (w->width - 18) / 2;

	for (size_t k = 0; k < vr->n_questions && shown < WEAKEST; k++) {
		const struct merge_qstat *st = &vr->questions[k];
		char pct[NUMFMT_SIZE], below[48], *qid, *text, *area, *s, *head;

		if (!st->has_mean)
			break;
		if (!shown++) {
			strbuf_putc(&w->sb, '\n');
			put_linef(w, _("%s %ld: weakest questions (lowest mean first)"), id,
				  v->version);
			/* TRANSLATORS: the header of the weakest questions; the
			 * columns are 8, 7 columns wide */
			text_pad(&w->sb, _("mean%"), 8, true);
			strbuf_putc(&w->sb, ' ');
			text_pad(&w->sb, _("below"), 7, true);
			strbuf_printf(&w->sb, "  %s\n", _("question (area)"));
		}
		qid = text_visible(st->q->id, false);
		text = text_visible(st->q->text, false);
		/* the area's title, as people know it (an id like "upptacka"
		 * reads as a misspelling), cut so that it leaves the question
		 * most of the line (at least half of what is left after the
		 * figures' 18 columns); an untitled area keeps its id */
		area = text_visible_cut(*v->areas[st->q->area].title
					? v->areas[st->q->area].title
					: v->areas[st->q->area].id, area_max);
		if (st->has_below)
			snprintf(below, sizeof below, "%zu/%zu", st->below, st->scored);
		else
			snprintf(below, sizeof below, "-");
		/* a mean of fewer than 3 departments is marked */
		head = xasprintf("%7s%s %7s  ", fmt_num(pct, st->mean_percent, 1),
				 st->scored < 3 && vr->n_rows > 1 ? "*" : " ", below);
		few += st->scored < 3 && vr->n_rows > 1;
		s = xasprintf("%s (%s): %s", qid, area, text);
		strbuf_puts(&w->sb, head);
		put_wrapped(w, s, 18, 18);
		free(head);
		free(s);
		free(qid);
		free(text);
		free(area);
	}
	if (shown && v->has_threshold)
		put_line(w, _("below: departments below the threshold of the question's "
			      "points, of those it applies to"));
	if (few)
		put_line(w, _("*: the mean rests on fewer than 3 departments"));
	free(id);
}


static void put_overview(struct out *w, const struct merge_report *r)
{
	const struct merge_set *set = r->set;
	char *s;

	/* TRANSLATORS: "Merged 6 results from 6 files." (two plurals) */
	s = xasprintf(ngettext("Merged %zu result", "Merged %zu results", r->results),
		      r->results);
	put_linef(w, ngettext("%s from %zu file.", "%s from %zu files.", r->files), s,
		  r->files);
	free(s);
	for (size_t i = 0; i < r->n_versions; i++) {
		const struct merge_vreport *vr = &r->versions[i];
		char *id = text_visible(vr->v->survey_id, false);
		char *line = xasprintf(ngettext("%s version %ld: %zu department "
						"(survey sha256 %.12s...)",
						"%s version %ld: %zu departments "
						"(survey sha256 %.12s...)", vr->n_rows),
				       id, vr->v->version, vr->n_rows, vr->v->sha256);
		strbuf_puts(&w->sb, "  ");
		put_wrapped(w, line, 2, 4);
		free(line);
		free(id);
	}
	/* a file that speaks for several departments is worth naming */
	for (size_t f = 0; f < set->n_files; f++) {
		size_t n = 0;
		for (size_t i = 0; i < r->n_versions; i++)
			for (size_t k = 0; k < r->versions[i].n_rows; k++)
				n += r->versions[i].rows[k].unit->file == f;
		if (n < 2)
			continue;
		s = text_visible(set->files[f].path, false);
		put_linef(w, ngettext("%s holds the result of %zu department:",
				      "%s holds the results of %zu departments:", n), s, n);
		free(s);
		for (size_t i = 0; i < r->n_versions; i++)
			for (size_t k = 0; k < r->versions[i].n_rows; k++)
				if (r->versions[i].rows[k].unit->file == f)
					put_list(w, r->versions[i].rows[k].unit->department);
	}
	/* a final result with required questions open (an older enkat
	 * --plain) is merged but never passes for complete */
	for (size_t i = 0; i < r->n_versions; i++)
		for (size_t k = 0; k < r->versions[i].n_rows; k++) {
			const struct merge_unit *u = r->versions[i].rows[k].unit;
			char *line;

			if (!u->incomplete_final)
				continue;
			line = xasprintf(ngettext("Final with %zu required question open: %s "
						  "(%s %ld, %s)", "Final with %zu required "
						  "questions open: %s (%s %ld, %s)",
						  u->open_required), u->open_required,
					 u->department, r->versions[i].v->survey_id,
					 r->versions[i].v->version, set->files[u->file].path);
			put_list(w, line);
			free(line);
		}
	/* a hand edit after the management's approval is never silent */
	for (size_t i = 0; i < r->n_versions; i++)
		for (size_t k = 0; k < r->versions[i].n_rows; k++) {
			const struct merge_unit *u = r->versions[i].rows[k].unit;
			char *line;

			if (u->approval_state != APPROVAL_BROKEN)
				continue;
			line = xasprintf(_("Changed after approval (the seal does not match): "
					   "%s (%s %ld, %s)"), u->department,
					 r->versions[i].v->survey_id, r->versions[i].v->version,
					 set->files[u->file].path);
			put_list(w, line);
			free(line);
		}
	if (r->drafts) {
		put_linef(w, _("Drafts left out (--include-drafts merges them): %zu"),
			  r->drafts);
		for (size_t i = 0; i < set->n_versions; i++) {
			const struct merge_version *v = set->versions[i];
			for (size_t u = 0; u < v->n_units; u++) {
				char *line;
				if (v->units[u].fate != FATE_DRAFT)
					continue;
				line = xasprintf("%s (%ld, %s)", v->units[u].department,
						 v->version, set->files[v->units[u].file].path);
				put_list(w, line);
				free(line);
			}
		}
	}
	if (r->replaced)
		put_linef(w, _("Older duplicates left out (--latest): %zu"), r->replaced);
	if (w->o->skip_invalid && r->invalid) {
		put_linef(w, _("Invalid files skipped (--skip-invalid): %zu"), r->invalid);
		for (size_t i = 0; i < set->n_files; i++)
			if (set->files[i].invalid)
				put_list(w, set->files[i].path);
	}
	if (r->expect) {
		char *name = text_visible(r->expect, false);
		if (r->n_missing) {
			put_linef(w, ngettext("Missing: %zu expected department (%s) with no "
					      "result:", "Missing: %zu expected departments "
					      "(%s) with no result:", r->n_missing),
				  r->n_missing, name);
			for (size_t i = 0; i < r->n_missing; i++)
				put_list(w, r->missing[i]);
		} else {
			put_linef(w, _("Every expected department (%s) has a result."), name);
		}
		free(name);
	}
}

/* ------------------------------------------------------------ trends */

/* Every version of a survey (three or more: two are the change table):
 * the city's mean per area, "≠" on a step whose definitions differ, and
 * the change first -> last over the departments in both. */
static void put_trend(struct out *w, const struct merge_report *r, const struct merge_trend *t)
{
	const struct merge_version *v = r->versions[t->points[t->n_points - 1]].v;
	size_t cols = t->n_points + 1;
	char *id = text_visible(t->survey_id, false);
	struct table tb;
	char buf[NUMFMT_SIZE + 2];

	table_init(&tb, t->n_areas, cols);
	for (size_t k = 0; k < t->n_points; k++)
		tb.head[k] = xasprintf("%ld", r->versions[t->points[k]].v->version);
	/* TRANSLATORS: the change from the first to the last version, short */
	tb.head[t->n_points] = xstrdup(_("first→last"));
	for (size_t a = 0; a < t->n_areas; a++) {
		const struct merge_trend_area *ta = &t->areas[a];
		tb.label[a] = text_visible(a < v->n_areas ? v->areas[a].title : _("Overall"), false);
		for (size_t k = 0; k < t->n_points; k++) {
			const struct merge_city *c;
			if (k < ta->first ||
			    !(c = &r->versions[t->points[k]].city[ta->at[k]])->n) {
				tb.cell[a * cols + k] = xstrdup("-");
				continue;
			}
			fmt_num(buf, c->mean, 1);
			tb.cell[a * cols + k] = k > ta->first && ta->diff[k]
				? xasprintf("%s≠", buf) : xstrdup(buf);
		}
		change_cell(&tb, a * cols + t->n_points, ta->has_total, ta->total, ta->total_diff);
	}
	strbuf_putc(&w->sb, '\n');
	put_linef(w, _("%s: the city's mean per area over every version; change first to "
		       "last: the mean of the departments in both"), id);
	table_put(w, &tb, _("Area"));
	table_free(&tb);
	for (int up = 1; up >= 0; up--) {
		const size_t *areas = up ? t->improved : t->declined;
		size_t n = up ? t->n_improved : t->n_declined;
		struct strbuf sb = {0};

		strbuf_puts(&sb, up ? _("Improved most:") : _("Declined most:"));
		for (size_t i = 0; i < n; i++)
			strbuf_printf(&sb, "%s %s (%s)", i ? "," : "", v->areas[areas[i]].title,
				      fmt_signed(buf, t->areas[areas[i]].total));
		if (!n)
			strbuf_printf(&sb, " %s", _("none."));
		put_line(w, sb.buf);
		strbuf_free(&sb);
	}
	free(id);
}

/* The effect of actions on one survey: per pair of versions, each area
 * and question a done action addressed. */
static void put_effect(struct out *w, const struct merge_report *r, const char *survey_id)
{
	const struct merge_trends *ts = &r->trends;
	size_t last_to = (size_t)-1;
	char b1[NUMFMT_SIZE + 2], b2[NUMFMT_SIZE + 2];

	for (size_t i = 0; i < ts->n_effects; i++) {
		const struct merge_effect *e = &ts->effects[i];
		const struct merge_version *v = r->versions[e->from].v;
		char *line, *label;

		if (strcmp(v->survey_id, survey_id) != 0)
			continue;
		if (e->to != last_to) {
			char *id = text_visible(survey_id, false);
			last_to = e->to;
			strbuf_putc(&w->sb, '\n');
			put_linef(w, _("%s: effect of the actions done between %ld and %ld (change "
				       "in percentage points: with the action, without)"), id,
				  v->version, r->versions[e->to].v->version);
			free(id);
		}
		if (e->question)
			label = xasprintf("%s (%s)", v->questions[e->index].id,
					  v->areas[v->questions[e->index].area].title);
		else
			label = xstrdup(v->areas[e->index].title);
		line = xasprintf(_("%s: %s (%zu) against %s (%zu)%s%s"), label,
				 e->n_with ? fmt_signed(b1, e->with) : "-", e->n_with,
				 e->n_without ? fmt_signed(b2, e->without) : "-", e->n_without,
				 e->too_few ? _("; too few to say") : "",
				 e->diff ? _("; not comparable") : "");
		put_list(w, line);
		free(line);
		free(label);
	}
}

size_t merge_summary_width(const struct merge_options *o)
{
	const char *env = getenv("COLUMNS");
	long cols = 0;

	if (env && *env) {
		char *end;
		cols = strtol(env, &end, 10);
		if (*end || cols <= 0)
			cols = 0;
	}
	if (cols <= 0)
		cols = o->width > 0 ? o->width : 80;
	return cols < WIDTH_MIN ? WIDTH_MIN : (size_t)cols;
}

void merge_summary_print(FILE *f, const struct merge_report *r,
			 const struct merge_options *o)
{
	struct out w = {{0}, o, merge_summary_width(o)};

	put_overview(&w, r);
	for (size_t i = 0; i < r->n_versions; i++) {
		const struct merge_vreport *vr = &r->versions[i];

		if (!vr->n_rows)
			continue;
		put_matrix(&w, vr);
		if (vr->prev)
			put_change(&w, vr);
		put_weakest(&w, vr);
	}
	for (size_t s = 0; s < r->trends.n_surveys; s++) {
		if (r->trends.surveys[s].n_points >= 3)
			put_trend(&w, r, &r->trends.surveys[s]);
		put_effect(&w, r, r->trends.surveys[s].survey_id);
	}
	/* no trailing blanks: they show in diffs and in terminals that mark them */
	for (size_t i = 0, start = 0; i < w.sb.len; i++) {
		if (w.sb.buf[i] != '\n')
			continue;
		size_t e = i;
		while (e > start && w.sb.buf[e - 1] == ' ')
			e--;
		fwrite(w.sb.buf + start, 1, e - start, f);
		fputc('\n', f);
		start = i + 1;
	}
	strbuf_free(&w.sb);
}
