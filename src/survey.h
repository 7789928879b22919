/* survey: a questionnaire definition, loaded from an INI file (the format is
 * enkat-survey(5)). A loaded survey is immutable; everything in it is owned
 * by the struct survey and released by survey_free. */
#ifndef ENKAT_SURVEY_H
#define ENKAT_SURVEY_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

#define SURVEY_MAX_LANGS 8
#define SURVEY_MAX_LEVELS 9
#define SURVEY_MAX_OPTIONS 64 /* a multiple-choice answer is a 64-bit set */
#define SURVEY_ID_MAX 40
/* The largest number a survey may give, either way: 1e15 keeps every sum
 * and product enkat forms from them finite and printable without an
 * exponent. The result reader (result_read.c) refuses a weight or a
 * max_value above it, so no figure derived from a survey may exceed it
 * either (the points of a multiple choice add up). */
#define SURVEY_MAX_NUMBER 1e15
#define SURVEY_MAX_NUMBER_TEXT "1e15"
/* The smallest size of a number other than 0: a number answer earns
 * points x (answer - min) / (max - min), which must stay a normal double
 * (result files hold no subnormal) whatever the answer's decimals; and no
 * author means a weight of a millionth. */
#define SURVEY_MIN_NUMBER 1e-6
#define SURVEY_MIN_NUMBER_TEXT "0.000001"
/* Larger files are refused: a real survey is well under 1 MiB. */
#define SURVEY_MAX_BYTES (16u << 20)

/* A text in each of the survey's languages, by language index; NULL where
 * absent (optional texts). */
struct survey_text {
	char *lang[SURVEY_MAX_LANGS];
};

struct survey_option {
	char *id;
	struct survey_text label;
	struct survey_text description;
	double points;
};

struct survey_scale {
	char *id;
	struct survey_option *options;
	size_t n_options;
	long line;
};

/* What a question or an area of this version continues of an earlier one
 * (enkat-survey(5), Revisions): the key continues = OLDID ... of its
 * section. n_ids 0: no key, the question or area continues its own id
 * (if an earlier version had it). */
struct survey_continues {
	char **ids;          /* the earlier ids, in the key's order; owned */
	size_t n_ids;
	long version;        /* continues.version: the ids are those of this
			      * version and the mapping holds for results of it
			      * and earlier ones; 0: any earlier version */
	bool not_comparable; /* continues.comparable = no */
	long line;           /* of the continues key */
	long comparable_line; /* of continues.comparable; 0: not given */
	bool split;          /* one id, which other questions (areas) of this
			      * version continue too: a part of a split */
};

struct survey_level {
	struct survey_text title;
	struct survey_text description;
};

struct survey_area {
	char *id;
	struct survey_text title;
	struct survey_text description;
	double weight;
	int target;          /* 0: no target */
	size_t first_question; /* index into survey.questions */
	size_t n_questions;
	struct survey_continues continues;
	long line;
};

enum question_type {
	QTYPE_SCALE,
	QTYPE_YESNO,
	QTYPE_CHOICE,
	QTYPE_MULTI,
	QTYPE_NUMBER,
	QTYPE_TEXT,
};

struct condition; /* condition.h */

struct survey_question {
	char *id;
	size_t area;         /* index into survey.areas */
	enum question_type type;
	/* Choice options: the scale's, the built-in yes/partly/no, or the
	 * question's own. Not owned when shared (see owns_options). */
	const struct survey_option *options;
	size_t n_options;
	bool owns_options;
	struct survey_text text;
	struct survey_text guidance;
	bool required;
	bool allow_na;
	double weight;
	int level;           /* 0: none */
	struct condition *show_if; /* NULL: always shown */
	bool has_min, has_max;
	double min, max;
	int decimals;
	double points;       /* number/text: 0 = unscored */
	double max_points;   /* 0: the question is unscored */
	struct survey_continues continues;
	long line;
};

enum survey_scoring {
	SCORING_LEVELS,
	SCORING_PERCENT,
};

