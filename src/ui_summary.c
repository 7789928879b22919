/* Summary: per-area percentage, cumulative level, target and gap, and the
 * whole; numbers and words, so it reads the same in monochrome. */
#include "ui.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>

#include "i18n.h"
#include "ui_draw.h"
#include "util.h"

static void row(int y, int tw, const char *title, const struct score *sc, bool levels,
		enum ui_style style)
{
	char buf[96];

	draw_text(y, 2, tw, style, title);
	if (sc->has_percent)
		ui_format_percent(buf, sizeof buf, sc->percent);
	else
		snprintf(buf, sizeof buf, "%7s", "-");
	draw_text(y, tw + 3, 8, style, buf);
	if (levels) {
		if (sc->target)
			snprintf(buf, sizeof buf, "%5d %6d %5d", sc->level, sc->target, sc->gap);
		else
			snprintf(buf, sizeof buf, "%5d %6s %5s", sc->level, "-", "-");
		draw_text(y, tw + 12, 18, sc->gap > 0 ? STYLE_BAD : style, buf);
	}
	snprintf(buf, sizeof buf, "%4zu/%-4zu", sc->answered, sc->applicable);
	draw_text(y, tw + (levels ? 31 : 12), 10, STYLE_DIM, buf);
}

void summary_draw(struct ui *ui)
{
	const struct survey *s = ui->s;
	struct score *sc = xcalloc(s->n_areas, sizeof *sc), all;
	bool levels = s->scoring == SCORING_LEVELS;
	int tw = COLS - (levels ? 44 : 25), y = 2;

	answers_score(ui->ss->answers, sc, &all);
	draw_title(_("Summary"), ui->ss->answers->final ? _("final") : _("draft"));
	draw_text(y, 2, tw, STYLE_DIM, _("Area"));
	{
		char head[96];
		snprintf(head, sizeof head, "%7s", _("score"));
		draw_text(y, tw + 3, 8, STYLE_DIM, head);
		snprintf(head, sizeof head, "%5s %6s %5s", _("level"), _("target"), _("gap"));
		if (levels)
			draw_text(y, tw + 12, 18, STYLE_DIM, head);
	}
	draw_text(y++, tw + (levels ? 31 : 12), 10, STYLE_DIM, _("answered"));
	for (size_t a = 0; a < s->n_areas && y < LINES - 5; a++)
		row(y++, tw, survey_text_get(&s->areas[a].title, ui->lang), &sc[a], levels,
		    STYLE_NORMAL);
	row(++y, tw, _("All areas"), &all, levels, STYLE_HEADING);
	if (levels && all.level > 0 && all.level <= s->max_level && y + 2 < LINES - 2)
		draw_text(y + 2, 2, COLS - 4, STYLE_DIM,
			  survey_text_get(&s->levels[all.level - 1].title, ui->lang));
	free(sc);
	if (ui->ss->answers->final)
		draw_hints((const char *const[]){"e", _("reopen for changes"), "o",
			_("overview"), "Esc", _("back"), "q", _("quit"), NULL});
	else
		draw_hints((const char *const[]){"o", _("overview"), "r", _("review"), "Esc",
			_("back"), "q", _("quit"), NULL});
}

void summary_key(struct ui *ui, wint_t ch, bool is_key)
{
	if (ui_common_key(ui, ch, is_key) || is_key || ch != L'e' || !ui->ss->answers->final)
		return;
	if (ui->ss->lock_fd < 0) {
		ui_status(ui, true, "%s", _("Read-only: another session holds this assessment."));
		return;
	}
	ui->confirm = CONFIRM_REOPEN;
	ui->back = ui->screen;
	ui->screen = SCREEN_CONFIRM;
}
