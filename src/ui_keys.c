/* The table of key actions, and what is made from it: dispatch, the hint
 * line and the help screen. */
#include "ui_keys.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "text.h"
#include "ui.h"
#include "ui_draw.h"

#define ON(s) (1u << SCREEN_##s)
/* screens that show something and share the keys that lead elsewhere */
#define VIEWS (ON(QUESTION) | ON(GUIDANCE) | ON(OVERVIEW) | ON(REVIEW) | \
	       ON(SUMMARY) | ON(HELP) | ON(NOTICE) | ON(ACTIONS) | ON(ACTION_EDIT))
#define PAGES (ON(GUIDANCE) | ON(SUMMARY) | ON(HELP) | ON(NOTICE))
#define LISTS (ON(OVERVIEW) | ON(REVIEW))
/* the action plan's list and its editor move a cursor too */
#define PLAN (ON(ACTIONS) | ON(ACTION_EDIT))

enum section { SEC_QUESTION, SEC_PAGES, SEC_PLAN, SEC_EDIT, SEC_ALL, SEC_CONFIRM, SEC_LEAVE,
	       SEC_COUNT };

struct keyrow {
	enum ui_action act;
	unsigned screens;
	enum section section;     /* where the help lists it */
	const char *label;        /* the key as shown */
	bool label_word;          /* the label is a word to translate */
	wint_t ch[5];             /* characters, 0-ended */
	int code[3];              /* KEY_* codes, 0-ended */
	bool digits;              /* any of 0-9 */
	const char *hint;         /* hint line; NULL: not offered there */
	const char *help;
	bool (*applies)(const struct ui *ui); /* NULL: always */
	int prio;                 /* hint line: lower first (what fits shows);
				   * 0: after every other */
};

static bool has_options(const struct ui *ui)
{
	return question_has_options(&ui->s->questions[ui->current]);
}
static bool typed(const struct ui *ui) { return !has_options(ui); }
static bool is_multi(const struct ui *ui)
{
	return ui->s->questions[ui->current].type == QTYPE_MULTI;
}
static bool writable(const struct ui *ui) { return assess_writable(ui->a) == ASSESS_SAVED; }
static bool na_allowed(const struct ui *ui)
{
	return writable(ui) && ui->s->questions[ui->current].allow_na;
}
static bool can_undo(const struct ui *ui) { return writable(ui) && ui->a->undo_len > 0; }
static bool can_finalise(const struct ui *ui)
{
	return writable(ui) && ui->a->required_open == 0;
}
static bool is_final(const struct ui *ui) { return assess_is_final(ui->a); }
static bool on_status(const struct ui *ui)
{
	return writable(ui) && ui->edit_field == F_STATUS;
}
/* Last year has an answer (or N/A) to take over for this question. */
static bool has_previous(const struct ui *ui)
{
	const struct result_row *r = ui->a->previous
		? previous_row(ui->a->previous, ui->current) : NULL;

	return writable(ui) && r &&
	       (r->v.state == STATE_ANSWERED || r->v.state == STATE_NA);
}

