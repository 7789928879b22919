/* merge_summary: the readable summary on standard output. In a terminal the
 * cells are shaded by level (unless NO_COLOR); piped, it is plain text.
 * Every text that comes from a file goes through text_visible first, so a
 * department name cannot carry an escape sequence to the terminal. */
#include "merge_summary.h"
#include "merge_input.h"
#include "merge_report.h"

#include <stdlib.h>
#include <string.h>

#include "numfmt.h"
#include "text.h"
#include "util.h"

#define DEP_MIN 12
#define DEP_MAX 34
#define WEAKEST 10

struct table {
	const struct merge_set *set;
	const struct merge_options *o;
	const struct merge_version *v;
	size_t dep_w;   /* department column */
	size_t cell_w;  /* one area column */
	bool levels;
	struct merge_city *city; /* of v, the overall last */
};

/* Light backgrounds, red to green, readable with black text in both light
 * and dark terminals (xterm 256-colour indexes). */
static const int shade_bg[5] = {210, 216, 229, 151, 114};

/* "78.5 2!": percent, level, and '!' when the level is below the target. */
/* Percentage with one decimal in the C locale, or "-" when absent. */
static char *merge_pct(char *buf, bool has, double v)
{
	if (!has) {
		strcpy(buf, "-");
		return buf;
	}
	return num_format_fixed(buf, v, 1);
}

static void put_cell(struct strbuf *sb, const struct table *tb,
		     const struct score *s, int target)
{
	char pct[NUMFMT_SIZE], cell[64];
	int shade = tb->o->color && s ? merge_report_shade(tb->v, s) : -1;

	if (!s || !s->has_percent)
		snprintf(cell, sizeof cell, "-%s", tb->levels ? "   " : "");
	else if (tb->levels)
		snprintf(cell, sizeof cell, "%s %d%c", num_format_fixed(pct, s->percent, 1),
			 s->level, target > 0 && s->level < target ? '!' : ' ');
	else
		snprintf(cell, sizeof cell, "%s", num_format_fixed(pct, s->percent, 1));
	strbuf_putc(sb, ' ');
	if (shade >= 0)
		strbuf_printf(sb, "\033[30;48;5;%dm", shade_bg[shade]);
	text_pad(sb, cell, tb->cell_w, true);
	if (shade >= 0)
		strbuf_puts(sb, "\033[0m");
}

static void put_label(struct strbuf *sb, const struct table *tb, const char *s,
		      bool from_file)
{
	char *vis = from_file ? text_visible(s, false) : xstrdup(s);
	text_pad(sb, vis, tb->dep_w, false);
	free(vis);
}

static void table_setup(struct table *tb, struct merge_unit **units, size_t n)
{
	size_t w = strlen("City median");

	for (size_t i = 0; i < n; i++) {
		char *vis = text_visible(units[i]->department, false);
		size_t dw = text_width(vis);
		if (dw > w)
			w = dw;
		free(vis);
	}
	if (w > DEP_MAX)
		w = DEP_MAX;
	tb->levels = tb->v->max_level > 0;
	tb->cell_w = tb->levels ? 8 : 5;
	/* a terminal narrower than the table: shorten the names first */
	if (tb->o->width > 0) {
		size_t cells = (tb->v->n_areas + 1) * (tb->cell_w + 1);
		size_t room = (size_t)tb->o->width > cells ? (size_t)tb->o->width - cells - 1 : 0;
		if (w > room)
			w = room > DEP_MIN ? room : DEP_MIN;
	}
	tb->dep_w = w;
}

static void put_head(struct strbuf *sb, const struct table *tb, const char *first)
{
	put_label(sb, tb, first, false);
	for (size_t a = 0; a < tb->v->n_areas; a++) {
		char h[32];
		snprintf(h, sizeof h, "%zu%s", a + 1, tb->levels ? "  " : "");
		strbuf_putc(sb, ' ');
		text_pad(sb, h, tb->cell_w, true);
	}
	strbuf_putc(sb, ' ');
	text_pad(sb, tb->levels ? "all  " : "all", tb->cell_w, true);
	strbuf_putc(sb, '\n');
}

