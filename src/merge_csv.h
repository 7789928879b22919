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
/* --actions: every action of every merged result, a row each: department,
 * id, title, status, owner, due date, overdue, case number, the questions
 * and areas it addresses, description, comment, last change, and whether
 * the result is approved. */
bool merge_csv_actions(const struct merge_report *r, const struct merge_options *o,
		       struct diag *d);
bool merge_csv_questions(const struct merge_report *r,
			 const struct merge_options *o, struct diag *d);
/* Every row of every valid input, re-read file by file and streamed to a
 * temporary file that replaces path only when all is well. */
bool merge_csv_output(struct merge_set *set, const struct merge_options *o,
		      struct diag *d);

#endif
