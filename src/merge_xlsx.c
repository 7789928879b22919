/* merge_xlsx: the workbook (--xlsx FILE). Formats the report and nothing
 * else: every figure is the report's (merge_report.h), so the workbook
 * cannot disagree with the summary, the CSV files or the HTML report.
 *
 * Texts from the files (department names, titles, questions, comments)
 * are written with worksheet_write_string only: a string cell, never a
 * formula, whatever it begins with. Excel reads "_xHHHH_" inside a string
 * as an escaped character, so such a sequence typed by someone is escaped
 * in turn and reads back as typed. */
#include "merge_xlsx.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <locale.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>
#include <wctype.h>

#include <xlsxwriter.h>

#include "fileio.h"
#include "i18n.h"
#include "text.h"
#include "util.h"

/* Level colours, red to green, as in the HTML report. */
static const lxw_color_t shade_rgb[5] = {0xEC9A8F, 0xF5C48A, 0xF2E29B, 0xB8DBA5, 0x7DBF85};

/* Excel's limits (the sheet name's in UTF-16 units) */
#define SHEET_NAME_MAX 31
#define CELL_TEXT_MAX 32767

struct book {
	lxw_workbook *wb;
	const struct merge_report *r;
	struct merge_set *set;
	const struct merge_details *dt;
	lxw_error err;             /* the first error, LXW_NO_ERROR if none */
	char **names;              /* sheet names used, case-folded */
	size_t n_names, cap_names;
	lxw_format *title, *head, *head_c, *bold, *wrap, *pct, *pct_b, *integer,
		*int_b, *pp, *pp_b, *points, *number, *date, *note, *level_b;
	lxw_format *fill[5], *up, *down;
};

static void keep(struct book *b, lxw_error e)
{
	if (e != LXW_NO_ERROR && b->err == LXW_NO_ERROR)
		b->err = e;
}

/* ------------------------------------------------------------- cells */

/* s made safe for a string cell: "_xHHHH_" escaped as Excel wants
 * ("_x005F_" is the underscore), cut to what a cell holds at a character
 * boundary. */
static char *cell_string(const char *s)
{
	struct strbuf sb = {0};
	char *out;
	size_t len;

	for (const char *p = s; *p; p++) {
		if (p[0] == '_' && (p[1] == 'x' || p[1] == 'X')) {
			size_t k = 2;
			while (k < 6 && ((p[k] >= '0' && p[k] <= '9') ||
					 (p[k] >= 'a' && p[k] <= 'f') ||
					 (p[k] >= 'A' && p[k] <= 'F')))
				k++;
			if (k == 6 && p[6] == '_') {
				strbuf_puts(&sb, "_x005F_");
				continue;
			}
		}
		strbuf_putc(&sb, *p);
	}
	out = strbuf_detach(&sb);
	if (!out)
		return xstrdup("");
	len = strlen(out);
	if (len > CELL_TEXT_MAX - 3) {
		/* a cell holds 32,767 characters; a longer comment is cut
		 * where a character begins, and says so with an ellipsis */
		len = CELL_TEXT_MAX - 3;
		while (len > 0 && ((unsigned char)out[len] & 0xC0) == 0x80)
			len--;
		memcpy(out + len, "\xE2\x80\xA6", 4);
	}
	return out;
}

static void put_text(struct book *b, lxw_worksheet *ws, lxw_row_t row,
		     lxw_col_t col, const char *s, lxw_format *f)
{
	char *t;

	if (!s || !*s) {
		if (f)
			keep(b, worksheet_write_blank(ws, row, col, f));
		return;
	}
	t = cell_string(s);
	keep(b, worksheet_write_string(ws, row, col, t, f));
	free(t);
}

static void put_num(struct book *b, lxw_worksheet *ws, lxw_row_t row,
		    lxw_col_t col, double v, lxw_format *f)
{
	keep(b, worksheet_write_number(ws, row, col, v, f));
}

static void put_count(struct book *b, lxw_worksheet *ws, lxw_row_t row,
		      lxw_col_t col, size_t n, lxw_format *f)
{
	put_num(b, ws, row, col, (double)n, f);
}

/* A percentage (0..100) as the fraction a percent format shows. */
static void put_pct(struct book *b, lxw_worksheet *ws, lxw_row_t row,
		    lxw_col_t col, bool has, double percent, lxw_format *f)
{
	if (has)
		put_num(b, ws, row, col, percent / 100.0, f);
	else
		keep(b, worksheet_write_blank(ws, row, col, f));
}

/* Headers: the report's words, in the language chosen. */
static void heads(struct book *b, lxw_worksheet *ws, lxw_row_t row,
		  const char *const *words, size_t n)
{
	for (size_t i = 0; i < n; i++)
		put_text(b, ws, row, (lxw_col_t)i, words[i], b->head);
	keep(b, worksheet_set_row(ws, row, 30, NULL)); /* two lines */
}

/* A list sheet's first columns: the survey and its version. */
static void put_version(struct book *b, lxw_worksheet *ws, lxw_row_t row,
			const struct merge_version *v)
{
	put_text(b, ws, row, 0, v->survey_id, NULL);
	put_num(b, ws, row, 1, (double)v->version, b->integer);
}

/* A list sheet (one header row, rows below it up to row - 1) ends with a
 * filter on every column, its header frozen, and its columns' widths
 * (n of them, in characters; 0 leaves one as it is). */
static void list_end(struct book *b, lxw_worksheet *ws, lxw_row_t row, size_t n_head,
		     const double *widths, size_t n)
{
	keep(b, worksheet_autofilter(ws, 0, 0, row > 1 ? row - 1 : 1, (lxw_col_t)(n_head - 1)));
	worksheet_freeze_panes(ws, 1, 0);
	for (size_t c = 0; c < n; c++)
		if (widths[c] > 0)
			keep(b, worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, widths[c],
						     NULL));
}

/* A column as wide as its widest text (display columns), within limits. */
static double width_of(const char *s, double min, double max)
{
	double w = s ? (double)text_width(s) + 2 : min;
	return w < min ? min : w > max ? max : w;
}

/* ------------------------------------------------------- sheet names */

/* s lower-cased character by character: Excel compares sheet names
 * without case, Å and å included. */
static char *fold(const char *s)
{
	struct strbuf sb = {0};
	mbstate_t in = {0};
	size_t len = strlen(s);
	char *out;

	while (len > 0) {
		wchar_t wc;
		char buf[MB_LEN_MAX];
		mbstate_t o = {0};
		size_t n = mbrtowc(&wc, s, len, &in), m;

		if (n == 0 || n == (size_t)-1 || n == (size_t)-2) {
			strbuf_putc(&sb, *s);
			memset(&in, 0, sizeof in);
			s++;
			len--;
			continue;
		}
		m = wcrtomb(buf, (wchar_t)towlower((wint_t)wc), &o);
		if (m == (size_t)-1)
			strbuf_add(&sb, s, n);
		else
			strbuf_add(&sb, buf, m);
		s += n;
		len -= n;
	}
	out = strbuf_detach(&sb);
	return out ? out : xstrdup("");
}

static bool name_used(const struct book *b, const char *name)
{
	char *f = fold(name);
	bool used = strcmp(f, "history") == 0; /* reserved by Excel */

	for (size_t i = 0; i < b->n_names && !used; i++)
		used = strcmp(b->names[i], f) == 0;
	free(f);
	return used;
}

/* want as a sheet name Excel accepts: none of []:*?/\ or control
 * characters, no apostrophe first or last, at most 31 characters (UTF-16
 * units), and unlike every other sheet's (" (2)", " (3)", ... added). */
