#include "text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include <wchar.h>

#include "util.h"

size_t utf8_decode(const char *str, size_t len, unsigned *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned c, min;
	size_t n;

	if (len == 0) {
		*cp = 0xFFFD;
		return 1;
	}
	c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if (c >= 0xC2 && c <= 0xDF) {
		n = 2; c &= 0x1F; min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3; c &= 0x0F; min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4; c &= 0x07; min = 0x10000;
	} else {
		*cp = 0xFFFD;
		return 1;
	}
	if (len < n) {
		*cp = 0xFFFD;
		return 1;
	}
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*cp = 0xFFFD;
			return 1;
		}
		c = (c << 6) | (s[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
		*cp = 0xFFFD;
		return 1;
	}
	*cp = c;
	return n;
}

size_t utf8_invalid_at(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		unsigned cp;
		size_t n;
		uint64_t word;

		/* ASCII eight bytes at a time: most of a result file */
		if (len - i >= 8) {
			memcpy(&word, s + i, 8);
			if (!(word & 0x8080808080808080ull)) {
				i += 8;
				continue;
			}
		}
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		n = utf8_decode(s + i, len - i, &cp);
		if (cp == 0xFFFD && n == 1)
			return i;
		i += n;
	}
	return len;
}

int text_char_width(unsigned cp)
{
	int w = wcwidth((wchar_t)cp);
	return w < 0 ? 1 : w;
}

size_t text_width(const char *s)
{
	size_t len = strlen(s), w = 0;

	for (size_t i = 0; i < len;) {
		unsigned cp;
		i += utf8_decode(s + i, len - i, &cp);
		w += (size_t)text_char_width(cp);
	}
	return w;
}

size_t text_cut(const char *s, size_t width)
{
	size_t len = strlen(s), used = 0, i = 0;

	while (i < len) {
		unsigned cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		size_t w = (size_t)text_char_width(cp);

		if (used + w > width)
			break;
		used += w;
		i += n;
	}
	return i;
}

const char *text_wrap_line(const char *s, size_t width, size_t *line_bytes)
{
	size_t len = strlen(s), i = 0, used = 0, last_break = 0;
	bool have_break = false;

	if (width == 0)
		width = 1;
	while (i < len) {
		unsigned cp;
		size_t n, w;

		if (s[i] == '\n') {
			*line_bytes = i;
			while (*line_bytes > 0 && s[*line_bytes - 1] == ' ')
				(*line_bytes)--;
			return s + i + 1;
		}
		n = utf8_decode(s + i, len - i, &cp);
		w = (size_t)text_char_width(cp);
		if (s[i] == ' ') {
			last_break = i;
			have_break = true;
		}
		if (used + w > width && s[i] != ' ') {
			size_t end = have_break ? last_break : i;
			const char *next = s + (have_break ? last_break : i);

			if (end == 0 && !have_break) /* not even one character fits */
				end = n, next = s + n;
			*line_bytes = end;
			while (*line_bytes > 0 && s[*line_bytes - 1] == ' ')
				(*line_bytes)--;
			while (*next == ' ')
				next++;
			return *next ? next : NULL;
		}
		used += w;
		i += n;
	}
	*line_bytes = len;
	while (*line_bytes > 0 && s[*line_bytes - 1] == ' ')
		(*line_bytes)--;
	return NULL;
}

/* Latin letters with diacritics, folded the way a Swede would spell them in
 * ASCII (å -> a, not "aa"). */
static char fold_latin(unsigned cp)
{
	static const struct { unsigned lo, hi; char to; } map[] = {
		{0xC0, 0xC5, 'a'}, {0xC7, 0xC7, 'c'}, {0xC8, 0xCB, 'e'},
		{0xCC, 0xCF, 'i'}, {0xD0, 0xD0, 'd'}, {0xD1, 0xD1, 'n'},
		{0xD2, 0xD6, 'o'}, {0xD8, 0xD8, 'o'}, {0xD9, 0xDC, 'u'},
		{0xDD, 0xDD, 'y'}, {0xDF, 0xDF, 's'}, {0xE0, 0xE5, 'a'},
		{0xE7, 0xE7, 'c'}, {0xE8, 0xEB, 'e'}, {0xEC, 0xEF, 'i'},
		{0xF0, 0xF0, 'd'}, {0xF1, 0xF1, 'n'}, {0xF2, 0xF6, 'o'},
		{0xF8, 0xF8, 'o'}, {0xF9, 0xFC, 'u'}, {0xFD, 0xFD, 'y'},
		{0xFF, 0xFF, 'y'},
	};

	if (cp < 0x80) {
		if (cp >= 'A' && cp <= 'Z')
			return (char)(cp - 'A' + 'a');
		if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9') ||
		    cp == '_')
			return (char)cp;
		return 0;
	}
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (cp >= map[i].lo && cp <= map[i].hi)
			return map[i].to;
	return 0;
}

char *text_nfc(const char *s)
{
	/* utf8proc refuses invalid UTF-8 (NULL): then the text stays as it is */
	utf8proc_uint8_t *n = utf8proc_NFC((const utf8proc_uint8_t *)s);
	char *copy;

	if (!n)
		return xstrdup(s);
	copy = xstrdup((const char *)n);
	free(n);
	return copy;
}

