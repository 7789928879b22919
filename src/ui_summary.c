/* Summary: per-area percentage, cumulative level, target and gap, and the
 * whole, with last year's figures beside this year's when there is a last
 * year (under them when the screen is narrow); the management's approval,
 * or that the result was changed after it; what the levels mean; for every
 * area below its target, the actions that address it (the areas that none
 * addresses in a line that prompts for one); and the history of
 * finalising, reopening and approving.
 * Numbers and words, so it reads the same in monochrome; the table
 * scrolls, the column heads stay. Every figure is the engine's. */
#include "ui.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "diag.h"
#include "i18n.h"
#include "previous.h"
#include "report.h"
#include "session.h"
#include "text.h"
#include "ui_draw.h"
#include "util.h"

/* The figures of one row, after its title: this year's, and last year's
 * (last NULL: no column; has_last false: "-"). */
static void figures(char *buf, size_t size, const struct score *sc, bool levels,
		    const struct score *last, bool has_last)
{
	char pct[32], lv[48] = "", prev[48] = "";

	if (sc->has_percent)
		assess_format_percent(pct, sizeof pct, sc->percent, 7);
	else
		snprintf(pct, sizeof pct, "%7s", "-");
	if (levels) {
		if (sc->target)
			snprintf(lv, sizeof lv, " %5d %6d %5d", sc->level, sc->target, sc->gap);
		else
			snprintf(lv, sizeof lv, " %5d %6s %5s", sc->level, "-", "-");
	}
	if (last) {
		char lp[32];
		if (has_last && last->has_percent)
			assess_format_percent(lp, sizeof lp, last->percent, 7);
		else
			snprintf(lp, sizeof lp, "%7s", "-");
		if (levels && has_last)
			snprintf(prev, sizeof prev, " %8s %2d", lp, last->level);
		else
			snprintf(prev, sizeof prev, " %8s %2s", lp, levels ? "-" : "");
	}
	snprintf(buf, size, " %8s%s %4zu/%-4zu%s", pct, lv, sc->answered, sc->applicable,
		 prev);
}

/* A row of the table. Last year's figures (last not NULL) go beside this
 * year's when beside, else on a line of their own under them. */
static void add_row(struct page *p, int tw, const char *title, const struct score *sc,
		    bool levels, enum ui_style style, const struct score *last, bool has_last,
		    bool beside)
{
	char buf[160];

	figures(buf, sizeof buf, sc, levels, beside ? last : NULL, has_last);
	page_add_row(p, 2, tw, title, style, buf, sc->gap > 0 ? STYLE_BAD : style, -1);
	if (last && !beside) {
		char pct[32], *line;
		if (has_last && last->has_percent)
			assess_format_percent(pct, sizeof pct, last->percent, 0);
		else
			snprintf(pct, sizeof pct, "-");
		line = has_last && levels ? xasprintf(_("last year: %s, level %d"), pct, last->level)
			: xasprintf(_("last year: %s"), pct);
		page_add(p, 4, COLS - 14, STYLE_DIM, line, -1);
		free(line);
	}
}

/* A column head, after a space, right-aligned in width columns. */
static void head_cell(struct strbuf *sb, const char *text, int width)
{
	char *cell = draw_fit_right(text, width);

	strbuf_printf(sb, " %s", cell);
	free(cell);
}

static char *day(time_t t, const char *fmt)
{
	struct tm tm;
	char buf[32];

	localtime_r(&t, &tm);
	strftime(buf, sizeof buf, fmt, &tm);
	return xstrdup(buf);
}

/* For every area below its target: the actions that address it; the
 * areas that none addresses in one line that prompts for them. */
