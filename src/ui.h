/* ui: the full-screen front end (ncursesw). One state machine in ui.c
 * dispatches to a draw and a key function per screen (ui_*.c); resizing,
 * signals and saving are handled there and nowhere else. */
#ifndef ENKAT_UI_H
#define ENKAT_UI_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

#include "session.h"
#include "survey.h"

enum ui_screen {
	SCREEN_QUESTION,
	SCREEN_GUIDANCE,
	SCREEN_OVERVIEW,
	SCREEN_REVIEW,
	SCREEN_SUMMARY,
	SCREEN_HELP,
	SCREEN_CONFIRM,   /* a yes/no question over the current screen */
	SCREEN_NOTICE,    /* a message to read before going on */
	SCREEN_COUNT
};

enum ui_confirm {
	CONFIRM_NONE,
	CONFIRM_FINALISE,
	CONFIRM_REOPEN,
};

struct ui {
	struct session *ss;
	const struct survey *s;
	size_t lang;              /* survey language index */
	enum ui_screen screen;
	enum ui_screen back;      /* where help, guidance, notice return to */
	size_t current;           /* question index */
	size_t highlight;         /* highlighted option of the current question */
	size_t list_pos;          /* cursor in overview/review lists */
	size_t scroll;            /* first line shown on scrolling screens */
	enum ui_confirm confirm;
	char *notice;             /* SCREEN_NOTICE text, owned */
	char *status;             /* one-line message at the bottom, owned */
	bool status_error;
	bool colour;
	bool quit;
};

/* Runs the full-screen assessment on ss until the user leaves. notice, when
 * not NULL, is shown first (e.g. "draft from ... resumed"). Returns 0, or
 * 1 if the last change could not be saved. */
int ui_run(struct session *ss, size_t lang, const char *notice);

/* Asks for department and respondent on a full screen (before a session
 * exists). Returns false when the user leaves instead; fills the buffers
 * with UTF-8 otherwise. */
bool ui_ask_identity(char *department, size_t dep_size, char *respondent,
		     size_t resp_size);

/* ---- for the screen modules ---- */

/* Sets the bottom-line message (copied); error shows it highlighted. */
void ui_status(struct ui *ui, bool error, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Saves the answers now; on failure the status line says why. */
bool ui_save(struct ui *ui);
/* Moves to question q and resets the highlight to its answer. */
void ui_goto_question(struct ui *ui, size_t q);
/* The next/previous visible question from q, or (size_t)-1. */
size_t ui_next_visible(const struct ui *ui, size_t q);
size_t ui_prev_visible(const struct ui *ui, size_t q);
/* Shows a notice screen with text (copied), returning to the current one. */
void ui_notice(struct ui *ui, const char *text);
/* Edits a line of text at the bottom of the screen: prompt, then the text
 * starting as initial. Returns a new UTF-8 string, or NULL if cancelled. */
char *ui_edit_line(struct ui *ui, const char *prompt, const char *initial);

/* Keys that mean the same on every screen: ? and F1 help, q quit, o
 * overview, r review, s summary, Esc back to the question; the key of the
 * screen shown also goes back. True when ch was one of them. */
bool ui_common_key(struct ui *ui, wint_t ch, bool is_key);
/* Up, Down, j and k move *pos within a list of n lines. True when ch was
 * one of them. */
bool ui_list_key(wint_t ch, bool is_key, size_t *pos, size_t n);

/* "91.7 %" or, in Swedish, "91,7 %": numbers on screen follow the
 * interface language (files never do). */
void ui_format_percent(char *buf, size_t size, double percent);

/* Screens: each draws itself on stdscr and takes keys (wint_t from
 * get_wch, with is_key true for KEY_* codes). */
void question_draw(struct ui *ui);
void question_key(struct ui *ui, wint_t ch, bool is_key);
void guidance_draw(struct ui *ui);
void guidance_key(struct ui *ui, wint_t ch, bool is_key);
void overview_draw(struct ui *ui);
void overview_key(struct ui *ui, wint_t ch, bool is_key);
void review_draw(struct ui *ui);
void review_key(struct ui *ui, wint_t ch, bool is_key);
void summary_draw(struct ui *ui);
void summary_key(struct ui *ui, wint_t ch, bool is_key);
void help_draw(struct ui *ui);
void help_key(struct ui *ui, wint_t ch, bool is_key);
void confirm_draw(struct ui *ui);
void confirm_key(struct ui *ui, wint_t ch, bool is_key);
void notice_draw(struct ui *ui);
void notice_key(struct ui *ui, wint_t ch, bool is_key);

#endif
