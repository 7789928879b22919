/* merge: the model enkat-merge builds from many result files
 * (enkat-results(5)) and the contracts of its modules. Inputs are read one
 * file at a time and only what the figures need is kept: per survey
 * version its areas and questions, and per department the scores and one
 * small record per question. Memory grows with departments x questions,
 * never with rows or with the size of comments and texts. */
#ifndef ENKAT_MERGE_H
#define ENKAT_MERGE_H

#include <stdbool.h>
#include <sys/types.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "diag.h"
#include "result.h"
#include "score.h"
#include "util.h"

/* A question's choices are counted in a 64-bit set, like the engine's
 * multi answers (SURVEY_MAX_OPTIONS). */
#define MERGE_MAX_CHOICES 64

enum merge_exit { MERGE_OK = 0, MERGE_INVALID = 1, MERGE_USAGE = 2 };

enum merge_lang { LANG_SV, LANG_EN };

struct merge_options {
	const char *matrix, *questions, *output, *expect, *html;
	bool include_drafts, excel, skip_invalid, latest;
	enum merge_lang lang;
	bool color; /* shade the summary's cells (a terminal, no NO_COLOR) */
	int width;  /* terminal columns; 0 when not a terminal */
};

struct merge_choice {
	char *id;
	char *label;   /* answer_label as first seen; may be "" */
	double points; /* for single-choice questions, when has_points */
	bool has_points;
};

struct merge_question {
	char *id, *text;
	size_t area;        /* index into merge_version.areas */
	int level;          /* 0: none */
	bool has_max;       /* scored */
	double max_value, weight;
	char type[8];       /* as in the file; "" in a minimal file */
	long line;          /* its row in the version's defining file */
	struct merge_choice *choices;
	size_t n_choices;
	bool too_many;      /* more distinct answers than can be counted */
};

struct merge_area {
	char *id, *title;
	double weight;
	int target;         /* 0: none */
	long line;
};

/* One department's answer to one question, reduced to what the figures
 * need. state is an enum result_state. */
struct merge_answer {
	uint64_t chosen;    /* choice bits (merge_question.choices) */
	double value;       /* points, when has_value */
	unsigned char state;
	bool has_value;
};

enum merge_fate {
	FATE_MERGED,        /* counts in every figure */
	FATE_DRAFT,         /* a draft, left out (no --include-drafts) */
	FATE_REPLACED,      /* an older duplicate dropped by --latest */
	FATE_INVALID,       /* its file is invalid (skipped or fatal) */
};

/* One department's result for one survey version. */
struct merge_unit {
	char *department;
	size_t file;        /* index into merge_set.files */
	long line;          /* its first row in that file */
	bool final;
	time_t updated_at;
	enum merge_fate fate;
	struct score *areas;         /* n_areas of its version; NULL unless merged */
	struct score overall;
	struct merge_answer *answers; /* n_questions; NULL unless merged */
};

/* A survey version: survey_id + survey_version, with the one survey hash
 * every result in it was answered to. */
struct merge_version {
	char *survey_id;
	long version;
	char sha256[65];
	size_t file;        /* the file that defined it (its first result) */
	bool has_threshold;
	double threshold;
	int max_level;      /* highest level of any question; 0: none */
	struct merge_area *areas;
	size_t n_areas, cap_areas;
	struct merge_question *questions;
	size_t n_questions, cap_questions;
	struct merge_unit *units;
	size_t n_units, cap_units;
	size_t *slots;      /* open addressing: unit index + 1, by department */
	size_t n_slots;
	bool invalid;       /* another hash of the same version won */
};

struct merge_file {
	char *path;
	bool in_folder;     /* found in a folder: read only if still the
			     * file found (dev, ino), never through a link */
	dev_t dev;
	ino_t ino;
	bool invalid;
	size_t n_results;   /* results (assessments) read from it */
};

struct merge_set {
	struct merge_file *files;
	size_t n_files, cap_files;
	struct merge_version **versions; /* sorted by survey_id, version */
	size_t n_versions, cap_versions;
	struct diag problems;  /* errors: FILE:LINE: message */
	struct diag notes;     /* warnings and notices (drafts, --latest) */
	size_t refused;        /* of the problems: entries of a folder not
				* read (a link, a FIFO named *.csv), which
				* --skip-invalid leaves out like invalid files */
};

/* ---- merge_collect.c: finding, reading, checking and grouping inputs */

/* Adds FILE or every *.csv under DIR (recursively, sorted, hidden names
 * skipped) to the set; paths equal to one of the outputs (same inode) are
 * skipped so a second run never reads its own matrix. Problems (missing
 * path, empty folder) go to set->problems. */
void merge_collect_paths(struct merge_set *set, char **paths, size_t n,
			 const char *const *outputs, size_t n_outputs);
/* Reads every file one after another and merges it into the set; a file
 * may hold several results one after another (a merged --output). Every
 * problem goes to set->problems as FILE:LINE: message and marks its file
 * invalid. */
void merge_collect_read(struct merge_set *set, const struct merge_options *o);
/* After reading: settles conflicting survey hashes (the hash most results
 * share wins), marks the units of invalid files, and sorts the versions. */
void merge_collect_finish(struct merge_set *set);
/* Number of invalid files. */
size_t merge_collect_invalid(const struct merge_set *set);
/* Calls fn for every result table in the valid files, in the order read,
 * re-reading each file (for --output; nothing of it is kept in memory).
 * Returns false if a file could not be read again. */
