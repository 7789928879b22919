#include "ui.h"

#include <curses.h>
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wctype.h>

#include "i18n.h"
#include "text.h"
#include "ui_draw.h"
#include "util.h"

#define MIN_COLS 50
#define MIN_LINES 15
/* get_wch wakes up this often, to notice a signal or a hangup */
#define TICK_MS 1000

static volatile sig_atomic_t got_signal;
static bool curses_on;
/* What the line editor draws behind itself before a session exists (the
 * identity screen); with a session it draws the session's screen. */
static void (*edit_backdrop)(const void *ctx);
static const void *edit_backdrop_ctx;
static size_t edit_backdrop_scroll; /* PgUp and PgDn scroll it */

static void on_signal(int sig) { got_signal = sig; }

static void catch_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	/* no SA_RESTART: get_wch must return so the loop sees the flag */
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL);
}

static void curses_end(void)
{
	if (curses_on) {
		fputs("\033[?2004l", stdout); /* bracketed paste off again */
		fflush(stdout);
		endwin();
		curses_on = false;
	}
}

static void curses_start(void)
{
	const char *no_colour = getenv("NO_COLOR");

	if (curses_on)
		return;
	if (!getenv("ESCDELAY"))
		set_escdelay(50); /* Esc cancels at once, even over SSH */
	if (!initscr())
		fatal("cannot start the terminal interface");
	curses_on = true;
	util_set_fatal_hook(curses_end);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	curs_set(0);
	timeout(TICK_MS);
	draw_init(has_colors() && !(no_colour && *no_colour));
	/* ask the terminal to mark pastes (terminals that do not know the
	 * sequence ignore it) */
	fputs("\033[?2004h", stdout);
	fflush(stdout);
}

/* One key, or false when the session must end (signal or hangup). A
 * terminal that is gone makes get_wch fail at once, again and again: a
 * run of immediate failures is a hangup, not a reason to spin. */
static bool read_key(wint_t *ch, bool *is_key)
{
	int immediate_errors = 0;

	for (;;) {
		struct timespec a, b;
		long ms;
		int rc;

		if (got_signal)
			return false;
		clock_gettime(CLOCK_MONOTONIC, &a);
		rc = get_wch(ch);
		if (rc != ERR) {
			*is_key = rc == KEY_CODE_YES;
			return true;
		}
		if (got_signal)
			return false;
		clock_gettime(CLOCK_MONOTONIC, &b);
		ms = (b.tv_sec - a.tv_sec) * 1000 + (b.tv_nsec - a.tv_nsec) / 1000000;
		if (ms < TICK_MS / 2 && errno != EINTR) {
			if (++immediate_errors >= 20)
				return false;
		} else {
			immediate_errors = 0;
		}
	}
}

/* True when another key is already waiting (a paste): the editor then
 * takes it before drawing, so a long paste is not drawn key by key. */
static bool input_pending(void)
{
	wint_t ch;
	int rc;

	timeout(0);
	rc = get_wch(&ch);
	timeout(TICK_MS);
	if (rc == ERR)
		return false;
	if (rc == KEY_CODE_YES)
		ungetch((int)ch);
	else
		unget_wch((wchar_t)ch);
	return true;
}

/* Bracketed paste (xterm, tmux and most terminals of today): the terminal
 * wraps what is pasted in ESC [200~ ... ESC [201~, so a paste is told from
 * typing, however fast typing arrives over a slow link. In the line editor
 * a pasted line break is a space; on other screens a paste is not taken as
 * keys at all. */
enum paste_mark { PASTE_NONE, PASTE_BEGIN, PASTE_END };

/* After an Esc: the paste mark that follows at once, if any; anything else
 * read is put back. */
static enum paste_mark read_paste_mark(void)
{
	static const char begin[] = "[200~", end[] = "[201~";
	wint_t got[5];
	int n = 0, rc = ERR;
	bool b = true, e = true;

	timeout(0);
	while (n < 5 && (b || e)) {
		rc = get_wch(&got[n]);
		if (rc == ERR)
			break;
		if (rc == KEY_CODE_YES) {
			ungetch((int)got[n]);
			break;
		}
		b = b && got[n] == (wint_t)begin[n];
		e = e && got[n] == (wint_t)end[n];
		n++;
	}
	timeout(TICK_MS);
	if (n == 5 && (b || e))
		return b ? PASTE_BEGIN : PASTE_END;
	while (n-- > 0) /* the queue is last in, first out */
		unget_wch((wchar_t)got[n]);
	return PASTE_NONE;
}

