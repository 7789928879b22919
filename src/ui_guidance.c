/* Guidance: the question's help text, one key away from the question. */
#include "ui.h"

#include <curses.h>

#include "i18n.h"
#include "ui_draw.h"

void guidance_draw(struct ui *ui)
{
	const struct survey_question *q = &ui->s->questions[ui->current];
	const char *g = survey_text_get(&q->guidance, ui->lang);
	int y = 2;

	draw_title(_("Guidance"), q->id);
	y += draw_wrapped(y, 2, COLS - 4, 4, STYLE_HEADING, survey_text_get(&q->text, ui->lang));
	y++;
	draw_wrapped(y, 2, COLS - 4, LINES - 3 - y, STYLE_NORMAL,
		     *g ? g : _("This question has no guidance."));
	draw_hints((const char *const[]){_("any key"), _("back to the question"), NULL});
}

void guidance_key(struct ui *ui, wint_t ch, bool is_key)
{
	(void)ch;
	(void)is_key;
	ui->screen = ui->back;
}