static char *sheet_name(struct book *b, const char *want)
{
	struct strbuf base = {0};
	char *name = NULL;

	for (const char *p = want; *p; p++) {
		unsigned char c = (unsigned char)*p;
		strbuf_putc(&base, c < 0x20 || c == 0x7F || strchr("[]:*?/\\", c) ? '_' : *p);
	}
	if (!base.buf)
		strbuf_puts(&base, "_");
	for (int n = 1;; n++) {
		char suffix[16] = "";
		size_t units = 0, i = 0, room;

		if (n > 1)
			snprintf(suffix, sizeof suffix, " (%d)", n);
		room = SHEET_NAME_MAX - strlen(suffix);
		/* cut at a character boundary within room UTF-16 units */
		while (base.buf[i]) {
			unsigned char c = (unsigned char)base.buf[i];
			size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
			size_t u = len == 4 ? 2 : 1;
			if (units + u > room)
				break;
			units += u;
			i += len;
		}
		while (i > 0 && base.buf[i - 1] == ' ')
			i--;
		free(name);
		name = xasprintf("%.*s%s", (int)i, base.buf, suffix);
		if (name[0] == '\'')
			name[0] = '_';
		if (name[strlen(name) - 1] == '\'')
			name[strlen(name) - 1] = '_';
		if (!name_used(b, name))
			break;
	}
	strbuf_free(&base);
	b->names = xgrow(b->names, &b->cap_names, b->n_names + 1, sizeof *b->names);
	b->names[b->n_names++] = fold(name);
	return name;
}

static lxw_worksheet *add_sheet(struct book *b, const char *want, char **name_out)
{
	char *name = sheet_name(b, want);
	lxw_worksheet *ws = workbook_add_worksheet(b->wb, name);

	if (!ws) {
		keep(b, LXW_ERROR_SHEETNAME_ALREADY_USED);
	} else {
		/* printed: A4 landscape, as wide as one page */
		worksheet_set_paper(ws, 9);
		worksheet_set_landscape(ws);
		worksheet_fit_to_pages(ws, 1, 0);
	}
	if (name_out)
		*name_out = name;
	else
		free(name);
	return ws;
}

/* A list sheet: one header row of the report's words; NULL when the
 * sheet could not be added (the error is kept in b). */
static lxw_worksheet *list_begin(struct book *b, const char *name, const char *const *head,
				 size_t n_head)
{
	lxw_worksheet *ws = add_sheet(b, name, NULL);

	if (ws)
		heads(b, ws, 0, head, n_head);
	return ws;
}

/* ----------------------------------------------------------- formats */

static lxw_format *fmt(struct book *b, const char *num_format, bool bold)
{
	lxw_format *f = workbook_add_format(b->wb);

	if (num_format)
		format_set_num_format(f, num_format);
	if (bold)
		format_set_bold(f);
	return f;
}

static void formats(struct book *b)
{
	b->title = fmt(b, NULL, true);
	format_set_font_size(b->title, 14);
	b->head = fmt(b, NULL, true);
	format_set_bg_color(b->head, 0xEEF2F6);
	format_set_text_wrap(b->head);
	format_set_align(b->head, LXW_ALIGN_VERTICAL_TOP);
	format_set_bottom(b->head, LXW_BORDER_THIN);
	b->head_c = fmt(b, NULL, true);
	format_set_bg_color(b->head_c, 0xEEF2F6);
	format_set_text_wrap(b->head_c);
	format_set_align(b->head_c, LXW_ALIGN_CENTER);
	format_set_align(b->head_c, LXW_ALIGN_VERTICAL_TOP);
	format_set_border(b->head_c, LXW_BORDER_THIN);
	b->bold = fmt(b, NULL, true);
	b->wrap = fmt(b, NULL, false);
	format_set_text_wrap(b->wrap);
	format_set_align(b->wrap, LXW_ALIGN_VERTICAL_TOP);
	b->pct = fmt(b, "0.0%", false);
	b->pct_b = fmt(b, "0.0%", true);
	b->integer = fmt(b, "0", false);
	b->int_b = fmt(b, "0", true);
	b->level_b = fmt(b, "0", true);
	b->pp = fmt(b, "+0.0;-0.0;0.0", false);
	b->pp_b = fmt(b, "+0.0;-0.0;0.0", true);
	b->points = fmt(b, "0.00", false);
	b->number = fmt(b, "General", false);
	b->date = fmt(b, "yyyy-mm-dd hh:mm", false);
	format_set_align(b->date, LXW_ALIGN_LEFT);
	b->note = fmt(b, NULL, false);
	format_set_italic(b->note);
	format_set_font_color(b->note, 0x4A5866);
	for (int i = 0; i < 5; i++) {
		b->fill[i] = workbook_add_format(b->wb);
		format_set_bg_color(b->fill[i], shade_rgb[i]);
	}
	b->up = workbook_add_format(b->wb);
	format_set_font_color(b->up, 0x1B7A3A);
	b->down = workbook_add_format(b->wb);
	format_set_font_color(b->down, 0xB3261E);
}

/* ------------------------------------------------------------ helpers */

static const char *area_name(const struct merge_version *v, size_t a)
{
	if (a >= v->n_areas)
		return _("Overall");
	return *v->areas[a].title ? v->areas[a].title : v->areas[a].id;
}

static const char *choice_name(const struct merge_choice *ch)
{
	return *ch->label ? ch->label : ch->id;
}

/* "gen 2026": the sheet of a survey version */
static char *version_label(const struct merge_version *v)
{
	return xasprintf("%s %ld", v->survey_id, v->version);
}

/* --------------------------------------------------------- the matrix */

/* Per area (and the overall) a group of columns. */
enum { G_PCT, G_LEVEL, G_TARGET, G_GAP, G_ANSWERED, G_APPLICABLE, G_N };
#define HEAD_ROWS 3

static lxw_col_t group_col(size_t a, int k)
{
	return (lxw_col_t)(1 + a * G_N + (size_t)k);
}

/* The heat map: with levels, a department's percentage and level take
 * the colour of its level (the report's shade of it); without, Excel's
 * colour scale over the percentage. */
static void heat_map(struct book *b, lxw_worksheet *ws, const struct merge_version *v,
		     size_t a, lxw_row_t first, lxw_row_t last)
{
	lxw_col_t pc = group_col(a, G_PCT), lc = group_col(a, G_LEVEL);

	if (v->max_level > 0) {
		char ref[32], formula[96];

		lxw_rowcol_to_cell(ref, first, lc);
		for (int l = 0; l <= v->max_level; l++) {
			lxw_conditional_format cf = {0};
			/* a blank level (no percentage) is not level 0 */
			snprintf(formula, sizeof formula, "=AND(ISNUMBER($%s),$%s=%d)", ref,
				 ref, l);
			cf.type = LXW_CONDITIONAL_TYPE_FORMULA;
			cf.value_string = formula;
			cf.format = b->fill[merge_report_level_shade(v, l)];
			keep(b, worksheet_conditional_format_range(ws, first, pc, last, lc, &cf));
		}
	} else {
		lxw_conditional_format cf = {0};
		cf.type = LXW_CONDITIONAL_3_COLOR_SCALE;
		cf.min_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER;
		cf.min_value = 0;
		cf.min_color = shade_rgb[0];
		cf.mid_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER;
		cf.mid_value = 0.5;
		cf.mid_color = shade_rgb[2];
		cf.max_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER;
		cf.max_value = 1;
		cf.max_color = shade_rgb[4];
		keep(b, worksheet_conditional_format_range(ws, first, pc, last, pc, &cf));
	}
}

static void matrix_cell(struct book *b, lxw_worksheet *ws, lxw_row_t row, size_t a,
			const struct merge_cell *c)
{
	put_pct(b, ws, row, group_col(a, G_PCT), c->has_percent, c->percent, b->pct);
	if (c->level >= 0)
		put_num(b, ws, row, group_col(a, G_LEVEL), c->level, b->integer);
	if (c->target > 0)
		put_num(b, ws, row, group_col(a, G_TARGET), c->target, b->integer);
	if (c->target > 0 && c->level >= 0)
		put_num(b, ws, row, group_col(a, G_GAP), c->gap, b->integer);
	put_count(b, ws, row, group_col(a, G_ANSWERED), c->answered, b->integer);
	put_count(b, ws, row, group_col(a, G_APPLICABLE), c->applicable, b->integer);
}

