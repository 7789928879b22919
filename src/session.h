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
	RESUME_FINAL,      /* a final result was loaded: read-only until reopened */
	RESUME_CHANGED,    /* a result for another definition of the survey was
			    * kept aside (see kept_path) and its answers that
			    * still fit were carried over */
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
	char *kept_path;             /* RESUME_CHANGED: where the old file went */
	char *changes;               /* RESUME_CHANGED: what changed, one a line */
	char *save_error;            /* the last failed save's message, or NULL */
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
 * answers stay in memory, save_error says why, and the next save retries. */
bool session_save(struct session *ss);

/* Marks the result final (or back to draft) and saves. */
bool session_set_final(struct session *ss, bool final);

/* Counts visible questions answered or N/A, and how many need an answer. */
void session_progress(const struct session *ss, size_t *done, size_t *total);

/* Releases the lock and frees everything. The file stays as last saved. */
void session_close(struct session *ss);

#endif
