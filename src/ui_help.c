/* Help: every key, made from the one key table (ui_keys.c), then what the
 * survey's levels mean. It scrolls. */
#include "ui.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>

#include "i18n.h"
#include "ui_draw.h"
#include "util.h"

void help_draw(struct ui *ui)
{
	const struct survey *s = ui->s;
	struct page p = {0};

	draw_title(_("Keys"), "enkat");
	/* what the survey is for, in its author's words, before the keys */
	page_add(&p, 2, COLS - 12, STYLE_HEADING, survey_text_get(&s->title, ui->lang), -1);
	if (*survey_text_get(&s->description, ui->lang))
		page_add(&p, 2, COLS - 12, STYLE_DIM, survey_text_get(&s->description, ui->lang),
			 -1);
	page_blank(&p);
	ui_keys_help(&p, COLS - 12);
	if (s->scoring == SCORING_LEVELS && s->max_level > 0) {
		page_blank(&p);
		page_add(&p, 2, COLS - 12, STYLE_HEADING, _("Levels"), -1);
		for (int l = 1; l <= s->max_level; l++) {
			char num[16];
			snprintf(num, sizeof num, "%-15d", l);
			page_add_head(&p, 2, COLS - 12, num, STYLE_KEY, STYLE_NORMAL,
				      survey_text_get(&s->levels[l - 1].title, ui->lang), -1);
		}
	}
	page_blank(&p);
	page_add(&p, 2, COLS - 12, STYLE_DIM,
		 _("Every answer is saved the moment it is given. Leave at any time and "
		   "start enkat again to go on where you left off. An answer that skip logic "
		   "hides is kept, and comes back when its question is shown again."), -1);
	ui->page_rows = page_show(&p, 2, LINES - 4, &ui->scroll, -1);
	page_free(&p);
}

bool help_act(struct ui *ui, enum ui_action act, wint_t ch)
{
	(void)ch;
	if (ui_scroll_act(ui, act))
		return true;
	if (act == ACT_BACK) {
		ui->screen = ui->back;
		ui->scroll = 0;
		ui->focus = true;
		return true;
	}
	return false;
}