/* Reads and drops keys up to the end of a paste. False when the session
 * must end meanwhile. */
static bool skip_paste(void)
{
	wint_t ch;
	bool is_key;

	while (read_key(&ch, &is_key))
		if (!is_key && ch == 27 && read_paste_mark() == PASTE_END)
			return true;
	return false;
}

static bool too_small(void)
{
	if (COLS >= MIN_COLS && LINES >= MIN_LINES)
		return false;
	erase();
	mvprintw(0, 0, _("The window is too small: at least %dx%d is needed (now %dx%d)."),
		 MIN_COLS, MIN_LINES, COLS, LINES);
	mvaddstr(2, 0, _("Make it larger, or press q to leave."));
	return true;
}

void ui_status(struct ui *ui, bool error, const char *fmt, ...)
{
	va_list ap;
	char buf[512];

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	free(ui->status);
	ui->status = xstrdup(buf);
	ui->status_error = error;
}

void ui_status_reason(struct ui *ui, const char *fmt, const char *reason)
{
	char *empty = xasprintf(fmt, "");
	size_t used = text_width(empty);
	size_t room = (size_t)COLS > used + 8 ? (size_t)COLS - used - 1 : 8;
	char *cut = text_visible_cut(reason ? reason : "?", room);

	ui_status(ui, true, fmt, cut);
	free(cut);
	free(empty);
}

bool ui_report(struct ui *ui, enum assess_status st)
{
	switch (st) {
	case ASSESS_SAVED:
		if (ui->status_error)
			ui_status(ui, false, "%s", _("Saved."));
		return true;
	case ASSESS_NOT_SAVED:
		ui_status_reason(ui, _("NOT SAVED: %s. Kept, retried at the next change."),
				 ui->ss->save_error);
		return true;
	case ASSESS_UNCHANGED:
		return true;
	case ASSESS_READ_ONLY: {
		char *why = assess_read_only_reason(ui->a);
		ui_status(ui, true, "%s", why ? why : "?");
		free(why);
		return false;
	}
	case ASSESS_REFUSED:
		return false;
	}
	return false;
}

void ui_goto_question(struct ui *ui, size_t q)
{
	const struct answer *a = &ui->ss->answers->a[q];

	ui->current = q;
	ui->highlight = a->state == ANSWER_GIVEN && ui->s->questions[q].type != QTYPE_MULTI
		? a->option : 0;
	ui->screen = SCREEN_QUESTION;
	ui->scroll = 0;
	ui->focus = true;
}

void ui_show(struct ui *ui, enum ui_screen to)
{
	if (to == SCREEN_QUESTION) {
		ui_goto_question(ui, ui->current);
		return;
	}
	if (ui->screen == SCREEN_QUESTION || ui->screen == SCREEN_OVERVIEW ||
	    ui->screen == SCREEN_REVIEW || ui->screen == SCREEN_SUMMARY ||
	    ui->screen == SCREEN_ACTIONS || ui->screen == SCREEN_ACTION_EDIT)
		ui->back = ui->screen;
	ui->screen = to;
	ui->scroll = 0;
	if (to == SCREEN_OVERVIEW)
		ui->list_pos = ui->s->questions[ui->current].area;
	else if (to == SCREEN_REVIEW)
		ui->list_pos = 0;
}

void ui_notice(struct ui *ui, const char *text)
{
	free(ui->notice);
	ui->notice = xstrdup(text);
	if (ui->screen != SCREEN_NOTICE)
		ui->back = ui->screen;
	ui->screen = SCREEN_NOTICE;
	ui->scroll = 0;
}

/* Moves *pos within 0..last by a line or a page (page rows less one, so
 * a line of the last page stays in view). True when act was a move. */
static bool move_act(const struct ui *ui, enum ui_action act, size_t *pos, size_t last)
{
	size_t page = ui->page_rows > 1 ? (size_t)ui->page_rows - 1 : 1;

	switch (act) {
	case ACT_UP:
		*pos = *pos > 0 ? *pos - 1 : 0;
		return true;
	case ACT_DOWN:
		*pos = *pos < last ? *pos + 1 : last;
		return true;
	case ACT_PAGE_UP:
		*pos = *pos > page ? *pos - page : 0;
		return true;
	case ACT_PAGE_DOWN:
		*pos = *pos + page < last ? *pos + page : last;
		return true;
	default:
		return false;
	}
}

