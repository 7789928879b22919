#include "ui_draw.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
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

char *draw_bar(char *buf, int width, double percent)
{
	int filled = (int)(percent / 100.0 * width + 0.5);

	if (filled > width)
		filled = width;
	for (int i = 0; i < width; i++)
		buf[i] = i < filled ? '#' : '.';
	buf[width > 0 ? width : 0] = '\0';
	return buf;
}

/* Cuts visible text to width columns, ending in "…" when it was cut. */
static char *cut_with_ellipsis(const char *s, int width)
{
	if (width <= 0)
		return xstrdup("");
	return text_visible_cut(s, (size_t)width);
}

char *draw_fit(const char *s, int width)
{
	char *v = cut_with_ellipsis(s, width);
	size_t w = text_width(v), len = strlen(v);

	if (width > 0 && w < (size_t)width) {
		v = xrealloc(v, len + (size_t)width - w + 1);
		memset(v + len, ' ', (size_t)width - w);
		v[len + (size_t)width - w] = '\0';
	}
	return v;
}

char *draw_fit_right(const char *s, int width)
{
	char *v = cut_with_ellipsis(s, width), *out;
	size_t w = text_width(v), len = strlen(v), pad;

	if (width <= 0 || w >= (size_t)width)
		return v;
	pad = (size_t)width - w;
	out = xmalloc(pad + len + 1);
	memset(out, ' ', pad);
	memcpy(out + pad, v, len + 1);
	free(v);
	return out;
}

/* Both sides of the top bar share it: the right side (where you are, how
 * much is answered; or a survey title) keeps its width while the left
 * takes no more than half, and each is cut with "…" only when both do not
 * fit. A short screen name on the left always shows whole. */
void draw_title(const char *left, const char *right)
{
	int w = COLS, lw, rw = (int)text_width(right), room;
	char *l, *r;

	room = w - 2 - rw - 3;
	if (room < w / 2)
		room = w / 2;
	l = cut_with_ellipsis(left, room);
	draw_text_padded(0, 0, w, STYLE_TITLE, "");
	lw = draw_text(0, 1, w - 2, STYLE_TITLE, l);
	r = cut_with_ellipsis(right, w - lw - 5);
	if (*r)
		draw_text(0, w - 1 - (int)text_width(r), (int)text_width(r), STYLE_TITLE, r);
	free(l);
	free(r);
}

static struct page_line *page_push(struct page *p)
{
	struct page_line *l;

	p->lines = xgrow(p->lines, &p->cap, p->n + 1, sizeof *p->lines);
	l = &p->lines[p->n++];
	memset(l, 0, sizeof *l);
	l->tag = -1;
	return l;
}

void page_blank(struct page *p)
{
	page_push(p)->text = xstrdup("");
}

void page_add_head(struct page *p, int x, int width, const char *head,
		   enum ui_style head_style, enum ui_style style, const char *s, int tag)
{
	char *hv = head ? text_visible(head, false) : NULL;
	int hw = hv ? (int)text_width(hv) : 0;
	int tw = width - hw;
	char *v = text_visible(s, true);
	const char *q = v;
	bool first = true;

	if (tw < 1)
		tw = 1;
	do {
		size_t n;
		const char *next = text_wrap_line(q, (size_t)tw, &n);
		struct page_line *l = page_push(p);

		l->x = x;
		l->text_x = x + hw;
		l->style = style;
		l->head_style = head_style;
		l->tag = tag;
		if (first && hv)
			l->head = xstrdup(hv);
		l->text = xstrndup(q, n);
		first = false;
		q = next;
	} while (q && *q);
	free(hv);
	free(v);
}

void page_add(struct page *p, int x, int width, enum ui_style style, const char *s,
	      int tag)
{
	page_add_head(p, x, width, NULL, style, style, s, tag);
}

void page_add_row(struct page *p, int x, int title_w, const char *title,
		  enum ui_style title_style, const char *figures, enum ui_style style,
		  int tag)
{
	char *v = text_visible(title, false);
	const char *q = v;
	bool first = true;

	if (title_w < 12) {
		page_add(p, x, COLS - x - 10, title_style, title, tag);
		page_add(p, x + 2, COLS - x - 12, style, figures, tag);
		free(v);
		return;
	}
	do {
		size_t n;
		const char *next = text_wrap_line(q, (size_t)title_w, &n);
		struct page_line *l = page_push(p);
		char *t = xstrndup(q, n);

		l->x = x;
		l->text_x = x + title_w;
		l->head = draw_fit(t, title_w);
		l->head_style = title_style;
		l->style = style;
		l->tag = tag;
		l->text = xstrdup(first ? figures : "");
		free(t);
		first = false;
		q = next;
	} while (q && *q);
	free(v);
}

size_t page_find(const struct page *p, int tag)
{
	for (size_t i = 0; i < p->n; i++)
		if (p->lines[i].tag == tag)
			return i;
	return (size_t)-1;
}

void page_reveal(const struct page *p, int height, size_t *scroll, int tag)
{
	size_t first = page_find(p, tag), last = first;

	if (first == (size_t)-1 || height < 1)
		return;
	while (last + 1 < p->n && p->lines[last + 1].tag == tag)
		last++;
	if (last >= *scroll + (size_t)height)
		*scroll = last + 1 - (size_t)height;
	if (first < *scroll || last - first >= (size_t)height)
		*scroll = first;
}

int page_show(const struct page *p, int top, int height, size_t *scroll, int focus)
{
	size_t max_scroll;

	if (height < 1)
		return 0;
	max_scroll = p->n > (size_t)height ? p->n - (size_t)height : 0;
	if (focus >= 0)
		page_reveal(p, height, scroll, focus);
	if (*scroll > max_scroll)
		*scroll = max_scroll;
	for (int row = 0; row < height && *scroll + (size_t)row < p->n; row++) {
		const struct page_line *l = &p->lines[*scroll + (size_t)row];
		if (l->head)
			draw_text(top + row, l->x, COLS - l->x, l->head_style, l->head);
		draw_text(top + row, l->text_x, COLS - l->text_x - 1, l->style, l->text);
	}
	/* the marks sit at the right edge, over whatever is there */
	if (*scroll > 0) {
		const char *up = _("↑ more");
		draw_text(top, COLS - (int)text_width(up) - 1, (int)text_width(up), STYLE_KEY, up);
	}
	if (*scroll < max_scroll) {
		const char *down = _("↓ more");
		draw_text(top + height - 1, COLS - (int)text_width(down) - 1,
			  (int)text_width(down), STYLE_KEY, down);
	}
	return height;
}

void page_free(struct page *p)
{
	for (size_t i = 0; i < p->n; i++) {
		free(p->lines[i].head);
		free(p->lines[i].text);
	}
	free(p->lines);
	memset(p, 0, sizeof *p);
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
