/* merge_model: the model enkat-merge builds from many result files
 * (enkat-results(5)): the survey versions, their areas and questions, and
 * per department its scores and one small record per question; lookups
 * and iteration in a fixed order. The model is filled by merge_input and
 * read by merge_report; the writers read only the report. Inputs are read one
 * file at a time and only what the figures need is kept: per survey
 * version its areas and questions, and per department the scores and one
 * small record per question. Memory grows with departments x questions,
 * never with rows or with the size of comments and texts. */
#ifndef ENKAT_MERGE_MODEL_H
#define ENKAT_MERGE_MODEL_H

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
	const char *xlsx;  /* --xlsx FILE */
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

/* ---- lookups */

/* The unit of department dep in v that was merged, or NULL. */
const struct merge_unit *merge_model_find(const struct merge_version *v,
					  const char *dep);
/* Index of area (question) id in v, or (size_t)-1. */
size_t merge_model_area(const struct merge_version *v, const char *id);
size_t merge_model_question(const struct merge_version *v, const char *id);
/* Number of merged units in v. */
size_t merge_model_merged(const struct merge_version *v);
/* The previous version of v's survey among the set's versions that has a
 * merged result, or NULL. */
const struct merge_version *merge_model_previous(const struct merge_set *set,
						 const struct merge_version *v);
/* Units merged into v, in department order (caller frees the array). */
struct merge_unit **merge_model_units_sorted(const struct merge_version *v, size_t *n);
/* Whether a result is in the figures (merged). */
static inline bool merge_unit_merged(const struct merge_unit *u)
{
	return u->fate == FATE_MERGED;
}

/* ---- building (merge_input) */

/* The slot of department dep in v's table: holds 0 when it is absent,
 * else the unit's index + 1. v->n_slots must be non-zero. */
size_t *merge_model_slot(struct merge_version *v, const char *dep);
/* Doubles v's department table (and makes the first one). */
void merge_model_slots_grow(struct merge_version *v);
void merge_model_version_free(struct merge_version *v);
void merge_set_free(struct merge_set *set);

#endif
