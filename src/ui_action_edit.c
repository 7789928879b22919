/* The action editor: one action's fields (title, description, what it
 * addresses, owner, due date, status, case number, comment), one a line,
 * and its history. Enter changes the highlighted field in the line editor;
 * the engine checks and saves each change on its own (assess_action_change:
 * all or nothing), and a refused one stays in the line with the engine's
 * message, so nothing is ever saved half. A new action starts with its
 * title (ui_action_new). */
#include "ui.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "i18n.h"
#include "text.h"
#include "ui_draw.h"
#include "util.h"


static const char *const labels[F_COUNT] = {
	N_("Title"), N_("Description"), N_("Addresses"), N_("Owner"), N_("Due date"),
	N_("Status"), N_("Case number"), N_("Comment"),
};

/* The action the editor shows, or NULL when it is gone. */
static const struct action *shown(const struct ui *ui)
{
	return ui->edit_action ? actions_find(assess_actions(ui->a), ui->edit_action) : NULL;
}

static void back(struct ui *ui)
{
	if (ui->edit_back == SCREEN_QUESTION) {
		ui_goto_question(ui, ui->current);
	} else {
		ui->screen = ui->edit_back;
		ui->scroll = 0;
	}
}

void ui_action_open(struct ui *ui, const char *id)
{
	free(ui->edit_action);
	ui->edit_action = xstrdup(id);
	ui->edit_field = 0;
	if (ui->screen != SCREEN_ACTION_EDIT)
		ui->edit_back = ui->screen == SCREEN_QUESTION ? SCREEN_QUESTION : SCREEN_ACTIONS;
	ui->screen = SCREEN_ACTION_EDIT;
	ui->scroll = 0;
}

static char *day(time_t t, bool with_time)
{
	struct tm tm;
	char buf[32];

	localtime_r(&t, &tm);
	strftime(buf, sizeof buf, with_time ? "%Y-%m-%d %H:%M" : "%Y-%m-%d", &tm);
	return xstrdup(buf);
}

/* A field's value for people. */
static char *value(const struct ui *ui, const struct action *x, enum ui_action_field f)
{
	char today[11];

	switch (f) {
	case F_TITLE: return xstrdup(x->title);
	case F_DESCRIPTION: return xstrdup(x->description);
	case F_ADDRESSES: return action_targets_text(x, ui->s, ui->lang);
	case F_OWNER: return xstrdup(x->owner);
	case F_DUE:
		if (action_overdue(x, action_today(today)))
			return xasprintf("%s (%s)", x->due, _("OVERDUE"));
		return xstrdup(x->due);
	case F_STATUS: return xstrdup(action_status_label(x->status));
	case F_CASE: return xstrdup(x->case_number);
	case F_COMMENT: return xstrdup(x->comment);
	default: return xstrdup("");
	}
}

static void add_history(const struct ui *ui, struct page *p, const struct action *x)
{
	const struct history *h = assess_history(ui->a);
	bool any = false;

	for (size_t i = 0; i < h->n; i++) {
		const struct history_event *e = &h->ev[i];
		char *when, *line;

		if (strcmp(e->action_id, x->id) != 0)
			continue;
		if (!any) {
			page_blank(p);
			page_add(p, 2, COLS - 12, STYLE_HEADING, _("History"), -1);
		}
		any = true;
		when = day(e->at, true);
		if (e->kind == HISTORY_CARRIED)
			line = xasprintf(_("%s  %s (version %ld; %s), login %s"), when,
					 history_kind_label(e->kind), e->version,
					 action_status_label(e->status), e->login);
		else
			line = xasprintf(_("%s  %s (%s), login %s"), when,
					 history_kind_label(e->kind),
					 action_status_label(e->status), e->login);
		page_add(p, 4, COLS - 14, STYLE_DIM, line, -1);
		free(line);
		free(when);
	}
}

