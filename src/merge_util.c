/* merge_util: text helpers shared by the summary and the writers. */
#include "merge.h"

#include <string.h>

#include "numfmt.h"
#include "text.h"
#include "util.h"

char *merge_visible(const char *s)
{
	return text_visible(s, false);
}

void merge_pad(struct strbuf *sb, const char *s, size_t width, bool right)
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

char *merge_pct(char *buf, bool has, double v)
{
	if (!has) {
		strcpy(buf, "-");
		return buf;
	}
	return num_format_fixed(buf, v, 1);
}
