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

#include "actions.h"
#include "approval.h"
#include "diag.h"
#include "result.h"
#include "score.h"
#include "survey.h"
#include "util.h"

/* A question's choices are counted in a 64-bit set, like the engine's
 * multi answers (SURVEY_MAX_OPTIONS). */
#define MERGE_MAX_CHOICES 64
/* An updated_at later than the merge's own time by more than this is
 * refused: a clock a few minutes fast is not a forged date. */
#define MERGE_CLOCK_SKEW (5 * 60)

enum merge_exit { MERGE_OK = 0, MERGE_INVALID = 1, MERGE_USAGE = 2 };

enum merge_lang { LANG_SV, LANG_EN };

struct merge_options {
	const char *matrix, *questions, *output, *expect, *html;
	const char *marking;  /* --marking: on every printed page, or NULL */
	const char *actions;  /* --actions FILE: every action, or NULL */
	const char *xlsx;  /* --xlsx FILE */
	/* --with-comments: the HTML report's appendix of every department's
	 * comments and free-text answers per question */
	bool with_comments;
	bool include_drafts, excel, skip_invalid, latest;
	bool per_department; /* the trend charts: one line per department */
	const char *city_plan; /* --city-plan FILE: the city-wide actions */
	enum merge_lang lang;
	bool color; /* shade the summary's cells (a terminal, no NO_COLOR) */
	int width;  /* terminal columns; 0 when not a terminal */
	/* --survey FILE.ini, repeated: the definitions every row is checked
	 * against, and whose texts the outputs show in the output's language */
	const char **surveys;
	size_t n_surveys;
	/* the merge's own time (merge.c: $ENKAT_NOW for the tests, else the
	 * clock); 0: the clock at reading */
	time_t now;
};

struct merge_choice {
	char *id;
	char *label;   /* answer_label as first seen, or the survey's label in
			* the output's language (--survey); may be "" */
	double points; /* for single-choice questions, when has_points: the
			* points every merged result agrees on (merge_input
			* refuses a result that gives others) */
	bool has_points;
	size_t file;   /* where the label was first seen: merge_set.files */
	long line;
	size_t agree;  /* (merge_input) rows with that label */
};

struct merge_question {
	char *id, *text;    /* text: as in the version's files, or the
			     * survey's in the output's language (--survey) */
	size_t area;        /* index into merge_version.areas */
	int level;          /* 0: none */
	bool has_max;       /* scored */
	double max_value, weight;
	char type[8];       /* as in the file; "" in a minimal file */
	long line;          /* its row in the version's defining file */
	struct merge_choice *choices;
	size_t n_choices;
	bool too_many;      /* more distinct answers than can be counted */
	bool required;      /* known only from --survey (result files do not
			     * say): see merge_version.survey */
};

struct merge_area {
	char *id, *title;   /* title: as in the files, or the survey's in the
			     * output's language (--survey) */
	double weight;
	int target;         /* 0: none */
	long line;
};

/* One department's answer to one question, reduced to what the figures
 * need. state is an enum result_state. */
struct merge_answer {
	uint64_t chosen;    /* choice bits (merge_question.choices) */
	double value;       /* points, when has_value */
	long line;          /* its row in the unit's file */
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
	char *department;   /* the department's name as the merge shows it:
			     * of the spellings of one department (one
			     * text_slug) the NFC spelling most results have;
			     * merge_set.names tells which were joined */
	char *key;          /* text_slug(department): the department */
	size_t file;        /* index into merge_set.files */
	long line;          /* its first row in that file */
	bool final;
	time_t updated_at;
	enum merge_fate fate;
	struct score *areas;         /* n_areas of its version; NULL unless merged */
	struct score overall;
	struct merge_answer *answers; /* n_questions; NULL unless merged */
	/* a final result with required questions unanswered (written by an
	 * older enkat --plain): known with --survey only; it stays in the
	 * figures, the summary names it and it does not count as complete */
	bool incomplete_final;
	size_t open_required; /* how many required questions are open */
	/* the yearly loop (enkat-results(5)): the department's action plan,
	 * its management's approval and the history, as the file holds
	 * them, and whether the seal still matches; empty unless merged */
	struct action_list actions;
	struct approval approval;
	struct history history;
	enum approval_state approval_state;
};

/* (merge_input) A text of a version that some results have otherwise than
 * the version's first: the text most results have wins when reading
 * ends, and every result with another is an error (merge_check.c). */
