/* The action plan (åtgärdsplan): every action of the department, grouped
 * by area, by status or not at all, overdue ones marked in words (so that
 * it reads the same in monochrome), and last year's closed actions below
 * as last year's. The action under the cursor shows what it addresses,
 * its owner and case number; Enter opens it in the editor, + adds one.
 * Every question (overdue, which area, open) is the engine's (actions.h);
 * this screen only draws and reads keys. */
#include "ui.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "text.h"
#include "ui_draw.h"
#include "util.h"

enum group { GROUP_AREA, GROUP_STATUS, GROUP_NONE, GROUP_COUNT };

#define NO_AREA ((size_t)-1)

/* One line of the list: a heading, a note under one, or an action. */
struct entry {
	const char *heading;      /* a heading or note: borrowed or in owned */
	char *owned;
	bool note;                /* a note under a heading (dim) */
	const struct action *x;   /* an action (heading NULL) */
	bool last_year;           /* one of last year's closed actions */
	size_t area;              /* the area group it is listed under */
};

struct listing {
	struct entry *e;
	size_t n, cap;
	size_t *items;            /* indexes into e of the actions, in order */
	size_t n_items;
};

static struct entry *push(struct listing *l)
{
	struct entry *e;

	l->e = xgrow(l->e, &l->cap, l->n + 1, sizeof *l->e);
	e = &l->e[l->n++];
	memset(e, 0, sizeof *e);
	e->area = NO_AREA;
	return e;
}

static void heading(struct listing *l, const char *text, bool note)
{
	struct entry *e = push(l);

	e->owned = xstrdup(text);
	e->heading = e->owned;
	e->note = note;
}

static void item(struct listing *l, const struct action *x, bool last_year, size_t area)
{
	struct entry *e = push(l);

	e->x = x;
	e->last_year = last_year;
	e->area = area;
}

static bool shown(const struct ui *ui, const struct action *x)
{
	return !ui->hide_closed || action_status_open(x->status);
}

/* What the list shows now, from the engine's answers. */
static void build(const struct ui *ui, struct listing *l)
{
	const struct action_list *al = assess_actions(ui->a);
	const struct previous *prev = ui->a->previous;
	const struct survey *s = ui->s;
	size_t *idx = xcalloc(al->n + (prev ? prev->actions.n : 0) + 1, sizeof *idx);

	memset(l, 0, sizeof *l);
	if (ui->action_group == GROUP_AREA) {
		for (size_t a = 0; a < s->n_areas; a++) {
			size_t n = actions_for_area(al, s, a, idx), listed = 0;

			heading(l, survey_text_get(&s->areas[a].title, ui->lang), false);
			for (size_t i = 0; i < n; i++)
				if (shown(ui, &al->items[idx[i]])) {
					item(l, &al->items[idx[i]], false, a);
					listed++;
				}
			if (!listed) { /* a place for the cursor: + adds one here */
				heading(l, _("No action addresses this area."), true);
				l->e[l->n - 1].area = a;
			}
		}
		/* the whole department: no area of its own */
		bool any = false;
		for (size_t i = 0; i < al->n; i++) {
			if (al->items[i].n_targets || !shown(ui, &al->items[i]))
				continue;
			if (!any)
				heading(l, _("The whole department"), false);
			any = true;
			item(l, &al->items[i], false, NO_AREA);
		}
	} else if (ui->action_group == GROUP_STATUS) {
		for (int k = 0; k < ACTION_N_STATUS; k++) {
			enum action_status st = (enum action_status)k;
			bool any = false;

			if (ui->hide_closed && !action_status_open(st))
				continue;
			for (size_t i = 0; i < al->n; i++) {
				if (al->items[i].status != st)
					continue;
				if (!any)
					heading(l, action_status_label(st), false);
				any = true;
				item(l, &al->items[i], false, NO_AREA);
			}
		}
	} else {
		for (size_t i = 0; i < al->n; i++)
			if (shown(ui, &al->items[i]))
				item(l, &al->items[i], false, NO_AREA);
	}
	if (prev && !ui->hide_closed) {
		size_t n = previous_closed_actions(prev, idx);
		if (n) {
			char *h = xasprintf(_("Last year's closed actions (version %ld)"),
					    prev->version);
			heading(l, h, false);
			free(h);
			for (size_t i = 0; i < n; i++)
				item(l, &prev->actions.items[idx[i]], true, NO_AREA);
		}
	}
	free(idx);
	l->items = xcalloc(l->n + 1, sizeof *l->items);
	for (size_t i = 0; i < l->n; i++)
		if (l->e[i].x || l->e[i].area != NO_AREA)
			l->items[l->n_items++] = i;
}

