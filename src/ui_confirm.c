/* Confirmations (finalise, reopen), the management's approval asked when
 * finalising, and notices (what happened at start). All scroll when the
 * text does not fit. The engine decides: assess_finalise_approved records
 * the approval (name, role, date, login name) and seals the result;
 * assess_reopen keeps the earlier approval in the history. */
#include "ui.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>

#include "i18n.h"
#include "ui_draw.h"
#include "util.h"

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
	const struct approval *ap = assess_approval(ui->a);

	if (ui->confirm == CONFIRM_FINALISE) {
		show_text(ui, _("Finalise"), "",
			  _("Finalise the result? It is then written with status final and "
			    "opens read-only, ready to send to the central office."),
			  STYLE_HEADING);
	} else if (ui->confirm == CONFIRM_APPROVE) {
		show_text(ui, _("Approval"), "",
			  _("Who approves the result for the department's management? Type "
			    "the name, then the role (e.g. Förvaltningsdirektör). The "
			    "approval is recorded with today's date and your login name, and "
			    "the result is sealed: a later change of the file shows as "
			    "changed after approval.\n\nAn empty name finalises the result "
			    "without approval; Esc does not finalise it."),
			  STYLE_HEADING);
	} else if (ap->present || assess_seal_broken(ui->a)) {
		show_text(ui, _("Reopen"), "",
			  _("Reopen the final result for changes? Its status goes back to "
			    "draft, and the management's approval no longer holds: it stays "
			    "in the history, and the result must be approved again."),
			  STYLE_HEADING);
	} else {
		show_text(ui, _("Reopen"), "",
			  _("Reopen the final result for changes? Its status goes back to "
			    "draft."), STYLE_HEADING);
	}
}

struct approving {
	char *name;               /* as typed, owned */
	size_t first_open;
	enum assess_status st;
};

/* The name: the engine's rule for an approver (an empty one finalises
 * without approval). */
static bool check_name(struct ui *ui, const char *text, char *msg, void *ctx)
{
	const char *p = text;

	(void)ui;
	(void)ctx;
	while (*p == ' ' || *p == '\t')
		p++;
	return !*p || approval_check(text, "", msg);
}

/* The role: the engine finalises with the approval, or says why not (the
 * line stays for correction). */
static bool take_role(struct ui *ui, const char *text, char *msg, void *ctx)
{
	struct approving *ap = ctx;

	ap->st = assess_finalise_approved(ui->a, ap->name, text, &ap->first_open, msg);
	return ap->st != ASSESS_REFUSED || ap->first_open != ASSESS_NONE;
}

static void finalised(struct ui *ui, enum assess_status st, size_t first)
{
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
}

/* Finalising: who approves, then the engine finalises (with the approval,
 * or without it for an empty name). Esc leaves the result as it was. */
static void approve(struct ui *ui)
{
	struct approving ap = {.st = ASSESS_UNCHANGED, .first_open = ASSESS_NONE};
	char *role = NULL;
	enum ui_edit e;
	enum ui_screen was = ui->back;

	ui->confirm = CONFIRM_APPROVE;
	ui->screen = SCREEN_CONFIRM;
	e = ui_edit_line(ui, _("Approved by (name):"), "", check_name, NULL, &ap.name);
	if (e == EDIT_DONE && !*ap.name) {
		ui->confirm = CONFIRM_NONE;
		ui->screen = was;
		ap.st = assess_finalise(ui->a, &ap.first_open);
		finalised(ui, ap.st, ap.first_open);
	} else if (e == EDIT_DONE) {
		e = ui_edit_line(ui, _("Role:"), "", take_role, &ap, &role);
		ui->confirm = CONFIRM_NONE;
		ui->screen = was;
		if (e == EDIT_DONE)
			finalised(ui, ap.st, ap.first_open);
		else if (e == EDIT_CANCELLED)
			ui_status(ui, false, "%s", _("Not finalised."));
	} else {
		ui->confirm = CONFIRM_NONE;
		ui->screen = was;
		if (e == EDIT_CANCELLED)
			ui_status(ui, false, "%s", _("Not finalised."));
	}
	free(ap.name);
	free(role);
}

bool confirm_act(struct ui *ui, enum ui_action act, wint_t ch)
{
	enum ui_confirm what = ui->confirm;
	enum assess_status st;

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
		approve(ui);
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