static const struct keyrow rows[] = {
	/* on a question */
	{ACT_DIGIT, ON(QUESTION), SEC_QUESTION, "0-9", false, {0}, {0}, true,
	 N_("answer"), N_("answer with the choice of that number and go on to the next "
			  "question (multiple choice: toggle the choice)"), has_options, 1},
	{ACT_UP, ON(QUESTION), SEC_QUESTION, "\u2191\u2193 j k", false, {L'k'}, {KEY_UP}, false,
	 NULL, N_("move between the choices; at the top, scroll the question up"), NULL, 0},
	{ACT_DOWN, ON(QUESTION), SEC_QUESTION, "", false, {L'j'}, {KEY_DOWN}, false,
	 NULL, NULL, NULL, 0},
	{ACT_ENTER, ON(QUESTION), SEC_QUESTION, N_("Enter"), true, {L'\r', L'\n'}, {KEY_ENTER},
	 false, N_("choose"), N_("answer with the highlighted choice (multiple choice: "
				  "confirm the choices, none is an answer too)"), has_options, 2},
	{ACT_TYPE, ON(QUESTION), SEC_QUESTION, N_("Enter"), true, {L'\r', L'\n'},
	 {KEY_ENTER}, false, N_("type answer"),
	 N_("type a number or text answer (a refused number stays in the editor to correct)"),
	 typed, 2},
	{ACT_TOGGLE, ON(QUESTION), SEC_QUESTION, N_("Space"), true, {L' '}, {0}, false,
	 N_("toggle"), N_("toggle the highlighted choice (multiple choice)"), is_multi, 2},
	{ACT_PREV, ON(QUESTION), SEC_QUESTION, "\u2190 \u2192", false, {0}, {KEY_LEFT}, false,
	 N_("question"), N_("previous / next question"), NULL, 0},
	{ACT_NEXT, ON(QUESTION), SEC_QUESTION, "", false, {0}, {KEY_RIGHT}, false,
	 NULL, NULL, NULL, 0},
	{ACT_OPEN, ON(QUESTION), SEC_QUESTION, N_("Tab"), true, {L'\t'}, {0}, false,
	 NULL, N_("the next unanswered question"), NULL, 0},
	{ACT_NA, ON(QUESTION), SEC_QUESTION, "n", false, {L'n'}, {0}, false, N_("n/a"),
	 N_("not applicable, and on to the next question; on a question already marked "
	    "not applicable, n removes the mark"), na_allowed, 4},
	{ACT_CLEAR, ON(QUESTION), SEC_QUESTION, "x", false, {L'x'}, {0}, false, NULL,
	 N_("clear the answer (u brings it back)"), writable, 0},
	{ACT_UNDO, ON(QUESTION) | LISTS | ON(SUMMARY), SEC_QUESTION, "u", false, {L'u'}, {0},
	 false, N_("undo"), N_("undo the last change (answer, not applicable, clear or "
			       "comment) and show its question"), can_undo, 4},
	{ACT_COMMENT, ON(QUESTION), SEC_QUESTION, "c", false, {L'c'}, {0}, false,
	 N_("comment"), N_("write a comment"), writable, 0},
	{ACT_GUIDANCE, ON(QUESTION), SEC_QUESTION, "g", false, {L'g'}, {0}, false,
	 N_("guidance"), N_("guidance for the question"), NULL, 0},
	{ACT_FINALISE, ON(QUESTION) | ON(REVIEW), SEC_QUESTION, "f", false, {L'f'}, {0}, false,
	 N_("finalise"), N_("finalise the result, after the review; refused while a "
			    "required question is unanswered; asks who approves it for the "
			    "department's management"), can_finalise, 4},
	{ACT_TAKE_PREVIOUS, ON(QUESTION), SEC_QUESTION, "t", false, {L't'}, {0}, false,
	 N_("last year"), N_("take last year's answer over as this year's (its comment "
			     "too, when this year's has none); nothing of last year's "
			     "becomes this year's answer without it"), has_previous, 3},
	{ACT_NEW_ACTION, ON(QUESTION), SEC_QUESTION, "+", false, {L'+'}, {0}, false,
	 N_("action"), N_("a new action in the action plan, for this question"), writable, 0},
	/* lists and pages */
	{ACT_UP, LISTS | PAGES | PLAN, SEC_PAGES, "\u2191\u2193 j k", false, {L'k'}, {KEY_UP}, false,
	 N_("move"), N_("move in a list; scroll a page"), NULL, 0},
	{ACT_DOWN, LISTS | PAGES | PLAN, SEC_PAGES, "", false, {L'j'}, {KEY_DOWN}, false,
	 NULL, NULL, NULL, 0},
	{ACT_PAGE_UP, VIEWS | ON(CONFIRM) | ON(LEAVE) | ON(EDIT), SEC_PAGES, N_("PgUp PgDn"), true, {0}, {KEY_PPAGE}, false,
	 NULL, N_("scroll a page up / down where the text does not fit (\"more\" marks it)"),
	 NULL, 0},
	{ACT_PAGE_DOWN, VIEWS | ON(CONFIRM) | ON(LEAVE) | ON(EDIT), SEC_PAGES, "", false, {0}, {KEY_NPAGE}, false, NULL, NULL,
	 NULL, 0},
	{ACT_ENTER, LISTS, SEC_PAGES, N_("Enter"), true, {L'\r', L'\n'}, {KEY_ENTER}, false,
	 N_("go to it"), N_("go to the area or question under the cursor"), NULL, 2},
	{ACT_REOPEN, ON(SUMMARY), SEC_PAGES, "e", false, {L'e'}, {0}, false,
	 N_("reopen for changes"), N_("reopen a final result for changes (asks first)"),
	 is_final, 2},
	{ACT_REPORT, ON(SUMMARY), SEC_PAGES, "w", false, {L'w'}, {0}, false,
	 N_("report"), N_("write the department's report for its management (HTML, "
			  "prints on A4) beside the result file, as enkat --report does"),
	 NULL, 3},
	{ACT_BACK, ON(GUIDANCE), SEC_PAGES, "g", false, {L'g', L'\r', L'\n'}, {KEY_ENTER},
	 false, NULL, NULL, NULL, 3},
	{ACT_BACK, ON(HELP), SEC_PAGES, "?", false, {L'?', L'\r', L'\n'}, {KEY_ENTER, KEY_F(1)},
	 false, NULL, NULL, NULL, 3},
	{ACT_BACK, ON(NOTICE), SEC_PAGES, N_("Enter"), true, {L'\r', L'\n'}, {KEY_ENTER}, false,
	 N_("continue"), NULL, NULL, 3},
	/* the action plan */
	{ACT_ENTER, ON(ACTIONS), SEC_PLAN, N_("Enter"), true, {L'\r', L'\n'}, {KEY_ENTER},
	 false, N_("edit"), N_("open the action under the cursor in the editor"), NULL, 1},
	{ACT_NEW_ACTION, ON(ACTIONS), SEC_PLAN, "+", false, {L'+'}, {0}, false, N_("new"),
	 N_("a new action (in a list grouped by area, for the area under the cursor)"),
	 writable, 1},
	{ACT_GROUP, ON(ACTIONS), SEC_PLAN, "v", false, {L'v'}, {0}, false, N_("group"),
	 N_("group the list by area, by status, or not at all"), NULL, 2},
	{ACT_HIDE_CLOSED, ON(ACTIONS), SEC_PLAN, "h", false, {L'h'}, {0}, false, N_("closed"),
	 N_("hide or show the done and cancelled actions"), NULL, 2},
	{ACT_ENTER, ON(ACTION_EDIT), SEC_PLAN, N_("Enter"), true, {L'\r', L'\n'}, {KEY_ENTER},
	 false, N_("change"), N_("in the editor: change the highlighted field; each change "
				 "is checked and saved on its own, and a refused one stays in "
				 "the line with the reason"), writable, 1},
	{ACT_DIGIT, ON(ACTION_EDIT), SEC_PLAN, "1-4", false, {0}, {0}, true, N_("status"),
	 N_("in the editor, on the status: 1 planned, 2 ongoing, 3 done, 4 cancelled, "
	    "saved at once"), on_status, 1},
	{ACT_BACK, ON(ACTION_EDIT), SEC_PLAN, N_("Esc"), true, {27}, {0}, false, N_("back"),
	 N_("in the editor: back to where it was opened"), NULL, 3},
	/* everywhere */
	{ACT_HELP, VIEWS & ~ON(HELP), SEC_ALL, "?", false, {L'?'}, {KEY_F(1)}, false,
	 N_("help"), N_("this help (F1 too)"), NULL, 2},
	{ACT_OVERVIEW, VIEWS, SEC_ALL, "o", false, {L'o'}, {0}, false, N_("overview"),
	 N_("overview of all areas, with their open actions; jump to one"), NULL, 0},
	{ACT_REVIEW, VIEWS, SEC_ALL, "r", false, {L'r'}, {0}, false, N_("review"),
	 N_("review: what is still unanswered"), NULL, 0},
	{ACT_SUMMARY, VIEWS, SEC_ALL, "s", false, {L's'}, {0}, false, N_("summary"),
	 N_("summary: scores, levels, targets and gaps, last year beside this year, the "
	    "actions for every area below its target, the approval and the history"),
	 NULL, 0},
	{ACT_ACTIONS, VIEWS, SEC_ALL, "a", false, {L'a'}, {0}, false, N_("actions"),
	 N_("the action plan: every action of the department, overdue ones marked, and "
	    "last year's closed ones"), NULL, 0},
	{ACT_BACK, VIEWS & ~ON(QUESTION) & ~ON(ACTION_EDIT), SEC_ALL, N_("Esc"), true, {27}, {0}, false, N_("back"),
	 N_("back to the question"), NULL, 3},
	{ACT_QUIT, VIEWS, SEC_ALL, "q", false, {L'q'}, {0}, false, N_("quit"),
	 N_("leave; every answer is already saved (if one could not be, enkat says so "
	    "and offers to save it elsewhere)"), NULL, 3},
	/* the arrows scroll a question asked or the leave screen (j is yes) */
	{ACT_UP, ON(CONFIRM) | ON(LEAVE), SEC_PAGES, "", false, {0}, {KEY_UP}, false, NULL,
	 NULL, NULL, 0},
	{ACT_DOWN, ON(CONFIRM) | ON(LEAVE), SEC_PAGES, "", false, {0}, {KEY_DOWN}, false, NULL,
	 NULL, NULL, 0},
	/* the line editor */
	{ACT_ACCEPT, ON(EDIT), SEC_EDIT, N_("Enter"), true, {L'\r', L'\n'}, {KEY_ENTER}, false,
	 N_("accept"), N_("accept the line (a refused answer stays for correction; a "
			  "pasted line break is a space)"), NULL, 1},
	{ACT_CANCEL, ON(EDIT), SEC_EDIT, N_("Esc"), true, {27, 7}, {0}, false, N_("cancel"),
	 N_("cancel (Ctrl-G too)"), NULL, 1},
	{ACT_CLEAR_LINE, ON(EDIT), SEC_EDIT, N_("Ctrl-U"), true, {21}, {0}, false, N_("clear"),
	 N_("clear the line"), NULL, 2},
	{ACT_LEFT, ON(EDIT), SEC_EDIT, "\u2190 \u2192", false, {0}, {KEY_LEFT}, false, NULL,
	 N_("move the cursor"), NULL, 0},
	{ACT_RIGHT, ON(EDIT), SEC_EDIT, "", false, {0}, {KEY_RIGHT}, false, NULL, NULL, NULL, 0},
	{ACT_HOME, ON(EDIT), SEC_EDIT, N_("Home End"), true, {1}, {KEY_HOME}, false, NULL,
	 N_("to the start / the end of the line"), NULL, 0},
	{ACT_END, ON(EDIT), SEC_EDIT, "", false, {5}, {KEY_END}, false, NULL, NULL, NULL, 0},
	{ACT_BACKSPACE, ON(EDIT), SEC_EDIT, N_("Backspace"), true, {127, 8}, {KEY_BACKSPACE},
	 false, NULL, N_("delete the character before the cursor"), NULL, 0},
	{ACT_DELETE, ON(EDIT), SEC_EDIT, N_("Delete"), true, {0}, {KEY_DC}, false, NULL,
	 N_("delete the character under the cursor"), NULL, 0},
	/* confirming */
	{ACT_YES, ON(CONFIRM), SEC_CONFIRM, N_("y"), true, {L'y', L'j', L'Y', L'J'}, {0}, false,
	 N_("yes"), N_("yes (j works too)"), NULL, 1},
	{ACT_NO, ON(CONFIRM), SEC_CONFIRM, "n", false, {L'n', L'N', 27, L'q'}, {0}, false,
	 N_("no"), N_("no (Esc too)"), NULL, 1},
	/* leaving with unsaved changes */
	{ACT_RETRY, ON(LEAVE), SEC_LEAVE, "r", false, {L'r'}, {0}, false, N_("retry"),
	 N_("try to save in the result folder again"), NULL, 1},
	{ACT_SAVE_ELSEWHERE, ON(LEAVE), SEC_LEAVE, "w", false, {L'w'}, {0}, false,
	 N_("other folder"), N_("save the answers in another folder you name"), NULL, 1},
	{ACT_DISCARD, ON(LEAVE), SEC_LEAVE, "d", false, {L'd'}, {0}, false,
	 N_("discard"), N_("leave without the changes that are not saved"), NULL, 1},
	{ACT_BACK, ON(LEAVE), SEC_LEAVE, N_("Esc"), true, {27}, {0}, false, N_("stay"),
	 N_("stay in the assessment"), NULL, 3},
};
#define N_ROWS (sizeof rows / sizeof rows[0])

