/* Overview: every area with answered/applicable, its score so far and a
 * bar; Enter jumps into the area. */
#include "ui.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>

#include "i18n.h"
#include "ui_draw.h"
#include "util.h"

void overview_draw(struct ui *ui)
{
	const struct survey *s = ui->s;
	struct score *sc = xcalloc(s->n_areas, sizeof *sc), all;
	int y = 2, title_w = COLS - 36;

	answers_score(ui->ss->answers, sc, &all);
	draw_title(_("Overview"), survey_text_get(&s->title, ui->lang));
	draw_text(y, 4, title_w, STYLE_DIM, _("Area"));
	draw_text(y++, title_w + 4, 30, STYLE_DIM, _("answered   score"));
	for (size_t a = 0; a < s->n_areas && y < LINES - 3; a++, y++) {
		char buf[64];
		bool cursor = a == ui->list_pos;

		mvaddstr(y, 1, cursor ? ">" : " ");
		draw_text(y, 3, title_w, cursor ? STYLE_CURSOR : STYLE_NORMAL,
			  survey_text_get(&s->areas[a].title, ui->lang));
		snprintf(buf, sizeof buf, "%3zu/%-3zu", sc[a].answered, sc[a].applicable);
		draw_text(y, title_w + 4, 8, STYLE_NORMAL, buf);
		if (sc[a].has_percent) {
			ui_format_percent(buf, sizeof buf, sc[a].percent);
			draw_text(y, title_w + 12, 7, STYLE_NORMAL, buf);
			draw_bar(y, title_w + 20, 12, sc[a].percent);
		} else {
			draw_text(y, title_w + 12, 7, STYLE_DIM, "    -");
		}
	}
	free(sc);
	draw_hints((const char *const[]){"\u2191\u2193", _("choose"), _("Enter"),
		_("go to the area"), "s", _("summary"), "r", _("review"), "Esc",
		_("back"), "q", _("quit"), NULL});
}

void overview_key(struct ui *ui, wint_t ch, bool is_key)
{
	const struct survey_area *a = &ui->s->areas[ui->list_pos];
	size_t target = (size_t)-1;

	if (ui_list_key(ch, is_key, &ui->list_pos, ui->s->n_areas) ||
	    ui_common_key(ui, ch, is_key))
		return;
	if (!(is_key ? ch == KEY_ENTER : ch == L'\r'))
		return;
	/* the first unanswered question of the area, else its first */
	for (size_t q = a->first_question; q < a->first_question + a->n_questions; q++)
		if (answers_visible(ui->ss->answers, q)) {
			if (target == (size_t)-1)
				target = q;
			if (ui->ss->answers->a[q].state == ANSWER_NONE) {
				target = q;
				break;
			}
		}
	if (target != (size_t)-1)
		ui_goto_question(ui, target);
}
