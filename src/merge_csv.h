/* merge_csv: the CSV files enkat-merge writes (--matrix, --questions,
 * --output), in either dialect. */
#ifndef ENKAT_MERGE_CSV_H
#define ENKAT_MERGE_CSV_H

#include <stdbool.h>

#include "diag.h"
#include "merge_model.h"
#include "merge_report.h"
#include "util.h"


/* One CSV table being built: RFC 4180 (',' and '.') or the Excel dialect
 * (';', decimal comma, BOM, CRLF as well). */
struct merge_csv {
	struct strbuf sb;
	bool excel;
	bool row_open;
};
void merge_csv_init(struct merge_csv *c, bool excel);
void merge_csv_text(struct merge_csv *c, const char *s);     /* neutralised */
void merge_csv_raw(struct merge_csv *c, const char *s);      /* ids, as is */
void merge_csv_num(struct merge_csv *c, double v, int decimals); /* -1: shortest */
void merge_csv_empty(struct merge_csv *c);
void merge_csv_end_row(struct merge_csv *c);
/* Writes the table atomically; false after adding the problem to d. */
bool merge_csv_write(struct merge_csv *c, const char *path, struct diag *d);

bool merge_csv_matrix(const struct merge_report *r, const struct merge_options *o,
		      struct diag *d);
bool merge_csv_questions(const struct merge_report *r,
			 const struct merge_options *o, struct diag *d);
/* Every row of every valid input, re-read file by file and streamed to a
 * temporary file that replaces path only when all is well. */
bool merge_csv_output(struct merge_set *set, const struct merge_options *o,
		      struct diag *d);

#endif