/* "gen 2026", the survey id cut so that the version always shows (ids
 * are ASCII, up to 40 characters) */
static char *version_sheet_name(const struct merge_version *v)
{
	char ver[24];
	int n = snprintf(ver, sizeof ver, " %ld", v->version);

	return xasprintf("%.*s%s", SHEET_NAME_MAX - 4 - n, v->survey_id, ver);
}

static void version_sheet(struct book *b, const struct merge_vreport *vr)
{
	const struct merge_version *v = vr->v;
	char *label = version_sheet_name(v);
	lxw_worksheet *ws = add_sheet(b, label, NULL);
	const char *sub[G_N] = {
		/* TRANSLATORS: column heads under each area of the workbook's
		 * matrix: percentage, maturity level, target level, levels
		 * missing to the target, questions answered, applicable */
		_("Percent"), _("Level"), _("Target"), _("Gap"), _("Answered"),
		_("Applicable"),
	};
	size_t n_groups = v->n_areas + 1;
	lxw_row_t first = HEAD_ROWS, last, row;
	lxw_col_t last_col = group_col(v->n_areas, G_N - 1);
	double dep_w = width_of(_("Department"), 14, 14);

	free(label);
	if (!ws)
		return;
	/* row 0: area titles over their columns; row 1: the ids; row 2: what
	 * each column holds. Row by row: the workbook is written in constant
	 * memory, a row at a time. */
	keep(b, worksheet_set_row(ws, 0, 45, NULL));
	put_text(b, ws, 0, 0, _("Area"), b->head);
	for (size_t a = 0; a < n_groups; a++) {
		char *title = cell_string(area_name(v, a));
		keep(b, worksheet_merge_range(ws, 0, group_col(a, 0), 0, group_col(a, G_N - 1),
					      title, b->head_c));
		free(title);
	}
	put_text(b, ws, 1, 0, _("Area id"), b->head);
	for (size_t a = 0; a < n_groups; a++) {
		char *id = cell_string(a < v->n_areas ? v->areas[a].id : "overall");
		keep(b, worksheet_merge_range(ws, 1, group_col(a, 0), 1, group_col(a, G_N - 1),
					      id, b->head_c));
		free(id);
	}
	keep(b, worksheet_set_row(ws, 2, 30, NULL));
	put_text(b, ws, 2, 0, _("Department"), b->head);
	for (size_t a = 0; a < n_groups; a++)
		for (int k = 0; k < G_N; k++)
			put_text(b, ws, 2, group_col(a, k), sub[k], b->head);
	row = first;
	for (size_t i = 0; i < vr->n_rows; i++, row++) {
		const struct merge_row *r = &vr->rows[i];

		put_text(b, ws, row, 0, r->unit->department, NULL);
		dep_w = width_of(r->unit->department, dep_w, 40);
		for (size_t a = 0; a < n_groups; a++)
			matrix_cell(b, ws, row, a, &r->cells[a]);
	}
	last = row > first ? row - 1 : first;
	for (size_t a = 0; a < n_groups && vr->n_rows; a++)
		heat_map(b, ws, v, a, first, last);
	keep(b, worksheet_autofilter(ws, HEAD_ROWS - 1, 0, last, last_col));
	worksheet_freeze_panes(ws, HEAD_ROWS, 1);
	keep(b, worksheet_repeat_rows(ws, 0, HEAD_ROWS - 1));

	/* the city's figures under a blank row, outside the filter */
	row++;
	{
		const char *labels[4] = {_("Mean"), _("Median"), _("Lowest"), _("Highest")};
		for (int k = 0; k < 4; k++, row++) {
			put_text(b, ws, row, 0, labels[k], b->bold);
			for (size_t a = 0; a < n_groups; a++) {
				const struct merge_city *c = &vr->city[a];
				double p = k == 0 ? c->mean : k == 1 ? c->median
					 : k == 2 ? c->min : c->max;
				int l = k == 1 ? c->median_level : k == 2 ? c->min_level
				      : c->max_level;

				put_pct(b, ws, row, group_col(a, G_PCT), c->n > 0, p, b->pct_b);
				if (k > 0 && c->n > 0 && v->max_level > 0)
					put_num(b, ws, row, group_col(a, G_LEVEL), l, b->level_b);
				if (k == 0) {
					put_count(b, ws, row, group_col(a, G_ANSWERED), c->answered,
						  b->int_b);
					put_count(b, ws, row, group_col(a, G_APPLICABLE),
						  c->applicable, b->int_b);
				}
			}
		}
		/* TRANSLATORS: a row of the workbook's matrix: how many
		 * departments reach the area's target level */
		put_text(b, ws, row, 0, _("Departments at target"), b->bold);
		for (size_t a = 0; a < v->n_areas; a++)
			if (v->areas[a].target > 0) {
				put_count(b, ws, row, group_col(a, G_TARGET), vr->city[a].at_target,
					  b->int_b);
			}
		row++;
		put_text(b, ws, row, 0, _("Departments"), b->bold);
		for (size_t a = 0; a < n_groups; a++)
			put_count(b, ws, row, group_col(a, G_PCT), vr->city[a].n, b->int_b);
	}
	row += 2;
	put_text(b, ws, row++, 0,
		 _("Percent is the weighted share of the points reached; level is the "
		   "maturity level reached; gap is the number of levels missing to the "
		   "area's target; answered of applicable counts the questions."), b->note);
	if (v->max_level > 0)
		put_text(b, ws, row++, 0, _("The colour shows the maturity level reached."),
			 b->note);
	else
		put_text(b, ws, row++, 0, _("The colour shows the percentage."), b->note);

	keep(b, worksheet_set_column(ws, 0, 0, dep_w, NULL));
	for (size_t a = 0; a < n_groups; a++) {
		keep(b, worksheet_set_column(ws, group_col(a, G_PCT), group_col(a, G_PCT),
					     8, NULL));
		keep(b, worksheet_set_column(ws, group_col(a, G_LEVEL), group_col(a, G_GAP),
					     6.5, NULL));
		keep(b, worksheet_set_column(ws, group_col(a, G_ANSWERED),
					     group_col(a, G_APPLICABLE), 10, NULL));
	}
}

/* ----------------------------------------------------- the overview */