bool ui_scroll_act(struct ui *ui, enum ui_action act)
{
	/* page_show keeps the scroll within the page */
	return move_act(ui, act, &ui->scroll, (size_t)-1 / 2);
}

bool ui_list_act(struct ui *ui, enum ui_action act, size_t n)
{
	return ui_cursor_act(ui, act, &ui->list_pos, n);
}

bool ui_cursor_act(struct ui *ui, enum ui_action act, size_t *pos, size_t n)
{
	return move_act(ui, act, pos, n ? n - 1 : 0);
}

static const struct {
	void (*draw)(struct ui *);
	bool (*act)(struct ui *, enum ui_action, wint_t);
} screens[SCREEN_COUNT] = {
	[SCREEN_QUESTION] = {question_draw, question_act},
	[SCREEN_GUIDANCE] = {guidance_draw, guidance_act},
	[SCREEN_OVERVIEW] = {overview_draw, overview_act},
	[SCREEN_REVIEW] = {review_draw, review_act},
	[SCREEN_SUMMARY] = {summary_draw, summary_act},
	[SCREEN_HELP] = {help_draw, help_act},
	[SCREEN_CONFIRM] = {confirm_draw, confirm_act},
	[SCREEN_NOTICE] = {notice_draw, notice_act},
	[SCREEN_LEAVE] = {leave_draw, leave_act},
	[SCREEN_ACTIONS] = {actions_draw, actions_act},
	[SCREEN_ACTION_EDIT] = {action_edit_draw, action_edit_act},
};

static void draw_status(const struct ui *ui)
{
	move(LINES - 2, 0);
	clrtoeol();
	if (ui->status)
		draw_text(LINES - 2, 0, COLS, ui->status_error ? STYLE_ERROR : STYLE_DIM,
			  ui->status);
}

/* Everything is drawn into curses' picture of the screen and refresh()
 * sends only what differs from what the terminal shows: erase() is not
 * clear(), and costs nothing on the line. */
static void draw(struct ui *ui)
{
	erase();
	if (!too_small()) {
		screens[ui->screen].draw(ui);
		draw_status(ui);
		ui_keys_hints(ui);
	}
	refresh();
}

/* Leaving: with every change in the file, at once; otherwise one more try,
 * then the leave screen (retry, another folder, or leave without them). */
static void quit(struct ui *ui)
{
	if (ui->a->unsaved && assess_save(ui->a) != ASSESS_SAVED) {
		/* Esc there returns to where q was pressed; help and notice
		 * keep their own way back */
		if (ui->screen != SCREEN_LEAVE)
			ui->leave_from = ui->screen;
		ui->screen = SCREEN_LEAVE;
		ui->scroll = 0;
		return;
	}
	ui->quit = true;
}

/* Actions every screen shares, when the screen did not take them. */
static void common_act(struct ui *ui, enum ui_action act)
{
	switch (act) {
	case ACT_HELP:
		ui_show(ui, SCREEN_HELP);
		break;
	case ACT_QUIT:
		quit(ui);
		break;
	case ACT_OVERVIEW:
	case ACT_REVIEW:
	case ACT_SUMMARY:
	case ACT_ACTIONS: {
		enum ui_screen to = act == ACT_OVERVIEW ? SCREEN_OVERVIEW
			: act == ACT_REVIEW ? SCREEN_REVIEW
			: act == ACT_ACTIONS ? SCREEN_ACTIONS : SCREEN_SUMMARY;
		ui_show(ui, ui->screen == to ? SCREEN_QUESTION : to);
		break;
	}
	case ACT_BACK:
		ui_goto_question(ui, ui->current);
		break;
	case ACT_UNDO: {
		size_t q;
		enum assess_status st = assess_undo(ui->a, &q);
		if (st == ASSESS_UNCHANGED)
			ui_status(ui, false, "%s", _("Nothing to undo."));
		else if (ui_report(ui, st)) {
			ui_goto_question(ui, q);
			if (st == ASSESS_SAVED)
				ui_status(ui, false, "%s", _("Undone."));
		}
		break;
	}
	default:
		break;
	}
}

