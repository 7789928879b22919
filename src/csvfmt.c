/* csvfmt: the one CSV writer. */
#include "csvfmt.h"

#include <string.h>

#include "numfmt.h"
#include "result.h"

void csvfmt_begin(struct csvfmt *c, struct strbuf *sb, enum csv_dialect dialect)
{
	c->sb = sb;
	c->dialect = dialect;
	c->row_open = false;
	if (dialect == CSV_EXCEL_SV)
		strbuf_puts(sb, "\xEF\xBB\xBF");
}

static void field_start(struct csvfmt *c)
{
	if (c->row_open)
		strbuf_putc(c->sb, c->dialect == CSV_EXCEL_SV ? ';' : ',');
	c->row_open = true;
}

/* Quoted when the field holds a separator of either dialect, a quote or a
 * line break, or begins or ends with a space (which a spreadsheet would
 * drop): one rule, so a file read back is byte for byte what was read. */
static void put_quoted(struct strbuf *sb, const char *prefix, const char *s)
{
	size_t len = strlen(s);
	bool quote = len > 0 && (s[0] == ' ' || s[len - 1] == ' ');

	if (!quote)
		quote = strpbrk(s, ",;\"\r\n") != NULL;
	if (!quote) {
		strbuf_puts(sb, prefix);
		strbuf_add(sb, s, len);
		return;
	}
	strbuf_putc(sb, '"');
	strbuf_puts(sb, prefix);
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			strbuf_putc(sb, '"');
		strbuf_putc(sb, *p);
	}
	strbuf_putc(sb, '"');
}

void csvfmt_text(struct csvfmt *c, const char *s)
{
	field_start(c);
	put_quoted(c->sb, result_needs_quote_prefix(s) ? "'" : "", s);
}

void csvfmt_raw(struct csvfmt *c, const char *s)
{
	field_start(c);
	put_quoted(c->sb, "", s);
}

void csvfmt_number_text(struct csvfmt *c, const char *s)
{
	char sep = c->dialect == CSV_EXCEL_SV ? ',' : '.';

	field_start(c);
	for (; *s; s++)
		strbuf_putc(c->sb, *s == ',' || *s == '.' ? sep : *s);
}

void csvfmt_num(struct csvfmt *c, double v, int decimals)
{
	char buf[NUMFMT_SIZE];

	if (decimals < 0)
		num_format(buf, v);
	else
		num_format_fixed(buf, v, decimals);
	csvfmt_number_text(c, buf);
}

void csvfmt_empty(struct csvfmt *c)
{
	field_start(c);
}

void csvfmt_end_row(struct csvfmt *c)
{
	strbuf_puts(c->sb, "\r\n");
	c->row_open = false;
}

size_t csvfmt_bom_len(const char *data, size_t len)
{
	return len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}
