/* merge_html: the report for the board, one self-contained HTML file: inline
 * CSS and inline SVG charts, no scripts, no fonts or images fetched from
 * anywhere, so it opens offline and prints to PDF on A4. Swedish or
 * English. Every text from a file is made visible (text_visible) and then
 * escaped, so a department name can neither run script nor break markup. */
#include "merge_html.h"
#include "merge_input.h"
#include "merge_report.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "fileio.h"
#include "numfmt.h"
#include "text.h"
#include "util.h"
#include "version.h"

#define WEAKEST 15

/* The report's own words, by language. */
struct words {
	const char *lang, *title, *title_one, *survey, *version, *departments,
		*department, *updated, *overview, *merged, *drafts, *missing,
		*all_present, *areas_h, *areas_p, *heat_h, *heat_p, *weak_h, *weak_p,
		*change_h, *change_p, *profiles_h, *profiles_p, *mean, *median, *min,
		*max, *target, *level, *overall, *at_target, *question, *area,
		*below, *na, *answers, *only_areas, *only_questions, *no_prev,
		*method, *legend_levels, *legend_percent, *city, *none, *of,
		*generated, *skipped, *replaced;
};

static const struct words sv = {
	"sv", "Lägesbild informationssäkerhet", "Självskattning informationssäkerhet",
	"Enkät", "version", "förvaltningar", "Förvaltning", "Underlaget senast uppdaterat",
	"Underlag", "Sammanställda resultat", "Utkast som inte räknas",
	"Förväntade förvaltningar som saknar resultat", "Alla förväntade förvaltningar har lämnat resultat.",
	"Områden i hela organisationen",
	"Stapeln är medelvärdet av förvaltningarnas procent per område; linjen visar lägsta och högsta. "
	"Till höger: förvaltningarna per uppnådd mognadsnivå och hur många som når områdets målnivå.",
	"Förvaltningar och områden",
	"Procent och uppnådd mognadsnivå (N0–N4) per förvaltning och område. "
	"▼ betyder att nivån är under områdets målnivå.",
	"Svagaste frågorna",
	"Frågorna med lägst medelpoäng i förhållande till maxpoäng: underlag för nästa års "
	"gemensamma aktiviteter.",
	"Förändring sedan föregående version",
	"Förändring i procentenheter, matchad på område och fråga.",
	"Förvaltningarnas profiler",
	"Förvaltningens procent per område (stapel) mot organisationens medelvärde (svart streck).",
	"Medel", "Median", "Lägst", "Högst", "Mål", "Nivå", "Totalt", "Når målet",
	"Fråga", "Område", "Under tröskeln", "Ej aktuell", "Svar",
	"Områden som bara finns i", "Frågor som bara finns i", "saknade resultat i",
	"Alla procentsatser är beräknade på nytt från svaren enligt enkätens regler: "
	"procent = viktat medelvärde av andelen uppnådda poäng; en mognadsnivå nås först "
	"när alla frågor på den nivån och nivåerna under når tröskeln",
	"Färgen visar uppnådd mognadsnivå.", "Färgen visar procent.", "Organisationen",
	"–", "av", "Skapad med enkat-merge", "Ogiltiga filer som hoppades över",
	"Äldre dubbletter som inte räknas (--latest)",
};