/* The city per area for a latest version, with a bar chart of the mean. */
static lxw_row_t city_table(struct book *b, lxw_worksheet *ws, const char *sheet,
			    lxw_row_t row, const struct merge_vreport *vr)
{
	const struct merge_version *v = vr->v;
	const char *head[] = {
		_("Area id"), _("Area"), _("Mean"), _("Median"), _("Lowest"), _("Highest"),
		_("Target"), _("Departments at target"), _("Departments"),
	};
	char *label = version_label(v);
	lxw_row_t top;
	lxw_chart *chart;
	lxw_chart_series *s;
	char *title;

	/* TRANSLATORS: heading of the workbook's overview: "The city per
	 * area: gen 2026" (survey and version) */
	title = xasprintf(_("The city per area: %s"), label);
	put_text(b, ws, row++, 0, title, b->bold);
	free(title);
	free(label);
	heads(b, ws, row++, head, sizeof head / sizeof head[0]);
	top = row;
	for (size_t a = 0; a <= v->n_areas; a++, row++) {
		const struct merge_city *c = &vr->city[a];
		lxw_format *p = a == v->n_areas ? b->pct_b : b->pct;

		put_text(b, ws, row, 0, a < v->n_areas ? v->areas[a].id : "overall", NULL);
		put_text(b, ws, row, 1, area_name(v, a), a == v->n_areas ? b->bold : NULL);
		put_pct(b, ws, row, 2, c->n > 0, c->mean, p);
		put_pct(b, ws, row, 3, c->n > 0, c->median, p);
		put_pct(b, ws, row, 4, c->n > 0, c->min, p);
		put_pct(b, ws, row, 5, c->n > 0, c->max, p);
		if (a < v->n_areas && v->areas[a].target > 0) {
			put_num(b, ws, row, 6, v->areas[a].target, b->integer);
			put_count(b, ws, row, 7, c->at_target, b->integer);
		}
		put_count(b, ws, row, 8, c->n, b->integer);
	}
	chart = workbook_add_chart(b->wb, LXW_CHART_BAR);
	if (!chart) {
		keep(b, LXW_ERROR_MEMORY_MALLOC_FAILED);
		return row;
	}
	s = chart_add_series(chart, NULL, NULL);
	chart_series_set_categories(s, sheet, top, 1, row - 1, 1);
	chart_series_set_values(s, sheet, top, 2, row - 1, 2);
	chart_series_set_name(s, _("Mean"));
	chart_series_set_labels(s);
	chart_series_set_labels_num_format(s, "0%");
	/* TRANSLATORS: title of the workbook's chart */
	chart_title_set_name(chart, _("The city's mean per area"));
	chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
	/* a bar chart's horizontal axis (x) holds the values */
	chart_axis_set_min(chart->x_axis, 0);
	chart_axis_set_max(chart->x_axis, 1);
	chart_axis_set_num_format(chart->x_axis, "0%");
	chart_axis_set_reverse(chart->y_axis); /* the first area on top */
	{
		lxw_chart_options opt = {0};
		opt.x_scale = 1.3;
		opt.y_scale = 0.5 + 0.08 * (double)(v->n_areas + 1);
		keep(b, worksheet_insert_chart_opt(ws, top - 2, 10, chart, &opt));
	}
	/* room for the chart when the table is shorter */
	{
		lxw_row_t chart_rows = (lxw_row_t)(15 * (0.5 + 0.08 * (double)(v->n_areas + 1)));
		if (row < top - 2 + chart_rows)
			row = top - 2 + chart_rows;
	}
	return row + 1;
}

static void label_value(struct book *b, lxw_worksheet *ws, lxw_row_t row,
			const char *label, size_t n)
{
	put_text(b, ws, row, 0, label, b->bold);
	put_count(b, ws, row, 1, n, b->integer);
}

static void only_in(struct book *b, lxw_worksheet *ws, lxw_row_t *row,
		    const struct merge_version *in, const size_t *idx, size_t n, bool areas)
{
	for (size_t i = 0; i < n; i++) {
		char *label = version_label(in);
		const char *id = areas ? in->areas[idx[i]].id : in->questions[idx[i]].id;
		const char *text = areas ? in->areas[idx[i]].title : in->questions[idx[i]].text;

		put_text(b, ws, *row, 0, areas ? _("Areas only in") : _("Questions only in"),
			 NULL);
		put_text(b, ws, *row, 1, label, NULL);
		put_text(b, ws, *row, 2, id, NULL);
		put_text(b, ws, *row, 3, text, NULL);
		(*row)++;
		free(label);
	}
}

static void overview(struct book *b, lxw_worksheet *ws, const char *sheet)
{
	const struct merge_report *r = b->r;
	const char *head[] = {
		_("Survey"), _("Version"), _("Departments"), _("Drafts not counted"),
		_("Older duplicates not counted (--latest)"), _("Data last updated"),
		/* TRANSLATORS: column of the workbook's overview: "yes" when
		 * this is the survey's latest version */
		_("Latest version"),
	};
	lxw_row_t row = 0;
	bool shared = false;

	/* TRANSLATORS: the workbook's title */
	put_text(b, ws, row++, 0, _("Information security situation picture"), b->title);
	row++;
	put_text(b, ws, row, 0, _("Written"), b->bold);
	keep(b, worksheet_write_unixtime(ws, row++, 1, (int64_t)time(NULL), b->date));
	label_value(b, ws, row++, _("Files read"), r->files);
	label_value(b, ws, row++, _("Results merged"), r->results);
	label_value(b, ws, row++, _("Drafts not counted"), r->drafts);
	label_value(b, ws, row++, _("Older duplicates not counted (--latest)"), r->replaced);
	label_value(b, ws, row++, _("Invalid files skipped"), r->invalid);
	if (r->expect) {
		put_text(b, ws, row, 0, _("Expected departments"), b->bold);
		put_text(b, ws, row++, 1, r->expect, NULL);
		label_value(b, ws, row++, _("Expected departments with no result"),
			    r->n_missing);
		for (size_t i = 0; i < r->n_missing; i++)
			put_text(b, ws, row++, 1, r->missing[i], NULL);
	}
	row++;
	heads(b, ws, row++, head, sizeof head / sizeof head[0]);
	for (size_t i = 0; i < r->n_versions; i++, row++) {
		const struct merge_vreport *vr = &r->versions[i];
		put_version(b, ws, row, vr->v);
		put_count(b, ws, row, 2, vr->n_rows, b->integer);
		put_count(b, ws, row, 3, vr->drafts, b->integer);
		put_count(b, ws, row, 4, vr->replaced, b->integer);
		if (vr->n_rows)
			keep(b, worksheet_write_unixtime(ws, row, 5, (int64_t)vr->newest,
							 b->date));
		put_text(b, ws, row, 6, vr->latest ? _("yes") : _("no"), NULL);
	}
	row++;
	for (size_t i = 0; i < r->n_versions; i++)
		if (r->versions[i].latest && r->versions[i].n_rows)
			row = city_table(b, ws, sheet, row, &r->versions[i]);
	/* what two versions do not share */
	for (size_t i = 0; i < r->n_versions; i++) {
		const struct merge_vreport *vr = &r->versions[i];
		if (!vr->prev)
			continue;
		if (!shared && (vr->n_new_areas || vr->n_gone_areas || vr->n_new_questions ||
				vr->n_gone_questions)) {
			put_text(b, ws, row++, 0,
				 _("What the versions do not share"), b->bold);
			shared = true;
		}
		only_in(b, ws, &row, vr->v, vr->new_areas, vr->n_new_areas, true);
		only_in(b, ws, &row, vr->prev, vr->gone_areas, vr->n_gone_areas, true);
		only_in(b, ws, &row, vr->v, vr->new_questions, vr->n_new_questions, false);
		only_in(b, ws, &row, vr->prev, vr->gone_questions, vr->n_gone_questions, false);
	}
	if (shared)
		row++;
	/* the merge's own notes and the problems of skipped files */
	if (b->set->problems.count || b->set->notes.count) {
		put_text(b, ws, row++, 0, _("Notes"), b->bold);
		for (int k = 0; k < 2; k++) {
			const struct diag *dg = k ? &b->set->notes : &b->set->problems;
			for (size_t i = 0; i < dg->count; i++) {
				char *s = diag_format(dg, i);
				put_text(b, ws, row++, 0, s, NULL);
				free(s);
			}
		}
	}
	keep(b, worksheet_set_column(ws, 0, 0, 36, NULL));
	keep(b, worksheet_set_column(ws, 1, 1, 40, NULL));
	keep(b, worksheet_set_column(ws, 2, 4, 12, NULL));
	keep(b, worksheet_set_column(ws, 5, 5, 17, NULL)); /* a date and time */
	keep(b, worksheet_set_column(ws, 6, 9, 12, NULL));
}

/* ------------------------------------------------------ the questions */

