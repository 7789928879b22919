/* merge_input_internal: what the modules of enkat-merge's input side share
 * (merge_input.c reads and merges; merge_input_file.c streams a file and
 * splits a merged --output; merge_check.c checks results against each
 * other; merge_check_survey.c against --survey; merge_names.c joins the
 * spellings of one department). Not for the report or the writers. */
#ifndef ENKAT_MERGE_INPUT_INTERNAL_H
#define ENKAT_MERGE_INPUT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "merge_model.h"
#include "result.h"

/* One result, the most a result file (or one result of a merged --output)
 * may hold: as the engine's reader for enkat's own files. */
#define MERGE_MAX_RESULT_BYTES ((size_t)64 << 20)
/* Files larger than this are streamed by the merging thread itself, one
 * result at a time, rather than held whole by a reading thread: memory
 * stays bounded whatever the size of a merged --output. */
#define MERGE_STREAM_BYTES ((off_t)8 << 20)

/* ---- merge_input_file.c */

/* What reading a file found beside its results. */
struct merge_read_info {
	char sha256[65];    /* of its bytes ("" when not read to the end) */
	bool merged_output; /* its header came again: an --output */
};

/* Streams file f and calls fn for each result in it, checked by the
 * engine's reader (problems to d as FILE:LINE: message, the lines those of
 * the file). A file is split into several results only when it is an
 * enkat-merge --output, that is, when its header line comes again before
 * each result (or, for an --output written before that rule, when its
 * pieces cut where survey_id..updated_at change each name another result
 * and those of one survey version have one number of rows);
 * otherwise the reader's own messages for the whole file are reported.
 * A NUL byte, a result larger than MERGE_MAX_RESULT_BYTES, a file that is
 * not a regular file (or, found in a folder, is no longer the file found)
 * stop the reading with a message. Returns the number of valid results;
 * *bad when anything was not. */
size_t merge_input_file_read(const struct merge_file *f, struct diag *d, bool *bad,
			     struct merge_read_info *info,
			     void (*fn)(struct result_table *t, void *arg), void *arg);
/* The SHA-256 of f's bytes, into sha (65 bytes), or "" when f holds a NUL
 * byte (not a result file: merge_input_file_read reports it); false with a
 * message in d when it cannot be read. */
bool merge_input_file_hash(const struct merge_file *f, char sha[65], struct diag *d);

/* ---- merge_check.c */

/* A result against its version (the same questions, areas, levels,
 * points, weights, threshold): errors to set->problems, false when there
 * was any. Its texts (area titles, question texts) that differ from the
 * version's first file's are noted as pending variants. */
bool merge_check_version(struct merge_set *set, struct merge_version *v,
			 const struct result_table *t, size_t file);
/* Every answer to a scale, yes/no, choice or multi question is an option
 * id (an id as enkat-survey(5) has them, never "=10*10"); option labels
 * that differ from those seen first are noted as pending variants. */
bool merge_check_answers(struct merge_set *set, struct merge_version *v,
			 const struct result_table *t, size_t file);
/* The pending variants of the result just checked belong to unit ui of v
 * (commit), or are forgotten (discard: the result was not taken). */
void merge_check_commit(struct merge_version *v, size_t ui);
void merge_check_discard(struct merge_version *v);
/* After reading: the texts of each version are those most of its results
 * have; every result with another is an error naming it and a place of
 * the winning text, and its file is invalid. */
void merge_check_texts(struct merge_set *set);
/* After reading: within one version, one answer earns the same points in
 * every merged result (the majority's; the others are errors naming
 * both places, and their files invalid). */
void merge_check_points(struct merge_set *set);

/* ---- merge_check_survey.c */

/* Loads every --survey (problems to set->problems); false when any could
 * not be loaded or two define one survey version. */
bool merge_survey_load(struct merge_set *set, const struct merge_options *o);
/* The --survey of survey id, version, or NULL. */
const struct survey *merge_survey_find(const struct merge_set *set, const char *id,
				       long version);
/* Attaches s to v (the version it defines): maps v's questions to s's. */
void merge_survey_attach(struct merge_version *v, const struct survey *s);
/* Checks result t of v (v->survey set) against its definition: the
 * identity, a row for every question of the survey, and every row as enkat would write it from the survey and
 * these answers (options, points, decimals, skip logic, texts). Counts the
 * required questions a final result leaves open into *open_required, the
 * first one's line into *open_line. False with errors in set->problems. */
bool merge_survey_check(struct merge_set *set, const struct merge_version *v,
			const struct result_table *t, size_t file,
			size_t *open_required, long *open_line);
/* Makes v's texts the survey's in the output's language, and marks its
 * required questions. */
void merge_survey_texts(struct merge_version *v, const struct survey *s,
			enum merge_lang lang);

/* ---- merge_names.c */

/* Notes the spelling dep of a department (its file, line) and returns its
 * key (text_slug), owned by the set. */
const char *merge_names_take(struct merge_set *set, const char *dep, size_t file,
			     long line);
/* After reading: each department's shown name (the NFC spelling most
 * results have; a tie goes to the first in file order), given to every
 * unit, and a note for each department whose name was spelt in more than
 * one way, naming the spellings (FILE:LINE each). */
void merge_names_finish(struct merge_set *set);

#endif
