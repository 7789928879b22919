/* merge_html: the self-contained HTML report (prints on A4). */
#ifndef ENKAT_MERGE_HTML_H
#define ENKAT_MERGE_HTML_H

#include <stdbool.h>

#include "diag.h"
#include "merge_model.h"


bool merge_html_write(const struct merge_set *set, const struct merge_options *o,
		      char **missing, size_t n_missing, const char *path,
		      struct diag *d);

#endif
