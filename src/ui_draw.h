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
/* A bar of width columns filled to percent (0..100), readable without
 * colour: '#' filled, '.' empty. */
void draw_bar(int y, int x, int width, double percent);
/* The top bar: left and right texts on a full-width title line. */
void draw_title(const char *left, const char *right);
/* The bottom line of key hints: pairs of key and meaning, NULL-ended. */
void draw_hints(const char *const *pairs);

#endif
