/* The question screen: where you are, the area's description where the area
 * begins, the question wrapped to the width, the numbered choices (labels
 * wrap), the highlighted choice's description, the comment, last year's
 * answer and comment (a suggestion: t takes it over) or that the question
 * is new this year, the actions that address the question, and the keys.
 * What does not fit scrolls; the highlighted choice is always in view.
 * Every decision is the engine's (assess.h). */
#include "ui.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "text.h"
#include "ui_draw.h"
#include "util.h"


/* Text width of the page: room for the "more" marks at the right. */
static int page_width(void) { return COLS - 12; }

static void add_options(struct ui *ui, struct page *p, const struct survey_question *q,
			const struct answer *a)
{
	for (size_t i = 0; i < q->n_options; i++) {
		bool chosen = a->state == ANSWER_GIVEN &&
			(q->type == QTYPE_MULTI ? (a->chosen >> i) & 1 : a->option == i);
		char key[QUESTION_KEY_SIZE], head[32];
		/* beyond nine options the keys are numbers of two digits: a
		 * digit key reaches 1-9, arrows and Enter the rest */
		int kw = q->n_options > 9 ? 2 : 1;

		question_option_keytext(q, i, key);
		/* the cursor is a marker, not reverse video: moving it
		 * changes two cells, which is cheap on a slow link */
		if (q->type == QTYPE_MULTI)
			snprintf(head, sizeof head, "%s %*s [%s] ", i == ui->highlight ? ">" : " ",
				 kw, key, chosen ? "x" : " ");
		else
			snprintf(head, sizeof head, "%s %*s (%s) ", i == ui->highlight ? ">" : " ",
				 kw, key, chosen ? "*" : " ");
		page_add_head(p, 2, page_width(), head, chosen ? STYLE_SELECTED : STYLE_NORMAL,
			      chosen ? STYLE_SELECTED : STYLE_NORMAL,
			      survey_text_get(&q->options[i].label, ui->lang), (int)i);
	}
	if (ui->highlight < q->n_options) {
		const char *desc = survey_text_get(&q->options[ui->highlight].description,
						   ui->lang);
		if (*desc) {
			page_blank(p);
			page_add(p, 4, page_width() - 2, STYLE_DIM, desc, -1);
		}
	}
}

static void add_typed(struct ui *ui, struct page *p, const struct survey_question *q,
		      const struct answer *a)
{
	char *text = assess_answer_text(ui->a, ui->current);
	char allowed[ASSESS_MSG_SIZE], line[ASSESS_MSG_SIZE + 32];

	page_add(p, 4, page_width() - 2, a->state == ANSWER_GIVEN ? STYLE_SELECTED : STYLE_DIM,
		 *text ? text : _("(no answer yet: press Enter to type it)"), -1);
	free(text);
	if (q->type == QTYPE_NUMBER) {
		assess_describe_input(q, allowed);
		snprintf(line, sizeof line, _("Allowed: %s."), allowed);
		page_add(p, 4, page_width() - 2, STYLE_DIM, line, -1);
	}
}

/* Last year's answer, comment and N/A, when there is a last year; a
 * suggestion only (t takes it over: assess_take_previous). */
static void add_previous(struct ui *ui, struct page *p)
{
	const struct previous *prev = ui->a->previous;
	const struct result_row *r;
	char *text;

	if (!prev)
		return;
	page_blank(p);
	if (previous_is_new(prev, ui->current)) {
		page_add(p, 2, page_width(), STYLE_DIM,
			 _("New this year: no answer from last year."), -1);
		return;
	}
	r = previous_row(prev, ui->current);
	text = previous_answer_text(prev, ui->current, ui->lang);
	if (*text) {
		char *line = xasprintf(_("Last year: %s (t takes it over)\n"), text);
		line[strcspn(line, "\n")] = '\0';
		page_add(p, 2, page_width(), STYLE_DIM, line, -1);
		free(line);
	} else {
		page_add(p, 2, page_width(), STYLE_DIM, _("Last year: not answered."), -1);
	}
	free(text);
	if (r && *r->field[RC_COMMENT])
		page_add_head(p, 2, page_width(), _("Last year's comment: "), STYLE_DIM, STYLE_DIM,
			      r->field[RC_COMMENT], -1);
}

/* Last year's done and cancelled actions for the question, as last
 * year's (the open ones were carried into this year's plan). */