static bool row_matches(const struct keyrow *r, enum ui_screen screen, wint_t ch,
			bool is_key)
{
	if (!(r->screens & (1u << screen)))
		return false;
	if (is_key) {
		for (size_t i = 0; i < 3 && r->code[i]; i++)
			if ((wint_t)r->code[i] == ch)
				return true;
		return false;
	}
	if (r->digits)
		return ch >= L'0' && ch <= L'9';
	for (size_t i = 0; i < 5 && r->ch[i]; i++)
		if (r->ch[i] == ch)
			return true;
	return false;
}

/* The row for a key: the first that matches and applies, else the first
 * that matches (its action then says why it cannot be done). */
static const struct keyrow *find(const struct ui *ui, enum ui_screen screen, wint_t ch,
				 bool is_key)
{
	const struct keyrow *any = NULL;

	for (size_t i = 0; i < N_ROWS; i++) {
		if (!row_matches(&rows[i], screen, ch, is_key))
			continue;
		if (!ui || !rows[i].applies || rows[i].applies(ui))
			return &rows[i];
		if (!any)
			any = &rows[i];
	}
	return any;
}

enum ui_action ui_keys_action_on(const struct ui *ui, enum ui_screen screen, wint_t ch,
				 bool is_key)
{
	const struct keyrow *r = find(ui, screen, ch, is_key);
	return r ? r->act : ACT_NONE;
}