static void add_below_target(struct ui *ui, struct page *p, const struct score *sc)
{
	const struct survey *s = ui->s;
	const struct action_list *l = assess_actions(ui->a);
	size_t *idx = xcalloc(l->n + 1, sizeof *idx);
	struct strbuf none = {0};
	char today[11];
	bool any = false;

	action_today(today);
	for (size_t a = 0; a < s->n_areas; a++) {
		size_t n;
		char *line;

		if (sc[a].gap <= 0)
			continue;
		if (!any) {
			page_blank(p);
			page_add(p, 2, COLS - 12, STYLE_HEADING,
				 _("Below target, and the actions that address it:"), -1);
		}
		any = true;
		n = actions_for_area(l, s, a, idx);
		if (n == 0) {
			strbuf_printf(&none, "%s%s", none.len ? "; " : "",
				      survey_text_get(&s->areas[a].title, ui->lang));
			continue;
		}
		line = xasprintf(_("%s (level %d, target %d)"),
				 survey_text_get(&s->areas[a].title, ui->lang), sc[a].level,
				 sc[a].target);
		page_add(p, 2, COLS - 12, STYLE_BAD, line, -1);
		free(line);
		for (size_t i = 0; i < n; i++) {
			const struct action *x = &l->items[idx[i]];
			char *state = ui_action_state_text(x, today);
			line = xasprintf("%s %s (%s)", x->id, x->title, state);
			page_add(p, 4, COLS - 14, action_overdue(x, today) ? STYLE_BAD : STYLE_NORMAL,
				 line, -1);
			free(line);
			free(state);
		}
	}
	if (none.len) {
		char *line = xasprintf(_("No action addresses these yet (a shows the action "
					 "plan, where + adds one): %s."), none.buf);
		page_add(p, 2, COLS - 12, STYLE_BAD, line, -1);
		free(line);
	}
	strbuf_free(&none);
	free(idx);
}

static void add_approval(struct ui *ui, struct page *p)
{
	const struct approval *ap = assess_approval(ui->a);

	if (assess_seal_broken(ui->a) || ap->present || assess_is_final(ui->a))
		page_blank(p);
	if (assess_seal_broken(ui->a)) {
		page_add(p, 2, COLS - 12, STYLE_ERROR,
			 _("CHANGED AFTER APPROVAL: the seal does not match."), -1);
	} else if (ap->present) {
		char *when = day(ap->at, "%Y-%m-%d"), *line;
		if (ap->role && *ap->role)
			line = xasprintf(_("Approved for the management by %s (%s) on %s."),
					 ap->name, ap->role, when);
		else
			line = xasprintf(_("Approved for the management by %s on %s."), ap->name,
					 when);
		page_add(p, 2, COLS - 12, STYLE_GOOD, line, -1);
		free(line);
		free(when);
	} else if (assess_is_final(ui->a)) {
		page_add(p, 2, COLS - 12, STYLE_NORMAL, _("Not approved by the management."), -1);
	}
}

/* Finalising, reopening and approvals, oldest first (the action plan's
 * own events are in the action editor). */
static void add_history(struct ui *ui, struct page *p)
{
	const struct history *h = assess_history(ui->a);
	bool any = false;

	for (size_t i = 0; i < h->n; i++) {
		const struct history_event *e = &h->ev[i];
		char *when, *line, *who;

		if (e->kind != HISTORY_FINALISE && e->kind != HISTORY_REOPEN &&
		    e->kind != HISTORY_APPROVAL)
			continue;
		if (!any) {
			page_blank(p);
			page_add(p, 2, COLS - 12, STYLE_HEADING, _("History"), -1);
		}
		any = true;
		when = day(e->at, "%Y-%m-%d %H:%M");
		who = *e->role ? xasprintf("%s (%s)", e->name, e->role) : xstrdup(e->name);
		line = xasprintf(_("%s  %s: %s, login %s"), when, history_kind_label(e->kind),
				 *who ? who : "-", e->login);
		page_add(p, 4, COLS - 14, STYLE_NORMAL, line, -1);
		if (*e->note)
			page_add(p, 6, COLS - 16, STYLE_DIM, e->note, -1);
		free(line);
		free(who);
		free(when);
	}
}