static void add_closed_last_year(struct ui *ui, struct page *p, const char *qid, bool any)
{
	const struct previous *prev = ui->a->previous;
	size_t *idx, n;

	if (!prev)
		return;
	idx = xcalloc(prev->actions.n + 1, sizeof *idx);
	n = previous_closed_actions(prev, idx);
	for (size_t i = 0; i < n; i++) {
		const struct action *x = &prev->actions.items[idx[i]];
		char *line;

		if (!action_addresses_question(x, qid))
			continue;
		if (!any) {
			page_blank(p);
			page_add(p, 2, page_width(), STYLE_HEADING,
				 _("Actions for this question (a: the action plan):"), -1);
		}
		any = true;
		line = xasprintf(_("%s %s (%s; last year's)"), x->id, x->title,
				 action_status_label(x->status));
		page_add(p, 4, page_width() - 2, STYLE_DIM, line, -1);
		free(line);
	}
	free(idx);
}

/* The actions of the plan that address this question. */
static void add_actions(struct ui *ui, struct page *p)
{
	const struct action_list *l = assess_actions(ui->a);
	const char *qid = ui->s->questions[ui->current].id;
	char today[11];
	bool any = false;

	action_today(today);
	for (size_t i = 0; i < l->n; i++) {
		const struct action *x = &l->items[i];
		char *state, *line;

		if (!action_addresses_question(x, qid))
			continue;
		if (!any) {
			page_blank(p);
			page_add(p, 2, page_width(), STYLE_HEADING,
				 _("Actions for this question (a: the action plan):"), -1);
		}
		any = true;
		state = ui_action_state_text(x, today);
		line = xasprintf("%s %s (%s)", x->id, x->title, state);
		page_add(p, 4, page_width() - 2,
			 action_overdue(x, today) ? STYLE_BAD : STYLE_NORMAL, line, -1);
		free(line);
		free(state);
	}
	add_closed_last_year(ui, p, qid, any);
}

/* The page of the current question, with ui->highlight marked. */
static void build_page(struct ui *ui, struct page *p)
{
	const struct survey *s = ui->s;
	const struct survey_question *q = &s->questions[ui->current];
	const struct survey_area *area = &s->areas[q->area];
	const struct answer *a = &ui->ss->answers->a[ui->current];

	if (assess_area_begins(ui->a, ui->current) &&
	    *survey_text_get(&area->description, ui->lang)) {
		page_add(p, 2, page_width(), STYLE_DIM,
			 survey_text_get(&area->description, ui->lang), -1);
		page_blank(p);
	}
	page_add(p, 2, page_width(), STYLE_HEADING, survey_text_get(&q->text, ui->lang), -1);
	if (!q->required)
		page_add(p, 2, page_width(), STYLE_DIM, _("(optional)"), -1);
	page_blank(p);
	if (a->state == ANSWER_NA) {
		page_add(p, 4, page_width(), STYLE_SELECTED, _("[Not applicable]"), -1);
		page_blank(p);
	}
	if (question_has_options(q))
		add_options(ui, p, q, a);
	else
		add_typed(ui, p, q, a);
	if (a->comment) {
		page_blank(p);
		page_add_head(p, 2, page_width(), _("Comment: "), STYLE_DIM, STYLE_NORMAL,
			      a->comment, -1);
	}
	add_previous(ui, p);
	add_actions(ui, p);
}

/* The first option with a line in view from scroll, or (size_t)-1. */
static size_t option_in_view(const struct page *p, size_t scroll, size_t rows)
{
	for (size_t i = scroll; i < p->n && i < scroll + rows; i++)
		if (p->lines[i].tag >= 0)
			return (size_t)p->lines[i].tag;
	return (size_t)-1;
}