static void questions_sheet(struct book *b)
{
	const char *head[] = {
		_("Survey"), _("Version"), _("Rank"), _("Area id"), _("Area"),
		_("Question id"), _("Question"), _("Level"), _("Max points"), _("Departments"),
		_("Answered"), _("Unanswered"), _("N/A"), _("Mean points"), _("Mean"),
		_("Below threshold"), _("Change (percentage points)"), _("Answers"),
	};
	enum { N_HEAD = sizeof head / sizeof head[0] };
	lxw_worksheet *ws = add_sheet(b, _("Questions"), NULL);
	struct strbuf sb = {0};
	lxw_row_t row = 1;
	size_t q_w = 30;

	if (!ws)
		return;
	heads(b, ws, 0, head, N_HEAD);
	keep(b, worksheet_set_row(ws, 0, 45, NULL));
	for (size_t i = 0; i < b->r->n_versions; i++) {
		const struct merge_vreport *vr = &b->r->versions[i];
		const struct merge_version *v = vr->v;

		if (!vr->n_rows)
			continue;
		for (size_t k = 0; k < vr->n_questions; k++, row++) {
			const struct merge_qstat *st = &vr->questions[k];
			const struct merge_question *q = st->q;

			put_version(b, ws, row, v);
			put_count(b, ws, row, 2, k + 1, b->integer);
			put_text(b, ws, row, 3, v->areas[q->area].id, NULL);
			put_text(b, ws, row, 4, area_name(v, q->area), NULL);
			put_text(b, ws, row, 5, q->id, NULL);
			put_text(b, ws, row, 6, q->text, NULL);
			if (text_width(q->text) > q_w)
				q_w = text_width(q->text);
			if (q->level)
				put_num(b, ws, row, 7, q->level, b->integer);
			if (q->has_max)
				put_num(b, ws, row, 8, q->max_value, b->number);
			put_count(b, ws, row, 9, st->departments, b->integer);
			put_count(b, ws, row, 10, st->answered, b->integer);
			put_count(b, ws, row, 11, st->unanswered, b->integer);
			put_count(b, ws, row, 12, st->na, b->integer);
			if (st->has_mean) {
				put_num(b, ws, row, 13, st->mean_points, b->points);
				put_pct(b, ws, row, 14, true, st->mean_percent, b->pct);
			}
			if (st->has_below)
				put_count(b, ws, row, 15, st->below, b->integer);
			if (st->has_change)
				put_num(b, ws, row, 16, st->change, b->pp);
			strbuf_reset(&sb);
			for (size_t j = 0; j < q->n_choices; j++) {
				size_t c = st->choice_order[j];
				strbuf_printf(&sb, "%s%s: %zu", j ? " · " : "",
					      choice_name(&q->choices[c]), st->choice_count[c]);
			}
			if (st->na)
				strbuf_printf(&sb, "%s%s: %zu", q->n_choices ? " · " : "", _("N/A"),
					      st->na);
			put_text(b, ws, row, 17, sb.buf ? sb.buf : "", NULL);
		}
	}
	strbuf_free(&sb);
	list_end(b, ws, row, N_HEAD, (const double[]){8, 8, 8, 8, 24, 10}, 6);
	keep(b, worksheet_set_column(ws, 6, 6, q_w > 60 ? 60 : (double)q_w, b->wrap));
	keep(b, worksheet_set_column(ws, 7, 16, 12, NULL));
	keep(b, worksheet_set_column(ws, 17, 17, 50, NULL));
}

/* One row per question and option: how many departments chose it. */
static void choices_sheet(struct book *b)
{
	const char *head[] = {
		_("Survey"), _("Version"), _("Question id"), _("Question"), _("Option id"),
		_("Option"), _("Points"), _("Departments"),
	};
	enum { N_HEAD = sizeof head / sizeof head[0] };
	/* TRANSLATORS: name of a sheet of the workbook (at most 31 characters) */
	lxw_worksheet *ws = add_sheet(b, _("Answer distribution"), NULL);
	lxw_row_t row = 1;

	if (!ws)
		return;
	heads(b, ws, 0, head, N_HEAD);
	for (size_t i = 0; i < b->r->n_versions; i++) {
		const struct merge_vreport *vr = &b->r->versions[i];
		const struct merge_version *v = vr->v;

		if (!vr->n_rows)
			continue;
		for (size_t k = 0; k < vr->n_questions; k++) {
			const struct merge_qstat *st = &vr->questions[k];
			const struct merge_question *q = st->q;

			for (size_t j = 0; j < q->n_choices; j++, row++) {
				const struct merge_choice *ch = &q->choices[st->choice_order[j]];
				put_version(b, ws, row, v);
				put_text(b, ws, row, 2, q->id, NULL);
				put_text(b, ws, row, 3, q->text, NULL);
				put_text(b, ws, row, 4, ch->id, NULL);
				put_text(b, ws, row, 5, ch->label, NULL);
				if (ch->has_points)
					put_num(b, ws, row, 6, ch->points, b->number);
				put_count(b, ws, row, 7, st->choice_count[st->choice_order[j]],
					  b->integer);
			}
			if (st->na) {
				put_version(b, ws, row, v);
				put_text(b, ws, row, 2, q->id, NULL);
				put_text(b, ws, row, 3, q->text, NULL);
				put_text(b, ws, row, 5, _("N/A"), b->note);
				put_count(b, ws, row++, 7, st->na, b->integer);
			}
		}
	}
	list_end(b, ws, row, N_HEAD, (const double[]){9, 9, 9, 50, 9, 24, 12, 12}, 8);
}

/* ------------------------------------------------------------- change */

/* Whether a change is comparable, and what differs when it is not. */
static void comparable_cells(struct book *b, lxw_worksheet *ws, lxw_row_t row,
			     lxw_col_t col, unsigned diff)
{
	char *what = merge_compare_describe(diff);

	put_text(b, ws, row, col, diff ? _("no") : _("yes"), NULL);
	put_text(b, ws, row, col + 1, what, NULL);
	free(what);
}

static void change_row(struct book *b, lxw_worksheet *ws, lxw_row_t row,
		       const struct merge_vreport *vr, const char *who, size_t a,
		       double then, double now, double change, bool city)
{
	const struct merge_version *v = vr->v;

	put_version(b, ws, row, v);
	put_num(b, ws, row, 2, (double)vr->prev->version, b->integer);
	put_text(b, ws, row, 3, who, city ? b->bold : NULL);
	put_text(b, ws, row, 4, a < v->n_areas ? v->areas[a].id : "overall", NULL);
	put_text(b, ws, row, 5, area_name(v, a), NULL);
	put_pct(b, ws, row, 6, true, then, city ? b->pct_b : b->pct);
	put_pct(b, ws, row, 7, true, now, city ? b->pct_b : b->pct);
	put_num(b, ws, row, 8, change, city ? b->pp_b : b->pp);
	comparable_cells(b, ws, row, 9, vr->compare.areas[a].diff);
}

static void change_sheet(struct book *b)
{
	const char *head[] = {
		_("Survey"), _("Version"), _("Previous version"), _("Department"), _("Area id"),
		_("Area"), _("Previous"), _("Now"), _("Change (percentage points)"),
		_("Comparable"), _("What differs"),
	};
	enum { N_HEAD = sizeof head / sizeof head[0] };
	lxw_worksheet *ws;
	lxw_row_t row = 1;
	bool any = false;

	for (size_t i = 0; i < b->r->n_versions; i++)
		any |= b->r->versions[i].prev != NULL && b->r->versions[i].n_rows > 0;
	if (!any)
		return;
	/* TRANSLATORS: name of a sheet of the workbook (at most 31 characters) */
	if (!(ws = list_begin(b, _("Change"), head, N_HEAD)))
		return;
	for (size_t i = 0; i < b->r->n_versions; i++) {
		const struct merge_vreport *vr = &b->r->versions[i];
		const struct merge_version *v = vr->v;

		if (!vr->prev || !vr->n_rows)
			continue;
		/* the city first, then the departments by name */
		for (size_t a = 0; a <= v->n_areas; a++) {
			const struct merge_city *c = &vr->city[a];

			if (c->has_change)
				change_row(b, ws, row++, vr, _("City (mean)"), a, c->prev_mean,
					   c->pair_mean, c->change, true);
		}
		for (size_t k = 0; k < vr->n_rows; k++) {
			const struct merge_row *r = &vr->rows[k];

			for (size_t a = 0; r->prev && a <= v->n_areas; a++) {
				const struct merge_cell *c = &r->cells[a];

				if (c->has_change)
					change_row(b, ws, row++, vr, r->unit->department, a,
						   c->prev_percent, c->percent, c->change, false);
			}
		}
	}
	if (row > 1) {
		lxw_conditional_format up = {0}, down = {0};
		up.type = down.type = LXW_CONDITIONAL_TYPE_CELL;
		up.criteria = LXW_CONDITIONAL_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
		up.value = 0.05;
		up.format = b->up;
		down.criteria = LXW_CONDITIONAL_CRITERIA_LESS_THAN_OR_EQUAL_TO;
		down.value = -0.05;
		down.format = b->down;
		keep(b, worksheet_conditional_format_range(ws, 1, 8, row - 1, 8, &up));
		keep(b, worksheet_conditional_format_range(ws, 1, 8, row - 1, 8, &down));
	}
	list_end(b, ws, row, N_HEAD, (const double[]){9, 9, 9, 28, 9, 28, 10, 10, 16, 11, 36}, 11);
}