enum ui_action ui_keys_action(const struct ui *ui, wint_t ch, bool is_key)
{
	return ui_keys_action_on(ui, ui->screen, ch, is_key);
}

void ui_keys_hints(const struct ui *ui)
{
	ui_keys_hints_on(ui, ui->screen);
}

void ui_keys_hints_on(const struct ui *ui, enum ui_screen screen)
{
	const char *pairs[2 * N_ROWS + 1];
	size_t n = 0;
	bool seen[ACT_COUNT] = {false}; /* one hint per action */

	for (int prio = 0; prio <= 5; prio++)
		for (size_t i = 0; i < N_ROWS; i++) {
			const struct keyrow *r = &rows[i];
			if ((r->prio ? r->prio : 5) != prio || !r->hint ||
			    !(r->screens & (1u << screen)) ||
			    (ui && r->applies && !r->applies(ui)) || seen[r->act])
				continue;
			seen[r->act] = true;
			pairs[n++] = r->label_word ? _(r->label) : r->label;
			pairs[n++] = _(r->hint);
		}
	pairs[n] = NULL;
	draw_hints(pairs);
}

void ui_keys_help(struct page *p, int width)
{
	static const char *const headings[SEC_COUNT] = {
		N_("On a question"), N_("In lists and pages"), N_("In the action plan"),
		N_("While typing a line"),
		N_("Everywhere"),
		N_("When asked yes or no"), N_("Leaving with answers that are not saved"),
	};

	for (int sec = 0; sec < SEC_COUNT; sec++) {
		if (sec > 0)
			page_blank(p);
		page_add(p, 2, width, STYLE_HEADING, _(headings[sec]), -1);
		for (size_t i = 0; i < N_ROWS; i++) {
			const struct keyrow *r = &rows[i];
			const char *label = r->label_word ? _(r->label) : r->label;
			char head[64];
			size_t len = strlen(label), w = text_width(label);
			if (r->section != (enum section)sec || !r->help)
				continue;
			/* padded by display columns: the arrows are one column each */
			snprintf(head, sizeof head, "%s", label);
			for (; w < 15 && len + 1 < sizeof head; w++)
				head[len++] = ' ';
			head[len] = '\0';
			page_add_head(p, 2, width, head, STYLE_KEY, STYLE_NORMAL, _(r->help), -1);
		}
	}
}