bool text_is_nfc(const char *s)
{
	char *n = text_nfc(s);
	bool same = strcmp(n, s) == 0;

	free(n);
	return same;
}

bool text_is_ignorable(unsigned cp)
{
	return cp <= 0x10FFFF &&
		utf8proc_get_property((utf8proc_int32_t)cp)->ignorable;
}

/* A combining mark NFC left alone (no precomposed letter has it) */
static bool is_mark(unsigned cp)
{
	utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);

	return c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_MC ||
	       c == UTF8PROC_CATEGORY_ME;
}

char *text_slug(const char *str)
{
	struct strbuf sb = {0};
	char *s = text_nfc(str);
	size_t len = strlen(s);
	bool pending_dash = false;

	for (size_t i = 0; i < len;) {
		unsigned cp;
		char c;

		i += utf8_decode(s + i, len - i, &cp);
		/* invisible, or an accent on a letter folded already: nothing
		 * a reader sees as a separate character */
		if (cp >= 0x80 && (text_is_ignorable(cp) || is_mark(cp)))
			continue;
		c = fold_latin(cp);
		if (!c) {
			pending_dash = true;
			continue;
		}
		if (pending_dash && sb.len > 0)
			strbuf_putc(&sb, '-');
		pending_dash = false;
		strbuf_putc(&sb, c);
	}
	free(s);
	if (sb.len == 0)
		strbuf_putc(&sb, 'x');
	return strbuf_detach(&sb);
}

bool text_same_name(const char *a, const char *b)
{
	char *x = text_slug(a), *y = text_slug(b);
	bool same = strcmp(x, y) == 0;

	free(x);
	free(y);
	return same;
}

bool text_is_id(const char *s, size_t max)
{
	size_t n = 0;

	for (; s[n]; n++) {
		char c = s[n];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '_' || c == '-'))
			return false;
	}
	/* a leading '-' would make a spreadsheet read the id as a formula */
	return n > 0 && n <= max && s[0] != '-' && s[0] != '_';
}

char *text_visible(const char *s, bool keep_newlines)
{
	struct strbuf sb = {0};
	size_t len = strlen(s);

	strbuf_add(&sb, "", 0);
	for (size_t i = 0; i < len;) {
		unsigned cp;
		size_t n = utf8_decode(s + i, len - i, &cp);

		if (cp == 0xFFFD && n == 1 && (unsigned char)s[i] >= 0x80) {
			strbuf_printf(&sb, "\\x%02X", (unsigned char)s[i]);
		} else if (cp == '\n' && keep_newlines) {
			strbuf_putc(&sb, '\n');
		} else if (cp == '\r' && keep_newlines && s[i + 1] == '\n') {
			; /* the \n that follows is kept */
		} else if (cp == '\t') {
			strbuf_putc(&sb, ' ');
		} else if (cp < 0x20 || cp == 0x7F) {
			strbuf_putc(&sb, '^');
			strbuf_putc(&sb, (char)(cp ^ 0x40));
		} else if (cp >= 0x80 && cp < 0xA0) {
			strbuf_printf(&sb, "<U+%04X>", cp);
		} else {
			strbuf_add(&sb, s + i, n);
		}
		i += n;
	}
	return strbuf_detach(&sb);
}

char *text_to_utf8(const char *s)
{
	struct strbuf sb = {0};
	size_t len = strlen(s);

	strbuf_add(&sb, "", 0);
	for (size_t i = 0; i < len;) {
		unsigned cp;
		size_t n = utf8_decode(s + i, len - i, &cp);

		if (cp == 0xFFFD && n == 1 && (unsigned char)s[i] >= 0x80) {
			unsigned char c = (unsigned char)s[i];
			strbuf_putc(&sb, (char)(0xC0 | (c >> 6)));
			strbuf_putc(&sb, (char)(0x80 | (c & 0x3F)));
		} else {
			strbuf_add(&sb, s + i, n);
		}
		i += n;
	}
	return strbuf_detach(&sb);
}

char *text_visible_cut(const char *s, size_t width)
{
	char *v = text_visible(s, false);
	size_t n;

	if (text_width(v) <= width)
		return v;
	n = width > 0 ? text_cut(v, width - 1) : 0;
	v = xrealloc(v, n + sizeof "…");
	memcpy(v + n, "…", sizeof "…");
	return v;
}

void text_pad(struct strbuf *sb, const char *s, size_t width, bool right)
{
	size_t len = strlen(s), w = text_width(s), used = 0, i = 0;

	if (w > width) { /* cut at a character, and show that it was cut */
		while (i < len) {
			unsigned cp;
			size_t n = utf8_decode(s + i, len - i, &cp);
			size_t cw = (size_t)text_char_width(cp);
			if (used + cw + 1 > width)
				break;
			used += cw;
			i += n;
		}
		strbuf_add(sb, s, i);
		if (width > used) {
			strbuf_puts(sb, "\xE2\x80\xA6"); /* ... */
			used++;
		}
		for (; used < width; used++)
			strbuf_putc(sb, ' ');
		return;
	}
	if (!right)
		strbuf_add(sb, s, len);
	for (size_t k = w; k < width; k++)
		strbuf_putc(sb, ' ');
	if (right)
		strbuf_add(sb, s, len);
}
