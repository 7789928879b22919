/* Guidance: the question's help text, one key away from the question. It
 * scrolls; g, Enter or Esc go back. */
#include "ui.h"

#include <curses.h>

#include "i18n.h"
#include "ui_draw.h"

void guidance_draw(struct ui *ui)
{
	const struct survey_question *q = &ui->s->questions[ui->current];
	const char *g = survey_text_get(&q->guidance, ui->lang);
	struct page p = {0};

	draw_title(_("Guidance"), q->id);
	page_add(&p, 2, COLS - 12, STYLE_HEADING, survey_text_get(&q->text, ui->lang), -1);
	page_blank(&p);
	page_add(&p, 2, COLS - 12, STYLE_NORMAL, *g ? g : _("This question has no guidance."),
		 -1);
	ui->page_rows = page_show(&p, 2, LINES - 4, &ui->scroll, -1);
	page_free(&p);
}

bool guidance_act(struct ui *ui, enum ui_action act, wint_t ch)
{
	(void)ch;
	if (ui_scroll_act(ui, act))
		return true;
	if (act == ACT_BACK) {
		ui_goto_question(ui, ui->current);
		return true;
	}
	return false;
}
