/* merge_summary: the readable summary enkat-merge prints, formatted from
 * the report in the chosen language (gettext) within the line width. */
#ifndef ENKAT_MERGE_SUMMARY_H
#define ENKAT_MERGE_SUMMARY_H

#include <stddef.h>
#include <stdio.h>

#include "merge_model.h"
#include "merge_report.h"

/* The columns a line of the summary may take: $COLUMNS when set to a
 * number, else the terminal's width (o->width), else 80; at least 40. */
size_t merge_summary_width(const struct merge_options *o);
/* Prints the summary of r to f. */
void merge_summary_print(FILE *f, const struct merge_report *r,
			 const struct merge_options *o);

#endif
