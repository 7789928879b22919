#include "ui_draw.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "util.h"

static attr_t styles[STYLE_COUNT];

void draw_init(bool colour)
{
	if (colour) {
		start_color();
		use_default_colors();
		init_pair(1, COLOR_WHITE, COLOR_BLUE);
		init_pair(2, COLOR_GREEN, -1);
		init_pair(3, COLOR_RED, -1);
		init_pair(4, COLOR_YELLOW, -1);
		init_pair(5, COLOR_CYAN, -1);
		styles[STYLE_TITLE] = COLOR_PAIR(1) | A_BOLD;
		styles[STYLE_SELECTED] = COLOR_PAIR(2) | A_BOLD;
		styles[STYLE_ERROR] = COLOR_PAIR(3) | A_BOLD;
		styles[STYLE_GOOD] = COLOR_PAIR(2);
		styles[STYLE_BAD] = COLOR_PAIR(4);
		styles[STYLE_KEY] = COLOR_PAIR(5) | A_BOLD;
	} else {
		/* monochrome: only what every terminal shows */
		styles[STYLE_TITLE] = A_REVERSE;
		styles[STYLE_SELECTED] = A_BOLD;
		styles[STYLE_ERROR] = A_REVERSE;
		styles[STYLE_GOOD] = A_NORMAL;
		styles[STYLE_BAD] = A_BOLD;
		styles[STYLE_KEY] = A_BOLD;
	}
	styles[STYLE_NORMAL] = A_NORMAL;
	styles[STYLE_HEADING] = A_BOLD;
	styles[STYLE_CURSOR] = A_REVERSE;
	styles[STYLE_DIM] = A_DIM;
}

/* Draws the first bytes of an already visible string. */
static void put(int y, int x, enum ui_style style, const char *s, size_t bytes)
{
	attrset(styles[style]);
	mvaddnstr(y, x, s, (int)bytes);
	attrset(A_NORMAL);
}

int draw_text(int y, int x, int width, enum ui_style style, const char *s)
{
	char *v = text_visible(s, false);
	size_t n;
	int used;

	if (width <= 0) {
		free(v);
		return 0;
	}
	n = text_cut(v, (size_t)width);
	v[n] = '\0';
	used = (int)text_width(v);
	put(y, x, style, v, n);
	free(v);
	return used;
}

void draw_text_padded(int y, int x, int width, enum ui_style style, const char *s)
{
	int used = draw_text(y, x, width, style, s);

	attrset(styles[style]);
	for (int i = used; i < width; i++)
		mvaddch(y, x + i, ' ');
	attrset(A_NORMAL);
}

int draw_wrapped(int y, int x, int width, int max_lines, enum ui_style style,
		 const char *s)
{
	char *v = text_visible(s, true);
	const char *p = v;
	int rows = 0;

	if (width <= 0) {
		free(v);
		return 0;
	}
	while (p) {
		size_t n;
		const char *next = text_wrap_line(p, (size_t)width, &n);

		if (max_lines > 0) {
			if (rows == max_lines - 1 && next) {
				/* the last line that fits: cut it and say so */
				size_t room = text_cut(p, (size_t)width - 1);
				put(y + rows, x, style, p, room < n ? room : n);
				attrset(styles[style]);
				addstr("…");
				attrset(A_NORMAL);
				rows++;
				break;
			}
			put(y + rows, x, style, p, n);
		}
		rows++;
		p = next;
	}
	free(v);
	return rows;
}

void draw_bar(int y, int x, int width, double percent)
{
	int filled = (int)(percent / 100.0 * width + 0.5);

	if (filled > width)
		filled = width;
	move(y, x);
	for (int i = 0; i < width; i++)
		addch(i < filled ? '#' : '.');
}

void draw_title(const char *left, const char *right)
{
	int w = COLS;
	int rw = (int)text_width(right);

	draw_text_padded(0, 0, w, STYLE_TITLE, "");
	draw_text(0, 1, w - rw - 3, STYLE_TITLE, left);
	if (rw < w - 2)
		draw_text(0, w - rw - 1, rw, STYLE_TITLE, right);
}

void draw_hints(const char *const *pairs)
{
	int x = 0, y = LINES - 1;

	move(y, 0);
	clrtoeol();
	for (size_t i = 0; pairs[i] && pairs[i + 1]; i += 2) {
		int need = (int)(text_width(pairs[i]) + 1 + text_width(pairs[i + 1]));

		if (x + need > COLS)
			break;
		x += draw_text(y, x, COLS - x, STYLE_KEY, pairs[i]);
		x += draw_text(y, x + 1, COLS - x - 1, STYLE_DIM, pairs[i + 1]) + 3;
	}
}
