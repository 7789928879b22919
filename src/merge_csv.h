/* merge_csv: the CSV files enkat-merge writes (--matrix, --questions,
 * --output), in either dialect. */
#ifndef ENKAT_MERGE_CSV_H
#define ENKAT_MERGE_CSV_H

#include <stdbool.h>

#include "diag.h"
#include "merge_model.h"
#include "merge_report.h"
#include "util.h"


bool merge_csv_matrix(const struct merge_report *r, const struct merge_options *o,
		      struct diag *d);
bool merge_csv_questions(const struct merge_report *r,
			 const struct merge_options *o, struct diag *d);
/* Every row of every valid input, re-read file by file and streamed to a
 * temporary file that replaces path only when all is well. */
bool merge_csv_output(struct merge_set *set, const struct merge_options *o,
		      struct diag *d);

#endif