/* ------------------------------------------------------------- trends */

/* Every survey's areas over every version, one row per area and version:
 * the city's figures, the change since the version before (the mean of
 * the departments' changes) and whether it is comparable; the latest
 * row of an area carries the change from the first version. */
static void trend_sheet(struct book *b)
{
	const char *head[] = {
		_("Survey"), _("Version"), _("Area id"), _("Area"), _("Departments"),
		_("Mean"), _("Lowest"), _("Highest"), _("At target"),
		_("Change (percentage points)"), _("Comparable"), _("What differs"),
		_("First → last"), _("Departments in both"), _("Comparable"),
	};
	enum { N_HEAD = sizeof head / sizeof head[0] };
	const struct merge_trends *ts = &b->r->trends;
	lxw_worksheet *ws;
	lxw_row_t row = 1;

	if (!ts->n_surveys)
		return;
	/* TRANSLATORS: name of a sheet of the workbook (at most 31 characters) */
	if (!(ws = list_begin(b, _("Trends"), head, N_HEAD)))
		return;
	for (size_t s = 0; s < ts->n_surveys; s++) {
		const struct merge_trend *t = &ts->surveys[s];
		const struct merge_version *latest = b->r->versions[t->points[t->n_points - 1]].v;

		for (size_t a = 0; a < t->n_areas; a++) {
			const struct merge_trend_area *ta = &t->areas[a];
			for (size_t k = ta->first; k < t->n_points; k++, row++) {
				const struct merge_vreport *vr = &b->r->versions[t->points[k]];
				const struct merge_city *c = &vr->city[ta->at[k]];
				bool last = k + 1 == t->n_points;

				put_text(b, ws, row, 0, t->survey_id, NULL);
				put_num(b, ws, row, 1, (double)vr->v->version, b->integer);
				put_text(b, ws, row, 2, ta->at[k] < vr->v->n_areas
					 ? vr->v->areas[ta->at[k]].id : "overall", NULL);
				put_text(b, ws, row, 3, area_name(latest, a), last ? b->bold : NULL);
				put_count(b, ws, row, 4, c->n, b->integer);
				put_pct(b, ws, row, 5, c->n > 0, c->mean, last ? b->pct_b : b->pct);
				put_pct(b, ws, row, 6, c->n > 0, c->min, b->pct);
				put_pct(b, ws, row, 7, c->n > 0, c->max, b->pct);
				if (ta->at[k] < vr->v->n_areas && vr->v->areas[ta->at[k]].target > 0)
					put_count(b, ws, row, 8, c->at_target, b->integer);
				if (k > ta->first && c->has_change) {
					put_num(b, ws, row, 9, c->change, b->pp);
					comparable_cells(b, ws, row, 10, ta->diff[k]);
				}
				if (last && ta->has_total) {
					put_num(b, ws, row, 12, ta->total, b->pp_b);
					put_count(b, ws, row, 13, ta->total_n, b->integer);
					put_text(b, ws, row, 14, ta->total_diff ? _("no") : _("yes"), NULL);
				}
			}
		}
	}
	list_end(b, ws, row, N_HEAD, (const double[]){9, 9, 9, 28, 11, 11, 11, 11, 11, 11, 11, 30, 12, 12, 12}, 15);
}

/* The effect of actions: per pair of versions, each area and question a
 * done action addressed, with and without the action. */
static void effect_sheet(struct book *b)
{
	const char *head[] = {
		_("Survey"), _("From version"), _("To version"), _("Area or question"), _("Id"),
		_("Text"), _("Done actions"), _("Departments with"), _("Change with"),
		_("Departments without"), _("Change without"), _("Too few to say"),
		_("Comparable"), _("What differs"),
	};
	enum { N_HEAD = sizeof head / sizeof head[0] };
	const struct merge_trends *ts = &b->r->trends;
	lxw_worksheet *ws;
	lxw_row_t row = 1;

	if (!ts->n_effects)
		return;
	/* TRANSLATORS: name of a sheet of the workbook (at most 31 characters) */
	if (!(ws = list_begin(b, _("Effect of actions"), head, N_HEAD)))
		return;
	for (size_t i = 0; i < ts->n_effects; i++, row++) {
		const struct merge_effect *e = &ts->effects[i];
		const struct merge_version *v = b->r->versions[e->from].v;

		put_version(b, ws, row, v);
		put_num(b, ws, row, 2, (double)b->r->versions[e->to].v->version, b->integer);
		put_text(b, ws, row, 3, e->question ? _("Question") : _("Area"), NULL);
		put_text(b, ws, row, 4, e->question ? v->questions[e->index].id
			 : v->areas[e->index].id, NULL);
		put_text(b, ws, row, 5, e->question ? v->questions[e->index].text
			 : area_name(v, e->index), b->wrap);
		put_count(b, ws, row, 6, e->actions, b->integer);
		put_count(b, ws, row, 7, e->n_with, b->integer);
		if (e->n_with)
			put_num(b, ws, row, 8, e->with, b->pp);
		put_count(b, ws, row, 9, e->n_without, b->integer);
		if (e->n_without)
			put_num(b, ws, row, 10, e->without, b->pp);
		put_text(b, ws, row, 11, e->too_few ? _("yes") : _("no"), NULL);
		comparable_cells(b, ws, row, 12, e->diff);
	}
	list_end(b, ws, row, N_HEAD, (const double[]){10, 10, 10, 10, 10, 40, 12, 12, 12, 12, 12, 12, 12, 30}, 14);
}

/* ------------------------------------------------------------ actions */

static void action_cells(struct book *b, lxw_worksheet *ws, lxw_row_t row,
			 const struct merge_version *v, const char *department, bool city,
			 const struct action *x, const char *approval)
{
	struct strbuf q = {0}, a = {0};
	char tb[24];

	for (size_t t = 0; t < x->n_targets; t++) {
		struct strbuf *sb = x->targets[t].kind == ACTION_TARGET_QUESTION ? &q : &a;
		strbuf_printf(sb, "%s%s", sb->len ? " " : "", x->targets[t].id);
	}
	put_version(b, ws, row, v);
	put_text(b, ws, row, 2, department, NULL);
	put_text(b, ws, row, 3, city ? _("City-wide") : _("Department"), NULL);
	put_text(b, ws, row, 4, x->id, NULL);
	put_text(b, ws, row, 5, x->title, b->wrap);
	put_text(b, ws, row, 6, action_status_label(x->status), NULL);
	put_text(b, ws, row, 7, x->owner, NULL);
	put_text(b, ws, row, 8, x->due, NULL);
	put_text(b, ws, row, 9, action_overdue(x, b->r->today) ? _("yes") : "", NULL);
	put_text(b, ws, row, 10, x->case_number, NULL);
	put_text(b, ws, row, 11, q.buf ? q.buf : "", NULL);
	put_text(b, ws, row, 12, a.buf ? a.buf : "", NULL);
	put_text(b, ws, row, 13, x->changed_at ? result_format_time(tb, x->changed_at) : "",
		 NULL);
	put_text(b, ws, row, 14, approval, NULL);
	strbuf_free(&q);
	strbuf_free(&a);
}

