/* The question screen: where you are, the question wrapped to the width,
 * the numbered choices, the highlighted choice's description, the comment,
 * and the keys. Answering saves at once and moves on. */
#include "ui.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "numfmt.h"
#include "text.h"
#include "ui_draw.h"
#include "util.h"

static bool has_options(const struct survey_question *q)
{
	return q->type != QTYPE_NUMBER && q->type != QTYPE_TEXT;
}

/* Position of q among the visible questions of its area, and their count. */
static void area_position(const struct ui *ui, size_t q, size_t *pos, size_t *count)
{
	const struct survey_area *a = &ui->s->areas[ui->s->questions[q].area];

	*pos = *count = 0;
	for (size_t i = a->first_question; i < a->first_question + a->n_questions; i++) {
		if (!answers_visible(ui->ss->answers, i))
			continue;
		(*count)++;
		if (i <= q)
			(*pos)++;
	}
}

/* The answer as a line of text, for number and text questions. */
static char *answer_text(const struct ui *ui, size_t q)
{
	const struct answer *a = &ui->ss->answers->a[q];
	const struct survey_question *sq = &ui->s->questions[q];
	char buf[NUMFMT_SIZE];

	if (a->state != ANSWER_GIVEN)
		return xstrdup("");
	if (sq->type == QTYPE_NUMBER)
		return xstrdup(num_format_fixed(buf, a->number, sq->decimals));
	return xstrdup(a->text ? a->text : "");
}

void question_draw(struct ui *ui)
{
	const struct survey *s = ui->s;
	const struct survey_question *q = &s->questions[ui->current];
	const struct survey_area *area = &s->areas[q->area];
	const struct answer *a = &ui->ss->answers->a[ui->current];
	size_t pos, count, done, total;
	char left[256], right[128];
	int y = 2, width = COLS - 4, bottom = LINES - 3;
	const char *mark;

	area_position(ui, ui->current, &pos, &count);
	session_progress(ui->ss, &done, &total);
	snprintf(left, sizeof left, "%s (%zu/%zu)", survey_text_get(&area->title, ui->lang),
		 q->area + 1, s->n_areas);
	snprintf(right, sizeof right, _("question %zu of %zu · %zu/%zu answered%s"), pos,
		 count, done, total, ui->ss->read_only ? _(" · read-only") : "");
	draw_title(left, right);

	mark = q->required ? "" : _(" (optional)");
	y += draw_wrapped(y, 2, width, bottom - y - 4, STYLE_HEADING,
			  survey_text_get(&q->text, ui->lang));
	if (*mark)
		draw_text(y++, 2, width, STYLE_DIM, mark + 1);
	y++;

	if (a->state == ANSWER_NA) {
		draw_text(y++, 4, width - 2, STYLE_SELECTED, _("[Not applicable]"));
		y++;
	}
	if (has_options(q)) {
		for (size_t i = 0; i < q->n_options && y < bottom - 1; i++) {
			bool chosen = a->state == ANSWER_GIVEN &&
				(q->type == QTYPE_MULTI ? (a->chosen >> i) & 1 : a->option == i);
			bool cursor = i == ui->highlight;
			char head[32];
			int x = 2;

			/* the cursor is a marker, not reverse video: moving it
			 * changes two cells, which is cheap on a slow link */
			mvaddstr(y, x, cursor ? ">" : " ");
			char key = question_option_key(q, i);

			if (!key)
				key = ' ';
			if (q->type == QTYPE_MULTI)
				snprintf(head, sizeof head, "%c [%s] ", key, chosen ? "x" : " ");
			else
				snprintf(head, sizeof head, "%c (%s) ", key, chosen ? "*" : " ");
			x += 2 + draw_text(y, x + 2, width, chosen ? STYLE_SELECTED : STYLE_NORMAL,
					   head);
			draw_text(y, x, COLS - x - 1, chosen ? STYLE_SELECTED : STYLE_NORMAL,
				  survey_text_get(&q->options[i].label, ui->lang));
			y++;
		}
		y++;
		if (ui->highlight < q->n_options && y < bottom - 1) {
			const char *desc = survey_text_get(&q->options[ui->highlight].description,
							   ui->lang);
			if (*desc)
				y += draw_wrapped(y, 4, width - 2, bottom - y - 1 > 3 ? 3 : bottom - y - 1,
						  STYLE_DIM, desc) + 1;
		}
	} else {
		char *text = answer_text(ui, ui->current);
		char range[128] = "";

		if (q->type == QTYPE_NUMBER && (q->has_min || q->has_max)) {
			char lo[NUMFMT_SIZE], hi[NUMFMT_SIZE];
			snprintf(range, sizeof range, _(" (from %s to %s)"),
				 q->has_min ? num_format(lo, q->min) : "…",
				 q->has_max ? num_format(hi, q->max) : "…");
		}
		y += draw_wrapped(y, 4, width - 2, 3, a->state == ANSWER_GIVEN ? STYLE_SELECTED
				  : STYLE_DIM, *text ? text : _("(no answer yet: press Enter to type it)"));
		if (*range)
			draw_text(y++, 4, width - 2, STYLE_DIM, range + 1);
		free(text);
		y++;
	}
	if (a->comment && y < bottom) {
		int x = 2 + draw_text(y, 2, width, STYLE_DIM, _("Comment: "));
		draw_wrapped(y, x, COLS - x - 2, bottom - y, STYLE_NORMAL, a->comment);
	}
	if (q->type == QTYPE_MULTI)
		draw_hints((const char *const[]){_("digit"), _("toggle"), _("Enter"), _("done"),
			"?", _("help"), "q", _("quit"), "n", _("n/a"), "c", _("comment"), "g",
			_("guidance"), "o", _("overview"), NULL});
	else if (has_options(q))
		draw_hints((const char *const[]){_("digit"), _("answer"), "\u2190\u2192", _("question"),
			"?", _("help"), "q", _("quit"), "n", _("n/a"), "c", _("comment"), "g",
			_("guidance"), "o", _("overview"), NULL});
	else
		draw_hints((const char *const[]){_("Enter"), _("type answer"), "\u2190\u2192",
			_("question"), "?", _("help"), "q", _("quit"), "n", _("n/a"), "c",
			_("comment"), "g", _("guidance"), "o", _("overview"), NULL});
}