void question_draw(struct ui *ui)
{
	const struct survey *s = ui->s;
	const struct survey_question *q = &s->questions[ui->current];
	const struct survey_area *area = &s->areas[q->area];
	struct page p = {0};
	size_t pos, count, rows = LINES > 5 ? (size_t)LINES - 5 : 1;
	char left[256], right[160];
	int focus = -1;

	assess_area_position(ui->a, ui->current, &pos, &count);
	snprintf(left, sizeof left, "%s (%zu/%zu)", survey_text_get(&area->title, ui->lang),
		 q->area + 1, s->n_areas);
	snprintf(right, sizeof right, _("question %zu of %zu · %zu/%zu answered%s"), pos,
		 count, ui->a->done, ui->a->total, ui->ss->read_only ? _(" · read-only") : "");
	draw_title(left, right);

	build_page(ui, &p);
	if (question_has_options(q) && q->n_options > 0) {
		size_t first = page_find(&p, 0), last = page_find(&p, (int)q->n_options - 1);
		while (last + 1 < p.n && p.lines[last + 1].tag == (int)q->n_options - 1)
			last++;
		if (ui->focus) {
			/* every choice in view when they all fit, the
			 * highlighted one always */
			if (last - first + 1 <= rows)
				page_reveal(&p, (int)rows, &ui->scroll, (int)q->n_options - 1);
			focus = (int)ui->highlight;
		} else {
			/* scrolled by a page: the highlight follows into view,
			 * so Enter never chooses what is not shown */
			size_t hl = page_find(&p, (int)ui->highlight), in_view;
			size_t max = p.n > rows ? p.n - rows : 0;
			size_t top = ui->scroll < max ? ui->scroll : max;
			if ((hl < top || hl >= top + rows) &&
			    (in_view = option_in_view(&p, top, rows)) != (size_t)-1) {
				ui->highlight = in_view;
				page_free(&p);
				build_page(ui, &p);
			}
		}
	}
	ui->page_rows = page_show(&p, 2, (int)rows, &ui->scroll, focus);
	ui->focus = false;
	page_free(&p);
}

/* Moves on after an answer: the next visible question, or the review. */
static void advance(struct ui *ui)
{
	size_t next = assess_after(ui->a, ui->current);

	if (next == ASSESS_NONE) {
		ui_show(ui, SCREEN_REVIEW);
		ui_status(ui, false, "%s", _("That was the last question."));
	} else {
		ui_goto_question(ui, next);
	}
}

struct typing {
	size_t q;
	enum assess_status st;
};

/* The editor's check gives the answer at once: a refused input keeps the
 * editor open with its text and the engine's message. */
static bool take_typed(struct ui *ui, const char *text, char *msg, void *ctx)
{
	struct typing *t = ctx;

	t->st = assess_input(ui->a, t->q, text, msg);
	return t->st != ASSESS_REFUSED;
}

static void type_answer(struct ui *ui, const char *start)
{
	const struct survey_question *q = &ui->s->questions[ui->current];
	char *initial = start ? xstrdup(start)
		: assess_answer_text(ui->a, ui->current);
	struct typing t = {.q = ui->current, .st = ASSESS_UNCHANGED};
	char *text = NULL;
	enum ui_edit e = ui_edit_line(ui, q->type == QTYPE_NUMBER ? _("Number:") : _("Answer:"),
				      initial, take_typed, &t, &text);

	free(initial);
	if (e == EDIT_INTERRUPTED) /* the connection is gone: keep what was typed */
		assess_keep_typed(ui->a, t.q, text);
	else if (e == EDIT_DONE && ui_report(ui, t.st) && assess_moves_on(t.st) &&
		 ui->ss->answers->a[t.q].state == ANSWER_GIVEN)
		advance(ui);
	free(text);
}

static void write_comment(struct ui *ui)
{
	char *c = NULL;
	enum ui_edit e = ui_edit_line(ui, _("Comment:"), ui->ss->answers->a[ui->current].comment,
				      NULL, NULL, &c);

	if (e == EDIT_DONE || (e == EDIT_INTERRUPTED && c && *c)) {
		enum assess_status st = assess_comment(ui->a, ui->current, c);
		if (ui_report(ui, st) && st == ASSESS_SAVED)
			ui_status(ui, false, "%s", _("Comment saved."));
	}
	free(c);
}

static bool writable(struct ui *ui)
{
	return ui_report(ui, assess_writable(ui->a));
}

