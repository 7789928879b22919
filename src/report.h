/* report: a department's own report (enkat --report, and the summary's
 * key), made by the same code as enkat-merge's report for the board: the
 * department's result file, and last year's when there is one, are read
 * and checked as enkat-merge reads them (merge_input), every figure comes
 * from merge_report, and merge_html writes it. So the department sees
 * exactly what the central office will see of it. No curses here. */
#ifndef ENKAT_REPORT_H
#define ENKAT_REPORT_H

#include <stdbool.h>

#include "diag.h"

/* Writes the report of the result file result_path (a draft too: the
 * report says so), compared with prev_path (last year's result of the
 * department; NULL: none), to out_path: HTML, readable by its owner alone,
 * written atomically, in the language lang ("sv" or "en", which gettext
 * must speak too). survey_path (may be NULL) is the survey definition of
 * result_path: its rows are checked against it and the report shows its
 * texts in lang. False, with every problem in d (FILE:LINE: message),
 * when a file cannot be read or is invalid, or the report cannot be
 * written; then nothing is written. */
bool report_department_write(const char *survey_path, const char *result_path,
			     const char *prev_path, const char *lang,
			     const char *out_path, struct diag *d);

#endif
