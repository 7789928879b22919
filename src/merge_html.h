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
/* A report of one department's files alone (r->department) is that
 * department's own report: its areas against target and last year, its
 * action plan, its comments (from dt; NULL: none shown) and its approval. */
bool merge_html_write(const struct merge_report *r, const struct merge_details *dt,
		      const struct merge_options *o, const char *path, struct diag *d);

#endif
