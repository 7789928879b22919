/* merge_summary: the readable summary enkat-merge prints. */
#ifndef ENKAT_MERGE_SUMMARY_H
#define ENKAT_MERGE_SUMMARY_H

#include <stdio.h>

#include "merge_model.h"


/* missing: the expected departments with no merged result (may be empty). */
void merge_summary_print(FILE *out, const struct merge_set *set,
			 const struct merge_options *o,
			 char **missing, size_t n_missing, const char *expect_name);

#endif