static const struct words en = {
	"en", "Information security situation picture", "Information security self-assessment",
	"Survey", "version", "departments", "Department", "Data last updated",
	"Basis", "Results merged", "Drafts not counted",
	"Expected departments with no result", "Every expected department has a result.",
	"Areas across the organisation",
	"The bar is the mean of the departments' percentages per area; the line shows the lowest "
	"and the highest. On the right: departments by maturity level reached, and how many reach "
	"the area's target level.",
	"Departments and areas",
	"Percentage and maturity level reached (L0–L4) per department and area. "
	"▼ marks a level below the area's target.",
	"Weakest questions",
	"The questions with the lowest mean points relative to their maximum: the input to next "
	"year's joint activities.",
	"Change since the previous version",
	"Change in percentage points, matched by area and question.",
	"Department profiles",
	"The department's percentage per area (bar) against the organisation's mean (black tick).",
	"Mean", "Median", "Lowest", "Highest", "Target", "Level", "Overall", "At target",
	"Question", "Area", "Below threshold", "N/A", "Answers",
	"Areas only in", "Questions only in", "had no result in",
	"Every percentage is recomputed from the answers with the survey's rules: percent = "
	"weighted mean of the share of points reached; a maturity level is reached only when "
	"every question on that level and the levels below reaches the threshold",
	"The colour shows the maturity level reached.", "The colour shows the percentage.",
	"Organisation", "–", "of", "Made with enkat-merge", "Invalid files skipped",
	"Older duplicates not counted (--latest)",
};

/* Level colours, red to green; readable with black text and in grey print. */
static const char *const shade[5] = {"#ec9a8f", "#f5c48a", "#f2e29b", "#b8dba5", "#7dbf85"};

struct html {
	struct strbuf sb;
	const struct words *w;
	const struct merge_set *set;
	const struct merge_options *o;
	struct merge_city *city; /* of the version being reported */
};

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
	num_format_fixed(buf, v, decimals);
	if (h->w == &sv)
		for (char *p = buf; *p; p++)
			if (*p == '.')
				*p = ',';
	return buf;
}

