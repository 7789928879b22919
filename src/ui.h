/* ui: the full-screen front end (ncursesw). One state machine in ui.c reads
 * a key, finds its action in the one table of key actions (ui_keys.c) and
 * hands the action to the screen shown (ui_*.c); resizing, signals and
 * leaving are handled there and nowhere else. Every rule of the assessment
 * is the engine's (assess.h): the screens only draw and read keys. */
#ifndef ENKAT_UI_H
#define ENKAT_UI_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

#include "assess.h"
#include "session.h"
#include "survey.h"
#include "ui_keys.h"

/* The action editor's fields, in the order shown (ui_action_edit.c). */
enum ui_action_field { F_TITLE, F_DESCRIPTION, F_ADDRESSES, F_OWNER, F_DUE, F_STATUS,
		       F_CASE, F_COMMENT, F_COUNT };

struct ui {
	struct session *ss;
	struct assess *a;
	const struct survey *s;
	size_t lang;              /* survey language index */
	enum ui_screen screen;
	enum ui_screen back;      /* where help, guidance, notice return to */
	enum ui_screen leave_from; /* where the leave screen returns to */
	size_t current;           /* question index */
	size_t highlight;         /* highlighted option of the current question */
	bool focus;               /* scroll the highlight into view once */
	size_t list_pos;          /* cursor in overview/review lists */
	size_t scroll;            /* first line shown on scrolling screens */
	int page_rows;            /* rows the last page showed (for PgUp/PgDn) */
	enum ui_confirm confirm;
	char *notice;             /* SCREEN_NOTICE text, owned */
	char *status;             /* one-line message at the bottom, owned */
	bool status_error;
	bool colour;
	bool quit;
	bool interrupted;         /* a signal or hangup ends the session */
	char *saved_to;           /* where the leave screen saved, owned */
	/* the action plan (ui_actions.c, ui_action_edit.c) */
	size_t action_pos;        /* cursor in the action list */
	int action_group;         /* how the list is grouped (ui_actions.c) */
	bool hide_closed;         /* done and cancelled actions not listed */
	char *edit_action;        /* id of the action the editor shows, owned */
	size_t edit_field;        /* the editor's highlighted field */
	enum ui_screen edit_back; /* where the editor returns to */
};

/* Runs the full-screen assessment of a (its session) until the user
 * leaves; a stays the caller's. notice, when
 * not NULL, is shown first (e.g. "draft from ... resumed"). Returns 0, or 1
 * if answers could not be saved anywhere. */
int ui_run(struct assess *a, size_t lang, const char *notice);

/* Asks for department and respondent on a full screen (before a session
 * exists) that says what enkat is, which survey s is and where answers go
 * (out_dir). Returns false when the user leaves instead; else *department
 * and *respondent are new UTF-8 strings (caller frees). */
bool ui_ask_identity(const struct survey *s, size_t lang, const char *out_dir,
		     char **department, char **respondent);

/* ---- for the screen modules ---- */

/* Sets the bottom-line message (copied); error shows it highlighted. */
void ui_status(struct ui *ui, bool error, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* The same for a message fmt with one %s for a reason from the system
 * (a failed save's): the reason is cut by display columns, with "…", so
 * that the whole line fits the screen's width. */
void ui_status_reason(struct ui *ui, const char *fmt, const char *reason);
/* Reports what became of a change on the status line; true when the
 * change was made (saved or not). */
bool ui_report(struct ui *ui, enum assess_status st);
/* Moves to question q and resets the highlight to its answer. */
void ui_goto_question(struct ui *ui, size_t q);
/* Shows screen to (from the current one; back returns). */
void ui_show(struct ui *ui, enum ui_screen to);
/* Shows a notice screen with text (copied), returning to the current one. */
void ui_notice(struct ui *ui, const char *text);

/* The line editor at the bottom of the screen. check, when not NULL, is
 * called with the text on Enter: true accepts it; false keeps the editor
 * open with the text for correction and msg (ASSESS_MSG_SIZE) shown above
 * it. */
typedef bool (*ui_edit_check)(struct ui *ui, const char *text, char *msg, void *ctx);
enum ui_edit {
	EDIT_DONE,        /* accepted: *out is the text */
	EDIT_CANCELLED,   /* Esc: *out is NULL */
	EDIT_INTERRUPTED, /* signal or hangup: *out is the text as typed, to
			   * be saved before the session ends */
};
enum ui_edit ui_edit_line(struct ui *ui, const char *prompt, const char *initial,
			  ui_edit_check check, void *ctx, char **out);


/* Screens: each draws itself on stdscr and takes the actions the key table
 * maps to it; an action it does not take returns false and ui.c handles it
 * (help, quit, overview, review, summary, back). */
void question_draw(struct ui *ui);
bool question_act(struct ui *ui, enum ui_action act, wint_t ch);
void guidance_draw(struct ui *ui);
bool guidance_act(struct ui *ui, enum ui_action act, wint_t ch);
void overview_draw(struct ui *ui);
bool overview_act(struct ui *ui, enum ui_action act, wint_t ch);
void review_draw(struct ui *ui);
bool review_act(struct ui *ui, enum ui_action act, wint_t ch);
void summary_draw(struct ui *ui);
bool summary_act(struct ui *ui, enum ui_action act, wint_t ch);
void help_draw(struct ui *ui);
bool help_act(struct ui *ui, enum ui_action act, wint_t ch);
void confirm_draw(struct ui *ui);
bool confirm_act(struct ui *ui, enum ui_action act, wint_t ch);
void notice_draw(struct ui *ui);
bool notice_act(struct ui *ui, enum ui_action act, wint_t ch);
void leave_draw(struct ui *ui);
bool leave_act(struct ui *ui, enum ui_action act, wint_t ch);
void actions_draw(struct ui *ui);
bool actions_act(struct ui *ui, enum ui_action act, wint_t ch);
void action_edit_draw(struct ui *ui);
bool action_edit_act(struct ui *ui, enum ui_action act, wint_t ch);

/* Asks for a new action's title in the line editor and adds it (the
 * engine's rules; a refused title stays in the editor with the engine's
 * message), addressing what addresses says (action_input's form; "" the
 * whole department); then the action editor shows it, returning to the
 * screen shown now. */
void ui_action_new(struct ui *ui, const char *addresses, const char *prompt);
/* Shows the action editor on action id, returning to the screen shown. */
void ui_action_open(struct ui *ui, const char *id);
/* One line about action x for lists: its status, due date and whether it
 * is overdue (translated); caller frees. */
char *ui_action_state_text(const struct action *x, const char *today);

/* Scrolls a page shown on the screen: up, down, page up and page down move
 * ui->scroll (page_show keeps it in range). True when act was one. */
bool ui_scroll_act(struct ui *ui, enum ui_action act);
/* Moves the cursor ui->list_pos of a list of n lines: up, down, a page up
 * or down. True when act was one. */
bool ui_list_act(struct ui *ui, enum ui_action act, size_t n);
/* The same for another cursor *pos. */
bool ui_cursor_act(struct ui *ui, enum ui_action act, size_t *pos, size_t n);

#endif