/* The line editor's prompt sits on the status line over the screen, its
 * keys on the hint line; a refused input's message is wrapped on the lines
 * above it. */
static void draw_edit(struct ui *ui, const char *prompt, const char *msg,
		      const wchar_t *buf, size_t len, size_t cursor, size_t *start)
{
	int pw, avail, x;
	size_t cols = 0;

	if (ui) {
		draw(ui);
	} else {
		erase();
		if (edit_backdrop)
			edit_backdrop(edit_backdrop_ctx);
	}
	if (msg && *msg) {
		int rows = draw_wrapped(0, 0, COLS, 0, STYLE_ERROR, msg);
		if (rows > 3)
			rows = 3;
		for (int r = 0; r < rows; r++) {
			move(LINES - 2 - rows + r, 0);
			clrtoeol();
		}
		draw_wrapped(LINES - 2 - rows, 0, COLS, rows, STYLE_ERROR, msg);
	}
	ui_keys_hints_on(ui, SCREEN_EDIT);
	move(LINES - 2, 0);
	clrtoeol();
	pw = draw_text(LINES - 2, 0, COLS - 10, STYLE_HEADING, prompt);
	avail = COLS - pw - 2;
	/* keep the cursor in view, counting columns from the first shown
	 * character (kept between calls, so a long text costs no more); when
	 * there is room again, show more of what comes before */
	if (*start > cursor)
		*start = cursor;
	for (size_t i = *start; i < cursor; i++)
		cols += (size_t)text_char_width((unsigned)buf[i]);
	while (cols >= (size_t)avail && *start < cursor)
		cols -= (size_t)text_char_width((unsigned)buf[(*start)++]);
	while (*start > 0 &&
	       cols + (size_t)text_char_width((unsigned)buf[*start - 1]) < (size_t)avail)
		cols += (size_t)text_char_width((unsigned)buf[--*start]);
	x = pw + 1;
	move(LINES - 2, x);
	for (size_t i = *start; i < len; i++) {
		int w = text_char_width((unsigned)buf[i]);
		wchar_t one[2] = {buf[i], 0};
		if (x + w > COLS - 1)
			break;
		if (iswcntrl((wint_t)buf[i]))
			one[0] = L'?';
		addwstr(one);
		x += w;
	}
	move(LINES - 2, pw + 1 + (int)cols);
	curs_set(1);
	refresh();
}

static char *wide_to_utf8(const wchar_t *buf)
{
	const wchar_t *w = buf;
	mbstate_t ps;
	size_t n;
	char *out;

	memset(&ps, 0, sizeof ps);
	n = wcsrtombs(NULL, &w, 0, &ps);
	if (n == (size_t)-1)
		n = 0;
	out = xmalloc(n + 1);
	w = buf;
	memset(&ps, 0, sizeof ps);
	wcsrtombs(out, &w, n + 1, &ps);
	out[n] = '\0';
	return out;
}

/* Scrolls the page behind the editor: the screen's, or the backdrop's. */
static void edit_scroll(struct ui *ui, enum ui_action act)
{
	size_t page = LINES > 8 ? (size_t)LINES - 8 : 1;

	if (ui)
		ui_scroll_act(ui, act);
	else if (act == ACT_PAGE_DOWN)
		edit_backdrop_scroll += page; /* page_show keeps it in range */
	else
		edit_backdrop_scroll = edit_backdrop_scroll > page ? edit_backdrop_scroll - page : 0;
}

