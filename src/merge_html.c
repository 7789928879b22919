/* merge_html: the report for the board, one self-contained HTML file: inline
 * CSS and inline SVG charts, no scripts, no fonts or images fetched from
 * anywhere, so it opens offline and prints to PDF on A4. Swedish or
 * English. Every text from a file is made visible (text_visible) and then
 * escaped, so a department name can neither run script nor break markup. */
#include "merge_html.h"
#include "merge_input.h"
#include "merge_report.h"

#include <stdarg.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>

#include "fileio.h"
#include "i18n.h"
#include "numfmt.h"
#include "result.h"
#include "survey.h"
#include "text.h"
#include "util.h"
#include "version.h"

#define WEAKEST 15

/* A chart's viewBox is about as wide as it prints, so one user unit prints
 * as about one CSS pixel and a font-size of 11 as 8 pt or more: the A4
 * column (210 mm less the @page margins, 184 mm) is 695 px, a profile's
 * half of it (less the grid's gap) 336 px. Wider boxes would shrink their
 * text below what a board member reads on paper. */
#define CHART_W "690"
#define PROFILE_W "330"

/* Level colours, red to green; readable with black text and in grey print. */
static const char *const shade[5] = {"#ec9a8f", "#f5c48a", "#f2e29b", "#b8dba5", "#7dbf85"};

struct html {
	struct strbuf sb;
	const struct merge_report *r;
	const struct merge_options *o;
	const struct merge_vreport *vr; /* the version being reported */
	const struct merge_city *city;  /* its city figures */
	int section;                    /* the last section number given */
};

/* The next section's number: one counter per survey's report, so that a
 * section left out (no previous version, one department) leaves no gap. */
static int section_next(struct html *h)
{
	return ++h->section;
}

static void out(struct html *h, const char *s) { strbuf_puts(&h->sb, s); }