static void put_city(struct strbuf *sb, const struct table *tb, const char *label,
		     int which)
{
	const struct merge_version *v = tb->v;

	put_label(sb, tb, label, false);
	for (size_t a = 0; a <= v->n_areas; a++) {
		struct merge_city c = tb->city[a];
		struct score s = {0};
		char pct[NUMFMT_SIZE], cell[64];

		if (which == 4) { /* at target */
			if (a < v->n_areas && v->areas[a].target > 0 && c.n)
				snprintf(cell, sizeof cell, "%zu/%zu%s", c.at_target, c.n,
					 tb->levels ? "  " : "");
			else
				snprintf(cell, sizeof cell, "%s", tb->levels ? "   " : "");
			strbuf_putc(sb, ' ');
			text_pad(sb, cell, tb->cell_w, true);
			continue;
		}
		s.has_percent = c.n > 0;
		s.percent = which == 0 ? c.mean : which == 1 ? c.median
			: which == 2 ? c.min : c.max;
		s.level = which == 1 ? c.median_level : which == 2 ? c.min_level
			: c.max_level;
		if (which == 0 || !tb->levels || !c.n) {
			snprintf(cell, sizeof cell, "%s%s", merge_pct(pct, c.n > 0, s.percent),
				 tb->levels ? "   " : "");
			strbuf_putc(sb, ' ');
			text_pad(sb, cell, tb->cell_w, true);
		} else {
			put_cell(sb, tb, &s, 0);
		}
	}
	strbuf_putc(sb, '\n');
}

static void put_legend(struct strbuf *sb, const struct merge_version *v)
{
	for (size_t a = 0; a < v->n_areas; a++) {
		char *id = text_visible(v->areas[a].id, false);
		char *title = text_visible(v->areas[a].title, false);

		strbuf_printf(sb, "  %2zu %s: %s", a + 1, id, title);
		if (v->areas[a].target)
			strbuf_printf(sb, " (target level %d)", v->areas[a].target);
		strbuf_putc(sb, '\n');
		free(id);
		free(title);
	}
}

static void put_matrix(struct strbuf *sb, const struct merge_set *set,
		       const struct merge_options *o, const struct merge_version *v)
{
	struct table tb = {set, o, v, 0, 0, false, merge_report_cities(v)};
	size_t n;
	struct merge_unit **units = merge_model_units_sorted(v, &n);
	char *id = text_visible(v->survey_id, false);

	table_setup(&tb, units, n);
	strbuf_printf(sb, "\n%s %ld: percent%s per area, %zu department%s\n", id,
		      v->version, tb.levels ? " and level" : "", n, n == 1 ? "" : "s");
	put_head(sb, &tb, "Department");
	for (size_t i = 0; i < n; i++) {
		put_label(sb, &tb, units[i]->department, true);
		for (size_t a = 0; a < v->n_areas; a++)
			put_cell(sb, &tb, &units[i]->areas[a], v->areas[a].target);
		put_cell(sb, &tb, &units[i]->overall, 0);
		strbuf_putc(sb, '\n');
	}
	put_city(sb, &tb, "City mean", 0);
	put_city(sb, &tb, "City median", 1);
	put_city(sb, &tb, "City min", 2);
	put_city(sb, &tb, "City max", 3);
	if (tb.levels)
		put_city(sb, &tb, "At target", 4);
	strbuf_puts(sb, "Areas:\n");
	put_legend(sb, v);
	if (tb.levels)
		strbuf_puts(sb, "A cell is the percentage and the maturity level reached; "
			    "'!' marks a level below the area's target.\n");
	free(tb.city);
	free(units);
	free(id);
}

static void put_change_cell(struct strbuf *sb, const struct table *tb, bool has,
			    double d)
{
	char buf[NUMFMT_SIZE + 2], num[NUMFMT_SIZE];
	const char *color = NULL;

	if (!has) {
		snprintf(buf, sizeof buf, "-");
	} else {
		num_format_fixed(num, d, 1);
		snprintf(buf, sizeof buf, "%s%s", d > 0 && strcmp(num, "0.0") ? "+" : "", num);
		if (tb->o->color && strcmp(num, "0.0") && strcmp(num, "-0.0"))
			color = d > 0 ? "\033[32m" : "\033[31m";
	}
	strbuf_putc(sb, ' ');
	if (color)
		strbuf_puts(sb, color);
	text_pad(sb, buf, tb->cell_w, true);
	if (color)
		strbuf_puts(sb, "\033[0m");
}

/* Names the areas or questions of a that b lacks: never silently dropped. */
static void put_only(struct strbuf *sb, const struct merge_version *a,
		     const struct merge_version *b, bool areas)
{
	size_t n = areas ? a->n_areas : a->n_questions, shown = 0;

	for (size_t i = 0; i < n; i++) {
		const char *id = areas ? a->areas[i].id : a->questions[i].id;
		size_t k = areas ? merge_model_area(b, id) : merge_model_question(b, id);
		char *vis;

		if (k != (size_t)-1)
			continue;
		vis = text_visible(id, false);
		if (!shown++)
			strbuf_printf(sb, "%s only in version %ld:", areas ? "Areas" : "Questions",
				      a->version);
		strbuf_printf(sb, " %s", vis);
		free(vis);
	}
	if (shown)
		strbuf_putc(sb, '\n');
}

