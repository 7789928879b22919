/* Summary: per-area percentage, cumulative level, target and gap, and the
 * whole; then what the levels mean. Numbers and words, so it reads the
 * same in monochrome; the table scrolls, the column heads stay. */
#include "ui.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>

#include "i18n.h"
#include "ui_draw.h"
#include "util.h"

/* The figures of one row, after its title. */
static void figures(char *buf, size_t size, const struct score *sc, bool levels)
{
	char pct[32], lv[48] = "";

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
	snprintf(buf, size, " %8s%s %4zu/%-4zu", pct, lv, sc->answered, sc->applicable);
}

static void add_row(struct page *p, int tw, const char *title, const struct score *sc,
		    bool levels, enum ui_style style)
{
	char buf[128];

	figures(buf, sizeof buf, sc, levels);
	page_add_row(p, 2, tw, title, style, buf, sc->gap > 0 ? STYLE_BAD : style, -1);
}

void summary_draw(struct ui *ui)
{
	const struct survey *s = ui->s;
	struct score *sc = xcalloc(s->n_areas ? s->n_areas : 1, sizeof *sc), all;
	bool levels = s->scoring == SCORING_LEVELS;
	int tw = COLS - (levels ? 46 : 28);
	struct page p = {0};
	char head[160], *t;

	answers_score(ui->ss->answers, sc, &all);
	draw_title(_("Summary"), assess_is_final(ui->a) ? _("final") : _("draft"));
	/* narrow: the titles take lines of their own, the heads go over
	 * the figures */
	t = tw < 12 ? xstrdup("  ") : draw_fit(_("Area"), tw);
	if (levels)
		snprintf(head, sizeof head, "%s %8s %5s %6s %5s %9s", t, _("score"), _("level"),
			 _("target"), _("gap"), _("answered"));
	else
		snprintf(head, sizeof head, "%s %8s %9s", t, _("score"), _("answered"));
	draw_text(2, 2, COLS - 4, STYLE_DIM, head);
	free(t);
	for (size_t a = 0; a < s->n_areas; a++)
		add_row(&p, tw, survey_text_get(&s->areas[a].title, ui->lang), &sc[a], levels,
			STYLE_NORMAL);
	page_blank(&p);
	add_row(&p, tw, _("All areas"), &all, levels, STYLE_HEADING);
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
	ui->page_rows = page_show(&p, 3, LINES - 6, &ui->scroll, -1);
	page_free(&p);
	free(sc);
}

bool summary_act(struct ui *ui, enum ui_action act, wint_t ch)
{
	(void)ch;
	if (ui_scroll_act(ui, act))
		return true;
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