bool merge_collect_replay(struct merge_set *set,
			  void (*fn)(const struct result_table *t, void *arg),
			  void *arg);
void merge_set_free(struct merge_set *set);
/* Units merged into v, in department order (caller frees the array). */
struct merge_unit **merge_units_sorted(const struct merge_version *v, size_t *n);

/* ---- merge_stats.c: city figures, question aggregates, change */

/* A score's shade from 0 (weakest) to 4, for the summary's and the
 * report's colours: by maturity level when the survey has levels, else by
 * percentage in steps of 20; -1 when there is no percentage. */
int merge_stats_shade(const struct merge_version *v, const struct score *s);

struct merge_city {        /* one area (or the overall) across departments */
	size_t n;              /* departments with a percentage */
	double mean, median, min, max;
	size_t at_level[10];   /* departments per level 0..9 */
	size_t at_target;      /* departments at or above the target */
	int min_level, median_level, max_level;
};

/* City figures of area a of v (a == v->n_areas: the overall). */
void merge_stats_city(const struct merge_version *v, size_t a,
		      struct merge_city *out);
/* All of them at once: n_areas + 1 entries, the overall last. Caller frees.
 * Each sorts the departments, so writers compute them once per version. */
struct merge_city *merge_stats_cities(const struct merge_version *v);

struct merge_qstat {
	const struct merge_question *q;
	size_t q_index;
	size_t departments;    /* merged departments */
	size_t answered, unanswered, na; /* na: not applicable or hidden */
	size_t scored;         /* applicable and scored: the mean's base */
	bool has_mean;
	double mean_points, mean_percent;
	bool has_below;        /* the survey has a threshold */
	size_t below;          /* scored and below the threshold */
	size_t choice_count[MERGE_MAX_CHOICES];
	bool has_change;       /* the previous version has this question */
	double change;         /* mean_percent minus the previous one's */
};

/* Question aggregates of v, weakest first (lowest mean share; unscored
 * last). prev (may be NULL) is the previous version of the same survey,
 * for the change. Caller frees. */
struct merge_qstat *merge_stats_questions(const struct merge_version *v,
					  const struct merge_version *prev,
					  size_t *n);
/* The order to show q's choices in, as indexes into q->choices (order
 * has room for MERGE_MAX_CHOICES); returns q->n_choices. */
size_t merge_stats_choice_order(const struct merge_question *q, size_t *order);
/* The previous version of v's survey among the set's versions, or NULL. */
const struct merge_version *merge_stats_previous(const struct merge_set *set,
						 const struct merge_version *v);
/* The unit of department dep in v that was merged, or NULL. */
const struct merge_unit *merge_stats_find(const struct merge_version *v,
					  const char *dep);
/* Index of area id in v, or (size_t)-1. */
size_t merge_stats_area(const struct merge_version *v, const char *id);
size_t merge_stats_question(const struct merge_version *v, const char *id);
/* Number of merged units in v. */
size_t merge_stats_merged(const struct merge_version *v);
/* The display level of a score: its level, or -1 when the survey has no
 * levels or the score has no percentage. */
int merge_stats_level(const struct merge_version *v, const struct score *s);

/* ---- merge_csv.c: the two CSV dialects and the files written */

/* One CSV table being built: RFC 4180 (',' and '.') or the Excel dialect
 * (';', decimal comma, BOM, CRLF as well). */
struct merge_csv {
	struct strbuf sb;
	bool excel;
	bool row_open;
};
void merge_csv_init(struct merge_csv *c, bool excel);
void merge_csv_text(struct merge_csv *c, const char *s);     /* neutralised */
void merge_csv_raw(struct merge_csv *c, const char *s);      /* ids, as is */
void merge_csv_num(struct merge_csv *c, double v, int decimals); /* -1: shortest */
void merge_csv_empty(struct merge_csv *c);
void merge_csv_end_row(struct merge_csv *c);
/* Writes the table atomically; false after adding the problem to d. */
bool merge_csv_write(struct merge_csv *c, const char *path, struct diag *d);

bool merge_csv_matrix(const struct merge_set *set, const struct merge_options *o,
		      struct diag *d);
bool merge_csv_questions(const struct merge_set *set,
			 const struct merge_options *o, struct diag *d);
/* Every row of every valid input, re-read file by file and streamed to a
 * temporary file that replaces path only when all is well. */
bool merge_csv_output(struct merge_set *set, const struct merge_options *o,
		      struct diag *d);

/* ---- merge_summary.c: the readable summary on standard output */

/* missing: the expected departments with no merged result (may be empty). */
void merge_summary_print(FILE *out, const struct merge_set *set,
			 const struct merge_options *o,
			 char **missing, size_t n_missing, const char *expect_name);

/* ---- merge_html.c: the report */

bool merge_html_write(const struct merge_set *set, const struct merge_options *o,
		      char **missing, size_t n_missing, const char *path,
		      struct diag *d);

/* ---- merge_util.c: small helpers shared by the writers */

/* text_visible() that keeps nothing but one line; caller frees. */
char *merge_visible(const char *s);
/* Pads or cuts s (display columns, not bytes) to exactly width columns. */
void merge_pad(struct strbuf *sb, const char *s, size_t width, bool right);
/* Percentage with one decimal in the C locale, or "-" when absent. */
char *merge_pct(char *buf, bool has, double v);
/* Whether a result is in the figures (merged). */
static inline bool merge_unit_merged(const struct merge_unit *u)
{
	return u->fate == FATE_MERGED;
}

#endif