static void put_change(struct strbuf *sb, const struct merge_set *set,
		       const struct merge_options *o, const struct merge_version *v,
		       const struct merge_version *prev)
{
	struct table tb = {set, o, v, 0, 0, false, merge_report_cities(v)};
	struct merge_city *then = merge_report_cities(prev);
	size_t n, both = 0;
	struct merge_unit **units = merge_model_units_sorted(v, &n);
	char *id = text_visible(v->survey_id, false);

	table_setup(&tb, units, n);
	tb.cell_w = 6;
	strbuf_printf(sb, "\n%s: change from version %ld to %ld, percentage points\n",
		      id, prev->version, v->version);
	put_label(sb, &tb, "Department", false);
	for (size_t a = 0; a <= v->n_areas; a++) {
		char h[32];
		snprintf(h, sizeof h, a < v->n_areas ? "%zu" : "all", a + 1);
		strbuf_putc(sb, ' ');
		text_pad(sb, h, tb.cell_w, true);
	}
	strbuf_putc(sb, '\n');
	for (size_t i = 0; i < n; i++) {
		const struct merge_unit *pu = merge_model_find(prev, units[i]->department);
		if (!pu)
			continue;
		both++;
		put_label(sb, &tb, units[i]->department, true);
		for (size_t a = 0; a <= v->n_areas; a++) {
			const struct score *s = a < v->n_areas ? &units[i]->areas[a] : &units[i]->overall;
			size_t pa = a < v->n_areas ? merge_model_area(prev, v->areas[a].id) : a;
			const struct score *ps = a == v->n_areas ? &pu->overall
				: pa != (size_t)-1 ? &pu->areas[pa] : NULL;
			put_change_cell(sb, &tb, s->has_percent && ps && ps->has_percent,
					s->percent - (ps ? ps->percent : 0));
		}
		strbuf_putc(sb, '\n');
	}
	put_label(sb, &tb, "City mean", false);
	for (size_t a = 0; a <= v->n_areas; a++) {
		size_t pa = a < v->n_areas ? merge_model_area(prev, v->areas[a].id)
					   : prev->n_areas;
		const struct merge_city *now = &tb.city[a];
		const struct merge_city *was = pa != (size_t)-1 ? &then[pa] : NULL;
		put_change_cell(sb, &tb, was && now->n && was->n,
				now->mean - (was ? was->mean : 0));
	}
	strbuf_putc(sb, '\n');
	if (both < n)
		strbuf_printf(sb, "%zu department%s with no result in version %ld.\n",
			      n - both, n - both == 1 ? "" : "s", prev->version);
	put_only(sb, v, prev, true);
	put_only(sb, prev, v, true);
	put_only(sb, v, prev, false);
	put_only(sb, prev, v, false);
	free(then);
	free(tb.city);
	free(units);
	free(id);
}

static void put_weakest(struct strbuf *sb, const struct merge_set *set,
			const struct merge_options *o, const struct merge_version *v)
{
	size_t n, shown = 0;
	struct merge_qstat *st = merge_report_questions(v, merge_model_previous(set, v), &n);
	char *id = text_visible(v->survey_id, false);
	size_t text_w = o->width > 60 ? (size_t)o->width - 40 : 60;

	for (size_t k = 0; k < n && shown < WEAKEST; k++) {
		char pct[NUMFMT_SIZE], below[32];
		char *qid, *text, *area;

		if (!st[k].has_mean)
			break;
		if (!shown++)
			strbuf_printf(sb, "\n%s %ld: weakest questions (lowest mean first)\n"
				      "   mean%%  below  question (area)\n", id, v->version);
		qid = text_visible(st[k].q->id, false);
		text = text_visible(st[k].q->text, false);
		area = text_visible(v->areas[st[k].q->area].id, false);
		if (st[k].has_below)
			snprintf(below, sizeof below, "%zu/%zu", st[k].below, st[k].scored);
		else
			snprintf(below, sizeof below, "-");
		strbuf_printf(sb, "  %6s  %5s  %s (%s): ",
			      num_format_fixed(pct, st[k].mean_percent, 1), below, qid, area);
		text_pad(sb, text, text_w, false);
		while (sb->len && sb->buf[sb->len - 1] == ' ')
			sb->buf[--sb->len] = '\0';
		strbuf_putc(sb, '\n');
		free(qid);
		free(text);
		free(area);
	}
	if (shown && v->has_threshold)
		strbuf_puts(sb, "  below: departments below the threshold of the question's "
			    "points, of those it applies to\n");
	free(st);
	free(id);
}

