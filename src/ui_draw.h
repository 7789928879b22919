/* ui_draw: putting text on the screen by display columns. Every width
 * and wrap decision in the front end is made here, with wcwidth(); text
 * from files goes through text_visible() first. */
#ifndef ENKAT_UI_DRAW_H
#define ENKAT_UI_DRAW_H

#include <stdbool.h>
#include <stddef.h>

/* Attributes, resolved once for colour or monochrome terminals. */
enum ui_style {
	STYLE_NORMAL,
	STYLE_TITLE,     /* the top bar */
	STYLE_HEADING,   /* question text, screen headings */
	STYLE_SELECTED,  /* the chosen answer */
	STYLE_CURSOR,    /* the highlighted line */
	STYLE_DIM,       /* descriptions, hints */
	STYLE_ERROR,
	STYLE_GOOD,      /* target reached */
	STYLE_BAD,       /* below target */
	STYLE_KEY,       /* key names in the hint line */
	STYLE_COUNT
};

/* Sets up the styles; colour is false for NO_COLOR or a monochrome tty. */
void draw_init(bool colour);

/* Writes s (UTF-8, made visible) at row y, column x, cut to width columns.
 * Returns the columns used. */
int draw_text(int y, int x, int width, enum ui_style style, const char *s);
/* Like draw_text, padding with spaces to exactly width columns. */
void draw_text_padded(int y, int x, int width, enum ui_style style, const char *s);
/* Word-wraps s into width columns from row y, at most max_lines lines
 * (the last one ends in "…" when cut); '\n' starts a new line. Returns the
 * rows used. With max_lines 0 nothing is drawn: it only counts. */
int draw_wrapped(int y, int x, int width, int max_lines, enum ui_style style,
		 const char *s);
/* s made visible, cut to width display columns (ending in "…" when cut)
 * and padded with spaces to exactly width columns. Caller frees. */
char *draw_fit(const char *s, int width);
/* The same, right-aligned: padded with spaces on the left. */
char *draw_fit_right(const char *s, int width);
/* A bar of width columns filled to percent (0..100), readable without
 * colour: '#' filled, '.' empty; into buf (width + 1 bytes), returned. */
char *draw_bar(char *buf, int width, double percent);
/* The top bar: left and right texts on a full-width title line. */
void draw_title(const char *left, const char *right);
/* The bottom line of key hints: pairs of key and meaning, NULL-ended. */
void draw_hints(const char *const *pairs);

/* A page: lines of text wrapped by display columns once, then shown a
 * window at a time. What does not fit scrolls, with a visible "more" mark;
 * a tagged part (the highlighted choice, the cursor line) can be brought
 * into view. Zero-initialise; release with page_free. */
struct page_line {
	char *head;              /* drawn first (a marker, "1 (*) "), or NULL */
	char *text;              /* visible text, already cut to fit */
	int x;                   /* column of head (or text) */
	int text_x;              /* column of text */
	enum ui_style head_style, style;
	int tag;                 /* -1: none */
};
struct page {
	struct page_line *lines;
	size_t n, cap;
};
/* Adds s word-wrapped into width columns from column x; every line gets
 * tag. '\n' starts a new line. */
void page_add(struct page *p, int x, int width, enum ui_style style, const char *s,
	      int tag);
/* The same with head before the first line and the text's other lines
 * indented under the text (a hanging indent for options). */
void page_add_head(struct page *p, int x, int width, const char *head,
		   enum ui_style head_style, enum ui_style style, const char *s, int tag);
void page_blank(struct page *p);
/* A table row: title word-wrapped into title_w columns from column x, the
 * figures beside its first line; every line gets tag. When title_w is too
 * narrow to read (under 12 columns), the title takes the whole width and
 * the figures a line of their own. Nothing is cut. */
void page_add_row(struct page *p, int x, int title_w, const char *title,
		  enum ui_style title_style, const char *figures, enum ui_style style,
		  int tag);
/* Shows the page in rows top..top+height-1: *scroll is kept in range and,
 * when focus >= 0, moved so that every line tagged focus is in view (its
 * first line when it is taller than the window). "more" marks say what is
 * above and below. Returns the number of rows a page holds (for PgUp/PgDn). */
int page_show(const struct page *p, int top, int height, size_t *scroll, int focus);
/* Moves *scroll so that every line tagged tag is in a window of height
 * rows (its first line when it is taller). */
void page_reveal(const struct page *p, int height, size_t *scroll, int tag);
/* The first line tagged tag, or (size_t)-1. */
size_t page_find(const struct page *p, int tag);
void page_free(struct page *p);

#endif