void action_edit_draw(struct ui *ui)
{
	const struct action *x = shown(ui);
	struct page p = {0};
	char *left, *right, *when;
	int lw = 0;

	if (!x) { /* gone (cannot happen: actions are never removed) */
		draw_title(_("Action plan"), "");
		return;
	}
	for (int f = 0; f < F_COUNT; f++)
		if ((int)text_width(_(labels[f])) > lw)
			lw = (int)text_width(_(labels[f]));
	left = xasprintf(_("Action %s"), x->id);
	when = day(x->changed_at, false);
	right = xasprintf(_("changed %s by %s"), when, x->changed_by);
	draw_title(left, right);
	for (int f = 0; f < F_COUNT; f++) {
		bool cursor = (size_t)f == ui->edit_field;
		char *label = draw_fit(_(labels[f]), lw + 2);
		char *v = value(ui, x, (enum ui_action_field)f);
		char *head = xasprintf("%s%s", cursor ? "> " : "  ", label);
		bool bad = f == F_DUE && strstr(v, _("OVERDUE"));

		page_add_head(&p, 1, COLS - 10, head, cursor ? STYLE_CURSOR : STYLE_DIM,
			      bad ? STYLE_BAD : cursor ? STYLE_CURSOR : STYLE_NORMAL,
			      *v ? v : "-", f);
		free(head);
		free(label);
		free(v);
	}
	page_blank(&p);
	if (x->from_version && x->from_version != ui->s->version) {
		char *line = xasprintf(_("Carried over from version %ld."), x->from_version);
		page_add(&p, 2, COLS - 12, STYLE_DIM, line, -1);
		free(line);
	}
	page_add(&p, 2, COLS - 12, STYLE_DIM,
		 _("Enter changes the highlighted field; each change is saved at once."), -1);
	add_history(ui, &p, x);
	ui->page_rows = page_show(&p, 2, LINES - 5, &ui->scroll, (int)ui->edit_field);
	page_free(&p);
	free(left);
	free(right);
	free(when);
}

struct field_edit {
	const char *id;
	enum ui_action_field f;
	enum assess_status st;
};

/* The engine takes the one field or refuses it with its reason; refused,
 * the line stays open for correction and nothing is saved. */
static bool take_field(struct ui *ui, const char *text, char *msg, void *ctx)
{
	struct field_edit *fe = ctx;
	struct action_input in = {0};

	switch (fe->f) {
	case F_TITLE: in.title = text; break;
	case F_DESCRIPTION: in.description = text; break;
	case F_ADDRESSES: in.addresses = text; break;
	case F_OWNER: in.owner = text; break;
	case F_DUE: in.due = text; break;
	case F_STATUS: in.status = text; break;
	case F_CASE: in.case_number = text; break;
	case F_COMMENT: in.comment = text; break;
	default: return true;
	}
	fe->st = assess_action_change(ui->a, fe->id, &in, msg);
	return fe->st != ASSESS_REFUSED;
}

/* What the line editor starts from: the field as the engine reads it. */
static char *initial(const struct action *x, enum ui_action_field f)
{
	switch (f) {
	case F_ADDRESSES: return action_addresses_field(x);
	case F_STATUS: return xstrdup(action_status_label(x->status));
	case F_DUE: return xstrdup(x->due);
	default: return NULL;
	}
}

