/* merge_input: finds the input files, reads them one at a time with the
 * engine's checked reader, checks every result and all of them together,
 * and fills the model (merge_model.h) with what the figures need. */
#ifndef ENKAT_MERGE_INPUT_H
#define ENKAT_MERGE_INPUT_H

#include <stdbool.h>
#include <stddef.h>

#include "merge_model.h"
#include "result.h"


/* Adds FILE or every *.csv under DIR (recursively, sorted, hidden names
 * skipped) to the set; paths equal to one of the outputs (same inode) are
 * skipped so a second run never reads its own matrix. Problems (missing
 * path, empty folder) go to set->problems. */
void merge_input_paths(struct merge_set *set, char **paths, size_t n,
			 const char *const *outputs, size_t n_outputs);
/* Reads the city-wide action plan of --city-plan (o->city_plan; nothing
 * when NULL) into set->plan with the engine's checked reader. False, with
 * FILE:LINE: message in set->problems, when it cannot be read or is not
 * one result (the reader's own messages), or holds no rows. */
bool merge_input_plan(struct merge_set *set, const struct merge_options *o);
/* Loads the definitions given with --survey (o->surveys) into the set,
 * problems to set->problems: false when any could not be loaded. Called
 * before merge_input_read, which checks every result of those survey
 * versions against them; the outputs then show their texts in o->lang. */
bool merge_input_surveys(struct merge_set *set, const struct merge_options *o);
/* Reads every file one after another and merges it into the set; a file
 * may hold several results one after another when it is a merged --output
 * (its header line comes again before each result: merge_input_file.c).
 * Every problem goes to set->problems as FILE:LINE: message and marks its
 * file invalid; notes (drafts, --latest, spellings joined, copies of one
 * file, required questions open) go to set->notes. */
void merge_input_read(struct merge_set *set, const struct merge_options *o);
/* After reading: settles conflicting survey hashes (the hash most results
 * share wins), checks that one answer earns the same points in every
 * result of a version, marks the units of invalid files, sorts the
 * versions, gives each department its one shown name (noting the
 * spellings joined), and takes the texts of --survey. */
void merge_input_finish(struct merge_set *set);
/* Number of invalid files. */
size_t merge_input_invalid(const struct merge_set *set);
/* Calls fn for every result table in the valid files, in the order read,
 * re-reading each file (for --output and the report's details; nothing of
 * it is kept in memory); file is the table's index into set->files.
 * Returns false if a file could not be read again. */
bool merge_input_replay(struct merge_set *set,
			  void (*fn)(const struct result_table *t, size_t file,
				     void *arg),
			  void *arg);

#endif