/* Per area of each survey's latest version: the departments with actions
 * for it and in which status, the city-wide plan's open ones, and the
 * departments below its target with no open action. */
static void area_actions_sheet(struct book *b)
{
	const char *head[] = {
		_("Survey"), _("Version"), _("Area id"), _("Area"),
		_("Departments with an open action"), _("Departments with actions (status)"),
		_("City-wide, open"), _("Below the target, no open action"), _("Departments"),
	};
	enum { N_HEAD = sizeof head / sizeof head[0] };
	lxw_worksheet *ws;
	lxw_row_t row = 1;

	/* TRANSLATORS: name of a sheet of the workbook (at most 31 characters) */
	if (!(ws = list_begin(b, _("Actions per area"), head, N_HEAD)))
		return;
	for (size_t i = 0; i < b->r->n_versions; i++) {
		const struct merge_vreport *vr = &b->r->versions[i];
		const struct merge_version *v = vr->v;
		if (!vr->latest)
			continue;
		for (size_t a = 0; a < v->n_areas; a++, row++) {
			char *with = merge_report_area_actions_text(vr, a);
			char *below = merge_report_below_without_text(vr, a);

			put_version(b, ws, row, v);
			put_text(b, ws, row, 2, v->areas[a].id, NULL);
			put_text(b, ws, row, 3, area_name(v, a), NULL);
			put_count(b, ws, row, 4, vr->with_action[a], b->integer);
			put_text(b, ws, row, 5, with, b->wrap);
			if (vr->plan)
				put_count(b, ws, row, 6, vr->plan_open[a], b->integer);
			put_count(b, ws, row, 7, vr->below_without[a], b->integer);
			put_text(b, ws, row, 8, below, b->wrap);
			free(with);
			free(below);
		}
	}
	list_end(b, ws, row, N_HEAD, (const double[]){9, 9, 9, 28, 14, 40, 14, 14, 40}, 9);
}

/* Every action: the city-wide plan's, then every department's. */
static void actions_sheet(struct book *b)
{
	const char *head[] = {
		_("Survey"), _("Version"), _("Department"), _("Scope"), _("Id"), _("Action"),
		_("Status"), _("Owner"), _("Due"), _("overdue"), _("Case number"),
		_("Questions"), _("Areas"), _("Changed"), _("Approval"),
	};
	enum { N_HEAD = sizeof head / sizeof head[0] };
	lxw_worksheet *ws;
	lxw_row_t row = 1;
	bool any = false;

	for (size_t i = 0; i < b->r->n_versions; i++) {
		const struct merge_vreport *vr = &b->r->versions[i];
		any |= vr->plan != NULL;
		for (int st = 0; st < ACTION_N_STATUS; st++)
			any |= vr->actions[st] > 0;
	}
	if (!any)
		return;
	/* TRANSLATORS: name of a sheet of the workbook (at most 31 characters) */
	if (!(ws = list_begin(b, _("Actions"), head, N_HEAD)))
		return;
	for (size_t i = 0; i < b->r->n_versions; i++) {
		const struct merge_vreport *vr = &b->r->versions[i];
		for (size_t k = 0; vr->plan && k < vr->plan->actions.n; k++)
			action_cells(b, ws, row++, vr->v, vr->plan->department, true,
				     &vr->plan->actions.items[k], "");
		for (size_t r = 0; r < vr->n_rows; r++) {
			const struct merge_unit *u = vr->rows[r].unit;
			for (size_t k = 0; k < u->actions.n; k++)
				action_cells(b, ws, row++, vr->v, u->department, false,
					     &u->actions.items[k], merge_report_approval_label(u));
		}
	}
	list_end(b, ws, row, N_HEAD, (const double[]){9, 9, 24, 11, 11, 36, 13, 13, 13, 13, 13, 13, 13, 13, 13}, 15);
}

/* The action plans: per department of each survey's latest version, the
 * actions per status, the overdue ones and the approval; the city's
 * totals and the city-wide plan. */
static void plans_sheet(struct book *b)
{
	const char *head[] = {
		_("Survey"), _("Version"), _("Department"), action_status_label(ACTION_PLANNED),
		action_status_label(ACTION_ONGOING), action_status_label(ACTION_DONE),
		action_status_label(ACTION_CANCELLED), _("overdue"), _("Approval"),
	};
	enum { N_HEAD = sizeof head / sizeof head[0] };
	lxw_worksheet *ws;
	lxw_row_t row = 1;

	/* TRANSLATORS: name of a sheet of the workbook (at most 31 characters) */
	if (!(ws = list_begin(b, _("Action plans"), head, N_HEAD)))
		return;
	for (size_t i = 0; i < b->r->n_versions; i++) {
		const struct merge_vreport *vr = &b->r->versions[i];
		if (!vr->latest)
			continue;
		for (size_t r = 0; r < vr->n_rows; r++, row++) {
			const struct merge_row *rw = &vr->rows[r];
			put_version(b, ws, row, vr->v);
			put_text(b, ws, row, 2, rw->unit->department, NULL);
			for (int st = 0; st < ACTION_N_STATUS; st++)
				put_count(b, ws, row, (lxw_col_t)(3 + st), rw->actions[st], b->integer);
			put_count(b, ws, row, 7, rw->overdue, b->integer);
			put_text(b, ws, row, 8, merge_report_approval_label(rw->unit), NULL);
		}
		put_version(b, ws, row, vr->v);
		put_text(b, ws, row, 2, _("Organisation"), b->bold);
		for (int st = 0; st < ACTION_N_STATUS; st++)
			put_count(b, ws, row, (lxw_col_t)(3 + st), vr->actions[st], b->int_b);
		put_count(b, ws, row, 7, vr->overdue, b->int_b);
		row++;
		if (vr->plan) {
			put_version(b, ws, row, vr->v);
			put_text(b, ws, row, 2, _("City-wide"), b->bold);
			for (int st = 0; st < ACTION_N_STATUS; st++)
				put_count(b, ws, row, (lxw_col_t)(3 + st), vr->plan_status[st],
					  b->int_b);
			put_count(b, ws, row, 7, vr->plan_overdue, b->int_b);
			row++;
		}
	}
	list_end(b, ws, row, N_HEAD, (const double[]){9, 9, 28, 11, 11, 11, 11, 11, 24}, 9);
}

/* -------------------------------------------- comments, texts, numbers */

static void comments_sheet(struct book *b)
{
	const char *head[] = {
		_("Survey"), _("Version"), _("Question id"), _("Question"), _("Area"),
		_("Department"), _("Answer"), _("Comment"),
	};
	enum { N_HEAD = sizeof head / sizeof head[0] };
	/* TRANSLATORS: name of a sheet of the workbook (at most 31 characters) */
	lxw_worksheet *ws = add_sheet(b, _("Comments and texts"), NULL);
	lxw_row_t row = 1;

	if (!ws)
		return;
	heads(b, ws, 0, head, N_HEAD);
	for (size_t i = 0; i < b->dt->n; i++, row++) {
		const struct merge_detail *d = &b->dt->items[i];
		const struct merge_vreport *vr = &b->r->versions[d->version];
		const struct merge_version *v = vr->v;
		const struct merge_question *q = &v->questions[d->question];

		put_version(b, ws, row, v);
		put_text(b, ws, row, 2, q->id, NULL);
		put_text(b, ws, row, 3, q->text, b->wrap);
		put_text(b, ws, row, 4, area_name(v, q->area), NULL);
		put_text(b, ws, row, 5, vr->rows[d->row].unit->department, NULL);
		if (d->has_number)
			put_num(b, ws, row, 6, d->number, b->number);
		else
			put_text(b, ws, row, 6, d->text, b->wrap);
		put_text(b, ws, row, 7, d->comment, b->wrap);
	}
	list_end(b, ws, row, N_HEAD, (const double[]){9, 9, 9, 40, 24, 24, 50, 50}, 8);
}

