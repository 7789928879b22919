/* Review before finalising: the questions still unanswered (required ones
 * marked), each one key away; f finalises when nothing required is left. */
#include "ui.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>

#include "i18n.h"
#include "ui_draw.h"
#include "util.h"

/* The visible unanswered questions, required ones first. */
static size_t open_questions(const struct ui *ui, size_t *out, size_t *required)
{
	size_t n = 0;

	*required = 0;
	for (int pass = 0; pass < 2; pass++)
		for (size_t q = 0; q < ui->s->n_questions; q++) {
			const struct survey_question *sq = &ui->s->questions[q];
			if (!answers_visible(ui->ss->answers, q) ||
			    ui->ss->answers->a[q].state != ANSWER_NONE ||
			    sq->required != (pass == 0))
				continue;
			out[n++] = q;
			if (sq->required)
				(*required)++;
		}
	return n;
}

void review_draw(struct ui *ui)
{
	size_t *open = xcalloc(ui->s->n_questions + 1, sizeof *open), required;
	size_t n = open_questions(ui, open, &required);
	int y = 2, rows = LINES - 7;
	char buf[256];

	draw_title(_("Review"), survey_text_get(&ui->s->title, ui->lang));
	if (n == 0) {
		draw_wrapped(y, 2, COLS - 4, 3, STYLE_GOOD,
			     _("Every question is answered. Press f to finalise the result."));
	} else {
		snprintf(buf, sizeof buf, _("Unanswered: %zu (required: %zu, marked *). "
					    "Enter goes to the question."), n, required);
		draw_wrapped(y, 2, COLS - 4, 2, required ? STYLE_BAD : STYLE_NORMAL, buf);
		y += 2;
		if (ui->list_pos >= n)
			ui->list_pos = n - 1;
		if (ui->list_pos < ui->scroll)
			ui->scroll = ui->list_pos;
		if (ui->list_pos >= ui->scroll + (size_t)rows)
			ui->scroll = ui->list_pos - (size_t)rows + 1;
		for (size_t i = ui->scroll; i < n && y < LINES - 3; i++, y++) {
			const struct survey_question *q = &ui->s->questions[open[i]];
			bool cursor = i == ui->list_pos;
			mvaddstr(y, 1, cursor ? ">" : " ");
			int x = 3;

			x += draw_text(y, x, 2, STYLE_BAD, q->required ? "* " : "  ");
			x += draw_text(y, x, COLS / 3, STYLE_DIM,
				       survey_text_get(&ui->s->areas[q->area].title, ui->lang));
			x += draw_text(y, x, 2, STYLE_DIM, ": ");
			draw_text(y, x, COLS - x - 1, cursor ? STYLE_CURSOR : STYLE_NORMAL,
				  survey_text_get(&q->text, ui->lang));
		}
	}
	free(open);
	draw_hints((const char *const[]){"\u2191\u2193", _("choose"), _("Enter"),
		_("go to it"), "f", _("finalise"), "s", _("summary"), "Esc", _("back"),
		"q", _("quit"), NULL});
}

void review_key(struct ui *ui, wint_t ch, bool is_key)
{
	size_t *open = xcalloc(ui->s->n_questions + 1, sizeof *open), required;
	size_t n = open_questions(ui, open, &required);

	if (ui_list_key(ch, is_key, &ui->list_pos, n) || ui_common_key(ui, ch, is_key)) {
		free(open);
		return;
	}
	if (is_key ? ch == KEY_ENTER : ch == L'\r') {
		if (n > 0)
			ui_goto_question(ui, open[ui->list_pos < n ? ui->list_pos : 0]);
	} else if (!is_key && ch == L'f') {
		if (ui->ss->read_only)
			ui_status(ui, true, "%s", ui->ss->answers->final
				  ? _("The result is already final.")
				  : _("Read-only: another session holds this assessment."));
		else if (required > 0)
			ui_status(ui, true, _("%zu required questions are unanswered."), required);
		else {
			ui->confirm = CONFIRM_FINALISE;
			ui->back = ui->screen;
			ui->screen = SCREEN_CONFIRM;
		}
	}
	free(open);
}
