/* merge_xlsx: the workbook enkat-merge writes (--xlsx FILE), with
 * libxlsxwriter: an overview with a chart of the city per area, one sheet
 * per survey version (departments x areas: percentage, level, target,
 * gap, completeness, and the city's figures), the questions weakest first,
 * the distribution of their answers, the change between versions, the
 * comments and free-text answers, and the number questions' totals. It
 * only formats the report (merge_report.h): numbers are number cells,
 * percentages fractions with a percent format (so a Swedish Excel shows
 * decimal commas), and every text from a file is a string cell, never a
 * formula. */
#ifndef ENKAT_MERGE_XLSX_H
#define ENKAT_MERGE_XLSX_H

#include <stdbool.h>

#include "diag.h"
#include "merge_model.h"
#include "merge_report.h"

/* Writes the workbook of r to path: built in a private temporary folder
 * beside path, readable by its owner only (0600), then renamed over path
 * (a link there is replaced, never followed). set is re-read for the
 * comments, texts and numbers (merge_report_details). On failure nothing
 * is left behind, path is untouched, and "PATH: message" is added to d. */
bool merge_xlsx_write(const struct merge_report *r, struct merge_set *set,
		      const char *path, struct diag *d);

#endif