struct survey {
	char *path;
	char *id;
	long version;
	char langs[SURVEY_MAX_LANGS][4]; /* langs[0] is the default */
	size_t n_langs;
	struct survey_text title;
	struct survey_text description;
	enum survey_scoring scoring;
	double threshold;
	struct survey_level levels[SURVEY_MAX_LEVELS]; /* levels[0] is level 1 */
	int max_level;       /* 0 with scoring = percent */
	struct survey_scale *scales;
	size_t n_scales;
	struct survey_area *areas;
	size_t n_areas;
	/* In presentation order: area by area, file order within an area. */
	struct survey_question *questions;
	size_t n_questions;
	/* The survey's identity, lowercase hex: the SHA-256 of a canonical
	 * form of its parsed content (survey_identity). Two files with the
	 * same identity are the same definition, whatever their comments,
	 * blank lines, key order or line ends; result files record it as
	 * survey_sha256. */
	char sha256[65];
	char file_sha256[65]; /* of the file's bytes, lowercase hex */
	struct survey_option *yesno_options; /* shared by yesno questions */
};

/* Loads and validates the survey at path. Every problem found is added to d
 * as FILE:LINE: message. Returns NULL when there was any problem (the file
 * is never half-used); otherwise a survey to release with survey_free. */
struct survey *survey_load(const char *path, struct diag *d);
/* The same for a buffer already in memory; name is used in messages and as
 * survey.path. data need not be NUL-terminated. */
struct survey *survey_load_buffer(const char *name, const char *data, size_t len,
				  struct diag *d);
void survey_free(struct survey *s);
/* For the loader: frees what one question owns (not the struct itself). */
void survey_question_release(struct survey_question *q);

/* Writes the identity of s (see struct survey's sha256) to out as 64
 * lowercase hex digits and a NUL. What it covers is enkat-survey(5),
 * Identity: everything that is shown or scored, in presentation order,
 * and nothing of how the file is written. s is a loaded survey. */
void survey_identity(const struct survey *s, char out[65]);

/* Returns the index of lang (e.g. "en") among the survey's languages, or 0
 * (the default language) when the survey does not have it. */
size_t survey_lang_index(const struct survey *s, const char *lang);
/* The text in language index lang, falling back to the default language;
 * "" when absent in both. Never NULL. */
const char *survey_text_get(const struct survey_text *t, size_t lang);

/* Lookups by id; NULL / (size_t)-1 when there is none. */
const struct survey_question *survey_question_by_id(const struct survey *s,
						    const char *id);
size_t survey_question_index(const struct survey *s, const char *id);
size_t survey_option_index(const struct survey_question *q, const char *id);

/* The digit that stands for option i of q on screen and in --plain: the
 * option's own id when every id of q is a single digit (a maturity scale
 * 0-4 keeps its numbers), else its position 1-9; '\0' beyond 9. */
char question_option_key(const struct survey_question *q, size_t i);
/* The option whose key is c, or (size_t)-1. */
size_t question_option_by_key(const struct survey_question *q, char c);
/* The same as text, for every option: the digit id, or the position from
 * 1 ("1" ... "64": beyond 9 it is typed as a number). buf has
 * QUESTION_KEY_SIZE bytes; returns buf. */
#define QUESTION_KEY_SIZE 4
char *question_option_keytext(const struct survey_question *q, size_t i, char *buf);
/* The option whose key text is the len bytes at s, or (size_t)-1. */
size_t question_option_by_keytext(const struct survey_question *q, const char *s,
				  size_t len);

/* "scale", "yesno", ... and back; false for an unknown name. */
const char *question_type_name(enum question_type t);
bool question_type_parse(const char *name, enum question_type *out);
/* True when q is answered by choosing among options (not a typed number
 * or text). */
bool question_has_options(const struct survey_question *q);
/* True when answers to q earn points (max_points > 0). */
bool question_is_scored(const struct survey_question *q);

#endif