static void release(struct listing *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->e[i].owned);
	free(l->e);
	free(l->items);
}

char *ui_action_state_text(const struct action *x, const char *today)
{
	const char *st = action_status_label(x->status);

	if (action_overdue(x, today))
		return xasprintf(_("%s, due %s: OVERDUE"), st, x->due);
	if (*x->due)
		return xasprintf(_("%s, due %s"), st, x->due);
	return xstrdup(st);
}

/* The marker, id, status and due date before an action's title, each in
 * columns of their own (by display width: "pågående" is 8 columns). */
static char *item_head(const struct action *x, bool cursor)
{
	char *id = draw_fit(x->id, 5), *st = draw_fit(action_status_label(x->status), 10);
	char *due = draw_fit(x->due, 11);
	char *head = xasprintf("%s%s%s%s", cursor ? "> " : "  ", id, st, due);

	free(id);
	free(st);
	free(due);
	return head;
}

static void add_details(struct ui *ui, struct page *p, const struct action *x, int tag,
			int x0, int width)
{
	char *targets = action_targets_text(x, ui->s, ui->lang), *line;

	line = xasprintf(_("Addresses: %s"), targets);
	page_add(p, x0, width, STYLE_DIM, line, tag);
	free(line);
	free(targets);
	if (*x->owner) {
		line = xasprintf(_("Owner: %s"), x->owner);
		page_add(p, x0, width, STYLE_DIM, line, tag);
		free(line);
	}
	if (*x->case_number) {
		line = xasprintf(_("Case number: %s"), x->case_number);
		page_add(p, x0, width, STYLE_DIM, line, tag);
		free(line);
	}
}