enum ui_edit ui_edit_line(struct ui *ui, const char *prompt, const char *initial,
			  ui_edit_check check, void *ctx, char **out)
{
	size_t cap = 256, len = 0, cursor, start = 0;
	wchar_t *buf = xcalloc(cap, sizeof *buf);
	mbstate_t ps;
	const char *src = initial ? initial : "";
	char msg[ASSESS_MSG_SIZE] = "";
	enum ui_edit result = EDIT_CANCELLED;
	bool pasting = false;

	*out = NULL;
	memset(&ps, 0, sizeof ps);
	len = mbsrtowcs(NULL, &src, 0, &ps);
	if (len == (size_t)-1)
		len = 0;
	buf = xgrow(buf, &cap, len + 1, sizeof *buf);
	src = initial ? initial : "";
	memset(&ps, 0, sizeof ps);
	if (len)
		mbsrtowcs(buf, &src, len + 1, &ps);
	cursor = len;
	for (;;) {
		enum ui_action act;
		wint_t ch;
		bool is_key;

		if (!input_pending())
			draw_edit(ui, prompt, msg, buf, len, cursor, &start);
		if (!read_key(&ch, &is_key)) {
			/* the connection is gone: what was typed is handed back
			 * to be saved, never dropped */
			buf[len] = 0;
			*out = wide_to_utf8(buf);
			result = EDIT_INTERRUPTED;
			break;
		}
		if (!is_key && ch == 27) {
			enum paste_mark m = read_paste_mark();
			if (m != PASTE_NONE) {
				pasting = m == PASTE_BEGIN;
				continue;
			}
		}
		/* a pasted line break is a space: the rest of a paste is
		 * never taken as Enter and commands */
		if (pasting && !is_key && (ch == L'\r' || ch == L'\n' || ch == L'\t'))
			ch = L' ';
		act = ui_keys_action_on(ui, SCREEN_EDIT, ch, is_key);
		switch (act) {
		case ACT_LEFT: if (cursor > 0) cursor--; continue;
		case ACT_RIGHT: if (cursor < len) cursor++; continue;
		case ACT_HOME: cursor = 0; continue;
		case ACT_END: cursor = len; continue;
		case ACT_CLEAR_LINE: len = cursor = 0; continue;
		case ACT_PAGE_UP:
		case ACT_PAGE_DOWN: edit_scroll(ui, act); continue;
		case ACT_BACKSPACE:
			if (cursor == 0)
				continue;
			cursor--; /* and delete the one before, as Delete does */
			/* fall through */
		case ACT_DELETE:
			if (cursor < len) {
				memmove(buf + cursor, buf + cursor + 1,
					(len - cursor - 1) * sizeof *buf);
				len--;
			}
			continue;
		case ACT_CANCEL:
			goto out;
		case ACT_ACCEPT: {
			char *text;
			buf[len] = 0;
			text = wide_to_utf8(buf);
			if (!check || check(ui, text, msg, ctx)) {
				*out = text;
				result = EDIT_DONE;
				goto out;
			}
			free(text); /* refused: the text stays for correction */
			continue;
		}
		default:
			break;
		}
		if (is_key || iswcntrl(ch))
			continue; /* KEY_RESIZE and the like: the loop redraws */
		buf = xgrow(buf, &cap, len + 2, sizeof *buf);
		memmove(buf + cursor + 1, buf + cursor, (len - cursor) * sizeof *buf);
		buf[cursor++] = (wchar_t)ch;
		len++;
	}
out:
	curs_set(0);
	free(buf);
	if (ui && result == EDIT_INTERRUPTED)
		ui->interrupted = true;
	return result;
}

/* The department's name is checked by the engine's rule as it is typed. */
static bool check_department(struct ui *ui, const char *text, char *msg, void *ctx)
{
	(void)ui;
	(void)ctx;
	return assess_check_name(text, msg);
}

struct identity_screen {
	const struct survey *s;
	size_t lang;
	const char *intro;
};

static void identity_draw(const void *ctx)
{
	const struct identity_screen *id = ctx;
	struct page p = {0};
	const char *hints[] = {_("Enter"), _("next"), _("Esc"), _("leave"), "PgUp PgDn",
			       _("scroll"), NULL};

	draw_title("enkat", survey_text_get(&id->s->title, id->lang));
	page_add(&p, 2, COLS - 12, STYLE_NORMAL, id->intro, -1);
	page_show(&p, 2, LINES - 5, &edit_backdrop_scroll, -1);
	page_free(&p);
	draw_hints(hints);
}