/* Moves to the next visible question, or to the review when there is none. */
static void advance(struct ui *ui)
{
	size_t next = ui_next_visible(ui, ui->current);

	if (next == (size_t)-1) {
		ui->screen = SCREEN_REVIEW;
		ui->list_pos = 0;
		ui_status(ui, false, "%s", _("That was the last question."));
	} else {
		ui_goto_question(ui, next);
	}
}

static bool writable(struct ui *ui)
{
	if (!ui->ss->read_only)
		return true;
	if (ui->ss->answers->final)
		ui_status(ui, true, "%s", _("The result is final and read-only; "
					    "press e on the summary to reopen it."));
	else
		ui_status(ui, true, "%s", _("Read-only: another session holds this assessment."));
	return false;
}

static void type_answer(struct ui *ui, const char *start)
{
	const struct survey_question *q = &ui->s->questions[ui->current];
	char *initial = start ? xstrdup(start) : answer_text(ui, ui->current);
	char *text = ui_edit_line(ui, q->type == QTYPE_NUMBER ? _("Number:") : _("Answer:"),
				  initial);

	free(initial);
	if (!text)
		return;
	if (q->type == QTYPE_TEXT) {
		if (*text)
			answers_set_text(ui->ss->answers, ui->current, text);
		else
			answers_clear(ui->ss->answers, ui->current);
	} else {
		double v;
		char *comma = strchr(text, ',');

		if (comma) /* 2,5 is how a Swede writes it */
			*comma = '.';
		if (!*text) {
			answers_clear(ui->ss->answers, ui->current);
		} else if (!num_parse(text, &v) || (q->has_min && v < q->min) ||
			   (q->has_max && v > q->max)) {
			ui_status(ui, true, _("'%s' is not a number in the allowed range."), text);
			free(text);
			return;
		} else {
			answers_set_number(ui->ss->answers, ui->current, v);
		}
	}
	free(text);
	if (ui_save(ui))
		advance(ui);
}

