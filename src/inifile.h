/* inifile: an INI document parsed by libinih, with the line number of every
 * section and key, which inih's handler does not give. Only the syntax lives
 * here; what the keys mean is survey_load's business. */
#ifndef ENKAT_INIFILE_H
#define ENKAT_INIFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

struct ini_key {
	char *name;
	char *value;  /* continuation lines joined with one space */
	long line;
	bool used;    /* set by the interpreter; unused keys are unknown keys */
};

struct ini_section {
	char *name;
	long line;
	struct ini_key *keys;
	size_t n_keys, cap_keys;
};

struct ini_doc {
	struct ini_section *sections; /* in file order; duplicates are kept */
	size_t n_sections, cap_sections;
	size_t n_lines;
};

/* Parses data[0..len) (a UTF-8 BOM is skipped, CRLF accepted). Syntax errors
 * are added to d as name:LINE: message; the document holds what could be
 * parsed. Keys before any section go to a section named "". The caller
 * frees the result with ini_doc_free. Not thread-safe: inih's line-buffer
 * settings are process globals. */
struct ini_doc *ini_doc_parse(const char *name, const char *data, size_t len,
			      struct diag *d);
void ini_doc_free(struct ini_doc *doc);

/* The first key with that name, marked used; NULL when absent. */
struct ini_key *ini_take(struct ini_section *sec, const char *name);

#endif