bool ui_ask_identity(const struct survey *s, size_t lang, const char *out_dir,
		     char **department, char **respondent)
{
	struct identity_screen id;

	char *dep = NULL, *resp = NULL, *intro;
	bool ok = false;

	*department = *respondent = NULL;
	catch_signals();
	curses_start();
	intro = assess_intro_text(s, lang, out_dir);
	edit_backdrop_scroll = 0;
	id.s = s;
	id.lang = lang;
	id.intro = intro;
	edit_backdrop = identity_draw;
	edit_backdrop_ctx = &id;
	while (!dep && !got_signal) {
		enum ui_edit e = ui_edit_line(NULL, _("Department:"), "", check_department, NULL, &dep);
		if (e != EDIT_DONE) {
			free(dep);
			dep = NULL;
			goto out;
		}
		if (!*dep) {
			free(dep);
			dep = NULL;
		}
	}
	if (!dep || ui_edit_line(NULL, _("Your name (respondent):"), "", check_department,
				 NULL, &resp) != EDIT_DONE)
		goto out;
	*department = dep;
	*respondent = resp;
	dep = resp = NULL;
	ok = true;
out:
	edit_backdrop = NULL;
	edit_backdrop_ctx = NULL;
	free(dep);
	free(resp);
	free(intro);
	curses_end();
	return ok;
}

/* A hangup or signal with changes the file does not hold: nobody is there
 * to ask, so they go to the home folder, and the exit message says where. */
static char *rescue(struct ui *ui)
{
	const char *home = getenv("HOME");
	char *path = NULL, *error = NULL;

	if (!ui->a->unsaved || assess_save(ui->a) == ASSESS_SAVED)
		return NULL;
	if (home && *home && assess_save_to(ui->a, home, &path, &error))
		return path;
	free(error);
	return NULL;
}

int ui_run(struct assess *a, size_t lang, const char *notice)
{
	struct session *ss = a->ss;
	struct ui ui = {0};
	char *rescued = NULL;
	int status = 0;

	ui.ss = ss;
	ui.s = ss->survey;
	ui.a = a;
	ui.lang = lang;
	ui_goto_question(&ui, assess_start(ui.a));
	if (ss->answers->final) /* a final result opens on its figures */
		ui.screen = SCREEN_SUMMARY;

	catch_signals();
	curses_start();
	ui.colour = has_colors() && !(getenv("NO_COLOR") && *getenv("NO_COLOR"));
	if (notice)
		ui_notice(&ui, notice);
	while (!ui.quit && !ui.interrupted) {
		enum ui_action act;
		wint_t ch;
		bool is_key;

		draw(&ui);
		if (!read_key(&ch, &is_key))
			break;
		if (is_key && ch == KEY_RESIZE) {
			ui.focus = true; /* the highlighted choice stays in view */
			continue; /* the next draw fits the new size */
		}
		if (COLS < MIN_COLS || LINES < MIN_LINES) {
			if (!is_key && ch == L'q')
				quit(&ui);
			continue;
		}
		if (ui.status && !ui.status_error) {
			free(ui.status);
			ui.status = NULL;
		}
		if (!is_key && ch == 27) {
			enum paste_mark m = read_paste_mark();
			if (m == PASTE_BEGIN) {
				if (!skip_paste())
					break;
				ui_status(&ui, true, "%s", _("A paste is not taken as keys: paste into "
							    "a comment (c) or an answer (Enter)."));
			}
			if (m != PASTE_NONE)
				continue;
		}
		act = ui_keys_action(&ui, ch, is_key);
		if (act != ACT_NONE && !screens[ui.screen].act(&ui, act, ch))
			common_act(&ui, act);
	}
	curses_end();
	/* leaving without them is only ever the user's choice (d on the
	 * leave screen); a hangup or a signal saves them somewhere */
	if (ui.a->unsaved && !ui.quit)
		rescued = rescue(&ui);
	if (!rescued && ui.saved_to) {
		rescued = ui.saved_to;
		ui.saved_to = NULL;
	}
	if (rescued) {
		char *path = text_visible(ss->path, false), *where = text_visible(rescued, false);
		fprintf(stderr, _("enkat: %s could not be written; the answers were saved in %s "
				  "instead.\n"), path, where);
		free(path);
		free(where);
		status = 1;
	} else if (ui.a->unsaved) {
		char *path = text_visible(ss->path, false);
		fprintf(stderr, _("enkat: %s: %s: the last changes are NOT saved.\n"), path,
			ss->save_error ? ss->save_error : "?");
		free(path);
		status = 1;
	} else if (!ss->read_only || ss->answers->final) {
		char *text = assess_where_text(ui.a);
		fputs(text, stdout);
		free(text);
	}
	free(rescued);
	free(ui.saved_to);
	free(ui.notice);
	free(ui.status);
	free(ui.edit_action);
	return status;
}
