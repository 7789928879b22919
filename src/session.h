/* session: one department's assessment of one survey, as a file on disk.
 * Opening finds the department's result file (resuming a draft), takes the
 * lock that keeps a second enkat from writing the same file, and every
 * change is written with session_save before the next key is read. No
 * curses here: the full-screen and the plain front ends share it. */
#ifndef ENKAT_SESSION_H
#define ENKAT_SESSION_H

#include <stdbool.h>
#include <time.h>

#include "answers.h"
#include "diag.h"
#include "survey.h"

/* Who holds a lock, as written in the lock file. */
struct session_holder {
	char user[64];
	char host[128];
	long pid;
	time_t since;
};

enum session_resume {
	RESUME_NEW,        /* no result file yet */
	RESUME_DRAFT,      /* a draft was loaded */
	RESUME_FINAL,      /* a final result was loaded: read-only until reopened
			    * (also under a changed definition: see
			    * definition_changed) */
	RESUME_CHANGED,    /* a draft for another definition of the survey:
			    * its answers that still fit were carried over, in
			    * memory; the old file is kept aside at the first
			    * save (see kept_path) */
};

struct session {
	const struct survey *survey; /* not owned */
	struct answers *answers;     /* owned */
	char *path;                  /* the result file */
	char *lock_path;
	int lock_fd;                 /* -1 when not holding the lock */
	bool read_only;              /* locked by another session, or final */
	bool lock_taken_over;        /* a crashed session's lock was taken */
	struct session_holder holder; /* the other session, when locked out */
	struct session_holder stale;  /* the crashed one, when taken over */
	enum session_resume resume;
	time_t resumed_from;         /* updated_at of the loaded file */
	/* The file was written for another definition of the survey (its
	 * survey_sha256 differs). Opening writes nothing: the answers that
	 * still fit are carried over in memory, and the file stays as it is
	 * until the first save (a draft, RESUME_CHANGED) or until the user
	 * reopens it (a final result, RESUME_FINAL: read-only until then).
	 * That first write keeps the old file at kept_path first. */
	bool definition_changed;
	bool kept;                   /* the old file is at kept_path now */
	char *kept_path;             /* definition_changed: where the old file
				      * is kept (a name enkat-merge never reads:
				      * it does not end in .csv) */
	char *changes;               /* definition_changed: what differs
				      * between the old file and the new
				      * definition, one plain-English line
				      * each (ids, no survey text), ending in
				      * '\n'; one line saying so when nothing
				      * the file records differs */
	char *save_error;            /* the last failed save's reason, short
				      * ("Permission denied"), never the path;
				      * NULL after a save that worked */
	/* private to session.c */
	char *old_data;              /* the old file's bytes, until kept */
	size_t old_len;
	bool frozen;                 /* a final result under a changed
				      * definition, not reopened: never saved */
};

enum session_open_status {
	SESSION_OK,
	SESSION_LOCKED,   /* another live session holds it: read-only offered */
	SESSION_ERROR,    /* see d */
};

/* Opens department's assessment of s in folder out_dir (created if
 * missing). *out is set for SESSION_OK and SESSION_LOCKED (then read_only,
 * with holder filled in); for SESSION_ERROR problems are in d and *out is
 * NULL. respondent may be NULL (kept from a resumed file, else ""). */
enum session_open_status session_open(const struct survey *s, const char *out_dir,
				      const char *department, const char *respondent,
				      struct session **out, struct diag *d);

/* Writes the answers atomically with the current time. Returns true on
 * success; on failure the file on disk is the previous one, whole, the
 * answers stay in memory, save_error says why, and the next save retries.
 * Under a changed definition the old file is first copied to kept_path
 * (once); if that fails, nothing is overwritten and the save fails. A
 * final result under a changed definition is not saved until reopened
 * with session_set_final(ss, false). */
bool session_save(struct session *ss);

/* Marks the result final (or back to draft: the user's choice to reopen)
 * and saves; on failure nothing changes but save_error. */
bool session_set_final(struct session *ss, bool final);

/* Writes the answers as a result file of the same name into folder dir
 * (created 0700 when missing; the file 0600), for when the result folder
 * cannot be written. No symbolic link is followed (dir itself may not be
 * one), and a file of that name is replaced only when it is a regular
 * file of ours holding this department's result of this survey. The
 * session itself is unchanged: its file, lock and save_error stay. On
 * success *path_out is the file written (caller frees); on failure false,
 * and *error a short reason (caller frees). */
bool session_save_to(struct session *ss, const char *dir, char **path_out,
		     char **error);

/* Counts visible questions answered or N/A, and how many need an answer. */
void session_progress(const struct session *ss, size_t *done, size_t *total);

/* Releases the lock and frees everything. The file stays as last saved. */
void session_close(struct session *ss);

#endif
