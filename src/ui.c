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
		endwin();
		curses_on = false;
	}
}

static void curses_start(void)
{
	const char *no_colour = getenv("NO_COLOR");

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

bool ui_save(struct ui *ui)
{
	if (session_save(ui->ss)) {
		if (ui->status_error) {
			ui_status(ui, false, "%s", _("Saved."));
		}
		return true;
	}
	ui_status(ui, true, _("NOT SAVED: %s (the answer is kept; it is saved with the next change)"),
		  ui->ss->save_error);
	return false;
}

bool ui_common_key(struct ui *ui, wint_t ch, bool is_key)
{
	enum ui_screen to;

	if (is_key && ch == KEY_F(1))
		ch = L'?', is_key = false;
	if (is_key)
		return false;
	switch (ch) {
	case L'?':
		ui->back = ui->screen;
		ui->screen = SCREEN_HELP;
		return true;
	case L'q':
		ui->quit = true;
		return true;
	case L'o': to = SCREEN_OVERVIEW; break;
	case L'r': to = SCREEN_REVIEW; break;
	case L's': to = SCREEN_SUMMARY; break;
	case 27: to = SCREEN_QUESTION; break;
	default:
		return false;
	}
	if (to == ui->screen || to == SCREEN_QUESTION) {
		ui_goto_question(ui, ui->current);
		return true;
	}
	ui->screen = to;
	ui->scroll = 0;
	/* the overview starts at the area of the current question */
	ui->list_pos = to == SCREEN_OVERVIEW ? ui->s->questions[ui->current].area : 0;
	return true;
}

bool ui_list_key(wint_t ch, bool is_key, size_t *pos, size_t n)
{
	bool up = is_key ? ch == KEY_UP : ch == L'k';
	bool down = is_key ? ch == KEY_DOWN : ch == L'j';

	if (up && *pos > 0)
		(*pos)--;
	if (down && *pos + 1 < n)
		(*pos)++;
	return up || down;
}

void ui_format_percent(char *buf, size_t size, double percent)
{
	/* TRANSLATORS: the decimal separator for numbers on screen */
	const char *point = _(".");
	char *dot;

	snprintf(buf, size, "%5.1f %%", percent);
	dot = strchr(buf, '.');
	if (!dot)
		dot = strchr(buf, ',');
	if (dot && *point)
		*dot = *point;
}

size_t ui_next_visible(const struct ui *ui, size_t q)
{
	for (size_t i = q + 1; i < ui->s->n_questions; i++)
		if (answers_visible(ui->ss->answers, i))
			return i;
	return (size_t)-1;
}

size_t ui_prev_visible(const struct ui *ui, size_t q)
{
	for (size_t i = q; i-- > 0;)
		if (answers_visible(ui->ss->answers, i))
			return i;
	return (size_t)-1;
}

void ui_goto_question(struct ui *ui, size_t q)
{
	const struct answer *a = &ui->ss->answers->a[q];

	ui->current = q;
	ui->highlight = a->state == ANSWER_GIVEN ? a->option : 0;
	ui->screen = SCREEN_QUESTION;
}

void ui_notice(struct ui *ui, const char *text)
{
	free(ui->notice);
	ui->notice = xstrdup(text);
	if (ui->screen != SCREEN_NOTICE)
		ui->back = ui->screen;
	ui->screen = SCREEN_NOTICE;
}

static const struct {
	void (*draw)(struct ui *);
	void (*key)(struct ui *, wint_t, bool);
} screens[SCREEN_COUNT] = {
	[SCREEN_QUESTION] = {question_draw, question_key},
	[SCREEN_GUIDANCE] = {guidance_draw, guidance_key},
	[SCREEN_OVERVIEW] = {overview_draw, overview_key},
	[SCREEN_REVIEW] = {review_draw, review_key},
	[SCREEN_SUMMARY] = {summary_draw, summary_key},
	[SCREEN_HELP] = {help_draw, help_key},
	[SCREEN_CONFIRM] = {confirm_draw, confirm_key},
	[SCREEN_NOTICE] = {notice_draw, notice_key},
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
	}
	refresh();
}

struct backdrop {
	struct ui *ui;
	const char *text;
};