static void put_overview(struct strbuf *sb, const struct merge_set *set,
			 const struct merge_options *o, char **missing,
			 size_t n_missing, const char *expect_name)
{
	size_t results = 0, files = 0, drafts = 0, replaced = 0;

	for (size_t i = 0; i < set->n_files; i++)
		files += !set->files[i].invalid;
	for (size_t i = 0; i < set->n_versions; i++)
		results += merge_model_merged(set->versions[i]);
	strbuf_printf(sb, "Merged %zu result%s from %zu file%s.\n", results,
		      results == 1 ? "" : "s", files, files == 1 ? "" : "s");
	for (size_t i = 0; i < set->n_versions; i++) {
		const struct merge_version *v = set->versions[i];
		char *id = text_visible(v->survey_id, false);
		size_t m = merge_model_merged(v);

		strbuf_printf(sb, "  %s version %ld: %zu department%s (survey sha256 %.12s...)\n",
			      id, v->version, m, m == 1 ? "" : "s", v->sha256);
		free(id);
		for (size_t u = 0; u < v->n_units; u++) {
			drafts += v->units[u].fate == FATE_DRAFT;
			replaced += v->units[u].fate == FATE_REPLACED;
		}
	}
	if (drafts) {
		strbuf_printf(sb, "Drafts left out (--include-drafts merges them): %zu\n", drafts);
		for (size_t i = 0; i < set->n_versions; i++) {
			const struct merge_version *v = set->versions[i];
			for (size_t u = 0; u < v->n_units; u++) {
				char *dep, *path;
				if (v->units[u].fate != FATE_DRAFT)
					continue;
				dep = text_visible(v->units[u].department, false);
				path = text_visible(set->files[v->units[u].file].path, false);
				strbuf_printf(sb, "  %s (%ld, %s)\n", dep, v->version, path);
				free(dep);
				free(path);
			}
		}
	}
	if (replaced)
		strbuf_printf(sb, "Older duplicates left out (--latest): %zu\n", replaced);
	if (o->skip_invalid) {
		size_t bad = merge_input_invalid(set);
		if (bad)
			strbuf_printf(sb, "Invalid files skipped (--skip-invalid): %zu\n", bad);
		for (size_t i = 0; i < set->n_files; i++)
			if (set->files[i].invalid) {
				char *path = text_visible(set->files[i].path, false);
				strbuf_printf(sb, "  %s\n", path);
				free(path);
			}
	}
	if (expect_name) {
		char *name = text_visible(expect_name, false);
		if (n_missing) {
			strbuf_printf(sb, "Missing: %zu expected department%s (%s) with no result:\n",
				      n_missing, n_missing == 1 ? "" : "s", name);
			for (size_t i = 0; i < n_missing; i++) {
				char *dep = text_visible(missing[i], false);
				strbuf_printf(sb, "  %s\n", dep);
				free(dep);
			}
		} else {
			strbuf_printf(sb, "Every expected department (%s) has a result.\n", name);
		}
		free(name);
	}
}

void merge_summary_print(FILE *out, const struct merge_set *set,
			 const struct merge_options *o,
			 char **missing, size_t n_missing, const char *expect_name)
{
	struct strbuf sb = {0};

	put_overview(&sb, set, o, missing, n_missing, expect_name);
	for (size_t i = 0; i < set->n_versions; i++) {
		const struct merge_version *v = set->versions[i];
		const struct merge_version *prev;

		if (!merge_model_merged(v))
			continue;
		put_matrix(&sb, set, o, v);
		prev = merge_model_previous(set, v);
		if (prev)
			put_change(&sb, set, o, v, prev);
		put_weakest(&sb, set, o, v);
	}
	/* no trailing blanks: they show in diffs and in terminals that mark them */
	for (size_t i = 0, start = 0; i < sb.len; i++) {
		if (sb.buf[i] != '\n')
			continue;
		size_t e = i;
		while (e > start && sb.buf[e - 1] == ' ')
			e--;
		fwrite(sb.buf + start, 1, e - start, out);
		fputc('\n', out);
		start = i + 1;
	}
	strbuf_free(&sb);
}
