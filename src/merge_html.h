/* merge_html: the self-contained HTML report (prints on A4). */
#ifndef ENKAT_MERGE_HTML_H
#define ENKAT_MERGE_HTML_H

#include <stdbool.h>

#include "diag.h"
#include "merge_model.h"
#include "merge_report.h"


/* Writes the report of r to path (0600, atomically): the latest version of
 * each survey in full, compared with its previous version. False, with
 * the problem in d, when it could not be written. */
bool merge_html_write(const struct merge_report *r, const struct merge_options *o,
		      const char *path, struct diag *d);

#endif
