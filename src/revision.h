/* revision: how the questions and areas of this version of a survey
 * continue those of an earlier version, from this version's survey alone
 * (the continues keys, enkat-survey(5), Revisions). The earlier survey
 * file is not needed: enkat-merge and the yearly loop have only result
 * files of an earlier version, whose rows name the earlier ids.
 *
 * Every question (area) of this version continues:
 *   - its own id, when its section has no continues key (SAME);
 *   - the ids of its continues key, which holds for results of the
 *     version continues.version and earlier ones (any earlier version
 *     without that key). One id that no other question of this version
 *     continues: RENAMED (also a rewording under a new id), or SAME when
 *     it is its own id. One id that other questions continue too: SPLIT
 *     (each part continues it). Several ids: MERGED.
 * An earlier id that nothing continues (no continues key names it and no
 * question without one has that id) was removed. Questions and areas are
 * two separate sets of ids: a question continues only questions, an area
 * only areas.
 *
 * Comparability: a figure of SAME and RENAMED is directly comparable with
 * the earlier one, unless the author says continues.comparable = no (the
 * meaning changed with the wording); that of a SPLIT or MERGED one never
 * is. Whether the definitions of the two versions differ in weight,
 * target, scale or options is another question, answered by comparing
 * them (result files record each question's weight and max_value).
 *
 * No curses; the answers point into the surveys given (nothing to free). */
#ifndef ENKAT_REVISION_H
#define ENKAT_REVISION_H

#include <stdbool.h>
#include <stddef.h>

#include "survey.h"

enum revision_kind {
	REVISION_NONE,    /* no match: new in this version / removed */
	REVISION_SAME,    /* the same id */
	REVISION_RENAMED, /* another id (renamed or reworded), one to one */
	REVISION_SPLIT,   /* one of the parts of an earlier one */
	REVISION_MERGED,  /* several earlier ones made one */
};

enum revision_what { REVISION_QUESTION, REVISION_AREA };

/* "same", "renamed", "split", "merged" or "none": for files and scripts,
 * never translated. */
const char *revision_kind_name(enum revision_kind k);
/* The interface's word, translated ("renamed" / "byter namn", ...). */
const char *revision_kind_label(enum revision_kind k);

/* The earlier ids that this version's question (or area) index i of s
 * continues in a result of version old_version (0: any earlier version),
 * into *ids (pointing into s; n_ids of them; both may be NULL), and how.
 * REVISION_NONE (no ids) when its continues.version is before
 * old_version: its id in that version is not known. A question without a
 * continues key gives SAME and its own id whether or not the earlier
 * version had it: only the earlier result (or survey) can tell a new
 * question, by lacking every id given here. */
enum revision_kind revision_of(const struct survey *s, enum revision_what what,
			       size_t i, long old_version, const char *const **ids,
			       size_t *n_ids);

/* The questions (areas) of s that continue old_id of a result of version
 * old_version (0: any earlier version), as indexes into s->questions
 * (s->areas) in presentation order, into out (room for s->n_questions or
 * s->n_areas; may be NULL to count them); returns their number, 0 when
 * old_id was removed. *kind (may be NULL) says how: SAME or RENAMED with
 * one, SPLIT with several, MERGED with one that continues others too;
 * REVISION_NONE with none. */
size_t revision_successors(const struct survey *s, enum revision_what what,
			   const char *old_id, long old_version, size_t *out,
			   enum revision_kind *kind);

/* True when the figure of question (area) i is directly comparable with
 * the earlier one it continues in old_version: SAME or RENAMED, and not
 * continues.comparable = no. False for NONE, SPLIT and MERGED. */
bool revision_comparable(const struct survey *s, enum revision_what what, size_t i,
			 long old_version);

/* Follows old_id of a result of version from_version through the
 * surveys of later versions, surveys[0..n) in ascending version order
 * (those not after from_version are skipped), each survey's mapping
 * taking the ids of the one before it: the questions (areas) of the last
 * survey that old_id became, as indexes into it, into out (room for its
 * n_questions or n_areas; may be NULL); returns their number (0: removed
 * on the way). *kind (may be NULL): NONE when removed, else MERGED when
 * any step merged, else SPLIT when any step split, else RENAMED when any
 * step renamed, else SAME. *comparable (may be NULL): every step SAME or
 * RENAMED and none marked continues.comparable = no. 0 also when no
 * survey is after from_version. A version whose survey is not given is
 * taken to keep every id: give every later version's survey. */
size_t revision_follow(const struct survey *const *surveys, size_t n,
		       enum revision_what what, const char *old_id, long from_version,
		       size_t *out, enum revision_kind *kind, bool *comparable);

/* True when s has any continues key at all. */
bool revision_any(const struct survey *s);

/* Checks s's mapping against old, an earlier version of the same survey
 * (same id, lower version; else one problem): every earlier id that a
 * continues key holding for old's version names must be a question
 * (area) of old, and of that kind; a question (area) with a continues
 * key but without its own id among them must not have an id that old has
 * too (an id means one question in every version). Problems go to d as
 * s's FILE:LINE. Questions and areas of old that nothing continues are
 * notes on notes, as old's FILE:LINE ("note: ... has no successor"); d
 * and notes may be the same. Returns the number of problems added to d. */
size_t revision_check(const struct survey *s, const struct survey *old,
		      struct diag *d, struct diag *notes);

#endif