static void pct(struct html *h, double v)
{
	char b[NUMFMT_SIZE];
	outf(h, h->w == &sv ? "%s\xC2\xA0%%" : "%s%%", num(h, b, v, 1));
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

static int shade_level(const struct merge_version *v, int level)
{
	return v->max_level > 0 ? (level * 4 + v->max_level / 2) / v->max_level : 0;
}

static const char *level_prefix(const struct html *h)
{
	return h->w == &sv ? "N" : "L";
}

/* ----------------------------------------------------------- the head */

static const char css[] =
	"@page{size:A4;margin:14mm 13mm 16mm}"
	"*{box-sizing:border-box}"
	"body{font-family:\"DejaVu Sans\",\"Segoe UI\",Arial,sans-serif;color:#1d2733;"
	"margin:0 auto;max-width:190mm;padding:8mm 6mm;font-size:10pt;line-height:1.4;"
	"-webkit-print-color-adjust:exact;print-color-adjust:exact}"
	"h1{font-size:19pt;margin:0 0 2mm;color:#12365a}"
	"h2{font-size:13pt;margin:7mm 0 2mm;padding-bottom:1mm;border-bottom:2px solid #12365a;"
	"color:#12365a;break-after:avoid}"
	"h3{font-size:10.5pt;margin:4mm 0 1mm}"
	"p{margin:1mm 0 2mm}.sub{color:#4a5866;margin:0 0 4mm}.note{color:#4a5866;font-size:8.5pt}"
	"section{break-inside:auto}figure{margin:2mm 0;break-inside:avoid}"
	"svg{display:block;width:100%;height:auto}"
	"svg text{font-family:\"DejaVu Sans\",Arial,sans-serif}"
	"table{border-collapse:collapse;width:100%;font-size:8.5pt;margin:2mm 0}"
	"th,td{padding:1.2mm 1.4mm;border:1px solid #d5dbe1;text-align:right;vertical-align:top}"
	"th{background:#eef2f6;font-weight:600}"
	"th.l,td.l{text-align:left}tr{break-inside:avoid}"
	"td.c{text-align:center;white-space:nowrap}"
	"td.heat small{display:block;font-size:7pt;color:#333}"
	"tr.city td{font-weight:600;background:#f6f8fa}"
	".up{color:#1b7a3a;font-weight:600}.down{color:#b3261e;font-weight:600}"
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

/* ------------------------------------------------------------ sections */

static void legend(struct html *h, const struct merge_version *v)
{
	out(h, "<p class=\"legend note\">");
	if (v->max_level > 0) {
		out(h, h->w->legend_levels);
		for (int l = 0; l <= v->max_level; l++)
			outf(h, " <span style=\"background:%s\">%s%d</span>",
			     shade[shade_level(v, l)], level_prefix(h), l);
	} else {
		out(h, h->w->legend_percent);
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
	const double x0 = 200, bw = 270, lx = 540, lw = 104;
	size_t n = v->n_areas + 1;
	double rowh = 26, top = 22, height = top + rowh * (double)n + 8;

	outf(h, "<figure><svg class=\"chart areas\" viewBox=\"0 0 760 %.0f\" role=\"img\">\n", height);
	for (int g = 0; g <= 100; g += 25)
		outf(h, "<line x1=\"%.1f\" y1=\"%.0f\" x2=\"%.1f\" y2=\"%.0f\" "
		     "stroke=\"#d5dbe1\"/><text x=\"%.1f\" y=\"14\" font-size=\"9\" "
		     "text-anchor=\"middle\" fill=\"#4a5866\">%d</text>\n",
		     x0 + bw * g / 100, top - 4, x0 + bw * g / 100, height - 6,
		     x0 + bw * g / 100, g);
	if (v->max_level > 0)
		outf(h, "<text x=\"%.0f\" y=\"14\" font-size=\"9\" fill=\"#4a5866\">%s</text>"
		     "<text x=\"%.0f\" y=\"14\" font-size=\"9\" fill=\"#4a5866\">%s</text>\n",
		     lx, h->w->level, lx + lw + 8, h->w->at_target);
	for (size_t a = 0; a < n; a++) {
		struct merge_city c;
		double y = top + rowh * (double)a;
		const char *label = a < v->n_areas ? v->areas[a].title : h->w->overall;
		size_t total;
		double x;

		c = h->city[a];
		outf(h, "<text x=\"0\" y=\"%.1f\" font-size=\"10.5\"%s>", y + 15,
		     a == v->n_areas ? " font-weight=\"bold\"" : "");
		text(h, *label ? label : v->areas[a].id, 30);
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
		outf(h, "<text class=\"value\" x=\"%.1f\" y=\"%.1f\" font-size=\"10.5\">",
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
			     "stroke=\"#fff\" stroke-width=\"0.5\"><title>%s%d: %zu</title></rect>\n",
			     x, y + 4, wd, shade[shade_level(v, l)], level_prefix(h), l, c.at_level[l]);
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
			outf(h, "<text x=\"%.0f\" y=\"%.1f\" font-size=\"10\">%zu/%zu (%s %s%d)</text>\n",
			     lx + lw + 6, y + 15, c.at_target, c.n, h->w->target,
			     level_prefix(h), v->areas[a].target);
		}
	}
	out(h, "</svg></figure>\n");
}

static void heat_cell(struct html *h, const struct merge_version *v,
		      const struct score *s, int target)
{
	int sh = s ? merge_report_shade(v, s) : -1;

	if (sh < 0) {
		out(h, "<td class=\"c heat\">–</td>");
		return;
	}
	outf(h, "<td class=\"c heat\" style=\"background:%s\">", shade[sh]);
	pct(h, s->percent);
	if (v->max_level > 0)
		outf(h, "<small>%s%d%s</small>", level_prefix(h), s->level,
		     target > 0 && s->level < target ? " ▼" : "");
	out(h, "</td>");
}

static void heat_map(struct html *h, const struct merge_version *v,
		     struct merge_unit **units, size_t n)
{
	out(h, "<table class=\"heat\"><thead><tr><th class=\"l\">");
	out(h, h->w->department);
	out(h, "</th>");
	for (size_t a = 0; a < v->n_areas; a++) {
		outf(h, "<th title=\"");
		text(h, v->areas[a].title, 0);
		outf(h, "\">%zu<br><small>", a + 1);
		text(h, v->areas[a].id, 14);
		out(h, "</small></th>");
	}
	outf(h, "<th>%s</th></tr>", h->w->overall);
	if (v->max_level > 0) {
		outf(h, "<tr class=\"city\"><td class=\"l\">%s</td>", h->w->target);
		for (size_t a = 0; a < v->n_areas; a++) {
			if (v->areas[a].target)
				outf(h, "<td class=\"c\">%s%d</td>", level_prefix(h), v->areas[a].target);
			else
				out(h, "<td class=\"c\">–</td>");
		}
		out(h, "<td></td></tr>");
	}
	out(h, "</thead><tbody>\n");
	for (size_t i = 0; i < n; i++) {
		out(h, "<tr><td class=\"l\">");
		text(h, units[i]->department, 0);
		out(h, "</td>");
		for (size_t a = 0; a < v->n_areas; a++)
			heat_cell(h, v, &units[i]->areas[a], v->areas[a].target);
		heat_cell(h, v, &units[i]->overall, 0);
		out(h, "</tr>\n");
	}
	if (n > 1) {
		const char *labels[4] = {h->w->mean, h->w->median, h->w->min, h->w->max};
		for (int k = 0; k < 4; k++) {
			outf(h, "<tr class=\"city\"><td class=\"l\">%s</td>", labels[k]);
			for (size_t a = 0; a <= v->n_areas; a++) {
				struct merge_city c = h->city[a];
				if (!c.n) {
					out(h, "<td class=\"c\">–</td>");
					continue;
				}
				out(h, "<td class=\"c\">");
				pct(h, k == 0 ? c.mean : k == 1 ? c.median : k == 2 ? c.min : c.max);
				out(h, "</td>");
			}
			out(h, "</tr>\n");
		}
	}
	out(h, "</tbody></table>\n");
	legend(h, v);
}

/* The answers to one question as one stacked bar, colours from the fewest
 * points to the most. */
static void choice_bar(struct html *h, const struct merge_qstat *st)
{
	const struct merge_question *q = st->q;
	size_t order[MERGE_MAX_CHOICES], nc = merge_report_choice_order(q, order);
	size_t total = 0;
	double x = 0;
	bool multi = strcmp(q->type, "multi") == 0;

	for (size_t j = 0; j < nc; j++)
		total += st->choice_count[order[j]];
	total += st->na;
	if (!total || q->too_many)
		return;
	out(h, "<svg class=\"chart choices\" viewBox=\"0 0 160 12\" role=\"img\">");
	for (size_t j = 0; j < nc; j++) {
		size_t cnt = st->choice_count[order[j]];
		double wd = 160.0 * (double)cnt / (double)total;
		const struct merge_choice *ch = &q->choices[order[j]];
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
		text(h, *q->choices[order[j]].label ? q->choices[order[j]].label
			: q->choices[order[j]].id, 0);
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
		text(h, *q->choices[order[j]].label ? q->choices[order[j]].label
			: q->choices[order[j]].id, 0);
		outf(h, " %zu", st->choice_count[order[j]]);
	}
	if (st->na)
		outf(h, "%s%s %zu", nc ? " · " : "", h->w->na, st->na);
	out(h, "</small>");
}

static void weakest(struct html *h, const struct merge_version *v,
		    const struct merge_version *prev)
{
	size_t n;
	struct merge_qstat *st = merge_report_questions(v, prev, &n);
	char b[NUMFMT_SIZE], b2[NUMFMT_SIZE];

	outf(h, "<table class=\"weak\"><thead><tr><th>#</th><th class=\"l\">%s</th>"
	     "<th class=\"l\">%s</th><th>%s</th><th>%s</th><th>%s</th>%s"
	     "<th class=\"l\">%s</th></tr></thead><tbody>\n",
	     h->w->question, h->w->area, h->w->level, h->w->mean, h->w->below,
	     prev ? "<th>±</th>" : "", h->w->answers);
	for (size_t k = 0; k < n && k < WEAKEST && st[k].has_mean; k++) {
		const struct merge_question *q = st[k].q;
		outf(h, "<tr><td>%zu</td><td class=\"l\">", k + 1);
		text(h, q->text, 0);
		out(h, " <small>(");
		text(h, q->id, 0);
		out(h, ")</small></td><td class=\"l\">");
		text(h, v->areas[q->area].title, 0);
		out(h, "</td><td class=\"c\">");
		if (q->level)
			outf(h, "%s%d", level_prefix(h), q->level);
		out(h, "</td><td class=\"c\">");
		pct(h, st[k].mean_percent);
		outf(h, "<br><small>%s/%s</small></td><td class=\"c\">",
		     num(h, b, st[k].mean_points, 2),
		     num(h, b2, q->max_value, q->max_value == (long)q->max_value ? 0 : 1));
		if (st[k].has_below)
			outf(h, "%zu %s %zu", st[k].below, h->w->of, st[k].scored);
		else
			out(h, "–");
		out(h, "</td>");
		if (prev) {
			out(h, "<td class=\"c\">");
			if (st[k].has_change) {
				outf(h, "<span class=\"%s\">", st[k].change >= 0.05 ? "up"
				     : st[k].change <= -0.05 ? "down" : "");
				signed_num(h, st[k].change);
				out(h, "</span>");
			} else {
				out(h, "–");
			}
			out(h, "</td>");
		}
		out(h, "<td class=\"l\">");
		choice_bar(h, &st[k]);
		out(h, "</td></tr>\n");
	}
	out(h, "</tbody></table>\n");
	free(st);
}

/* Per area: the city's mean then and now, as two dots joined by a line. */
static void change_chart(struct html *h, const struct merge_version *v,
			 const struct merge_version *prev)
{
	const double x0 = 210, bw = 420;
	size_t n = v->n_areas + 1;
	double rowh = 22, top = 26, height = top + rowh * (double)n + 6;

	struct merge_city *was = merge_report_cities(prev);

	outf(h, "<figure><svg class=\"chart change\" viewBox=\"0 0 760 %.0f\" role=\"img\">\n", height);
	for (int g = 0; g <= 100; g += 25)
		outf(h, "<line x1=\"%.1f\" y1=\"%.0f\" x2=\"%.1f\" y2=\"%.0f\" stroke=\"#d5dbe1\"/>"
		     "<text x=\"%.1f\" y=\"12\" font-size=\"9\" text-anchor=\"middle\" "
		     "fill=\"#4a5866\">%d</text>\n", x0 + bw * g / 100, top - 6,
		     x0 + bw * g / 100, height - 4, x0 + bw * g / 100, g);
	outf(h, "<circle cx=\"%.0f\" cy=\"9\" r=\"4\" fill=\"#9aa7b4\"/><text x=\"%.0f\" y=\"12\" "
	     "font-size=\"9\">%ld</text><circle cx=\"%.0f\" cy=\"9\" r=\"4\" fill=\"#12365a\"/>"
	     "<text x=\"%.0f\" y=\"12\" font-size=\"9\">%ld</text>\n", x0 + bw + 16,
	     x0 + bw + 24, prev->version, x0 + bw + 64, x0 + bw + 72, v->version);
	for (size_t a = 0; a < n; a++) {
		struct merge_city now = h->city[a], then;
		size_t pa = a < v->n_areas ? merge_model_area(prev, v->areas[a].id) : prev->n_areas;
		double y = top + rowh * (double)a + 8;
		const char *label = a < v->n_areas ? v->areas[a].title : h->w->overall;

		outf(h, "<text x=\"0\" y=\"%.1f\" font-size=\"10\"%s>", y + 4,
		     a == v->n_areas ? " font-weight=\"bold\"" : "");
		text(h, label, 34);
		out(h, "</text>\n");
		if (pa == (size_t)-1 || !now.n)
			continue;
		then = was[pa];
		if (!then.n)
			continue;
		outf(h, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#9aa7b4\" "
		     "stroke-width=\"3\"/><circle cx=\"%.1f\" cy=\"%.1f\" r=\"4.5\" fill=\"#9aa7b4\"/>"
		     "<circle class=\"now\" cx=\"%.1f\" cy=\"%.1f\" r=\"4.5\" fill=\"#12365a\"/>\n",
		     x0 + bw * then.mean / 100, y, x0 + bw * now.mean / 100, y,
		     x0 + bw * then.mean / 100, y, x0 + bw * now.mean / 100, y);
		outf(h, "<text x=\"%.0f\" y=\"%.1f\" font-size=\"10\" fill=\"%s\">", x0 + bw + 16,
		     y + 4, now.mean - then.mean >= 0.05 ? "#1b7a3a"
		     : now.mean - then.mean <= -0.05 ? "#b3261e" : "#1d2733");
		signed_num(h, now.mean - then.mean);
		out(h, "</text>\n");
	}
	out(h, "</svg></figure>\n");
	free(was);
}

static void only_list(struct html *h, const struct merge_version *a,
		      const struct merge_version *b, bool areas)
{
	size_t n = areas ? a->n_areas : a->n_questions, shown = 0;

	for (size_t i = 0; i < n; i++) {
		const char *id = areas ? a->areas[i].id : a->questions[i].id;
		const char *title = areas ? a->areas[i].title : a->questions[i].text;
		if ((areas ? merge_model_area(b, id) : merge_model_question(b, id)) != (size_t)-1)
			continue;
		if (!shown++)
			outf(h, "<p>%s %ld:</p><ul>", areas ? h->w->only_areas
			     : h->w->only_questions, a->version);
		out(h, "<li>");
		text(h, title, 0);
		out(h, " <small>(");
		text(h, id, 0);
		out(h, ")</small></li>");
	}
	if (shown)
		out(h, "</ul>\n");
}

static void change(struct html *h, const struct merge_version *v,
		   const struct merge_version *prev, struct merge_unit **units, size_t n)
{
	size_t without = 0;

	outf(h, "<section class=\"change\"><h2>%s (%ld → %ld)</h2><p>%s</p>\n",
	     h->w->change_h, prev->version, v->version, h->w->change_p);
	change_chart(h, v, prev);
	out(h, "<table class=\"changes\"><thead><tr><th class=\"l\">");
	out(h, h->w->department);
	out(h, "</th>");
	for (size_t a = 0; a < v->n_areas; a++)
		outf(h, "<th>%zu</th>", a + 1);
	outf(h, "<th>%s</th></tr></thead><tbody>\n", h->w->overall);
	for (size_t i = 0; i < n; i++) {
		const struct merge_unit *pu = merge_model_find(prev, units[i]->department);
		if (!pu) {
			without++;
			continue;
		}
		out(h, "<tr><td class=\"l\">");
		text(h, units[i]->department, 0);
		out(h, "</td>");
		for (size_t a = 0; a <= v->n_areas; a++) {
			const struct score *s = a < v->n_areas ? &units[i]->areas[a] : &units[i]->overall;
			size_t pa = a < v->n_areas ? merge_model_area(prev, v->areas[a].id) : 0;
			const struct score *ps = a == v->n_areas ? &pu->overall
				: pa != (size_t)-1 ? &pu->areas[pa] : NULL;
			if (!s->has_percent || !ps || !ps->has_percent) {
				out(h, "<td class=\"c\">–</td>");
				continue;
			}
			outf(h, "<td class=\"c %s\">", s->percent - ps->percent >= 0.05 ? "up"
			     : s->percent - ps->percent <= -0.05 ? "down" : "");
			signed_num(h, s->percent - ps->percent);
			out(h, "</td>");
		}
		out(h, "</tr>\n");
	}
	out(h, "</tbody></table>\n");
	if (without)
		outf(h, "<p class=\"note\">%zu %s %s %ld.</p>\n", without,
		     h->w->departments, h->w->no_prev, prev->version);
	only_list(h, v, prev, true);
	only_list(h, prev, v, true);
	only_list(h, v, prev, false);
	only_list(h, prev, v, false);
	out(h, "</section>\n");
}

/* One department against the city, area by area. */
static void profile(struct html *h, const struct merge_version *v,
		    const struct merge_unit *u)
{
	const double x0 = 150, bw = 175;
	double rowh = 15, top = 4, height = top + rowh * (double)(v->n_areas + 1) + 4;

	out(h, "<div class=\"profile\"><h3>");
	text(h, u->department, 0);
	out(h, "</h3>");
	outf(h, "<svg class=\"chart profile\" viewBox=\"0 0 400 %.0f\" role=\"img\">\n", height);
	for (size_t a = 0; a <= v->n_areas; a++) {
		const struct score *s = a < v->n_areas ? &u->areas[a] : &u->overall;
		struct merge_city c = h->city[a];
		double y = top + rowh * (double)a;
		int sh = merge_report_shade(v, s);

		outf(h, "<text x=\"0\" y=\"%.1f\" font-size=\"8.5\"%s>", y + 10,
		     a == v->n_areas ? " font-weight=\"bold\"" : "");
		text(h, a < v->n_areas ? v->areas[a].title : h->w->overall, 26);
		out(h, "</text>");
		outf(h, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"11\" fill=\"#eef2f6\"/>",
		     x0, y + 1, bw);
		if (s->has_percent) {
			outf(h, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"11\" fill=\"%s\"/>",
			     x0, y + 1, bw * s->percent / 100, sh >= 0 ? shade[sh] : "#ccc");
			outf(h, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"8.5\">", x0 + bw + 6, y + 10);
			pct(h, s->percent);
			if (v->max_level > 0)
				outf(h, " %s%d", level_prefix(h), s->level);
			out(h, "</text>");
		}
		if (c.n)
			outf(h, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#111\" "
			     "stroke-width=\"2\"/>", x0 + bw * c.mean / 100, y, x0 + bw * c.mean / 100,
			     y + 13);
		out(h, "\n");
	}
	out(h, "</svg></div>\n");
}

static void overview(struct html *h, const struct merge_version *v, size_t n,
		     char **missing, size_t n_missing)
{
	const struct merge_set *set = h->set;
	time_t newest = 0;
	char tb[24];
	size_t drafts = 0, replaced = 0, bad = merge_input_invalid(set);
	struct merge_city c;

	for (size_t i = 0; i < v->n_units; i++) {
		if (merge_unit_merged(&v->units[i]) && v->units[i].updated_at > newest)
			newest = v->units[i].updated_at;
		drafts += v->units[i].fate == FATE_DRAFT;
		replaced += v->units[i].fate == FATE_REPLACED;
	}
	c = h->city[v->n_areas];
	out(h, "<div class=\"facts\">");
	outf(h, "<div class=\"fact\"><b>%zu</b>%s</div>", n,
	     n == 1 ? (h->w == &sv ? "förvaltning" : "department") : h->w->departments);
	outf(h, "<div class=\"fact\"><b>%zu</b>%s</div>", v->n_areas,
	     h->w == &sv ? "områden" : "areas");
	outf(h, "<div class=\"fact\"><b>%zu</b>%s</div>", v->n_questions,
	     h->w == &sv ? "frågor" : "questions");
	out(h, "<div class=\"fact\"><b>");
	if (c.n)
		pct(h, c.mean);
	else
		out(h, "–");
	if (n > 1)
		outf(h, "</b>%s (%s)</div></div>\n", h->w->overall, h->w->mean);
	else
		outf(h, "</b>%s</div></div>\n", h->w->overall);
	outf(h, "<p class=\"sub\">%s %.10s</p>\n", h->w->updated,
	     result_format_time(tb, newest));
	if (drafts || replaced || bad || n_missing) {
		out(h, "<ul>");
		if (drafts) {
			outf(h, "<li>%s: ", h->w->drafts);
			for (size_t i = 0, k = 0; i < v->n_units; i++)
				if (v->units[i].fate == FATE_DRAFT) {
					out(h, k++ ? ", " : "");
					text(h, v->units[i].department, 0);
				}
			out(h, "</li>");
		}
		if (replaced)
			outf(h, "<li>%s: %zu</li>", h->w->replaced, replaced);
		if (bad)
			outf(h, "<li>%s: %zu</li>", h->w->skipped, bad);
		if (n_missing) {
			outf(h, "<li><b>%s (%zu)</b>: ", h->w->missing, n_missing);
			for (size_t i = 0; i < n_missing; i++) {
				out(h, i ? ", " : "");
				text(h, missing[i], 0);
			}
			out(h, "</li>");
		}
		out(h, "</ul>\n");
	} else if (h->o->expect) {
		outf(h, "<p>%s</p>\n", h->w->all_present);
	}
}

static void version_report(struct html *h, const struct merge_version *v,
			   char **missing, size_t n_missing)
{
	const struct merge_version *prev = merge_model_previous(h->set, v);
	size_t n;
	struct merge_unit **units = merge_model_units_sorted(v, &n);

	h->city = merge_report_cities(v);
	out(h, "<section class=\"survey\">\n<h1>");
	if (n == 1) {
		out(h, h->w->title_one);
		out(h, " – ");
		text(h, units[0]->department, 0);
	} else {
		out(h, h->w->title);
	}
	out(h, "</h1>\n");
	overview(h, v, n, missing, n_missing);
	/* the survey id in the subtitle, escaped */
	outf(h, "<p class=\"note\">%s: ", h->w->survey);
	text(h, v->survey_id, 0);
	outf(h, " %s %ld · sha256 %.16s…</p>\n", h->w->version, v->version, v->sha256);

	outf(h, "<section><h2>1. %s</h2><p>%s</p>\n", h->w->areas_h, h->w->areas_p);
	area_bars(h, v);
	out(h, "</section>\n");
	outf(h, "<section><h2>2. %s</h2><p>%s</p>\n", h->w->heat_h, h->w->heat_p);
	heat_map(h, v, units, n);
	out(h, "</section>\n");
	outf(h, "<section><h2>3. %s</h2><p>%s</p>\n", h->w->weak_h, h->w->weak_p);
	weakest(h, v, prev);
	out(h, "</section>\n");
	if (prev)
		change(h, v, prev, units, n);
	if (n > 1) {
		outf(h, "<section><h2>%s. %s</h2><p>%s</p><div class=\"profiles\">\n",
		     prev ? "5" : "4", h->w->profiles_h, h->w->profiles_p);
		for (size_t i = 0; i < n; i++)
			profile(h, v, units[i]);
		out(h, "</div></section>\n");
	}
	out(h, "</section>\n");
	free(h->city);
	h->city = NULL;
	free(units);
}

bool merge_html_write(const struct merge_set *set, const struct merge_options *o,
		      char **missing, size_t n_missing, const char *path,
		      struct diag *d)
{
	struct html h = {{0}, o->lang == LANG_SV ? &sv : &en, set, o, NULL};
	char *error;
	int rc;

	outf(&h, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
	     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	     "<title>%s</title>\n<style>", h.w->lang, h.w->title);
	out(&h, css);
	out(&h, "</style>\n</head>\n<body>\n");
	/* the latest version of each survey gets the report; the earlier
	 * ones are its "previous" */
	for (size_t i = 0; i < set->n_versions; i++) {
		const struct merge_version *v = set->versions[i];
		if ((i + 1 < set->n_versions &&
		     strcmp(set->versions[i + 1]->survey_id, v->survey_id) == 0) ||
		    !merge_model_merged(v))
			continue;
		version_report(&h, v, missing, n_missing);
	}
	outf(&h, "<footer>%s. %s %s.</footer>\n</body>\n</html>\n", h.w->method,
	     h.w->generated, ENKAT_VERSION);
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