void question_key(struct ui *ui, wint_t ch, bool is_key)
{
	const struct survey_question *q = &ui->s->questions[ui->current];
	struct answers *as = ui->ss->answers;
	size_t n = q->n_options, other;

	if (is_key) {
		switch (ch) {
		case KEY_UP:
			if (has_options(q) && ui->highlight > 0)
				ui->highlight--;
			return;
		case KEY_DOWN:
			if (has_options(q) && ui->highlight + 1 < n)
				ui->highlight++;
			return;
		case KEY_LEFT:
		case KEY_PPAGE:
			other = ui_prev_visible(ui, ui->current);
			if (other != (size_t)-1)
				ui_goto_question(ui, other);
			else
				ui_status(ui, false, "%s", _("This is the first question."));
			return;
		case KEY_RIGHT:
		case KEY_NPAGE:
			other = ui_next_visible(ui, ui->current);
			if (other != (size_t)-1)
				ui_goto_question(ui, other);
			else
				ui_status(ui, false, "%s", _("This is the last question: r reviews, f finalises."));
			return;
		case KEY_ENTER:
			ch = L'\r';
			break;
		default:
			ui_common_key(ui, ch, is_key);
			return;
		}
	}
	if (ui_common_key(ui, ch, is_key))
		return;
	switch (ch) {
	case L'k':
		question_key(ui, KEY_UP, true);
		return;
	case L'j':
		question_key(ui, KEY_DOWN, true);
		return;
	case L'g':
		ui->back = ui->screen;
		ui->scroll = 0;
		ui->screen = SCREEN_GUIDANCE;
		return;
	case L'f': /* finalising starts with the review */
		ui_common_key(ui, L'r', false);
		return;
	case L'c': {
		char *c;
		if (!writable(ui))
			return;
		c = ui_edit_line(ui, _("Comment:"), as->a[ui->current].comment);
		if (c) {
			answers_set_comment(as, ui->current, c);
			free(c);
			if (ui_save(ui))
				ui_status(ui, false, "%s", _("Comment saved."));
		}
		return;
	}
	case L'n':
		if (!writable(ui))
			return;
		if (!q->allow_na) {
			ui_status(ui, true, "%s", _("This question cannot be marked not applicable."));
			return;
		}
		if (as->a[ui->current].state == ANSWER_NA) {
			answers_clear(as, ui->current);
			ui_save(ui);
			return;
		}
		answers_set_na(as, ui->current);
		if (ui_save(ui))
			advance(ui);
		return;
	case L'x':
		if (!writable(ui))
			return;
		answers_clear(as, ui->current);
		if (ui_save(ui))
			ui_status(ui, false, "%s", _("Answer cleared."));
		return;
	default:
		break;
	}
	if (!has_options(q)) {
		if (ch == L'\r' || ch == L'e') {
			if (writable(ui))
				type_answer(ui, NULL);
		} else if (q->type == QTYPE_NUMBER && ((ch >= L'0' && ch <= L'9') || ch == L'-')) {
			char start[2] = {(char)ch, 0};
			if (writable(ui))
				type_answer(ui, start);
		}
		return;
	}
	if (ch >= L'0' && ch <= L'9' &&
	    question_option_by_key(q, (char)ch) != (size_t)-1) {
		size_t opt = question_option_by_key(q, (char)ch);
		if (!writable(ui))
			return;
		ui->highlight = opt;
		if (q->type == QTYPE_MULTI) {
			unsigned long long set = as->a[ui->current].state == ANSWER_GIVEN
				? as->a[ui->current].chosen : 0;
			answers_set_chosen(as, ui->current, set ^ (1ull << opt));
			ui_save(ui);
			return;
		}
		answers_set_option(as, ui->current, opt);
		if (ui_save(ui))
			advance(ui);
		return;
	}
	if (ch == L' ' && q->type == QTYPE_MULTI) {
		unsigned long long set;
		if (!writable(ui))
			return;
		set = as->a[ui->current].state == ANSWER_GIVEN ? as->a[ui->current].chosen : 0;
		answers_set_chosen(as, ui->current, set ^ (1ull << ui->highlight));
		ui_save(ui);
		return;
	}
	if (ch == L'\r') {
		if (!writable(ui))
			return;
		if (q->type == QTYPE_MULTI) {
			/* Enter confirms the set, even an empty one */
			if (as->a[ui->current].state != ANSWER_GIVEN)
				answers_set_chosen(as, ui->current, 0);
		} else {
			answers_set_option(as, ui->current, ui->highlight);
		}
		if (ui_save(ui))
			advance(ui);
	}
}
