/* Review before finalising: the questions still unanswered (required ones
 * marked), each one key away; f finalises when the engine allows it. */
#include "ui.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>

#include "i18n.h"
#include "ui_draw.h"
#include "util.h"

static size_t *open_list(const struct ui *ui, size_t *n, size_t *required)
{
	size_t *open = xcalloc(ui->s->n_questions + 1, sizeof *open);

	*n = assess_open_questions(ui->a, open, required);
	return open;
}

void review_draw(struct ui *ui)
{
	size_t n, required, *open = open_list(ui, &n, &required);
	struct page p = {0};
	char buf[256];

	draw_title(_("Review"), survey_text_get(&ui->s->title, ui->lang));
	if (n == 0) {
		draw_wrapped(2, 2, COLS - 4, 3, STYLE_GOOD,
			     assess_is_final(ui->a)
			     ? _("Every question is answered. The result is final.")
			     : _("Every question is answered. Press f to finalise the result."));
		free(open);
		return;
	}
	snprintf(buf, sizeof buf, _("Unanswered: %zu (required: %zu, marked *). "
				    "Enter goes to the question."), n, required);
	draw_wrapped(2, 2, COLS - 4, 2, required ? STYLE_BAD : STYLE_NORMAL, buf);
	if (ui->list_pos >= n)
		ui->list_pos = n - 1;
	for (size_t i = 0; i < n; i++) {
		const struct survey_question *q = &ui->s->questions[open[i]];
		bool cursor = i == ui->list_pos;
		char *text = xasprintf("%s: %s",
				       survey_text_get(&ui->s->areas[q->area].title, ui->lang),
				       survey_text_get(&q->text, ui->lang));

		const char *head = cursor ? (q->required ? ">* " : ">  ")
			: (q->required ? " * " : "   ");

		/* area and question wrap together: nothing is cut */
		page_add_head(&p, 1, COLS - 10, head, STYLE_BAD,
			      cursor ? STYLE_CURSOR : STYLE_NORMAL, text, (int)i);
		free(text);
	}
	ui->page_rows = page_show(&p, 4, LINES - 7, &ui->scroll, (int)ui->list_pos);
	page_free(&p);
	free(open);
}

bool review_act(struct ui *ui, enum ui_action act, wint_t ch)
{
	size_t n, required, *open = open_list(ui, &n, &required), first;
	bool taken = true;

	(void)ch;
	if (ui_list_act(ui, act, n)) {
		free(open);
		return true;
	}
	switch (act) {
	case ACT_ENTER:
		if (n > 0)
			ui_goto_question(ui, open[ui->list_pos < n ? ui->list_pos : 0]);
		break;
	case ACT_FINALISE:
		switch (assess_can_finalise(ui->a, &first)) {
		case ASSESS_REFUSED:
			ui_status(ui, true, ngettext("%zu required question is unanswered.",
						     "%zu required questions are unanswered.",
						     required), required);
			break;
		case ASSESS_READ_ONLY:
			if (assess_is_final(ui->a))
				ui_status(ui, true, "%s", _("The result is already final."));
			else
				ui_report(ui, ASSESS_READ_ONLY);
			break;
		default:
			/* allowed: ask first (the engine finalises on yes) */
			ui->confirm = CONFIRM_FINALISE;
			ui->back = ui->screen;
			ui->screen = SCREEN_CONFIRM;
			break;
		}
		break;
	default:
		taken = false;
		break;
	}
	free(open);
	return taken;
}
