/* Help: every key, as the man page lists them. */
#include "ui.h"

#include <curses.h>

#include "i18n.h"
#include "ui_draw.h"

static const char *const keys[] = {
	"\u2191 \u2193  j k", N_("move between the choices"),
	"0-9", N_("answer with the choice of that number and go to the next question (multiple choice: toggle)"),
	N_("Enter"), N_("answer with the highlighted choice; type a number or text answer"),
	N_("Space"), N_("toggle the highlighted choice (multiple choice)"),
	"\u2190 \u2192  PgUp PgDn", N_("previous / next question"),
	"n", N_("not applicable (press again to undo)"),
	"x", N_("clear the answer"),
	"c", N_("write a comment"),
	"g", N_("guidance for the question"),
	"o", N_("overview of all areas; jump to one"),
	"r", N_("review: what is still unanswered"),
	"f", N_("finalise (after the review)"),
	"s", N_("summary: scores, levels and targets"),
	"?  F1", N_("this help"),
	"q", N_("leave; everything is already saved"),
	NULL,
};

void help_draw(struct ui *ui)
{
	int y = 2;

	(void)ui;
	draw_title(_("Keys"), "enkat");
	for (size_t i = 0; keys[i] && y < LINES - 3; i += 2) {
		draw_text(y, 2, 22, STYLE_KEY, keys[i][0] >= 'A' && keys[i][0] <= 'Z'
			  ? _(keys[i]) : keys[i]);
		y += draw_wrapped(y, 25, COLS - 27, 2, STYLE_NORMAL, _(keys[i + 1]));
	}
	if (y < LINES - 3)
		draw_wrapped(y + 1, 2, COLS - 4, LINES - 4 - y, STYLE_DIM,
			     _("Every answer is saved the moment it is given. Leave at any "
			       "time and start enkat again to go on where you left off."));
	draw_hints((const char *const[]){_("any key"), _("back"), NULL});
}

void help_key(struct ui *ui, wint_t ch, bool is_key)
{
	(void)ch;
	(void)is_key;
	ui->screen = ui->back;
}