bool question_act(struct ui *ui, enum ui_action act, wint_t ch)
{
	const struct survey_question *q = &ui->s->questions[ui->current];
	size_t other, cur = ui->current;
	enum assess_status st;

	switch (act) {
	case ACT_UP:
		if (question_has_options(q) && ui->highlight > 0) {
			ui->highlight--;
			ui->focus = true;
		} else {
			ui_scroll_act(ui, act);
		}
		return true;
	case ACT_DOWN:
		if (question_has_options(q) && ui->highlight + 1 < q->n_options) {
			ui->highlight++;
			ui->focus = true;
		} else {
			ui_scroll_act(ui, act);
		}
		return true;
	case ACT_PAGE_UP:
	case ACT_PAGE_DOWN:
		return ui_scroll_act(ui, act);
	case ACT_PREV:
	case ACT_NEXT:
		other = act == ACT_PREV ? assess_prev(ui->a, cur) : assess_next(ui->a, cur);
		if (other != ASSESS_NONE)
			ui_goto_question(ui, other);
		else
			ui_status(ui, false, "%s", act == ACT_PREV
				  ? _("This is the first question.")
				  : _("This is the last question: r reviews, f finalises."));
		return true;
	case ACT_OPEN:
		other = assess_next_open(ui->a, cur + 1);
		if (other == ASSESS_NONE)
			ui_status(ui, false, "%s", _("Every question is answered."));
		else
			ui_goto_question(ui, other);
		return true;
	case ACT_GUIDANCE:
		ui_show(ui, SCREEN_GUIDANCE);
		return true;
	case ACT_FINALISE: /* finalising starts with the review */
		ui_show(ui, SCREEN_REVIEW);
		return true;
	case ACT_COMMENT:
		if (writable(ui))
			write_comment(ui);
		return true;
	case ACT_NA:
		st = assess_toggle_na(ui->a, cur);
		if (st == ASSESS_REFUSED)
			ui_status(ui, true, "%s",
				  _("This question cannot be marked not applicable."));
		else if (ui_report(ui, st) && ui->ss->answers->a[cur].state == ANSWER_NA &&
			 assess_moves_on(st))
			advance(ui);
		else if (st == ASSESS_SAVED)
			ui_status(ui, false, "%s", _("No longer marked not applicable."));
		return true;
	case ACT_TAKE_PREVIOUS: {
		char msg[ASSESS_MSG_SIZE];
		if (!ui->a->previous) {
			ui_status(ui, true, "%s", _("There is no result from last year (see "
						    "--previous)."));
			return true;
		}
		st = assess_take_previous(ui->a, ui->a->previous, cur, msg);
		if (st == ASSESS_REFUSED)
			ui_status(ui, true, "%s", msg);
		else if (ui_report(ui, st)) {
			/* an answer like any other: on to the next question */
			ui_status(ui, false, "%s", _("Last year's answer taken over."));
			if (assess_moves_on(st))
				advance(ui);
		}
		return true;
	}
	case ACT_NEW_ACTION: {
		char *addresses = xasprintf("question:%s", q->id);
		ui_action_new(ui, addresses, _("New action for this question, title:"));
		free(addresses);
		return true;
	}
	case ACT_CLEAR:
		st = assess_clear(ui->a, cur);
		if (ui_report(ui, st) && st != ASSESS_UNCHANGED)
			ui_status(ui, false, "%s", _("Answer cleared; u brings it back."));
		return true;
	case ACT_TYPE:
		if (!question_has_options(q) && writable(ui))
			type_answer(ui, NULL);
		return true;
	case ACT_DIGIT:
		if (!question_has_options(q)) {
			/* a digit starts typing a number */
			char start[2] = {(char)ch, 0};
			if (q->type == QTYPE_NUMBER && writable(ui))
				type_answer(ui, start);
			return true;
		}
		other = question_option_by_key(q, (char)ch);
		if (other == (size_t)-1) {
			char allowed[ASSESS_MSG_SIZE];
			assess_describe_input(q, allowed);
			ui_status(ui, true, _("Give %s."), allowed);
			return true;
		}
		if (!writable(ui))
			return true;
		ui->highlight = other;
		ui->focus = true;
		if (q->type == QTYPE_MULTI) {
			ui_report(ui, assess_toggle(ui->a, cur, other));
			return true;
		}
		st = assess_choose(ui->a, cur, other);
		ui_report(ui, st);
		if (assess_moves_on(st))
			advance(ui);
		return true;
	case ACT_TOGGLE:
		if (q->type == QTYPE_MULTI && writable(ui))
			ui_report(ui, assess_toggle(ui->a, cur, ui->highlight));
		return true;
	case ACT_ENTER:
		if (!question_has_options(q)) {
			if (writable(ui))
				type_answer(ui, NULL);
			return true;
		}
		if (!writable(ui))
			return true;
		st = q->type == QTYPE_MULTI ? assess_confirm(ui->a, cur)
			: assess_choose(ui->a, cur, ui->highlight);
		ui_report(ui, st);
		if (assess_moves_on(st))
			advance(ui);
		return true;
	default:
		return false;
	}
}
