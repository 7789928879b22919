/* Confirmations (finalise, reopen) and notices (what happened at start). */
#include "ui.h"

#include <curses.h>
#include <stdlib.h>

#include "i18n.h"
#include "ui_draw.h"

void confirm_draw(struct ui *ui)
{
	const char *q = ui->confirm == CONFIRM_FINALISE
		? _("Finalise the result? It is then written with status final and opens "
		    "read-only, ready to send to the central office.")
		: _("Reopen the final result for changes? Its status goes back to draft.");

	draw_title(ui->confirm == CONFIRM_FINALISE ? _("Finalise") : _("Reopen"), "");
	draw_wrapped(3, 4, COLS - 8, LINES - 8, STYLE_HEADING, q);
	/* TRANSLATORS: the keys for yes and no; both y and j are accepted */
	draw_hints((const char *const[]){_("y"), _("yes"), "n", _("no"), NULL});
}

void confirm_key(struct ui *ui, wint_t ch, bool is_key)
{
	bool yes = !is_key && (ch == L'y' || ch == L'j' || ch == L'Y' || ch == L'J');

	if (is_key || !(yes || ch == L'n' || ch == L'N' || ch == 27 || ch == L'q'))
		return;
	ui->screen = ui->back;
	if (!yes)
		return;
	if (ui->confirm == CONFIRM_FINALISE) {
		if (session_set_final(ui->ss, true)) {
			ui_status(ui, false, "%s", _("Final result saved."));
			ui->screen = SCREEN_SUMMARY;
		} else {
			ui_status(ui, true, _("NOT SAVED: %s"), ui->ss->save_error);
		}
	} else if (session_set_final(ui->ss, false)) {
		ui_status(ui, false, "%s", _("Reopened: the result is a draft again."));
	} else {
		ui_status(ui, true, _("NOT SAVED: %s"), ui->ss->save_error);
	}
	ui->confirm = CONFIRM_NONE;
}

void notice_draw(struct ui *ui)
{
	draw_title("enkat", survey_text_get(&ui->s->title, ui->lang));
	draw_wrapped(3, 4, COLS - 8, LINES - 7, STYLE_NORMAL, ui->notice ? ui->notice : "");
	draw_hints((const char *const[]){_("any key"), _("continue"), NULL});
}

void notice_key(struct ui *ui, wint_t ch, bool is_key)
{
	(void)ch;
	(void)is_key;
	free(ui->notice);
	ui->notice = NULL;
	ui->screen = ui->back;
}