static void edit_field(struct ui *ui, const struct action *x)
{
	struct field_edit fe = {.f = (enum ui_action_field)ui->edit_field, .st = ASSESS_UNCHANGED};
	char *prompt, *start = initial(x, fe.f), *text = NULL, *id = xstrdup(x->id);
	enum ui_edit e;

	fe.id = id;
	switch (fe.f) {
	case F_STATUS:
		prompt = xasprintf(_("Status (1 %s, 2 %s, 3 %s, 4 %s):"),
				   action_status_label(ACTION_PLANNED),
				   action_status_label(ACTION_ONGOING),
				   action_status_label(ACTION_DONE),
				   action_status_label(ACTION_CANCELLED));
		break;
	case F_DUE:
		prompt = xstrdup(_("Due date (YYYY-MM-DD):"));
		break;
	case F_ADDRESSES:
		prompt = xstrdup(_("Addresses (question and area ids, or department):"));
		break;
	default:
		prompt = xasprintf("%s:", _(labels[fe.f]));
		break;
	}
	if (!start) {
		const char *v = fe.f == F_TITLE ? x->title : fe.f == F_DESCRIPTION ? x->description
			: fe.f == F_OWNER ? x->owner : fe.f == F_CASE ? x->case_number : x->comment;
		start = xstrdup(v);
	}
	e = ui_edit_line(ui, prompt, start, take_field, &fe, &text);
	if (e == EDIT_INTERRUPTED && text) {
		/* the connection is gone: what was typed is kept when the
		 * engine takes it */
		char msg[ASSESS_MSG_SIZE];
		take_field(ui, text, msg, &fe);
	} else if (e == EDIT_DONE && ui_report(ui, fe.st) && fe.st != ASSESS_UNCHANGED) {
		ui_status(ui, false, _("Action %s saved."), id);
	}
	free(text);
	free(start);
	free(prompt);
	free(id);
}

bool action_edit_act(struct ui *ui, enum ui_action act, wint_t ch)
{
	const struct action *x = shown(ui);

	if (!x) {
		back(ui);
		return true;
	}
	if (ui_cursor_act(ui, act, &ui->edit_field, F_COUNT))
		return true;
	switch (act) {
	case ACT_ENTER:
		if (ui_report(ui, assess_writable(ui->a)))
			edit_field(ui, x);
		return true;
	case ACT_DIGIT: { /* on the status: 1-4 set it at once */
		char st[2] = {(char)ch, 0}, msg[ASSESS_MSG_SIZE];
		struct action_input in = {.status = st};
		enum assess_status r;
		char *id;

		if (ui->edit_field != F_STATUS) {
			ui_status(ui, false, "%s", _("Digits set the status: move to it first."));
			return true;
		}
		id = xstrdup(x->id);
		r = assess_action_change(ui->a, id, &in, msg);
		if (r == ASSESS_REFUSED)
			ui_status(ui, true, "%s", msg);
		else if (ui_report(ui, r) && r != ASSESS_UNCHANGED)
			ui_status(ui, false, _("Action %s saved."), id);
		free(id);
		return true;
	}
	case ACT_BACK:
		back(ui);
		return true;
	default:
		return false;
	}
}

struct new_action {
	const char *addresses;
	char *id;
	enum assess_status st;
};

static bool take_title(struct ui *ui, const char *text, char *msg, void *ctx)
{
	struct new_action *na = ctx;
	struct action_input in = {.title = text, .addresses = na->addresses};

	free(na->id);
	na->id = NULL;
	na->st = assess_action_add(ui->a, &in, &na->id, msg);
	return na->st != ASSESS_REFUSED;
}

void ui_action_new(struct ui *ui, const char *addresses, const char *prompt)
{
	struct new_action na = {.addresses = addresses, .st = ASSESS_UNCHANGED};
	char *text = NULL;
	enum ui_edit e;

	if (!ui_report(ui, assess_writable(ui->a)))
		return;
	e = ui_edit_line(ui, prompt, "", take_title, &na, &text);
	if (e == EDIT_INTERRUPTED && text && *text) {
		char msg[ASSESS_MSG_SIZE];
		take_title(ui, text, msg, &na);
	} else if (e == EDIT_DONE && ui_report(ui, na.st) && na.id) {
		ui_action_open(ui, na.id);
		ui->edit_field = F_OWNER; /* the title is there: what comes next */
		ui_status(ui, false, _("Action %s added."), na.id);
	}
	free(na.id);
	free(text);
}