void actions_draw(struct ui *ui)
{
	const struct action_list *al = assess_actions(ui->a);
	struct listing l;
	struct page p = {0};
	char today[11], right[128];
	size_t counts[ACTION_N_STATUS], overdue = 0, open;
	static const char *const groups[GROUP_COUNT] = {
		N_("Grouped by area (v: by status)"), N_("Grouped by status (v: not grouped)"),
		N_("Not grouped (v: by area)"),
	};
	char *top;

	action_today(today);
	actions_count(al, counts);
	open = counts[ACTION_PLANNED] + counts[ACTION_ONGOING];
	for (size_t i = 0; i < al->n; i++)
		if (action_overdue(&al->items[i], today))
			overdue++;
	snprintf(right, sizeof right, _("%zu open · %zu overdue"), open, overdue);
	draw_title(_("Action plan"), right);
	top = xasprintf("%s%s", _(groups[ui->action_group % GROUP_COUNT]),
			ui->hide_closed ? _(" · done and cancelled hidden (h shows them)") : "");
	draw_text(2, 2, COLS - 4, STYLE_DIM, top);
	free(top);

	build(ui, &l);
	if (ui->action_pos >= l.n_items)
		ui->action_pos = l.n_items ? l.n_items - 1 : 0;
	if (al->n == 0)
		page_add(&p, 2, COLS - 12, STYLE_NORMAL,
			 _("No actions yet. Press + to add one here, or + on a question to add "
			   "one for that question."), -1);
	for (size_t i = 0, k = 0; i < l.n; i++) {
		const struct entry *e = &l.e[i];
		bool cursor;
		char *head, *title;
		enum ui_style style;

		if (e->heading && e->area == NO_AREA) {
			if (!e->note && p.n > 0)
				page_blank(&p);
			page_add(&p, 2, COLS - 12, e->note ? STYLE_DIM : STYLE_HEADING, e->heading,
				 -1);
			continue;
		}
		cursor = k == ui->action_pos;
		if (e->heading) { /* an area with no action: + adds one */
			page_add_head(&p, 1, COLS - 10, cursor ? "> " : "  ", STYLE_NORMAL,
				      cursor ? STYLE_CURSOR : STYLE_DIM, e->heading, (int)k);
			if (cursor)
				page_add(&p, 3, COLS - 14, STYLE_DIM,
					 _("+ adds an action for this area."), (int)k);
			k++;
			continue;
		}
		head = item_head(e->x, cursor);
		title = action_overdue(e->x, today)
			? xasprintf("%s (%s)", e->x->title, _("OVERDUE")) : xstrdup(e->x->title);
		style = cursor ? STYLE_CURSOR : e->last_year ? STYLE_DIM : STYLE_NORMAL;
		if (COLS - 10 - (int)text_width(head) >= 24) {
			page_add_head(&p, 1, COLS - 10, head,
				      action_overdue(e->x, today) ? STYLE_BAD : style, style,
				      title, (int)k);
		} else { /* narrow: the title on lines of its own, whole words */
			page_add_head(&p, 1, COLS - 10, head,
				      action_overdue(e->x, today) ? STYLE_BAD : style, style,
				      "", (int)k);
			page_add(&p, 4, COLS - 14, style, title, (int)k);
		}
		if (cursor) {
			/* under the title, or under the whole line when narrow */
			int hx = 1 + (int)text_width(head);
			if (COLS - 12 - hx < 30)
				hx = 4;
			add_details(ui, &p, e->x, (int)k, hx, COLS - 12 - hx);
		}
		free(head);
		free(title);
		k++;
	}
	ui->page_rows = page_show(&p, 3, LINES - 6, &ui->scroll, (int)ui->action_pos);
	page_free(&p);
	release(&l);
}

bool actions_act(struct ui *ui, enum ui_action act, wint_t ch)
{
	struct listing l;
	const struct entry *e;
	bool taken = true;

	(void)ch;
	build(ui, &l);
	e = l.n_items ? &l.e[l.items[ui->action_pos < l.n_items ? ui->action_pos : 0]] : NULL;
	if (ui_cursor_act(ui, act, &ui->action_pos, l.n_items)) {
		release(&l);
		return true;
	}
	switch (act) {
	case ACT_ENTER:
		if (!e || !e->x)
			ui_status(ui, false, "%s", _("No action here: + adds one."));
		else if (e->last_year)
			ui_status(ui, false, "%s", _("Last year's closed action: shown as it was, "
						     "not part of this year's plan."));
		else
			ui_action_open(ui, e->x->id);
		break;
	case ACT_NEW_ACTION: {
		char *addresses = NULL;
		if (ui->action_group == GROUP_AREA && e && !e->last_year && e->area != NO_AREA)
			addresses = xasprintf("area:%s", ui->s->areas[e->area].id);
		ui_action_new(ui, addresses ? addresses : "",
			      addresses ? _("New action for this area, title:")
			      : _("New action, title:"));
		free(addresses);
		break;
	}
	case ACT_GROUP:
		ui->action_group = (ui->action_group + 1) % GROUP_COUNT;
		ui->action_pos = 0;
		ui->scroll = 0;
		break;
	case ACT_HIDE_CLOSED:
		ui->hide_closed = !ui->hide_closed;
		ui->action_pos = 0;
		ui->scroll = 0;
		break;
	default:
		taken = false;
		break;
	}
	release(&l);
	return taken;
}