enum merge_text_kind { MERGE_TEXT_AREA, MERGE_TEXT_QUESTION, MERGE_TEXT_LABEL };

struct merge_text_variant {
	enum merge_text_kind kind;
	size_t index;       /* the area or question */
	size_t choice;      /* a label: the choice */
	char *text;
	size_t count;       /* results with it */
	size_t file;        /* the first of them */
	long line;
};

struct merge_text_dev {     /* one result's text that is a variant */
	size_t variant, unit, file;
	long line;
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
	/* hash indexes: area / question index + 1, by id (open addressing) */
	size_t *area_slots, n_area_slots;
	size_t *question_slots, n_question_slots;
	/* the definition given with --survey (owned by merge_set.surveys), or
	 * NULL: then texts are the files' and "required" is not known */
	const struct survey *survey;
	size_t *survey_index; /* with survey: per question, its index in
			       * survey->questions, or (size_t)-1 */
	/* (merge_input) texts other than the first file's, and where */
	struct merge_text_variant *variants;
	size_t n_variants, cap_variants;
	struct merge_text_dev *devs;
	size_t n_devs, cap_devs, n_devs_kept;
};

struct merge_file {
	char *path;
	bool in_folder;     /* found in a folder: read only if still the
			     * file found (dev, ino), never through a link */
	dev_t dev;
	ino_t ino;
	off_t size;         /* as found */
	bool invalid;
	size_t n_results;   /* results (assessments) read from it */
	char sha256[65];    /* of its bytes, once read ("" before) */
	/* the same bytes as an earlier file (a copy from a mail and from a
	 * share): its index, read once and named in a note; else (size_t)-1 */
	size_t same_as;
	bool merged_output; /* an enkat-merge --output: many results */
	/* the departments (merge_unit.key, distinct, in order read) its
	 * results are for; the summary names them when there are several */
	char **departments;
	size_t n_departments;
};

/* One department and the spellings of its name that were joined (one
 * text_slug). */
struct merge_spelling {
	char *text;         /* as in the file (may be NFD, hold a U+200B...) */
	size_t count;       /* results with it */
	size_t file;        /* the first one read: merge_set.files */
	long line;
};

struct merge_name {
	char *key;          /* text_slug */
	char *shown;        /* the name shown (merge_unit.department); set
			     * by merge_input_finish */
	struct merge_spelling *spellings;
	size_t n_spellings, cap_spellings;
	size_t last_file;   /* (merge_input) the last file that named it, + 1 */
};

/* --city-plan FILE: the central office's own action plan (Swedish:
 * stadsgemensamma åtgärder), kept with the same tools as a department's:
 * enkat writes it into a result file of its own, whose actions address
 * areas and questions for the whole organisation. Only its actions are
 * read; its answers are not merged. */
struct merge_plan {
	char *path;
	char *department;  /* who keeps it (the file's department) */
	char *survey_id;
	long version;
	struct action_list actions;
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
	struct merge_name *names; /* every department read, by key */
	size_t n_names, cap_names;
	size_t *name_slots, n_name_slots;
	struct survey **surveys;  /* --survey, loaded */
	size_t n_surveys;
	enum merge_lang lang;     /* of the survey's texts in the model */
	struct merge_plan *plan;  /* --city-plan, or NULL */
};

/* ---- lookups */

/* The unit of department dep in v that was merged, or NULL. dep is any
 * spelling of the department (one text_slug: case, spaces, NFC/NFD,
 * zero-width characters aside). */
const struct merge_unit *merge_model_find(const struct merge_version *v,
					  const char *dep);
/* Index of area (question) id in v, or (size_t)-1: by hash. */
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
/* The name entry of department dep (any spelling), or NULL. */
const struct merge_name *merge_model_name(const struct merge_set *set,
					  const char *dep);
/* The k-th department (k < files[file].n_departments) file holds results
 * for, as shown (merge_unit.department). Points into the set. More than one: the
 * summary names them (a file that speaks for another department). */
const char *merge_model_file_department(const struct merge_set *set, size_t file,
					size_t k);
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
/* Adds an area / a question (its id set) to the hash index of v; call
 * after appending it to v->areas / v->questions. */
void merge_model_index_area(struct merge_version *v, size_t a);
void merge_model_index_question(struct merge_version *v, size_t q);
/* The name entry of key (a text_slug), made when absent. */
struct merge_name *merge_model_name_add(struct merge_set *set, const char *key);
void merge_model_version_free(struct merge_version *v);
void merge_set_free(struct merge_set *set);

#endif
