/* text: UTF-8 helpers shared by the engine and the front ends. Widths are
 * display columns (wcwidth), never bytes; they need an LC_CTYPE with UTF-8,
 * which the programs set with setlocale() at start. */
#ifndef ENKAT_TEXT_H
#define ENKAT_TEXT_H

#include <stdbool.h>
#include <stddef.h>

struct strbuf;

/* Returns the byte offset of the first invalid UTF-8 sequence in s[0..len)
 * (overlongs, surrogates and code points above U+10FFFF are invalid), or len
 * when all of it is valid. */
size_t utf8_invalid_at(const char *s, size_t len);

/* Decodes the character at s (at most len bytes) into *cp and returns its
 * length in bytes (1..4). Invalid input yields U+FFFD and length 1. */
size_t utf8_decode(const char *s, size_t len, unsigned *cp);

/* Display columns of one code point: 0 for combining marks, 2 for wide
 * characters, and 1 for anything unprintable (it is shown as a replacement). */
int text_char_width(unsigned cp);
/* Display columns of a UTF-8 string. */
size_t text_width(const char *s);

/* The number of bytes of s that fit in width display columns, never
 * splitting a character. */
size_t text_cut(const char *s, size_t width);

/* Word wrap by display columns: the first line of s takes *line_bytes
 * bytes (trailing spaces left out) and fits in width columns; returns
 * where the next line starts (after the spaces or the '\n' that ended
 * this one), or NULL when s is used up. A word wider than a line is
 * broken between characters. */
const char *text_wrap_line(const char *s, size_t width, size_t *line_bytes);

/* Makes a safe file-name component from any UTF-8 text: lowercase ASCII
 * letters, digits, '_' and '-', with å, ä, ö, é, ü ... folded to a, a, o,
 * e, u, every other run of characters turned into one '-', and no leading or
 * trailing '-'. The text is first put in NFC, and default-ignorable
 * characters (a zero-width space, a soft hyphen) and combining marks left
 * over are dropped, so a name typed on a Mac (NFD), copied from a PDF or
 * typed on Windows (NFC) gives one slug. Never returns "" (an all-symbol
 * name gives "x"), never contains '/', "..", or control characters.
 * Caller frees.
 *
 * The slug is what "the same department" means in enkat and enkat-merge:
 * enkat names a department's file by it, and enkat-merge joins results
 * whose department names have one slug (text_same_name). */
char *text_slug(const char *s);
/* Whether a and b name the same thing: the same text_slug. */
bool text_same_name(const char *a, const char *b);

/* The Unicode NFC (canonical composition) of s: "o" + U+0308 becomes "ö".
 * Invalid UTF-8 is copied as it is. Caller frees. */
char *text_nfc(const char *s);
/* Whether s is already in NFC. */
bool text_is_nfc(const char *s);
/* Whether the code point is default-ignorable (U+200B ZERO WIDTH SPACE,
 * U+00AD SOFT HYPHEN, U+FEFF ...): invisible when shown. */
bool text_is_ignorable(unsigned cp);

/* Makes text from a file safe to show on a terminal: control characters
 * (C0, DEL and C1, so ESC and CSI too) become visible caret or <U+XXXX>
 * notation and invalid UTF-8 bytes become \xNN, so no escape sequence can
 * reach the terminal. With keep_newlines, '\n' stays (and "\r\n" becomes
 * '\n'); otherwise it becomes "^J". Tabs become one space. Caller frees. */
char *text_visible(const char *s, bool keep_newlines);

/* text_visible(s, false) cut to width display columns, ending in "…"
 * when it was cut (width >= 1). Caller frees. */
char *text_visible_cut(const char *s, size_t width);

/* True when s is a non-empty identifier of at most max bytes from
 * A-Z a-z 0-9 '_' '-', starting with a letter or digit. */
bool text_is_id(const char *s, size_t max);

/* A copy of s that is valid UTF-8: valid sequences are kept and every other
 * byte is read as Latin-1, what an old terminal or editor sends (so a
 * Latin-1 "é" becomes "é"). Text typed by people goes through this before
 * it is kept, since a result file must be UTF-8 to be read back. Caller
 * frees. */
char *text_to_utf8(const char *s);

/* Appends s to sb padded with spaces (on the left when right) or cut to
 * exactly width display columns; a cut ends in "…". */
void text_pad(struct strbuf *sb, const char *s, size_t width, bool right);

#endif
