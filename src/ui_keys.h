/* ui_keys: the one table of key actions of the full screen. Each row says
 * which key does what on which screens, with its hint-line text and its
 * help text: the dispatch (ui_keys_action), the hint line (ui_keys_hints)
 * and the help screen (ui_keys_help) are all made from it, so they cannot
 * disagree (the idea of tig's request table and vis's KEY_ACTION_LIST). */
#ifndef ENKAT_UI_KEYS_H
#define ENKAT_UI_KEYS_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

enum ui_screen {
	SCREEN_QUESTION,
	SCREEN_GUIDANCE,
	SCREEN_OVERVIEW,
	SCREEN_REVIEW,
	SCREEN_SUMMARY,
	SCREEN_HELP,
	SCREEN_CONFIRM,   /* a yes/no question over the current screen */
	SCREEN_NOTICE,    /* a message to read before going on */
	SCREEN_LEAVE,     /* leaving with changes the file does not hold */
	SCREEN_ACTIONS,   /* the action plan: every action, grouped */
	SCREEN_ACTION_EDIT, /* one action's fields, each changed on its own */
	SCREEN_COUNT,
	/* not a screen: the line editor open over one (its keys are in the
	 * table too, for its dispatch, its hint line and the help) */
	SCREEN_EDIT = SCREEN_COUNT
};

enum ui_confirm {
	CONFIRM_NONE,
	CONFIRM_FINALISE,
	CONFIRM_REOPEN,
	CONFIRM_APPROVE,  /* finalising: who approves (typed in the editor) */
};

enum ui_action {
	ACT_NONE,
	/* everywhere */
	ACT_HELP, ACT_QUIT, ACT_OVERVIEW, ACT_REVIEW, ACT_SUMMARY, ACT_BACK,
	/* moving and scrolling */
	ACT_UP, ACT_DOWN, ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_PREV, ACT_NEXT, ACT_OPEN,
	/* answering */
	ACT_DIGIT, ACT_ENTER, ACT_TOGGLE, ACT_TYPE, ACT_NA, ACT_CLEAR, ACT_UNDO,
	ACT_COMMENT, ACT_GUIDANCE, ACT_FINALISE, ACT_REOPEN,
	/* answering a confirmation, or the leave screen */
	ACT_YES, ACT_NO, ACT_RETRY, ACT_SAVE_ELSEWHERE, ACT_DISCARD,
	/* the yearly loop: last year's answer, the action plan */
	ACT_TAKE_PREVIOUS, ACT_ACTIONS, ACT_NEW_ACTION, ACT_GROUP, ACT_HIDE_CLOSED,
	ACT_REPORT,
	/* the line editor */
	ACT_ACCEPT, ACT_CANCEL, ACT_CLEAR_LINE, ACT_LEFT, ACT_RIGHT, ACT_HOME, ACT_END,
	ACT_BACKSPACE, ACT_DELETE,
	ACT_COUNT
};

struct ui; /* ui.h */

/* The action of key ch (is_key: a KEY_* code) on the screen ui shows, or
 * ACT_NONE. Where one key has two rows (Enter chooses or types), the row
 * that applies now wins; a key whose only row does not apply still gives
 * its action, and the screen says why it cannot be done. */
enum ui_action ui_keys_action(const struct ui *ui, wint_t ch, bool is_key);
/* The same on screen (SCREEN_EDIT: the line editor); ui may be NULL before
 * a session exists. */
enum ui_action ui_keys_action_on(const struct ui *ui, enum ui_screen screen, wint_t ch,
				 bool is_key);
/* Draws the hint line of the screen ui shows: the rows of this screen that
 * have a hint and apply now (e.g. no "n/a" where a question has none). */
void ui_keys_hints(const struct ui *ui);
/* The same for screen; ui may be NULL (then every row applies). */
void ui_keys_hints_on(const struct ui *ui, enum ui_screen screen);
/* Adds the help of every key, screen by screen, to a page (ui_draw.h). */
struct page;
void ui_keys_help(struct page *p, int width);

#endif