static void outf(struct html *h, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void outf(struct html *h, const char *fmt, ...)
{
	va_list ap;
	char buf[1024];
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (n >= (int)sizeof buf)
		fatal("internal: HTML fragment too long");
	strbuf_puts(&h->sb, buf);
}

/* Text from a file, or the report's own: visible, then escaped; cut to at
 * most max display columns (0: whole) for SVG labels, which cannot wrap. */
static void text(struct html *h, const char *s, size_t max)
{
	char *vis = text_visible(s, false);
	struct strbuf cut = {0};
	const char *p;

	if (max && text_width(vis) > max) {
		text_pad(&cut, vis, max, false);
		p = cut.buf;
	} else {
		p = vis;
	}
	for (; *p; p++) {
		switch (*p) {
		case '&': out(h, "&amp;"); break;
		case '<': out(h, "&lt;"); break;
		case '>': out(h, "&gt;"); break;
		case '"': out(h, "&quot;"); break;
		case '\'': out(h, "&#39;"); break;
		default: strbuf_putc(&h->sb, *p);
		}
	}
	strbuf_free(&cut);
	free(vis);
}

/* Numbers as people read them: "47,2 %" in Swedish, "47.2%" in English. */
static char *num(const struct html *h, char *buf, double v, int decimals)
{
	char sep = i18n_decimal_sep();

	(void)h;
	num_format_fixed(buf, v, decimals);
	for (char *p = buf; *p; p++)
		if (*p == '.')
			*p = sep;
	return buf;
}

static void pct(struct html *h, double v)
{
	char b[NUMFMT_SIZE];
	/* TRANSLATORS: a percentage in the report; Swedish puts a no-break
	 * space before the sign */
	outf(h, _("%s%%"), num(h, b, v, 1));
}

static void signed_num(struct html *h, double v)
{
	char b[NUMFMT_SIZE];
	num(h, b, v, 1);
	if (strcmp(b, "0.0") == 0 || strcmp(b, "0,0") == 0 || strcmp(b, "-0,0") == 0 ||
	    strcmp(b, "-0.0") == 0)
		out(h, "±0");
	else
		outf(h, "%s%s", v > 0 ? "+" : "\xE2\x88\x92", b + (v < 0));
}

/* "L2" (Swedish "N2"): a maturity level, short */
static void level(struct html *h, int l)
{
	/* TRANSLATORS: a maturity level, short: L for level (N for nivå) */
	outf(h, _("L%d"), l);
}

/* ----------------------------------------------------------- the head */

static const char css[] =
	"@page{size:A4;margin:16mm 13mm 16mm}"
	".marking{text-align:right;font-weight:bold;color:#b3261e;margin:0}"
	"@media print{.marking{display:none}}"
	"*{box-sizing:border-box}"
	"body{font-family:\"DejaVu Sans\",\"Segoe UI\",Arial,sans-serif;color:#1d2733;"
	"margin:0 auto;max-width:190mm;padding:8mm 6mm;font-size:10pt;line-height:1.4;"
	"-webkit-print-color-adjust:exact;print-color-adjust:exact}"
	"h1{font-size:19pt;margin:0 0 2mm;color:#12365a}"
	"h2{font-size:13pt;margin:7mm 0 2mm;padding-bottom:1mm;border-bottom:2px solid #12365a;"
	"color:#12365a}"
	"h3{font-size:10.5pt;margin:4mm 0 1mm}h4{font-size:10pt;margin:3mm 0 1mm}"
	/* a heading, or a section's introduction under it, never ends a page
	 * alone: it goes with what it introduces */
	"h2,h3,h4,caption,h2+p{break-after:avoid}"
	"p{margin:1mm 0 2mm}.sub{color:#4a5866;margin:0 0 4mm}.note{color:#4a5866;font-size:8.5pt}"
	"section{break-inside:auto}figure{margin:2mm 0;break-inside:avoid}"
	".trend-charts{display:flex;flex-wrap:wrap}figure.trend{width:50%;margin:1mm 0}"
	".keep{break-inside:avoid}"
	"svg{display:block;width:100%;height:auto}"
	"svg text{font-family:\"DejaVu Sans\",Arial,sans-serif}"
	"table{border-collapse:collapse;width:100%;font-size:8.5pt;margin:2mm 0}"
	"th,td{padding:1.2mm 1.4mm;border:1px solid #d5dbe1;text-align:right;vertical-align:top}"
	"th{background:#eef2f6;font-weight:600}"
	"th.l,td.l{text-align:left}tr{break-inside:avoid}"
	"td.c{text-align:center;white-space:nowrap}"
	/* printed text is never below 8 pt: small and sup would be 7 pt in
	 * a table's 8.5 pt; the heat map of nine areas fits the A4 column at
	 * 8 pt with narrow padding, its titles breaking anywhere */
	"small,sup,sub{font-size:8pt}"
	"table.heat{font-size:8pt}table.heat th,table.heat td{padding:1mm .5mm}"
	"table.heat th small{display:block;overflow-wrap:anywhere}"
	"td.heat small{display:block;color:#333;white-space:normal}"
	"tr.city td{font-weight:600;background:#f6f8fa}"
	".up{color:#1b7a3a;font-weight:600}.down{color:#b3261e;font-weight:600}"
	".warn{border:2px solid #b3261e;padding:2mm 3mm;color:#b3261e}"
	"td.bar{white-space:nowrap;text-align:left}td.bar svg{display:inline-block;"
	"width:30mm;vertical-align:middle;margin-right:2mm}"
	".facts{display:grid;grid-template-columns:repeat(4,1fr);gap:3mm;margin:3mm 0}"
	".fact{border:1px solid #d5dbe1;border-radius:2mm;padding:2mm 3mm}"
	".fact b{display:block;font-size:16pt;color:#12365a}"
	".profiles{display:grid;grid-template-columns:1fr 1fr;gap:3mm 6mm}"
	".profile{break-inside:avoid}.profile h3{margin:2mm 0 0}"
	".legend span{display:inline-block;padding:0 2mm;margin-right:1mm;border:1px solid #bbb}"
	"ul{margin:1mm 0 2mm;padding-left:6mm}"
	"footer{margin-top:8mm;color:#4a5866;font-size:8pt;border-top:1px solid #d5dbe1;"
	"padding-top:2mm}"
	"@media print{body{padding:0;max-width:none}h2{break-before:auto}}";

/* s as a CSS string's content: only letters, digits, spaces and safe
 * punctuation as they are, everything else (quotes, '<' that could end
 * the style element, backslashes, line breaks) as a CSS escape. */
static void css_string(struct html *h, const char *s)
{
	char *vis = text_visible(s, false);

	for (const unsigned char *p = (const unsigned char *)vis; *p; p++) {
		if (*p >= 0x80 || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr(" .,:;-_()/+%#!?", *p))
			strbuf_putc(&h->sb, (char)*p);
		else
			strbuf_printf(&h->sb, "\\%x ", *p);
	}
	free(vis);
}

/* What a printed page says in its margins, so that a browser's print
 * needs no header or footer of its own: the survey's title and version,
 * the marking (--marking), the date, and page N of M. */
static void page_margins(struct html *h)
{
	const struct merge_report *r = h->r;
	const struct merge_version *v = NULL;
	char day[24];
	time_t now = time(NULL);
	struct tm tm;

	for (size_t i = 0; i < r->n_versions && !v; i++)
		if (r->versions[i].latest)
			v = r->versions[i].v;
	out(h, "@page{@top-left{content:\"");
	if (v) {
		size_t lang = v->survey ? survey_lang_index(v->survey, _("en")) : 0;
		css_string(h, v->survey ? survey_text_get(&v->survey->title, lang)
			   : v->survey_id);
		outf(h, " %ld", v->version);
	}
	out(h, "\";font-size:8pt;color:#4a5866}");
	if (h->o->marking) {
		out(h, "@top-right{content:\"");
		css_string(h, h->o->marking);
		out(h, "\";font-size:9pt;font-weight:bold;color:#b3261e}");
	}
	localtime_r(&now, &tm);
	strftime(day, sizeof day, "%Y-%m-%d", &tm);
	outf(h, "@bottom-left{content:\"%s\";font-size:8pt;color:#4a5866}", day);
	outf(h, "@bottom-right{content:\"%s \" counter(page) \" %s \" counter(pages);"
	     "font-size:8pt;color:#4a5866}}", _("Page"), _("of"));
}

/* ------------------------------------------------------------ sections */

static void legend(struct html *h, const struct merge_version *v)
{
	out(h, "<p class=\"legend note\">");
	if (v->max_level > 0) {
		out(h, _("The colour shows the maturity level reached."));
		for (int l = 0; l <= v->max_level; l++)
		{
			outf(h, " <span style=\"background:%s\">",
			     shade[merge_report_level_shade(v, l)]);
			level(h, l);
			out(h, "</span>");
		}
	} else {
		out(h, _("The colour shows the percentage."));
		for (int b = 0; b < 5; b++)
			outf(h, " <span style=\"background:%s\">%d–%d</span>", shade[b],
			     b * 20, b * 20 + 20);
	}
	out(h, "</p>\n");
}

/* Per area: the city's mean as a bar with the range, then the departments
 * by level with the target marked. */
static void area_bars(struct html *h, const struct merge_version *v)
{
	const double x0 = 190, bw = 230, lx = 486, lw = 80;
	size_t n = v->n_areas + 1;
	double rowh = 26, top = 22, height = top + rowh * (double)n + 8;

	outf(h, "<figure><svg class=\"chart areas\" viewBox=\"0 0 " CHART_W " %.0f\" role=\"img\">\n", height);
	for (int g = 0; g <= 100; g += 25)
		outf(h, "<line x1=\"%.1f\" y1=\"%.0f\" x2=\"%.1f\" y2=\"%.0f\" "
		     "stroke=\"#d5dbe1\"/><text x=\"%.1f\" y=\"14\" font-size=\"11\" "
		     "text-anchor=\"middle\" fill=\"#4a5866\">%d</text>\n",
		     x0 + bw * g / 100, top - 4, x0 + bw * g / 100, height - 6,
		     x0 + bw * g / 100, g);
	if (v->max_level > 0)
		outf(h, "<text x=\"%.0f\" y=\"14\" font-size=\"11\" fill=\"#4a5866\">%s</text>"
		     "<text x=\"%.0f\" y=\"14\" font-size=\"11\" fill=\"#4a5866\">%s</text>\n",
		     lx, _("Level"), lx + lw + 8, _("At target"));
	for (size_t a = 0; a < n; a++) {
		struct merge_city c;
		double y = top + rowh * (double)a;
		const char *label = a < v->n_areas ? v->areas[a].title : _("Overall");
		size_t total;
		double x;

		c = h->city[a];
		outf(h, "<text x=\"0\" y=\"%.1f\" font-size=\"11.5\"%s>", y + 15,
		     a == v->n_areas ? " font-weight=\"bold\"" : "");
		text(h, *label ? label : v->areas[a].id, 27);
		out(h, "</text>\n");
		if (!c.n)
			continue;
		outf(h, "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"14\" "
		     "fill=\"%s\"/>\n", x0, y + 4, bw * c.mean / 100,
		     a == v->n_areas ? "#12365a" : "#3f6e9a");
		if (c.n > 1)
			outf(h, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#111\"/>"
			     "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#111\"/>"
			     "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#111\"/>\n",
			     x0 + bw * c.min / 100, y + 11, x0 + bw * c.max / 100, y + 11,
			     x0 + bw * c.min / 100, y + 7, x0 + bw * c.min / 100, y + 15,
			     x0 + bw * c.max / 100, y + 7, x0 + bw * c.max / 100, y + 15);
		outf(h, "<text class=\"value\" x=\"%.1f\" y=\"%.1f\" font-size=\"11.5\">",
		     x0 + bw + 8, y + 15);
		pct(h, c.mean);
		out(h, "</text>\n");
		if (v->max_level <= 0)
			continue;
		total = c.n;
		x = lx;
		for (int l = 0; l <= v->max_level && l < 10; l++) {
			double wd = lw * (double)c.at_level[l] / (double)total;
			if (c.at_level[l] == 0)
				continue;
			outf(h, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"14\" fill=\"%s\" "
			     "stroke=\"#fff\" stroke-width=\"0.5\"><title>",
			     x, y + 4, wd, shade[merge_report_level_shade(v, l)]);
			level(h, l);
			outf(h, ": %zu</title></rect>\n", c.at_level[l]);
			x += wd;
		}
		if (a < v->n_areas && v->areas[a].target > 0) {
			/* the departments below the target are left of this line */
			size_t below = 0;
			for (int l = 0; l < v->areas[a].target && l < 10; l++)
				below += c.at_level[l];
			x = lx + lw * (double)below / (double)total;
			outf(h, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#111\" "
			     "stroke-width=\"2\"/>\n", x, y + 1, x, y + 21);
			outf(h, "<text x=\"%.0f\" y=\"%.1f\" font-size=\"11\">%zu/%zu (%s ",
			     lx + lw + 6, y + 15, c.at_target, c.n, _("Target"));
			level(h, v->areas[a].target);
			out(h, ")</text>\n");
		}
	}
	out(h, "</svg></figure>\n");
}

static void heat_cell(struct html *h, const struct merge_version *v,
		      const struct merge_cell *c)
{
	if (c->shade < 0) {
		out(h, "<td class=\"c heat\">–</td>");
		return;
	}
	outf(h, "<td class=\"c heat\" style=\"background:%s\">", shade[c->shade]);
	pct(h, c->percent);
	if (v->max_level > 0 && c->level >= 0) {
		out(h, "<small>");
		level(h, c->level);
		out(h, c->below_target ? " ▼</small>" : "</small>");
	}
	out(h, "</td>");
}

/* The overall: the percentage, banded, and how many areas reached each
 * level (the overall level itself is cumulative and says little). */
static void overall_cell(struct html *h, const struct merge_version *v,
			 const struct merge_row *row)
{
	const struct merge_cell *c = &row->cells[v->n_areas];
	bool first = true;

	if (c->shade < 0) {
		out(h, "<td class=\"c heat\">–</td>");
		return;
	}
	outf(h, "<td class=\"c heat\" style=\"background:%s\">", shade[c->shade]);
	pct(h, c->percent);
	if (v->max_level > 0) {
		out(h, "<small>");
		for (int l = 0; l < 10; l++) {
			if (!row->area_levels[l])
				continue;
			out(h, first ? "" : " ");
			first = false;
			level(h, l);
			outf(h, "×%zu", row->area_levels[l]);
		}
		out(h, "</small>");
	}
	out(h, "</td>");
}

static void completeness(struct html *h, size_t answered, size_t applicable)
{
	outf(h, "<td class=\"c%s\">%zu/%zu</td>", answered < applicable ? " down" : "",
	     answered, applicable);
}

static void heat_map(struct html *h)
{
	const struct merge_vreport *vr = h->vr;
	const struct merge_version *v = vr->v;

	out(h, "<table class=\"heat\"><thead><tr><th class=\"l\">");
	out(h, _("Department"));
	out(h, "</th>");
	for (size_t a = 0; a < v->n_areas; a++) {
		outf(h, "<th title=\"");
		text(h, v->areas[a].title, 0);
		outf(h, "\">%zu<br><small>", a + 1);
		text(h, v->areas[a].title, 14);
		out(h, "</small></th>");
	}
	/* TRANSLATORS: column of answered/applicable questions */
	outf(h, "<th>%s</th><th>%s</th></tr>", _("Overall"), _("Answered"));
	if (v->max_level > 0) {
		outf(h, "<tr class=\"city\"><td class=\"l\">%s</td>", _("Target"));
		for (size_t a = 0; a < v->n_areas; a++) {
			if (v->areas[a].target) {
				out(h, "<td class=\"c\">");
				level(h, v->areas[a].target);
				out(h, "</td>");
			} else {
				out(h, "<td class=\"c\">–</td>");
			}
		}
		out(h, "<td></td><td></td></tr>");
	}
	out(h, "</thead><tbody>\n");
	for (size_t i = 0; i < vr->n_rows; i++) {
		const struct merge_row *row = &vr->rows[i];
		out(h, "<tr><td class=\"l\">");
		text(h, row->unit->department, 0);
		out(h, "</td>");
		for (size_t a = 0; a < v->n_areas; a++)
			heat_cell(h, v, &row->cells[a]);
		overall_cell(h, v, row);
		completeness(h, row->cells[v->n_areas].answered,
			     row->cells[v->n_areas].applicable);
		out(h, "</tr>\n");
	}
	if (vr->n_rows > 1) {
		const char *labels[4] = {_("Mean"), _("Median"), _("Lowest"), _("Highest")};
		for (int k = 0; k < 4; k++) {
			outf(h, "<tr class=\"city\"><td class=\"l\">%s</td>", labels[k]);
			for (size_t a = 0; a <= v->n_areas; a++) {
				const struct merge_city *c = &h->city[a];
				if (!c->n) {
					out(h, "<td class=\"c\">–</td>");
					continue;
				}
				out(h, "<td class=\"c\">");
				pct(h, k == 0 ? c->mean : k == 1 ? c->median
				    : k == 2 ? c->min : c->max);
				out(h, "</td>");
			}
			if (k == 0)
				completeness(h, h->city[v->n_areas].answered,
					     h->city[v->n_areas].applicable);
			else
				out(h, "<td></td>");
			out(h, "</tr>\n");
		}
	}
	out(h, "</tbody></table>\n");
	legend(h, v);
	if (v->max_level > 0)
		outf(h, "<p class=\"note\">%s</p>\n",
		     _("The overall column is coloured by percentage, and shows how many areas "
		       "reached each level: the overall maturity level is reached only when "
		       "every question on that level and the levels below reaches the "
		       "threshold, so it stays low even at a high percentage."));
	for (size_t i = 0; i < vr->n_rows; i++) {
		const struct merge_row *row = &vr->rows[i];
		size_t shown = 0;

		if (row->unit->incomplete_final) {
			out(h, "<p class=\"note down\">");
			text(h, row->unit->department, 0);
			out(h, ": ");
			outf(h, ngettext("final, but %zu required question is unanswered",
					 "final, but %zu required questions are unanswered",
					 row->unit->open_required), row->unit->open_required);
			out(h, "</p>\n");
		}
		if (row->cells[v->n_areas].answered == row->cells[v->n_areas].applicable)
			continue;
		out(h, "<p class=\"note\">");
		text(h, row->unit->department, 0);
		outf(h, " – %s:", _("open questions per area (answered/applicable)"));
		for (size_t a = 0; a < v->n_areas; a++) {
			if (row->cells[a].answered == row->cells[a].applicable)
				continue;
			out(h, shown++ ? ", " : " ");
			text(h, v->areas[a].title, 0);
			outf(h, " %zu/%zu", row->cells[a].answered, row->cells[a].applicable);
		}
		out(h, "</p>\n");
	}
}

static const char *choice_name(const struct merge_choice *ch)
{
	return *ch->label ? ch->label : ch->id;
}

/* The answers to one question as one stacked bar, colours from the fewest
 * points to the most. */
static void choice_bar(struct html *h, const struct merge_qstat *st)
{
	const struct merge_question *q = st->q;
	size_t nc = q->n_choices, total = 0;
	double x = 0;
	bool multi = strcmp(q->type, "multi") == 0;

	for (size_t j = 0; j < nc; j++)
		total += st->choice_count[st->choice_order[j]];
	total += st->na;
	if (!total || q->too_many)
		return;
	out(h, "<svg class=\"chart choices\" viewBox=\"0 0 160 12\" role=\"img\">");
	for (size_t j = 0; j < nc; j++) {
		size_t cnt = st->choice_count[st->choice_order[j]];
		double wd = 160.0 * (double)cnt / (double)total;
		const struct merge_choice *ch = &q->choices[st->choice_order[j]];
		/* an option's colour is its share of the points, as in the
		 * heat map; options of a multi question have no points of
		 * their own */
		int si = ch->has_points && q->max_value > 0
			? (int)(4 * ch->points / q->max_value + 0.5) : -1;
		const char *fill = !multi && si >= 0 ? shade[si > 4 ? 4 : si] : "#9fb3c8";
		if (!cnt)
			continue;
		outf(h, "<rect x=\"%.1f\" y=\"0\" width=\"%.1f\" height=\"12\" fill=\"%s\" "
		     "stroke=\"#fff\" stroke-width=\"0.6\"><title>", x, wd, fill);
		text(h, choice_name(ch), 0);
		outf(h, ": %zu</title></rect>", cnt);
		x += wd;
	}
	if (st->na)
		outf(h, "<rect x=\"%.1f\" y=\"0\" width=\"%.1f\" height=\"12\" fill=\"#ccc\"/>",
		     x, 160.0 * (double)st->na / (double)total);
	out(h, "</svg><small>");
	for (size_t j = 0; j < nc; j++) {
		if (j)
			out(h, " · ");
		text(h, choice_name(&q->choices[st->choice_order[j]]), 0);
		outf(h, " %zu", st->choice_count[st->choice_order[j]]);
	}
	if (st->na)
		outf(h, "%s%s %zu", nc ? " · " : "", _("N/A"), st->na);
	out(h, "</small>");
}

/* The mark of a change whose two definitions differ (merge_compare.h):
 * what differs is listed under the change's table. */
static void noncomparable(struct html *h, unsigned diff)
{
	if (diff)
		outf(h, "<sup class=\"nc\" title=\"%s\">≠</sup>", _("not comparable"));
}

static void signed_span(struct html *h, double d)
{
	outf(h, "<span class=\"%s\">", d >= 0.05 ? "up" : d <= -0.05 ? "down" : "");
	signed_num(h, d);
	out(h, "</span>");
}

/* A city figure that rests on fewer than 3 departments says little (a
 * department's own report is about itself alone). */
static bool few(const struct html *h, const struct merge_qstat *st)
{
	return !h->r->department && st->scored < 3;
}

static void weakest(struct html *h)
{
	const struct merge_vreport *vr = h->vr;
	const struct merge_version *v = vr->v;
	char b[NUMFMT_SIZE], b2[NUMFMT_SIZE];

	outf(h, "<table class=\"weak\"><thead><tr><th>#</th><th class=\"l\">%s</th>"
	     "<th class=\"l\">%s</th><th>%s</th><th>%s</th><th>%s</th>%s"
	     "<th class=\"l\">%s</th></tr></thead><tbody>\n",
	     _("Question"), _("Area"), _("Level"), _("Mean"), _("Below threshold"),
	     vr->prev ? "<th>±</th>" : "", _("Answers"));
	for (size_t k = 0; k < vr->n_questions && k < WEAKEST; k++) {
		const struct merge_qstat *st = &vr->questions[k];
		const struct merge_question *q = st->q;

		if (!st->has_mean)
			break;
		outf(h, "<tr><td>%zu</td><td class=\"l\">", k + 1);
		text(h, q->text, 0);
		out(h, " <small>(");
		text(h, q->id, 0);
		out(h, ")</small></td><td class=\"l\">");
		text(h, v->areas[q->area].title, 0);
		out(h, "</td><td class=\"c\">");
		if (q->level)
			level(h, q->level);
		out(h, "</td><td class=\"c\">");
		pct(h, st->mean_percent);
		if (few(h, st))
			out(h, "<sup>*</sup>");
		outf(h, "<br><small>%s/%s</small></td><td class=\"c\">",
		     num(h, b, st->mean_points, 2),
		     num(h, b2, q->max_value, q->max_value == (long)q->max_value ? 0 : 1));
		if (st->has_below)
			/* TRANSLATORS: "2 of 5" departments */
			outf(h, _("%zu of %zu"), st->below, st->scored);
		else
			out(h, "–");
		out(h, "</td>");
		if (vr->prev) {
			out(h, "<td class=\"c\">");
			if (st->has_change) {
				signed_span(h, st->change);
				noncomparable(h, vr->compare.questions[st->q_index].diff);
			} else {
				out(h, "–");
			}
			out(h, "</td>");
		}
		out(h, "<td class=\"l\">");
		choice_bar(h, st);
		out(h, "</td></tr>\n");
	}
	out(h, "</tbody></table>\n");
	for (size_t k = 0; k < vr->n_questions && k < WEAKEST; k++)
		if (vr->questions[k].has_mean && few(h, &vr->questions[k])) {
			outf(h, "<p class=\"note\">* %s</p>\n",
			     _("The mean rests on fewer than 3 departments: too few to say much."));
			break;
		}
}

/* Per area: the city's mean then and now, as two dots joined by a line. */
static void change_chart(struct html *h)
{
	const struct merge_vreport *vr = h->vr;
	const struct merge_version *v = vr->v, *prev = vr->prev;
	const double x0 = 200, bw = 370;
	size_t n = v->n_areas + 1;
	double rowh = 22, top = 26, height = top + rowh * (double)n + 6;

	outf(h, "<figure><svg class=\"chart change\" viewBox=\"0 0 " CHART_W " %.0f\" role=\"img\">\n", height);
	for (int g = 0; g <= 100; g += 25)
		outf(h, "<line x1=\"%.1f\" y1=\"%.0f\" x2=\"%.1f\" y2=\"%.0f\" stroke=\"#d5dbe1\"/>"
		     "<text x=\"%.1f\" y=\"12\" font-size=\"11\" text-anchor=\"middle\" "
		     "fill=\"#4a5866\">%d</text>\n", x0 + bw * g / 100, top - 6,
		     x0 + bw * g / 100, height - 4, x0 + bw * g / 100, g);
	outf(h, "<circle cx=\"%.0f\" cy=\"9\" r=\"4\" fill=\"#9aa7b4\"/><text x=\"%.0f\" y=\"12\" "
	     "font-size=\"11\">%ld</text><circle cx=\"%.0f\" cy=\"9\" r=\"4\" fill=\"#12365a\"/>"
	     "<text x=\"%.0f\" y=\"12\" font-size=\"11\">%ld</text>\n", x0 + bw + 16,
	     x0 + bw + 24, prev->version, x0 + bw + 64, x0 + bw + 72, v->version);
	for (size_t a = 0; a < n; a++) {
		const struct merge_city *now = &h->city[a];
		double y = top + rowh * (double)a + 8, then;
		const char *label = a < v->n_areas ? v->areas[a].title : _("Overall");

		outf(h, "<text x=\"0\" y=\"%.1f\" font-size=\"11.5\"%s>", y + 4,
		     a == v->n_areas ? " font-weight=\"bold\"" : "");
		text(h, label, 28);
		out(h, "</text>\n");
		if (!now->has_change)
			continue;
		then = now->prev_mean;
		outf(h, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#9aa7b4\" "
		     "stroke-width=\"3\"/><circle cx=\"%.1f\" cy=\"%.1f\" r=\"4.5\" fill=\"#9aa7b4\"/>"
		     "<circle class=\"now\" cx=\"%.1f\" cy=\"%.1f\" r=\"4.5\" fill=\"#12365a\"/>\n",
		     x0 + bw * then / 100, y, x0 + bw * now->pair_mean / 100, y,
		     x0 + bw * then / 100, y, x0 + bw * now->pair_mean / 100, y);
		outf(h, "<text x=\"%.0f\" y=\"%.1f\" font-size=\"11.5\" fill=\"%s\">", x0 + bw + 16,
		     y + 4, now->change >= 0.05 ? "#1b7a3a"
		     : now->change <= -0.05 ? "#b3261e" : "#1d2733");
		signed_num(h, now->change);
		if (vr->compare.areas[a].diff)
			out(h, " ≠");
		out(h, "</text>\n");
	}
	out(h, "</svg></figure>\n");
}

static void only_list(struct html *h, const struct merge_version *in,
		      const size_t *idx, size_t n, bool areas)
{
	if (!n)
		return;
	outf(h, "<p>%s %ld:</p><ul>", areas ? _("Areas only in") : _("Questions only in"),
	     in->version);
	for (size_t i = 0; i < n; i++) {
		const char *id = areas ? in->areas[idx[i]].id : in->questions[idx[i]].id;
		const char *title = areas ? in->areas[idx[i]].title : in->questions[idx[i]].text;
		out(h, "<li>");
		text(h, title, 0);
		out(h, " <small>(");
		text(h, id, 0);
		out(h, ")</small></li>");
	}
	out(h, "</ul>\n");
}

/* What differs behind each change marked ≠, area by area. */
static void not_comparable_list(struct html *h)
{
	const struct merge_vreport *vr = h->vr;
	const struct merge_version *v = vr->v;
	bool any = false;

	for (size_t a = 0; a <= v->n_areas; a++) {
		const struct merge_link *l = &vr->compare.areas[a];
		char *what;
		if (!l->diff || l->prev == (size_t)-1)
			continue;
		if (!any)
			outf(h, "<p class=\"note\">%s</p><ul class=\"nc\">", _("≠ not comparable: "
			     "the two versions' definitions differ for the figure, so a change is "
			     "partly the survey's, not the departments'."));
		any = true;
		what = merge_compare_describe(l->diff);
		out(h, "<li>");
		text(h, a < v->n_areas ? v->areas[a].title : _("Overall"), 0);
		out(h, ": ");
		text(h, what, 0);
		out(h, "</li>");
		free(what);
	}
	if (any)
		out(h, "</ul>\n");
}

static void change(struct html *h, int section)
{
	const struct merge_vreport *vr = h->vr;
	const struct merge_version *v = vr->v, *prev = vr->prev;

	outf(h, "<section class=\"change\"><h2>%d. %s (%ld → %ld)</h2><p>%s</p>\n", section,
	     _("Change since the previous version"), prev->version, v->version,
	     _("Change in percentage points, matched by area and question (and by the "
	       "survey's revision mapping when the survey is given). The city's change is the "
	       "mean of the changes of the departments in both versions."));
	change_chart(h);
	out(h, "<table class=\"changes\"><thead><tr><th class=\"l\">");
	out(h, _("Department"));
	out(h, "</th>");
	for (size_t a = 0; a < v->n_areas; a++) {
		outf(h, "<th title=\"");
		text(h, v->areas[a].title, 0);
		outf(h, "\">%zu</th>", a + 1);
	}
	outf(h, "<th>%s</th></tr></thead><tbody>\n", _("Overall"));
	for (size_t i = 0; i < vr->n_rows; i++) {
		const struct merge_row *row = &vr->rows[i];
		if (!row->prev)
			continue;
		out(h, "<tr><td class=\"l\">");
		text(h, row->unit->department, 0);
		out(h, "</td>");
		for (size_t a = 0; a <= v->n_areas; a++) {
			if (!row->cells[a].has_change) {
				out(h, "<td class=\"c\">–</td>");
				continue;
			}
			out(h, "<td class=\"c\">");
			signed_span(h, row->cells[a].change);
			noncomparable(h, vr->compare.areas[a].diff);
			out(h, "</td>");
		}
		out(h, "</tr>\n");
	}
	out(h, "<tr class=\"city\"><td class=\"l\">");
	out(h, _("City (mean of the changes)"));
	out(h, "</td>");
	for (size_t a = 0; a <= v->n_areas; a++) {
		out(h, "<td class=\"c\">");
		if (h->city[a].has_change) {
			signed_span(h, h->city[a].change);
			noncomparable(h, vr->compare.areas[a].diff);
		} else {
			out(h, "–");
		}
		out(h, "</td>");
	}
	out(h, "</tr>\n</tbody></table>\n");
	not_comparable_list(h);
	if (vr->in_prev < vr->n_rows) {
		size_t n = vr->n_rows - vr->in_prev;
		out(h, "<p class=\"note\">");
		outf(h, ngettext("%zu department had no result in version %ld:",
				 "%zu departments had no result in version %ld:", n),
		     n, prev->version);
		for (size_t i = 0, k = 0; i < vr->n_rows; i++)
			if (!vr->rows[i].prev) {
				out(h, k++ ? ", " : " ");
				text(h, vr->rows[i].unit->department, 0);
			}
		out(h, ".</p>\n");
	}
	only_list(h, v, vr->new_areas, vr->n_new_areas, true);
	only_list(h, prev, vr->gone_areas, vr->n_gone_areas, true);
	only_list(h, v, vr->new_questions, vr->n_new_questions, false);
	only_list(h, prev, vr->gone_questions, vr->n_gone_questions, false);
	out(h, "</section>\n");
}

/* ------------------------------------------------------------ trends */

/* The trend of vr's survey, when it has at least three versions (two are
 * the change section's), else NULL. */
static const struct merge_trend *trend_of(const struct html *h)
{
	const struct merge_trends *ts = &h->r->trends;

	for (size_t s = 0; s < ts->n_surveys; s++)
		if (strcmp(ts->surveys[s].survey_id, h->vr->v->survey_id) == 0)
			return ts->surveys[s].n_points >= 3 ? &ts->surveys[s] : NULL;
	return NULL;
}

static const struct merge_vreport *point(const struct html *h, const struct merge_trend *t,
					 size_t k)
{
	return &h->r->versions[t->points[k]];
}

/* One area over the versions: the city's mean (line), lowest to highest
 * (band), a dashed step where the definitions differ, and with
 * --per-department one thin line per department. */
static void trend_chart(struct html *h, const struct merge_trend *t, size_t a)
{
	const struct merge_trend_area *ta = &t->areas[a];
	const struct merge_version *v = h->vr->v;
	const double x0 = 34, w = 270, y0 = 30, ht = 100;
	double step = t->n_points > 1 ? w / (double)(t->n_points - 1) : 0;

#define TX(k) (x0 + step * (double)(k))
#define TY(p) (y0 + ht - ht * (p) / 100)
	outf(h, "<figure class=\"trend\"><svg viewBox=\"0 0 320 160\" role=\"img\">"
	     "<text x=\"0\" y=\"14\" font-size=\"12\" font-weight=\"bold\">");
	text(h, a < v->n_areas ? v->areas[a].title : _("Overall"), 44);
	out(h, "</text>\n");
	for (int g = 0; g <= 100; g += 50)
		outf(h, "<line x1=\"%.0f\" y1=\"%.1f\" x2=\"%.0f\" y2=\"%.1f\" stroke=\"#d5dbe1\"/>"
		     "<text x=\"%.0f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\" "
		     "fill=\"#4a5866\">%d</text>\n", x0, TY(g), x0 + w, TY(g), x0 - 4, TY(g) + 4, g);
	for (size_t k = 0; k < t->n_points; k++)
		outf(h, "<text x=\"%.1f\" y=\"%.0f\" font-size=\"11\" text-anchor=\"middle\" "
		     "fill=\"#4a5866\">%ld</text>\n", TX(k), y0 + ht + 16, point(h, t, k)->v->version);
	/* the band from the lowest to the highest */
	out(h, "<polygon class=\"band\" fill=\"#c9d6e3\" points=\"");
	for (size_t k = ta->first; k < t->n_points; k++) {
		const struct merge_city *c = &point(h, t, k)->city[ta->at[k]];
		if (c->n)
			outf(h, "%.1f,%.1f ", TX(k), TY(c->max));
	}
	for (size_t k = t->n_points; k-- > ta->first;) {
		const struct merge_city *c = &point(h, t, k)->city[ta->at[k]];
		if (c->n)
			outf(h, "%.1f,%.1f ", TX(k), TY(c->min));
	}
	out(h, "\"/>\n");
	if (h->o->per_department)
		for (size_t d = 0; d < t->n_departments; d++) {
			bool open = false;
			for (size_t k = ta->first; k < t->n_points; k++) {
				const struct merge_trend_value *val = &ta->values[d * t->n_points + k];
				if (!val->has)
					continue;
				outf(h, open ? " %.1f,%.1f" : "<polyline class=\"dept\" fill=\"none\" "
				     "stroke=\"#7d8b99\" stroke-width=\"0.8\" points=\"%.1f,%.1f",
				     TX(k), TY(val->percent));
				open = true;
			}
			if (open) {
				out(h, "\"><title>");
				text(h, t->departments[d], 0);
				out(h, "</title></polyline>\n");
			}
		}
	for (size_t k = ta->first; k < t->n_points; k++) {
		const struct merge_city *c = &point(h, t, k)->city[ta->at[k]];
		if (!c->n)
			continue;
		if (k > ta->first && point(h, t, k - 1)->city[ta->at[k - 1]].n)
			outf(h, "<line class=\"mean%s\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
			     "stroke=\"#12365a\" stroke-width=\"2.2\"%s/>\n", ta->diff[k] ? " nc" : "",
			     TX(k - 1), TY(point(h, t, k - 1)->city[ta->at[k - 1]].mean), TX(k),
			     TY(c->mean), ta->diff[k] ? " stroke-dasharray=\"4 3\"" : "");
		outf(h, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.2\" fill=\"#12365a\"/>\n", TX(k),
		     TY(c->mean));
	}
	out(h, "</svg></figure>\n");
#undef TX
#undef TY
}

static void trend_table(struct html *h, const struct merge_trend *t)
{
	const struct merge_version *v = h->vr->v;

	outf(h, "<table class=\"trend\"><thead><tr><th class=\"l\">%s</th>", _("Area"));
	for (size_t k = 0; k < t->n_points; k++)
		outf(h, "<th>%ld</th>", point(h, t, k)->v->version);
	outf(h, "<th>%s</th></tr></thead><tbody>\n", _("First → last"));
	for (size_t a = 0; a < t->n_areas; a++) {
		const struct merge_trend_area *ta = &t->areas[a];
		outf(h, "<tr%s><td class=\"l\">", a == v->n_areas ? " class=\"city\"" : "");
		text(h, a < v->n_areas ? v->areas[a].title : _("Overall"), 0);
		out(h, "</td>");
		for (size_t k = 0; k < t->n_points; k++) {
			const struct merge_city *c;
			out(h, "<td class=\"c\">");
			if (k < ta->first || !(c = &point(h, t, k)->city[ta->at[k]])->n) {
				out(h, "–</td>");
				continue;
			}
			pct(h, c->mean);
			if (k > ta->first)
				noncomparable(h, ta->diff[k]);
			/* the change from the version before, over the
			 * departments in both */
			if (k > ta->first && c->has_change) {
				out(h, "<br><small>");
				signed_span(h, c->change);
				out(h, "</small>");
			}
			out(h, "</td>");
		}
		out(h, "<td class=\"c\">");
		if (ta->has_total) {
			signed_span(h, ta->total);
			noncomparable(h, ta->total_diff);
			out(h, "<br><small>");
			outf(h, ngettext("%zu department", "%zu departments", ta->total_n),
			     ta->total_n);
			out(h, "</small>");
		} else {
			out(h, "–");
		}
		out(h, "</td></tr>\n");
	}
	out(h, "</tbody></table>\n");
}

/* Per area and version: the departments at the area's target of those
 * with a result, and the median level. */
static void trend_levels(struct html *h, const struct merge_trend *t)
{
	const struct merge_version *v = h->vr->v;

	if (!v->max_level)
		return;
	outf(h, "<h3>%s</h3><table class=\"trend-levels\"><thead><tr><th class=\"l\">%s</th>",
	     _("Levels reached per version"), _("Area"));
	for (size_t k = 0; k < t->n_points; k++)
		outf(h, "<th>%ld</th>", point(h, t, k)->v->version);
	out(h, "</tr></thead><tbody>\n");
	for (size_t a = 0; a < v->n_areas; a++) {
		const struct merge_trend_area *ta = &t->areas[a];
		out(h, "<tr><td class=\"l\">");
		text(h, v->areas[a].title, 0);
		out(h, "</td>");
		for (size_t k = 0; k < t->n_points; k++) {
			const struct merge_vreport *pv = point(h, t, k);
			const struct merge_city *c;
			out(h, "<td class=\"c\">");
			if (k < ta->first || !(c = &pv->city[ta->at[k]])->n) {
				out(h, "–</td>");
				continue;
			}
			level(h, c->median_level);
			if (pv->v->areas[ta->at[k]].target > 0) {
				out(h, "<br><small>");
				/* TRANSLATORS: departments at the target, of those
				 * with a result */
				outf(h, _("%zu of %zu at target"), c->at_target, c->n);
				out(h, "</small>");
			}
			if (k > ta->first && c->has_change)
				noncomparable(h, pv->compare.areas[ta->at[k]].level_diff);
			out(h, "</td>");
		}
		out(h, "</tr>\n");
	}
	out(h, "</tbody></table>\n");
}

/* "Improved most: Teknik (+50,0)." from the trend's list of areas. */
static void ranked_line(struct html *h, const struct merge_trend *t, const char *label,
			const size_t *areas, size_t n)
{
	outf(h, "<p><b>%s</b> ", label);
	for (size_t i = 0; i < n; i++) {
		out(h, i ? ", " : "");
		text(h, h->vr->v->areas[areas[i]].title, 0);
		out(h, " (");
		signed_num(h, t->areas[areas[i]].total);
		out(h, ")");
	}
	out(h, n ? "." : _("none."));
	out(h, "</p>");
}

static void trend_ranked(struct html *h, const struct merge_trend *t)
{
	out(h, "<div class=\"ranked\">");
	ranked_line(h, t, _("Improved most:"), t->improved, t->n_improved);
	ranked_line(h, t, _("Declined most:"), t->declined, t->n_declined);
	outf(h, "<p class=\"note\">%s</p></div>\n",
	     _("Only areas whose change from the first to the last version is comparable "
	       "are ranked."));
}

static void trend(struct html *h, const struct merge_trend *t, int section)
{
	/* the heading and its explanation stay with the charts */
	outf(h, "<section class=\"trends\"><div class=\"keep\"><h2>%d. %s (%ld–%ld)</h2><p>%s</p>\n", section,
	     _("Trends over the versions"), point(h, t, 0)->v->version,
	     point(h, t, t->n_points - 1)->v->version,
	     _("The city's mean per area and version (line), the lowest and the highest "
	       "department (band). The change from the first to the last version is the "
	       "mean of the changes of the departments with a result in both. ≠ and a "
	       "dashed line: the definitions differ between the versions."));
	out(h, "<div class=\"trend-charts\">\n");
	for (size_t a = 0; a < t->n_areas; a++)
		trend_chart(h, t, a);
	out(h, "</div></div>\n");
	trend_table(h, t);
	trend_ranked(h, t);
	trend_levels(h, t);
	out(h, "</section>\n");
}

/* ------------------------------------------------------------ effect */

static void effect_row(struct html *h, const struct merge_effect *e)
{
	const struct merge_version *v = h->r->versions[e->from].v;

	out(h, "<tr><td class=\"l\">");
	if (e->question) {
		text(h, v->questions[e->index].text, 90);
		out(h, " <small>(");
		text(h, v->areas[v->questions[e->index].area].title, 0);
		out(h, ")</small>");
	} else {
		out(h, "<b>");
		text(h, v->areas[e->index].title, 0);
		out(h, "</b>");
	}
	outf(h, "</td><td class=\"c\">%zu</td><td class=\"c\">", e->actions);
	if (e->n_with) {
		signed_span(h, e->with);
		outf(h, "<br><small>n = %zu</small>", e->n_with);
	} else {
		out(h, "–");
	}
	out(h, "</td><td class=\"c\">");
	if (e->n_without) {
		signed_span(h, e->without);
		outf(h, "<br><small>n = %zu</small>", e->n_without);
	} else {
		out(h, "–");
	}
	out(h, "</td><td class=\"l\">");
	if (e->too_few)
		outf(h, "<span class=\"few\">%s</span> ", _("too few to say"));
	if (e->diff) {
		char *what = merge_compare_describe(e->diff);
		out(h, "≠ ");
		text(h, what, 0);
		free(what);
	}
	out(h, "</td></tr>\n");
}

static void effect(struct html *h, int section)
{
	const struct merge_trends *ts = &h->r->trends;
	bool any = false;
	size_t last_to = (size_t)-1, first_to = (size_t)-1;

	for (size_t i = 0; i < ts->n_effects; i++) {
		const struct merge_effect *e = &ts->effects[i];
		if (strcmp(h->r->versions[e->to].v->survey_id, h->vr->v->survey_id) != 0)
			continue;
		if (last_to != e->to) {
			/* the heading, its explanation and the first pair's
			 * table stay on one page */
			if (any)
				out(h, last_to == first_to ? "</tbody></table></div>\n"
				    : "</tbody></table>\n");
			else
				outf(h, "<section class=\"effect\"><div class=\"keep\">"
				     "<h2>%d. %s</h2><p>%s</p>\n",
				     section, _("Effect of actions"),
				     _("For every area and question that an action done between the two "
				       "assessments addresses: the change to the next version in the "
				       "departments that had such an "
				       "action, against the change in those that had none (percentage "
				       "points, mean). Fewer than 3 departments on either side is too "
				       "few to say anything."));
			outf(h, "<h3>%ld → %ld</h3><table class=\"effect\"><thead><tr>"
			     "<th class=\"l\">%s</th><th>%s</th><th>%s</th><th>%s</th>"
			     "<th class=\"l\"></th></tr></thead><tbody>\n",
			     h->r->versions[e->from].v->version, h->r->versions[e->to].v->version,
			     _("Area or question"), _("Done actions"), _("With the action"),
			     _("Without"));
			if (!any)
				first_to = e->to;
			last_to = e->to;
			any = true;
		}
		effect_row(h, e);
	}
	if (any)
		out(h, last_to == first_to ? "</tbody></table></div></section>\n"
		    : "</tbody></table></section>\n");
}

/* Whether vr's survey has an effect to show. */
static bool has_effect(const struct html *h)
{
	for (size_t i = 0; i < h->r->trends.n_effects; i++)
		if (strcmp(h->r->versions[h->r->trends.effects[i].to].v->survey_id,
			   h->vr->v->survey_id) == 0)
			return true;
	return false;
}

/* One department against the city, area by area. */
static void profile(struct html *h, const struct merge_row *row)
{
	const struct merge_version *v = h->vr->v;
	const double x0 = 132, bw = 120;
	double rowh = 16, top = 4, height = top + rowh * (double)(v->n_areas + 1) + 4;

	out(h, "<div class=\"profile\"><h3>");
	text(h, row->unit->department, 0);
	out(h, "</h3>");
	outf(h, "<svg class=\"chart profile\" viewBox=\"0 0 " PROFILE_W " %.0f\" role=\"img\">\n", height);
	for (size_t a = 0; a <= v->n_areas; a++) {
		const struct merge_cell *c = &row->cells[a];
		const struct merge_city *city = &h->city[a];
		double y = top + rowh * (double)a;

		outf(h, "<text x=\"0\" y=\"%.1f\" font-size=\"11\"%s>", y + 10,
		     a == v->n_areas ? " font-weight=\"bold\"" : "");
		text(h, a < v->n_areas ? v->areas[a].title : _("Overall"), 19);
		out(h, "</text>");
		outf(h, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"11\" fill=\"#eef2f6\"/>",
		     x0, y + 1, bw);
		if (c->has_percent) {
			outf(h, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"11\" fill=\"%s\"/>",
			     x0, y + 1, bw * c->percent / 100, c->shade >= 0 ? shade[c->shade] : "#ccc");
			outf(h, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\">", x0 + bw + 6, y + 10);
			pct(h, c->percent);
			if (c->level >= 0) {
				out(h, " ");
				level(h, c->level);
			}
			out(h, "</text>");
		}
		if (city->n)
			outf(h, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#111\" "
			     "stroke-width=\"2\"/>", x0 + bw * city->mean / 100, y,
			     x0 + bw * city->mean / 100, y + 13);
		out(h, "\n");
	}
	out(h, "</svg></div>\n");
}

static void overview(struct html *h)
{
	const struct merge_report *r = h->r;
	const struct merge_vreport *vr = h->vr;
	const struct merge_version *v = vr->v;
	const struct merge_city *c = &h->city[v->n_areas];
	size_t n = vr->n_rows;
	char tb[24];

	out(h, "<div class=\"facts\">");
	/* TRANSLATORS: a big number above this word: "12 departments" */
	outf(h, "<div class=\"fact\"><b>%zu</b>%s</div>", n,
	     ngettext("department", "departments", n));
	outf(h, "<div class=\"fact\"><b>%zu</b>%s</div>", v->n_areas,
	     ngettext("area", "areas", v->n_areas));
	outf(h, "<div class=\"fact\"><b>%zu</b>%s</div>", v->n_questions,
	     ngettext("survey question", "survey questions", v->n_questions));
	out(h, "<div class=\"fact\"><b>");
	if (c->n)
		pct(h, c->mean);
	else
		out(h, "–");
	if (n > 1)
		outf(h, "</b>%s (%s)</div></div>\n", _("Overall"), _("Mean"));
	else
		outf(h, "</b>%s</div></div>\n", _("Overall"));
	outf(h, "<p class=\"sub\">%s %.10s</p>\n", _("Data last updated"),
	     result_format_time(tb, vr->newest));
	if (vr->drafts || vr->replaced || r->invalid || r->n_missing) {
		out(h, "<ul>");
		if (vr->drafts) {
			outf(h, "<li>%s: ", _("Drafts not counted"));
			for (size_t i = 0, k = 0; i < v->n_units; i++)
				if (v->units[i].fate == FATE_DRAFT) {
					out(h, k++ ? ", " : "");
					text(h, v->units[i].department, 0);
				}
			out(h, "</li>");
		}
		if (vr->replaced)
			outf(h, "<li>%s: %zu</li>", _("Older duplicates not counted (--latest)"),
			     vr->replaced);
		if (r->invalid)
			outf(h, "<li>%s: %zu</li>", _("Invalid files skipped"), r->invalid);
		if (r->n_missing) {
			outf(h, "<li><b>%s (%zu)</b>: ", _("Expected departments with no result"),
			     r->n_missing);
			for (size_t i = 0; i < r->n_missing; i++) {
				out(h, i ? ", " : "");
				text(h, r->missing[i], 0);
			}
			out(h, "</li>");
		}
		out(h, "</ul>\n");
	} else if (r->expect) {
		outf(h, "<p>%s</p>\n", _("Every expected department has a result."));
	}
}

/* ------------------------------------------ a department's own report */

/* What an action addresses, for people: area titles, question ids with
 * their texts, or the whole department. */
static void addresses(struct html *h, const struct action *x)
{
	const struct merge_version *v = h->vr->v;

	if (!x->n_targets) {
		out(h, _("the whole department"));
		return;
	}
	for (size_t t = 0; t < x->n_targets; t++) {
		const struct action_target *tg = &x->targets[t];
		size_t k;

		out(h, t ? "; " : "");
		if (tg->kind == ACTION_TARGET_AREA &&
		    (k = merge_model_area(v, tg->id)) != (size_t)-1) {
			text(h, v->areas[k].title, 0);
		} else if (tg->kind == ACTION_TARGET_QUESTION &&
			   (k = merge_model_question(v, tg->id)) != (size_t)-1) {
			text(h, v->questions[k].id, 0);
			out(h, " <small>");
			text(h, v->questions[k].text, 0);
			out(h, "</small>");
		} else {
			text(h, tg->id, 0);
		}
	}
}

/* Per area: this year's percentage as a bar with last year's as a tick,
 * the level against the target, the change and the open actions. */
static void dept_areas(struct html *h)
{
	const struct merge_vreport *vr = h->vr;
	const struct merge_version *v = vr->v;
	const struct merge_row *row = &vr->rows[0];
	bool levels = v->max_level > 0;

	outf(h, "<table class=\"areas\"><thead><tr><th class=\"l\">%s</th><th>%s</th>",
	     _("Area"), _("Percent"));
	if (levels)
		outf(h, "<th>%s</th><th>%s</th>", _("Level"), _("Target"));
	if (vr->prev)
		outf(h, "<th>%ld</th><th>±</th>", vr->prev->version);
	outf(h, "<th>%s</th><th>%s</th></tr></thead><tbody>\n", _("Answered"),
	     _("Open actions"));
	for (size_t a = 0; a <= v->n_areas; a++) {
		const struct merge_cell *c = &row->cells[a];

		outf(h, "<tr%s><td class=\"l\">", a == v->n_areas ? " class=\"city\"" : "");
		text(h, a < v->n_areas ? v->areas[a].title : _("Overall"), 0);
		out(h, "</td><td class=\"bar\">");
		if (c->has_percent) {
			outf(h, "<svg class=\"chart\" viewBox=\"0 0 120 12\" role=\"img\">"
			     "<rect x=\"0\" y=\"1\" width=\"120\" height=\"10\" fill=\"#eef2f6\"/>"
			     "<rect x=\"0\" y=\"1\" width=\"%.1f\" height=\"10\" fill=\"%s\"/>",
			     1.2 * c->percent, c->shade >= 0 ? shade[c->shade] : "#ccc");
			if (c->has_change)
				outf(h, "<line x1=\"%.1f\" y1=\"0\" x2=\"%.1f\" y2=\"12\" "
				     "stroke=\"#111\" stroke-width=\"1.5\"/>",
				     1.2 * c->prev_percent, 1.2 * c->prev_percent);
			out(h, "</svg>");
			pct(h, c->percent);
		} else {
			out(h, "–");
		}
		out(h, "</td>");
		if (levels) {
			out(h, "<td class=\"c\">");
			if (c->level >= 0) {
				level(h, c->level);
				out(h, c->below_target ? " ▼" : "");
			} else {
				out(h, "–");
			}
			out(h, "</td><td class=\"c\">");
			if (c->target > 0)
				level(h, c->target);
			out(h, "</td>");
		}
		if (vr->prev) {
			out(h, "<td class=\"c\">");
			if (c->has_change)
				pct(h, c->prev_percent);
			else
				out(h, "–");
			out(h, "</td><td class=\"c\">");
			if (c->has_change)
				signed_span(h, c->change);
			else
				out(h, "–");
			out(h, "</td>");
		}
		completeness(h, c->answered, c->applicable);
		outf(h, "<td class=\"c\">%zu</td></tr>\n", row->open_actions[a]);
	}
	out(h, "</tbody></table>\n");
	legend(h, v);
}

/* For every area below its target: the actions that address it, or a
 * prompt that none does. */
static void dept_below_target(struct html *h)
{
	const struct merge_version *v = h->vr->v;
	const struct merge_row *row = &h->vr->rows[0];
	const struct action_list *l = &row->unit->actions;
	size_t shown = 0;

	for (size_t a = 0; a < v->n_areas; a++) {
		size_t n = 0;

		if (!row->cells[a].below_target)
			continue;
		if (!shown++)
			out(h, "<ul class=\"below\">");
		out(h, "<li><b>");
		text(h, v->areas[a].title, 0);
		out(h, "</b> (");
		level(h, row->cells[a].level);
		outf(h, ", %s ", _("target"));
		level(h, row->cells[a].target);
		out(h, "): ");
		for (size_t i = 0; i < l->n; i++) {
			if (!merge_report_addresses(v, &l->items[i], a))
				continue;
			out(h, n++ ? ", " : "");
			text(h, l->items[i].id, 0);
			out(h, " ");
			text(h, l->items[i].title, 0);
			outf(h, " (%s)", action_status_label(l->items[i].status));
		}
		if (!n)
			outf(h, "<span class=\"down\">%s</span>",
			     _("no action addresses this area yet"));
		out(h, "</li>");
	}
	if (shown)
		out(h, "</ul>\n");
	else
		outf(h, "<p>%s</p>\n", _("Every area reaches its target level."));
}

/* An action plan: its actions per status, the overdue ones, and every
 * action in a table (a department's own, or the city-wide plan). */
static void actions_table(struct html *h, const struct action_list *l, size_t overdue)
{
	size_t counts[ACTION_N_STATUS];
	char tb[24];

	actions_count(l, counts);
	out(h, "<p>");
	for (int st = 0; st < ACTION_N_STATUS; st++)
		outf(h, "%s%s: %zu", st ? " · " : "", action_status_label((enum action_status)st),
		     counts[st]);
	if (overdue)
		outf(h, " · <span class=\"down\">%s: %zu</span>", _("overdue"), overdue);
	out(h, "</p>\n");
	outf(h, "<table class=\"actions\"><thead><tr><th class=\"l\">%s</th>"
	     "<th class=\"l\">%s</th><th class=\"l\">%s</th><th class=\"l\">%s</th>"
	     "<th>%s</th><th>%s</th><th class=\"l\">%s</th><th>%s</th></tr></thead><tbody>\n",
	     _("Id"), _("Action"), _("Addresses"), _("Owner"), _("Due"), _("Status"),
	     _("Case number"), _("Changed"));
	for (size_t i = 0; i < l->n; i++) {
		const struct action *x = &l->items[i];
		bool late = action_overdue(x, h->r->today);

		out(h, "<tr><td class=\"l\">");
		text(h, x->id, 0);
		out(h, "</td><td class=\"l\"><b>");
		text(h, x->title, 0);
		out(h, "</b>");
		if (*x->description) {
			out(h, "<br><small>");
			text(h, x->description, 0);
			out(h, "</small>");
		}
		if (*x->comment) {
			out(h, "<br><small><i>");
			text(h, x->comment, 0);
			out(h, "</i></small>");
		}
		out(h, "</td><td class=\"l\">");
		addresses(h, x);
		out(h, "</td><td class=\"l\">");
		text(h, x->owner, 0);
		outf(h, "</td><td class=\"c%s\">", late ? " down" : "");
		text(h, *x->due ? x->due : "–", 0);
		if (late)
			outf(h, "<br><small>%s</small>", _("overdue"));
		out(h, "</td><td class=\"c\">");
		out(h, action_status_label(x->status));
		out(h, "</td><td class=\"l\">");
		text(h, x->case_number, 0);
		outf(h, "</td><td class=\"c\">%.10s<br><small>", result_format_time(tb, x->changed_at));
		text(h, x->changed_by, 0);
		out(h, "</small></td></tr>\n");
	}
	out(h, "</tbody></table>\n");
}

static void dept_actions(struct html *h)
{
	const struct merge_row *row = &h->vr->rows[0];

	if (!row->unit->actions.n) {
		outf(h, "<p>%s</p>\n", _("The department has no actions in its plan."));
		return;
	}
	actions_table(h, &row->unit->actions, row->overdue);
}

/* Text written by people (a comment, a free-text answer): like text(), but
 * its line breaks kept as <br>, since a comment's lines often are a list. */
static void text_lines(struct html *h, const char *s)
{
	char *vis = text_visible(s, true);

	for (const char *p = vis; *p;) {
		size_t n = strcspn(p, "\n");
		char *line = xstrndup(p, n);

		text(h, line, 0);
		free(line);
		p += n;
		if (*p) {
			out(h, "<br>");
			p++;
		}
	}
	free(vis);
}

static void dept_comments(struct html *h, const struct merge_details *dt, size_t vi)
{
	const struct merge_version *v = h->vr->v;
	size_t shown = 0;

	for (size_t i = 0; dt && i < dt->n; i++) {
		const struct merge_detail *d = &dt->items[i];
		const struct merge_question *q;

		if (d->version != vi || (!*d->comment && !*d->text))
			continue;
		q = &v->questions[d->question];
		if (!shown++)
			outf(h, "<table class=\"comments\"><thead><tr><th class=\"l\">%s</th>"
			     "<th class=\"l\">%s</th><th class=\"l\">%s</th></tr></thead><tbody>\n",
			     _("Area"), _("Question"), _("Comment"));
		out(h, "<tr><td class=\"l\">");
		text(h, v->areas[q->area].title, 0);
		out(h, "</td><td class=\"l\">");
		text(h, q->text, 0);
		out(h, " <small>(");
		text(h, q->id, 0);
		out(h, ")</small></td><td class=\"l\">");
		if (*d->text) {
			text_lines(h, d->text);
			out(h, *d->comment ? "<br>" : "");
		}
		text_lines(h, d->comment);
		out(h, "</td></tr>\n");
	}
	if (shown)
		out(h, "</tbody></table>\n");
	else
		outf(h, "<p>%s</p>\n", _("The department wrote no comments."));
}

static void dept_approval(struct html *h)
{
	const struct merge_unit *u = h->vr->rows[0].unit;
	char tb[24];

	if (!u->final) {
		outf(h, "<p class=\"down\">%s</p>\n",
		     _("This is a draft: the result is not final and not approved."));
		return;
	}
	if (u->incomplete_final) {
		out(h, "<p class=\"down\">");
		outf(h, ngettext("final, but %zu required question is unanswered",
				 "final, but %zu required questions are unanswered",
				 u->open_required), u->open_required);
		out(h, "</p>\n");
	}
	if (!u->approval.present) {
		outf(h, "<p>%s</p>\n", _("The result is final but not approved by the "
					 "department's management."));
		return;
	}
	out(h, "<p class=\"approval\">");
	outf(h, "%s ", _("Approved for the department's management by"));
	text(h, u->approval.name, 0);
	if (*u->approval.role) {
		out(h, " (");
		text(h, u->approval.role, 0);
		out(h, ")");
	}
	outf(h, " %s %.10s", _("on"), result_format_time(tb, u->approval.at));
	out(h, ". <small>");
	outf(h, "%s ", _("Recorded by the user"));
	text(h, u->approval.login, 0);
	outf(h, "; %s %.16s…</small></p>\n", _("seal"), u->approval.seal);
	if (u->approval_state == APPROVAL_BROKEN)
		outf(h, "<p class=\"warn\"><b>%s</b> %s</p>\n", _("Changed after approval."),
		     _("The file no longer matches the seal of the approval: it was edited "
		       "after the management approved it."));
}

static void department_report(struct html *h, const struct merge_vreport *vr,
			      const struct merge_details *dt, size_t vi)
{
	const struct merge_version *v = vr->v;
	h->vr = vr;
	h->section = 0;
	h->city = vr->city;
	out(h, "<section class=\"survey\">\n<h1>");
	out(h, _("Information security self-assessment"));
	out(h, " – ");
	text(h, vr->rows[0].unit->department, 0);
	out(h, "</h1>\n");
	overview(h);
	outf(h, "<p class=\"note\">%s: ", _("Survey"));
	text(h, v->survey_id, 0);
	outf(h, " %s %ld · sha256 %.16s…</p>\n", _("version"), v->version, v->sha256);
	outf(h, "<section><h2>%d. %s</h2><p>%s</p>\n", section_next(h),
	     _("The department's areas"),
	     vr->prev ? _("Percentage and maturity level per area against the area's target, "
			  "and last year's result (black tick).")
		      : _("Percentage and maturity level per area against the area's target."));
	dept_areas(h);
	out(h, "</section>\n");
	outf(h, "<section><h2>%d. %s</h2>\n", section_next(h),
	     _("Areas below their target and the actions for them"));
	dept_below_target(h);
	out(h, "</section>\n");
	outf(h, "<section><h2>%d. %s</h2>\n", section_next(h), _("The department's action plan"));
	dept_actions(h);
	out(h, "</section>\n");
	outf(h, "<section><h2>%d. %s</h2><p>%s</p>\n", section_next(h), _("Weakest questions"),
	     _("The department's questions with the lowest points relative to their "
	       "maximum."));
	weakest(h);
	out(h, "</section>\n");
	if (vr->prev)
		change(h, section_next(h));
	outf(h, "<section><h2>%d. %s</h2>\n", section_next(h), _("The department's comments"));
	dept_comments(h, dt, vi);
	out(h, "</section>\n");
	outf(h, "<section><h2>%d. %s</h2>\n", section_next(h), _("Approval"));
	dept_approval(h);
	out(h, "</section>\n</section>\n");
	h->vr = NULL;
	h->city = NULL;
}

/* s as text() writes it, in a string of its own (the caller frees). */
static char *escaped(struct html *h, const char *s)
{
	struct strbuf keep = h->sb;
	char *e;

	h->sb = (struct strbuf){0};
	text(h, s, 0);
	e = strbuf_detach(&h->sb);
	h->sb = keep;
	return e;
}

/* Per area: the departments with actions for it and in which status, the
 * city-wide plan's open ones, and who is below the target with none. */
static void area_actions(struct html *h)
{
	const struct merge_vreport *vr = h->vr;
	const struct merge_version *v = vr->v;

	outf(h, "<h3>%s</h3><table class=\"area-actions\"><thead><tr><th class=\"l\">%s</th>"
	     "<th class=\"l\">%s</th>", _("Actions per area"), _("Area"),
	     _("Departments with actions (status)"));
	if (vr->plan)
		outf(h, "<th>%s</th>", _("City-wide, open"));
	outf(h, "<th class=\"l\">%s</th></tr></thead><tbody>\n",
	     _("Below the target, no open action"));
	for (size_t a = 0; a < v->n_areas; a++) {
		char *with = merge_report_area_actions_text(vr, a);
		char *below = merge_report_below_without_text(vr, a);

		out(h, "<tr><td class=\"l\">");
		text(h, v->areas[a].title, 0);
		out(h, "</td><td class=\"l\">");
		text(h, *with ? with : "–", 0);
		out(h, "</td>");
		if (vr->plan)
			outf(h, "<td class=\"c\">%zu</td>", vr->plan_open[a]);
		out(h, "<td class=\"l\">");
		text(h, *below ? below : "–", 0);
		out(h, "</td></tr>\n");
		free(with);
		free(below);
	}
	out(h, "</tbody></table>\n");
}

/* Per question that an action names: whose actions, in which status. */
static void question_actions(struct html *h)
{
	const struct merge_vreport *vr = h->vr;
	const struct merge_version *v = vr->v;

	if (!vr->n_qactions)
		return;
	outf(h, "<h3>%s</h3><table class=\"question-actions\"><thead><tr><th class=\"l\">%s</th>"
	     "<th class=\"l\">%s</th></tr></thead><tbody>\n", _("Actions per question"),
	     _("Question"), _("Actions (status)"));
	for (size_t i = 0; i < vr->n_qactions;) {
		size_t q = vr->qactions[i].question;
		const struct merge_question *mq = &v->questions[q];
		out(h, "<tr><td class=\"l\">");
		text(h, mq->text, 0);
		out(h, " <small>(");
		text(h, v->areas[mq->area].title, 0);
		out(h, ")</small></td><td class=\"l\">");
		for (size_t k = 0; i < vr->n_qactions && vr->qactions[i].question == q; i++, k++) {
			const struct merge_qaction *qa = &vr->qactions[i];
			out(h, k ? "; " : "");
			text(h, qa->row == (size_t)-1 ? _("City-wide") : vr->rows[qa->row].unit->department, 0);
			out(h, ": ");
			text(h, qa->x->id, 0);
			out(h, " ");
			out(h, action_status_label(qa->x->status));
			if (action_overdue(qa->x, h->r->today))
				outf(h, " <span class=\"down\">%s</span>", _("overdue"));
		}
		out(h, "</td></tr>\n");
	}
	out(h, "</tbody></table>\n");
}

/* The central office's own plan (--city-plan). */
static void city_plan(struct html *h)
{
	const struct merge_vreport *vr = h->vr;

	if (!vr->plan->actions.n) {
		outf(h, "<p>%s</p>\n", _("The city-wide plan has no actions."));
		return;
	}
	actions_table(h, &vr->plan->actions, vr->plan_overdue);
}

/* The departments' action plans and approvals: actions per status and
 * department, overdue ones, per area and question whose actions, who is
 * below target with none, and the city-wide plan. */
static void city_actions(struct html *h, int section)
{
	const struct merge_vreport *vr = h->vr;

	outf(h, "<section class=\"actions\"><h2>%d. %s</h2><p>%s</p>\n", section,
	     _("Action plans and approval"),
	     _("The departments' actions by status, the overdue ones (due date passed, "
	       "not done), and whether each result is approved by the department's "
	       "management and unchanged since."));
	outf(h, "<table class=\"plans\"><thead><tr><th class=\"l\">%s</th>",
	     _("Department"));
	for (int st = 0; st < ACTION_N_STATUS; st++)
		outf(h, "<th>%s</th>", action_status_label((enum action_status)st));
	outf(h, "<th>%s</th><th class=\"l\">%s</th></tr></thead><tbody>\n", _("overdue"),
	     _("Approval"));
	for (size_t i = 0; i < vr->n_rows; i++) {
		const struct merge_row *row = &vr->rows[i];

		out(h, "<tr><td class=\"l\">");
		text(h, row->unit->department, 0);
		out(h, "</td>");
		for (int st = 0; st < ACTION_N_STATUS; st++)
			outf(h, "<td class=\"c\">%zu</td>", row->actions[st]);
		outf(h, "<td class=\"c%s\">%zu</td><td class=\"l%s\">%s</td></tr>\n",
		     row->overdue ? " down" : "", row->overdue,
		     row->unit->approval_state == APPROVAL_BROKEN ? " down" : "",
		     merge_report_approval_label(row->unit));
	}
	outf(h, "<tr class=\"city\"><td class=\"l\">%s</td>", _("Organisation"));
	for (int st = 0; st < ACTION_N_STATUS; st++)
		outf(h, "<td class=\"c\">%zu</td>", vr->actions[st]);
	outf(h, "<td class=\"c\">%zu</td><td class=\"l\">", vr->overdue);
	outf(h, _("%zu approved, %zu changed after approval, %zu not approved"),
	     vr->approved, vr->broken, vr->unapproved);
	out(h, "</td></tr>\n</tbody></table>\n");
	area_actions(h);
	question_actions(h);
	if (vr->plan) {
		char *keeper = escaped(h, vr->plan->department);
		/* a short plan stays with its heading */
		outf(h, "<div class=\"keep\"><h3>%s</h3><p>", _("City-wide actions"));
		strbuf_printf(&h->sb, _("The city-wide plan kept by %s (version %ld), beside "
					"the departments' plans."), keeper, vr->plan->version);
		out(h, "</p>\n");
		free(keeper);
		city_plan(h);
		out(h, "</div>\n");
	}
	out(h, "</section>\n");
}

static void version_report(struct html *h, const struct merge_vreport *vr)
{
	const struct merge_version *v = vr->v;
	h->vr = vr;
	h->section = 0;
	h->city = vr->city;
	out(h, "<section class=\"survey\">\n<h1>");
	if (vr->n_rows == 1) {
		out(h, _("Information security self-assessment"));
		out(h, " – ");
		text(h, vr->rows[0].unit->department, 0);
	} else {
		out(h, _("Information security situation picture"));
	}
	out(h, "</h1>\n");
	overview(h);
	/* the survey id in the subtitle, escaped */
	outf(h, "<p class=\"note\">%s: ", _("Survey"));
	text(h, v->survey_id, 0);
	outf(h, " %s %ld · sha256 %.16s…</p>\n", _("version"), v->version, v->sha256);

	outf(h, "<section><h2>%d. %s</h2><p>%s</p>\n", section_next(h),
	     _("Areas across the organisation"),
	     _("The bar is the mean of the departments' percentages per area; the line "
	       "shows the lowest and the highest. On the right: departments by maturity "
	       "level reached, and how many reach the area's target level."));
	area_bars(h, v);
	out(h, "</section>\n");
	outf(h, "<section><h2>%d. %s</h2><p>%s</p>\n", section_next(h), _("Departments and areas"),
	     _("Percentage and maturity level reached per department and area. "
	       "▼ marks a level below the area's target."));
	heat_map(h);
	out(h, "</section>\n");
	outf(h, "<section><h2>%d. %s</h2><p>%s</p>\n", section_next(h), _("Weakest questions"),
	     _("The questions with the lowest mean points relative to their maximum: the "
	       "input to next year's joint activities."));
	weakest(h);
	out(h, "</section>\n");
	if (vr->prev)
		change(h, section_next(h));
	if (trend_of(h))
		trend(h, trend_of(h), section_next(h));
	if (has_effect(h))
		effect(h, section_next(h));
	city_actions(h, section_next(h));
	if (vr->n_rows > 1) {
		outf(h, "<section><h2>%d. %s</h2><p>%s</p><div class=\"profiles\">\n",
		     section_next(h), _("Department profiles"),
		     _("The department's percentage per area (bar) against the "
		       "organisation's mean (black tick)."));
		for (size_t i = 0; i < vr->n_rows; i++)
			profile(h, &vr->rows[i]);
		out(h, "</div></section>\n");
	}
	out(h, "</section>\n");
	h->vr = NULL;
	h->city = NULL;
}

/* ------------------------------------------- the comments' appendix */


/* The question's rows of dt from *i on that have something to show: its
 * comments and free-text answers, one row per department. Moves *i past
 * the question. */
static void question_comments(struct html *h, const struct merge_vreport *vr,
			      const struct merge_details *dt, size_t *i)
{
	const struct merge_detail *first = &dt->items[*i];
	size_t end = *i;
	bool answers = false;

	while (end < dt->n && dt->items[end].version == first->version &&
	       dt->items[end].question == first->question) {
		answers |= *dt->items[end].text != '\0';
		end++;
	}
	out(h, "<h4>");
	text(h, vr->v->questions[first->question].text, 0);
	out(h, " <small>(");
	text(h, vr->v->questions[first->question].id, 0);
	outf(h, ")</small></h4>\n<table class=\"comments\"><thead><tr><th class=\"l\">%s</th>",
	     _("Department"));
	if (answers)
		/* TRANSLATORS: the column of free-text answers in the report */
		outf(h, "<th class=\"l\">%s</th>", _("Answer"));
	outf(h, "<th class=\"l\">%s</th></tr></thead><tbody>\n", _("Comment"));
	for (; *i < end; (*i)++) {
		const struct merge_detail *d = &dt->items[*i];

		if (!*d->comment && !*d->text)
			continue;
		out(h, "<tr><td class=\"l\">");
		text(h, vr->rows[d->row].unit->department, 0);
		out(h, "</td>");
		if (answers) {
			out(h, "<td class=\"l\">");
			text_lines(h, d->text);
			out(h, "</td>");
		}
		out(h, "<td class=\"l\">");
		text_lines(h, d->comment);
		out(h, "</td></tr>\n");
	}
	out(h, "</tbody></table>\n");
}

/* --with-comments: every department's comment and free-text answer, per
 * question of the latest version of each survey, grouped by area; what the
 * board reads when a figure needs its reasons. Not numbered: an appendix,
 * after every survey's sections. */
static void comments_appendix(struct html *h, const struct merge_details *dt)
{
	const struct merge_report *r = h->r;
	size_t latest = 0;
	bool any = false;

	for (size_t k = 0; k < r->n_versions; k++)
		latest += r->versions[k].latest && r->versions[k].n_rows;
	outf(h, "<section class=\"appendix\"><h2>%s</h2>\n", _("Appendix: comments per question"));
	for (size_t k = 0; k < r->n_versions; k++) {
		const struct merge_vreport *vr = &r->versions[k];
		size_t area = (size_t)-1;

		if (!vr->latest || !vr->n_rows)
			continue;
		for (size_t i = 0; dt && i < dt->n;) {
			const struct merge_detail *d = &dt->items[i];
			const struct merge_question *q;

			if (d->version != k || (!*d->comment && !*d->text)) {
				i++;
				continue;
			}
			q = &vr->v->questions[d->question];
			if (area == (size_t)-1 && latest > 1) {
				/* several surveys: say whose questions these are */
				outf(h, "<h3 class=\"survey\">%s: ", _("Survey"));
				text(h, vr->v->survey_id, 0);
				outf(h, " %s %ld</h3>\n", _("version"), vr->v->version);
			}
			if (q->area != area) {
				area = q->area;
				out(h, "<h3>");
				text(h, vr->v->areas[area].title, 0);
				out(h, "</h3>\n");
			}
			question_comments(h, vr, dt, &i);
			any = true;
		}
	}
	if (!any)
		outf(h, "<p>%s</p>\n", _("No department wrote a comment or a free-text answer."));
	out(h, "</section>\n");
}

bool merge_html_write(const struct merge_report *r, const struct merge_details *dt,
		      const struct merge_options *o, const char *path, struct diag *d)
{
	struct html h = {{0}, r, o, NULL, NULL, 0};
	char *error;
	int rc;

	/* TRANSLATORS: the language code of the report's <html lang> */
	outf(&h, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
	     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	     "<title>%s</title>\n<style>", _("en"),
	     _("Information security situation picture"));
	out(&h, css);
	page_margins(&h);
	out(&h, "</style>\n</head>\n<body>\n");
	if (o->marking) { /* on the screen too, not only in print */
		out(&h, "<p class=\"marking\">");
		text(&h, o->marking, 0);
		out(&h, "</p>\n");
	}
	/* the latest version of each survey gets the report; the earlier
	 * ones are its "previous" */
	for (size_t i = 0; i < r->n_versions; i++) {
		if (!r->versions[i].latest)
			continue;
		if (r->department)
			department_report(&h, &r->versions[i], dt, i);
		else
			version_report(&h, &r->versions[i]);
	}
	if (o->with_comments && !r->department)
		comments_appendix(&h, dt);
	outf(&h, "<footer>%s. %s %s.</footer>\n</body>\n</html>\n",
	     _("Every percentage is recomputed from the answers with the survey's rules: "
	       "percent = weighted mean of the share of points reached; a maturity level "
	       "is reached only when every question on that level and the levels below "
	       "reaches the threshold"), _("Made with enkat-merge"), ENKAT_VERSION);
	/* readable by its owner only, whatever the umask */
	rc = file_write_private(path, h.sb.buf, h.sb.len, 0600, &error);
	strbuf_free(&h.sb);
	if (rc != 0) {
		diag_add(d, path, 0, "%s", error);
		free(error);
		return false;
	}
	return true;
}
