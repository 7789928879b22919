/* csvfmt: the one CSV writer of enkat and enkat-merge, and the one rule for
 * a byte-order mark. Two dialects: RFC 4180 with '.' decimals (the result
 * file's own, enkat-results(5)), and what a Swedish Excel opens by
 * double-click: ';' between fields, decimal comma, UTF-8 with a BOM. Both
 * end records with CRLF, quote a field that holds either separator, a
 * quote or a line break, or begins or ends with a space, and neutralise
 * formula-like free text (result_needs_quote_prefix) so that the engine's
 * reader undoes it exactly. Reading is result_read's (libcsv). */
#ifndef ENKAT_CSVFMT_H
#define ENKAT_CSVFMT_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

enum csv_dialect { CSV_RFC4180, CSV_EXCEL_SV };

/* A table being written into sb (not owned; the caller empties or frees
 * it as it likes, e.g. after writing out a part). */
struct csvfmt {
	struct strbuf *sb;
	enum csv_dialect dialect;
	bool row_open;
};

/* Starts writing into sb; the Excel dialect begins with a BOM. */
void csvfmt_begin(struct csvfmt *c, struct strbuf *sb, enum csv_dialect dialect);
/* A field of free text: neutralised, quoted as needed. */
void csvfmt_text(struct csvfmt *c, const char *s);
/* A field as it is (ids, column names), quoted as needed. */
void csvfmt_raw(struct csvfmt *c, const char *s);
/* A number as a file holds it ("12.5"): in the dialect's decimal
 * separator, every digit kept. */
void csvfmt_number_text(struct csvfmt *c, const char *s);
/* A number with decimals (-1: the shortest exact form). */
void csvfmt_num(struct csvfmt *c, double v, int decimals);
void csvfmt_empty(struct csvfmt *c);
void csvfmt_end_row(struct csvfmt *c);

/* The length of a UTF-8 byte-order mark at the start of data (3), or 0:
 * the one rule for every reader of text files (surveys, results, lists). */
size_t csvfmt_bom_len(const char *data, size_t len);

#endif
