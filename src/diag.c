#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "util.h"

void diag_add(struct diag *d, const char *file, long line, const char *fmt, ...)
{
	struct diag_entry *e;
	struct strbuf sb = {0};
	char tmp[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	if (n >= (int)sizeof tmp) {
		char *big = xmalloc((size_t)n + 1);
		va_start(ap, fmt);
		vsnprintf(big, (size_t)n + 1, fmt, ap);
		va_end(ap);
		strbuf_puts(&sb, big);
		free(big);
	} else if (n > 0) {
		strbuf_puts(&sb, tmp);
	}
	d->entries = xgrow(d->entries, &d->cap, d->count + 1, sizeof *d->entries);
	e = &d->entries[d->count++];
	e->file = xstrdup(file ? file : "-");
	e->line = line;
	e->message = strbuf_detach(&sb);
}

void diag_sort_lines(struct diag *d, size_t from)
{
	/* insertion sort: stable, and a file's list of problems is short */
	for (size_t i = from + 1; i < d->count; i++) {
		struct diag_entry e = d->entries[i];
		size_t j = i;
		while (j > from && d->entries[j - 1].line > e.line) {
			d->entries[j] = d->entries[j - 1];
			j--;
		}
		d->entries[j] = e;
	}
}

char *diag_format(const struct diag *d, size_t i)
{
	const struct diag_entry *e = &d->entries[i];

	if (e->line > 0)
		return xasprintf("%s:%ld: %s", e->file, e->line, e->message);
	return xasprintf("%s: %s", e->file, e->message);
}

void diag_print(const struct diag *d, FILE *out)
{
	for (size_t i = 0; i < d->count; i++) {
		/* messages quote the files: an ESC in a key must not reach a tty */
		char *s = diag_format(d, i), *v = text_visible(s, false);
		fprintf(out, "%s\n", v);
		free(v);
		free(s);
	}
}

void diag_clear(struct diag *d)
{
	for (size_t i = 0; i < d->count; i++) {
		free(d->entries[i].file);
		free(d->entries[i].message);
	}
	d->count = 0;
}

void diag_free(struct diag *d)
{
	diag_clear(d);
	free(d->entries);
	d->entries = NULL;
	d->cap = 0;
}
