/* Leaving with changes the result file does not hold (the folder became
 * read-only, the disk is full): say so, and leave only by an explicit
 * choice: retry, save them in another folder, or leave without them. */
#include "ui.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>

#include "i18n.h"
#include "text.h"
#include "ui_draw.h"
#include "util.h"

void leave_draw(struct ui *ui)
{
	struct page p = {0};
	char *path = text_visible(ui->ss->path, false);
	char *text = xasprintf(_("The last changes could not be saved in %s: %s.\n\n"
				 "They are still here. Press r to try again, w to save them "
				 "in another folder (your home folder is offered), d to leave "
				 "without them, or Esc to stay."),
			       path, ui->ss->save_error ? ui->ss->save_error : "?");

	draw_title(_("Not saved"), "");
	page_add(&p, 4, COLS - 14, STYLE_HEADING, text, -1);
	ui->page_rows = page_show(&p, 3, LINES - 6, &ui->scroll, -1);
	page_free(&p);
	free(text);
	free(path);
}

bool leave_act(struct ui *ui, enum ui_action act, wint_t ch)
{
	char *dir = NULL, *path = NULL, *error = NULL;
	const char *home = getenv("HOME");

	(void)ch;
	if (ui_scroll_act(ui, act))
		return true;
	switch (act) {
	case ACT_RETRY:
		if (assess_save(ui->a) == ASSESS_SAVED) {
			ui->quit = true;
		} else {
			ui_status_reason(ui, _("Still not saved: %s"), ui->ss->save_error);
		}
		return true;
	case ACT_SAVE_ELSEWHERE:
		if (ui_edit_line(ui, _("Folder:"), home ? home : "", NULL, NULL, &dir) ==
		    EDIT_DONE && *dir) {
			if (assess_save_to(ui->a, dir, &path, &error)) {
				free(ui->saved_to);
				ui->saved_to = path;
				ui->quit = true;
			} else {
				ui_status_reason(ui, _("Not saved there either: %s"), error);
			}
		}
		free(dir);
		free(error);
		return true;
	case ACT_DISCARD:
		ui->quit = true;
		return true;
	case ACT_BACK:
		ui->screen = ui->leave_from;
		ui->scroll = 0;
		ui->focus = true;
		return true;
	default:
		return true; /* nothing else until the user has chosen */
	}
}