static void numbers_sheet(struct book *b)
{
	const char *head[] = {
		_("Survey"), _("Version"), _("Area"), _("Question id"), _("Question"),
		_("Departments"), _("Total"), _("Mean"), _("Lowest"), _("Highest"),
	};
	enum { N_HEAD = sizeof head / sizeof head[0] };
	/* TRANSLATORS: name of a sheet of the workbook (at most 31 characters) */
	lxw_worksheet *ws = add_sheet(b, _("Number questions"), NULL);
	lxw_row_t row = 1;

	if (!ws)
		return;
	heads(b, ws, 0, head, N_HEAD);
	for (size_t i = 0; i < b->dt->n_numbers; i++, row++) {
		const struct merge_numstat *ns = &b->dt->numbers[i];
		const struct merge_version *v = b->r->versions[ns->version].v;
		const struct merge_question *q = &v->questions[ns->question];

		put_version(b, ws, row, v);
		put_text(b, ws, row, 2, area_name(v, q->area), NULL);
		put_text(b, ws, row, 3, q->id, NULL);
		put_text(b, ws, row, 4, q->text, b->wrap);
		put_count(b, ws, row, 5, ns->n, b->integer);
		put_num(b, ws, row, 6, ns->sum, b->number);
		put_num(b, ws, row, 7, ns->mean, b->points);
		put_num(b, ws, row, 8, ns->min, b->number);
		put_num(b, ws, row, 9, ns->max, b->number);
	}
	if (row == 1)
		put_text(b, ws, row, 0, _("No number question was answered."), b->note);
	list_end(b, ws, row, N_HEAD, (const double[]){9, 9, 24, 10, 50, 12, 12, 12, 12, 12}, 10);
}

/* ------------------------------------------------------------ writing */

/* Removes the private folder and whatever is left in it. */
static void remove_tmpdir(int dirfd, const char *name)
{
	int fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);

	if (fd >= 0) {
		DIR *dir = fdopendir(fd);
		struct dirent *e;

		if (dir) {
			while ((e = readdir(dir)) != NULL)
				if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
					unlinkat(fd, e->d_name, 0);
			closedir(dir);
		} else {
			close(fd);
		}
	}
	unlinkat(dirfd, name, AT_REMOVEDIR);
}

/* A folder of our own beside the target, mode 0700: libxlsxwriter writes
 * the workbook (and its scratch files) by name, and in this folder nobody
 * else can put a link in its way or read the answers before they are
 * 0600. Returns its name in dirfd, or NULL with errno set. */
static char *make_tmpdir(int dirfd, const char *base)
{
	for (int tries = 0; tries < 100; tries++) {
		char *name = xasprintf(".%s.tmp-%06lx", base,
				       ((unsigned long)getpid() * 7919u +
					(unsigned long)time(NULL) + (unsigned long)tries * 104729u) &
				       0xFFFFFFu);
		if (mkdirat(dirfd, name, 0700) == 0)
			return name;
		free(name);
		if (errno != EEXIST)
			return NULL;
	}
	errno = EEXIST;
	return NULL;
}

static void build(struct book *b)
{
	char *overview_name;
	lxw_worksheet *ov;

	formats(b);
	/* TRANSLATORS: name of a sheet of the workbook (at most 31 characters) */
	ov = add_sheet(b, _("Overview"), &overview_name);
	for (size_t i = 0; i < b->r->n_versions; i++)
		if (b->r->versions[i].n_rows)
			version_sheet(b, &b->r->versions[i]);
	questions_sheet(b);
	choices_sheet(b);
	change_sheet(b);
	trend_sheet(b);
	effect_sheet(b);
	plans_sheet(b);
	area_actions_sheet(b);
	actions_sheet(b);
	comments_sheet(b);
	numbers_sheet(b);
	if (ov)
		overview(b, ov, overview_name);
	free(overview_name);
}

bool merge_xlsx_write(const struct merge_report *r, struct merge_set *set,
		      const char *path, struct diag *d)
{
	struct merge_details dt;
	struct book b = {0};
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	char *dir, *error = NULL, *tmp = NULL, *tmp_path = NULL, *book_name = NULL;
	int dirfd = -1, fd, saved = 0;
	lxw_workbook_options opt = {0};
	lxw_error e;
	bool ok = false;
	char *numeric;

	if (!*base || strcmp(base, ".") == 0 || strcmp(base, "..") == 0) {
		diag_add(d, path, 0, _("cannot write: %s"), _("not a file name"));
		return false;
	}
	if (!merge_report_details(r, set, &dt, d))
		return false;
	dir = slash ? xstrndup(path, (size_t)(slash - path) + (slash == path)) : xstrdup(".");
	dirfd = file_open_dir(dir, false, 0, &error);
	if (dirfd < 0) {
		diag_add(d, path, 0, _("cannot write: %s"), error);
		goto out;
	}
	tmp = make_tmpdir(dirfd, base);
	if (!tmp) {
		saved = errno;
		diag_add(d, path, 0, _("cannot write: %s"), strerror(saved));
		goto out;
	}
	tmp_path = xasprintf("%s/%s", dir, tmp);
	book_name = xasprintf("%s/book.xlsx", tmp);
	{
		char *file = xasprintf("%s/book.xlsx", tmp_path);
		opt.tmpdir = tmp_path;
		/* a row at a time to scratch files in tmp_path: memory stays
		 * small however many departments and comments */
		opt.constant_memory = LXW_TRUE;
		b.wb = workbook_new_opt(file, &opt);
		free(file);
	}
	if (!b.wb) {
		diag_add(d, path, 0, _("cannot write: %s"), strerror(ENOMEM));
		goto out;
	}
	b.r = r;
	b.set = set;
	b.dt = &dt;
	/* libxlsxwriter prints numbers into the XML with printf: in a Swedish
	 * locale that would be "0,417", which no spreadsheet reads. Only the
	 * numbers go C (the words keep their language and UTF-8), and only
	 * while the workbook is made; enkat-merge's reading threads have
	 * ended by now. (Not uselocale: glibc's newlocale leaks when LOCPATH
	 * is set.) */
	numeric = xstrdup(setlocale(LC_NUMERIC, NULL));
	setlocale(LC_NUMERIC, "C");
	build(&b);
	e = workbook_close(b.wb); /* frees the workbook, also on error */
	setlocale(LC_NUMERIC, numeric);
	free(numeric);
	if (b.err != LXW_NO_ERROR || e != LXW_NO_ERROR) {
		lxw_error why = b.err != LXW_NO_ERROR ? b.err : e;
		if (why == LXW_ERROR_CREATING_XLSX_FILE || why == LXW_ERROR_CREATING_TMPFILE)
			diag_add(d, path, 0, _("cannot write: %s"),
				 strerror(errno ? errno : EIO));
		else
			diag_add(d, path, 0, _("cannot write: %s"), lxw_strerror(why));
		goto out;
	}
	/* 0600 and on disk before it takes the name */
	fd = openat(dirfd, book_name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 || fchmod(fd, 0600) != 0 || fsync(fd) != 0) {
		saved = errno;
		if (fd >= 0)
			close(fd);
		diag_add(d, path, 0, _("cannot write: %s"), strerror(saved));
		goto out;
	}
	close(fd);
	if (renameat(dirfd, book_name, dirfd, base) != 0) {
		saved = errno;
		diag_add(d, path, 0, _("cannot write: %s"), strerror(saved));
		goto out;
	}
	fsync(dirfd);
	ok = true;
out:
	if (tmp)
		remove_tmpdir(dirfd, tmp);
	if (dirfd >= 0)
		close(dirfd);
	for (size_t i = 0; i < b.n_names; i++)
		free(b.names[i]);
	free(b.names);
	free(error);
	free(tmp);
	free(tmp_path);
	free(book_name);
	free(dir);
	merge_report_details_free(&dt);
	return ok;
}
