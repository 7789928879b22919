/* Overview: every area with answered/applicable, its score so far, a bar
 * and its number of open actions (the engine counts them), and the
 * highlighted area's description; Enter jumps into the area.
 * The list scrolls; the cursor is always in view. */
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
	struct score *sc = xcalloc(s->n_areas ? s->n_areas : 1, sizeof *sc), all;
	struct page p = {0};
	int title_w = COLS - 40;
	char *head, *open_head;

	answers_score(ui->ss->answers, sc, &all);
	draw_title(_("Overview"), survey_text_get(&s->title, ui->lang));
	head = draw_fit(_("Area"), title_w);
	draw_text(2, 3, title_w, STYLE_DIM, head);
	draw_text(2, title_w + 4, 30, STYLE_DIM, _("answered   score"));
	/* over the count of open actions, ending where it ends */
	open_head = draw_fit_right(_("actions"), 7);
	draw_text(2, title_w + 3 + 29 - 7, 7, STYLE_DIM, open_head);
	free(open_head);
	free(head);
	if (ui->list_pos >= s->n_areas)
		ui->list_pos = s->n_areas ? s->n_areas - 1 : 0;
	for (size_t a = 0; a < s->n_areas; a++) {
		char buf[96], pct[32];
		size_t open = actions_open_in_area(assess_actions(ui->a), s, a);
		bool cursor = a == ui->list_pos;
		const char *desc = survey_text_get(&s->areas[a].description, ui->lang);
		const char *title = survey_text_get(&s->areas[a].title, ui->lang);
		size_t first = p.n;

		if (sc[a].has_percent) {
			char bar[9];
			assess_format_percent(pct, sizeof pct, sc[a].percent, 7);
			snprintf(buf, sizeof buf, " %3zu/%-3zu %s %s %3zu", sc[a].answered,
				 sc[a].applicable, pct, draw_bar(bar, 8, sc[a].percent), open);
		} else {
			snprintf(buf, sizeof buf, " %3zu/%-3zu %7s %8s %3zu", sc[a].answered,
				 sc[a].applicable, "-", "", open);
		}
		/* titles wrap, never cut; the area under the cursor shows
		 * its description, in view with it */
		page_add_row(&p, 3, title_w, title, cursor ? STYLE_CURSOR : STYLE_NORMAL, buf,
			     STYLE_NORMAL, (int)a);
		if (cursor && title_w >= 12) {
			/* the marker goes before the first line's title */
			struct page_line *l = &p.lines[first];
			char *marked = xasprintf("> %s", l->head);
			free(l->head);
			l->head = marked;
			l->x = 1;
		}
		if (cursor && *desc)
			page_add(&p, 5, COLS - 16, STYLE_DIM, desc, (int)a);
	}
	ui->page_rows = page_show(&p, 3, LINES - 6, &ui->scroll, (int)ui->list_pos);
	page_free(&p);
	free(sc);
}

bool overview_act(struct ui *ui, enum ui_action act, wint_t ch)
{
	const struct survey_area *a;
	size_t target = ASSESS_NONE;

	(void)ch;
	if (ui_list_act(ui, act, ui->s->n_areas))
		return true;
	if (act != ACT_ENTER)
		return false;
	/* the first unanswered question of the area, else its first */
	a = &ui->s->areas[ui->list_pos];
	for (size_t q = a->first_question; q < a->first_question + a->n_questions; q++) {
		if (!assess_visible(ui->a, q))
			continue;
		if (target == ASSESS_NONE)
			target = q;
		if (!assess_answered(ui->a, q)) {
			target = q;
			break;
		}
	}
	if (target != ASSESS_NONE)
		ui_goto_question(ui, target);
	else
		ui_status(ui, false, "%s", _("Skip logic hides every question of this area."));
	return true;
}