void summary_draw(struct ui *ui)
{
	const struct survey *s = ui->s;
	const struct previous *prev = ui->a->previous;
	struct score *sc = xcalloc(s->n_areas ? s->n_areas : 1, sizeof *sc), all;
	bool levels = s->scoring == SCORING_LEVELS;
	int tw = COLS - (levels ? 46 : 28);
	/* last year's column beside this year's when the titles keep room */
	bool beside = prev && tw - 12 >= 12;
	struct page p = {0};
	struct strbuf head = {0};
	char *t;
	const char *right;

	if (beside)
		tw -= 12;
	answers_score(ui->ss->answers, sc, &all);
	if (!assess_is_final(ui->a))
		right = _("draft");
	else if (assess_seal_broken(ui->a))
		right = _("final · changed after approval");
	else if (assess_approval(ui->a)->present)
		right = _("final · approved");
	else
		right = _("final");
	draw_title(_("Summary"), right);
	/* narrow: the titles take lines of their own, the heads go over
	 * the figures */
	t = tw < 12 ? xstrdup("  ") : draw_fit(_("Area"), tw);
	strbuf_puts(&head, t);
	free(t);
	/* each head over its column, by display columns ("nivå") */
	head_cell(&head, _("score"), 8);
	if (levels) {
		head_cell(&head, _("level"), 5);
		head_cell(&head, _("target"), 6);
		head_cell(&head, _("gap"), 5);
	}
	head_cell(&head, _("answered"), 9);
	if (beside)
		head_cell(&head, _("last year"), 11);
	draw_text(2, 2, COLS - 4, STYLE_DIM, head.buf);
	strbuf_free(&head);
	for (size_t a = 0; a < s->n_areas; a++) {
		struct score last = {0};
		bool has = prev && previous_area_score(prev, s->areas[a].id, &last);
		add_row(&p, tw, survey_text_get(&s->areas[a].title, ui->lang), &sc[a], levels,
			STYLE_NORMAL, prev ? &last : NULL, has, beside);
	}
	page_blank(&p);
	add_row(&p, tw, _("All areas"), &all, levels, STYLE_HEADING, prev ? &prev->overall : NULL,
		prev != NULL, beside);
	if (prev) {
		char *line = xasprintf(_("Last year: version %ld, %s."), prev->version,
				       prev->path);
		page_add(&p, 2, COLS - 12, STYLE_DIM, line, -1);
		free(line);
	}
	add_approval(ui, &p);
	if (levels && s->max_level > 0) {
		page_blank(&p);
		page_add(&p, 2, COLS - 12, STYLE_HEADING, _("Levels (each one builds on the one "
							   "before):"), -1);
		for (int l = 1; l <= s->max_level; l++) {
			char num[16];
			const char *desc = survey_text_get(&s->levels[l - 1].description, ui->lang);
			char *text = xasprintf("%s%s%s",
					       survey_text_get(&s->levels[l - 1].title, ui->lang),
					       *desc ? ": " : "", desc);
			snprintf(num, sizeof num, "%3d  ", l);
			page_add_head(&p, 2, COLS - 12, num, l == all.level ? STYLE_HEADING
				      : STYLE_NORMAL, STYLE_NORMAL, text, -1);
			free(text);
		}
	}
	if (levels)
		add_below_target(ui, &p, sc);
	add_history(ui, &p);
	ui->page_rows = page_show(&p, 3, LINES - 6, &ui->scroll, -1);
	page_free(&p);
	free(sc);
}

/* The department's report, from what the result file holds (every change
 * is saved as it is made), beside it: NAME.csv gives NAME.html. */
static void write_report(struct ui *ui)
{
	const struct previous *prev = assess_previous(ui->a);
	const char *csv = ui->ss->path;
	size_t n = strlen(csv);
	char *out = xasprintf("%.*s.html", (int)(n > 4 && strcmp(csv + n - 4, ".csv") == 0
						  ? n - 4 : n), csv);
	struct diag d = {0};

	if (access(csv, F_OK) != 0) {
		ui_status(ui, true, "%s", _("Nothing is saved yet, so there is nothing to "
					     "report."));
	} else if (report_department_write(ui->ss->survey->path, csv,
					   prev ? prev->path : NULL, i18n_current(), out,
					   &d)) {
		char *vis = text_visible(out, false);
		ui_status(ui, false, _("The report is written to %s."), vis);
		free(vis);
	} else {
		char *msg = diag_format(&d, 0);
		char *vis = text_visible(msg, false);
		ui_status(ui, true, "%s", vis);
		free(vis);
		free(msg);
	}
	diag_free(&d);
	free(out);
}

bool summary_act(struct ui *ui, enum ui_action act, wint_t ch)
{
	(void)ch;
	if (ui_scroll_act(ui, act))
		return true;
	if (act == ACT_REPORT) {
		write_report(ui);
		return true;
	}
	if (act != ACT_REOPEN)
		return false;
	if (!assess_is_final(ui->a)) {
		ui_status(ui, false, "%s", _("The result is a draft: there is nothing to reopen."));
		return true;
	}
	if (ui->ss->lock_fd < 0) {
		ui_report(ui, ASSESS_READ_ONLY);
		return true;
	}
	ui->confirm = CONFIRM_REOPEN;
	ui->back = ui->screen;
	ui->screen = SCREEN_CONFIRM;
	return true;
}
