/* Confirmations (finalise, reopen) and notices (what happened at start).
 * Both scroll when the text does not fit. */
#include "ui.h"

#include <curses.h>
#include <stdlib.h>

#include "i18n.h"
#include "ui_draw.h"

static void show_text(struct ui *ui, const char *title, const char *right,
		      const char *text, enum ui_style style)
{
	struct page p = {0};

	draw_title(title, right);
	page_add(&p, 4, COLS - 14, style, text, -1);
	ui->page_rows = page_show(&p, 3, LINES - 6, &ui->scroll, -1);
	page_free(&p);
}

void confirm_draw(struct ui *ui)
{
	if (ui->confirm == CONFIRM_FINALISE)
		show_text(ui, _("Finalise"), "",
			  _("Finalise the result? It is then written with status final and "
			    "opens read-only, ready to send to the central office."),
			  STYLE_HEADING);
	else
		show_text(ui, _("Reopen"), "",
			  _("Reopen the final result for changes? Its status goes back to "
			    "draft."), STYLE_HEADING);
}

bool confirm_act(struct ui *ui, enum ui_action act, wint_t ch)
{
	enum ui_confirm what = ui->confirm;
	enum assess_status st;
	size_t first;

	(void)ch;
	if (ui_scroll_act(ui, act))
		return true;
	if (act != ACT_YES && act != ACT_NO)
		return true; /* nothing else while asking */
	ui->screen = ui->back;
	ui->confirm = CONFIRM_NONE;
	if (act == ACT_NO)
		return true;
	if (what == CONFIRM_FINALISE) {
		st = assess_finalise(ui->a, &first);
		if (st == ASSESS_SAVED) {
			ui_status(ui, false, "%s", _("Final result saved."));
			ui->screen = SCREEN_SUMMARY;
			ui->scroll = 0;
		} else if (st == ASSESS_REFUSED) {
			ui_goto_question(ui, first);
			ui_status(ui, true, "%s", _("A required question is unanswered."));
		} else {
			ui_report(ui, st);
		}
	} else {
		st = assess_reopen(ui->a);
		if (st == ASSESS_SAVED)
			ui_status(ui, false, "%s", _("Reopened: the result is a draft again."));
		else
			ui_report(ui, st);
	}
	return true;
}

void notice_draw(struct ui *ui)
{
	show_text(ui, "enkat", survey_text_get(&ui->s->title, ui->lang),
		  ui->notice ? ui->notice : "", STYLE_NORMAL);
}

bool notice_act(struct ui *ui, enum ui_action act, wint_t ch)
{
	(void)ch;
	if (ui_scroll_act(ui, act))
		return true;
	if (act != ACT_BACK)
		return false;
	free(ui->notice);
	ui->notice = NULL;
	ui->screen = ui->back;
	ui->scroll = 0;
	ui->focus = true;
	return true;
}