/* The line editor's prompt sits on the status line over the screen. */
static void draw_edit(struct ui *ui, const char *prompt, const wchar_t *buf,
		      size_t len, size_t cursor)
{
	int pw, avail, x;
	size_t start = 0, cols = 0;

	if (ui)
		draw(ui);
	else
		erase();
	move(LINES - 2, 0);
	clrtoeol();
	pw = draw_text(LINES - 2, 0, COLS - 10, STYLE_HEADING, prompt);
	avail = COLS - pw - 2;
	/* scroll so that the cursor stays in view, counting columns */
	for (size_t i = 0; i < cursor; i++)
		cols += (size_t)text_char_width((unsigned)buf[i]);
	while (cols >= (size_t)avail && start < cursor)
		cols -= (size_t)text_char_width((unsigned)buf[start++]);
	x = pw + 1;
	move(LINES - 2, x);
	for (size_t i = start; i < len; i++) {
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

char *ui_edit_line(struct ui *ui, const char *prompt, const char *initial)
{
	size_t cap = 256, len = 0, cursor;
	wchar_t *buf = xcalloc(cap, sizeof *buf);
	char *out = NULL;
	mbstate_t ps;
	const char *src = initial ? initial : "";

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
		wint_t ch;
		bool is_key;

		draw_edit(ui, prompt, buf, len, cursor);
		if (!read_key(&ch, &is_key))
			break;
		if (is_key) {
			switch (ch) {
			case KEY_LEFT: if (cursor > 0) cursor--; break;
			case KEY_RIGHT: if (cursor < len) cursor++; break;
			case KEY_HOME: cursor = 0; break;
			case KEY_END: cursor = len; break;
			case KEY_BACKSPACE:
				if (cursor > 0) {
					memmove(buf + cursor - 1, buf + cursor,
						(len - cursor) * sizeof *buf);
					cursor--;
					len--;
				}
				break;
			case KEY_DC:
				if (cursor < len) {
					memmove(buf + cursor, buf + cursor + 1,
						(len - cursor - 1) * sizeof *buf);
					len--;
				}
				break;
			case KEY_ENTER:
				goto accept;
			default:
				break; /* KEY_RESIZE: the loop redraws */
			}
			continue;
		}
		if (ch == L'\r' || ch == L'\n')
			goto accept;
		if (ch == 27 || ch == 7) /* Esc, ^G */
			break;
		if (ch == 127 || ch == 8) {
			if (cursor > 0) {
				memmove(buf + cursor - 1, buf + cursor,
					(len - cursor) * sizeof *buf);
				cursor--;
				len--;
			}
			continue;
		}
		if (ch == 21) { /* ^U: clear */
			len = cursor = 0;
			continue;
		}
		if (iswcntrl(ch))
			continue;
		buf = xgrow(buf, &cap, len + 2, sizeof *buf);
		memmove(buf + cursor + 1, buf + cursor, (len - cursor) * sizeof *buf);
		buf[cursor++] = (wchar_t)ch;
		len++;
	}
	curs_set(0);
	free(buf);
	return NULL;
accept:
	curs_set(0);
	buf[len] = 0;
	{
		const wchar_t *w = buf;
		size_t n;
		memset(&ps, 0, sizeof ps);
		n = wcsrtombs(NULL, &w, 0, &ps);
		if (n == (size_t)-1)
			n = 0;
		out = xmalloc(n + 1);
		w = buf;
		memset(&ps, 0, sizeof ps);
		wcsrtombs(out, &w, n + 1, &ps);
		out[n] = '\0';
	}
	free(buf);
	return out;
}

bool ui_ask_identity(char *department, size_t dep_size, char *respondent,
		     size_t resp_size)
{
	char *dep = NULL, *resp;
	bool ok = false;

	catch_signals();
	curses_start();
	while (!dep && !got_signal) {
		erase();
		draw_title("enkat", "");
		draw_wrapped(2, 2, COLS - 4, 6, STYLE_NORMAL,
			     _("Which department's assessment is this? The answers are saved "
			       "in a file named after the department, after every change."));
		draw_hints((const char *const[]){_("Enter"), _("next"), _("Esc"),
						 _("leave"), NULL});
		dep = ui_edit_line(NULL, _("Department:"), "");
		if (!dep)
			goto out;
		if (!*dep) {
			free(dep);
			dep = NULL;
		}
	}
	if (!dep)
		goto out;
	resp = ui_edit_line(NULL, _("Your name (respondent):"), "");
	if (!resp)
		goto out;
	snprintf(department, dep_size, "%s", dep);
	snprintf(respondent, resp_size, "%s", resp);
	free(resp);
	ok = true;
out:
	free(dep);
	curses_end();
	return ok;
}

int ui_run(struct session *ss, size_t lang, const char *notice)
{
	struct ui ui = {0};
	size_t first = (size_t)-1;

	ui.ss = ss;
	ui.s = ss->survey;
	ui.lang = lang;
	/* resume at the first unanswered question that is shown */
	for (size_t q = 0; q < ui.s->n_questions && first == (size_t)-1; q++)
		if (answers_visible(ss->answers, q) && ss->answers->a[q].state == ANSWER_NONE)
			first = q;
	if (first == (size_t)-1)
		first = ui_next_visible(&ui, (size_t)-1);
	ui_goto_question(&ui, first == (size_t)-1 ? 0 : first);
	if (ss->answers->final) /* locked by another session: the questions */
		ui.screen = SCREEN_SUMMARY;

	catch_signals();
	curses_start();
	ui.colour = has_colors() && !(getenv("NO_COLOR") && *getenv("NO_COLOR"));
	if (notice)
		ui_notice(&ui, notice);
	while (!ui.quit) {
		wint_t ch;
		bool is_key;

		draw(&ui);
		if (!read_key(&ch, &is_key))
			break;
		if (is_key && ch == KEY_RESIZE)
			continue; /* the next draw fits the new size */
		if (COLS < MIN_COLS || LINES < MIN_LINES) {
			if (!is_key && ch == L'q')
				break;
			continue;
		}
		if (ui.status && !ui.status_error) {
			free(ui.status);
			ui.status = NULL;
		}
		screens[ui.screen].key(&ui, ch, is_key);
	}
	curses_end();
	/* a save that failed earlier gets one more try before leaving */
	if (ss->save_error && !ss->read_only)
		session_save(ss);
	free(ui.notice);
	free(ui.status);
	if (ss->save_error && !ss->read_only) {
		fprintf(stderr, "enkat: %s: %s\n", ss->path, ss->save_error);
		return 1;
	}
	return 0;
}
