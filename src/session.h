/* session: one department's assessment of one survey, as a file on disk.
 * Opening finds the department's result file (resuming a draft), takes the
 * lock that keeps a second enkat from writing the same file, and every
 * change is written with session_save before the next key is read. No
 * curses here: the full-screen and the plain front ends share it. */
#ifndef ENKAT_SESSION_H
#define ENKAT_SESSION_H

#include <stdbool.h>
#include <sys/types.h>
#include <time.h>

#include "actions.h"
#include "answers.h"
#include "approval.h"
#include "diag.h"
#include "survey.h"

/* Who holds a lock, as written in the lock file. The text comes from a
 * file: user and host are made visible (text_visible: no control
 * character reaches a terminal). known is false when the text could not
 * be read as "user host pid since" (an empty or planted file): then user
 * and host are "" and pid and since 0, and a front end says "an unknown
 * session" rather than show them. */
struct session_holder {
	bool known;
	char user[64];
	char host[128];
	long pid;
	time_t since;
};

/* Who shares the files of the result folder.
 * Not shared (a single user, no site file; what session_open uses): the
 * folder is created 0700 when missing, every file enkat creates there is
 * 0600 whatever the umask, and a result or lock file that belongs to
 * another user is never changed: the result opens read-only at most.
 * Shared (a site's department folder, setgid, of the department's group,
 * made by enkat --setup): the folder must exist (it is not created),
 * files are created 0660 (the folder gives them the department's group;
 * an ACL mask of rw- lets the central office's read entry work), and a
 * result or lock file is changed only when its group is `group`, whoever
 * of the department's coordinators wrote it.
 * Either way: the folder itself may not be a symbolic link (its parents
 * may), every file in it is opened relative to it without following a
 * link, and a result or lock path that is a symbolic link, FIFO, device,
 * socket, folder or a file with more than one name (a hard link) is
 * refused: session_open fails naming the path and what it is, and nothing
 * is written through it. No file ever gets a bit for "other" users. */
struct session_access {
	bool shared;
	gid_t group;   /* shared: the department's group */
};

/* Why a session is read-only because of whose a file is (see
 * session_access). */
enum session_foreign {
	SESSION_FOREIGN_NONE,
	SESSION_FOREIGN_RESULT,  /* the result file is another user's (not
				  * shared) or not of the department's group
				  * (shared): shown, never written */
	SESSION_FOREIGN_LOCK,    /* the lock file is: the lock is not taken,
				  * the result (if any) shown read-only */
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
	bool read_only;              /* locked by another session, final,
				      * or a file is another's (foreign) */
	bool lock_taken_over;        /* a crashed session's lock was taken */
	struct session_holder holder; /* the other session, when locked out */
	struct session_holder stale;  /* the crashed one, when taken over */
	/* A file in the way is not ours (see session_access): what and
	 * whose. foreign_file is its path; foreign_owner the owner's user
	 * name, else the uid in digits; foreign_group (shared) its group's
	 * name, else the gid. All visible text. lock_fd is -1. */
	enum session_foreign foreign;
	char *foreign_file;
	char foreign_owner[64];
	char foreign_group[64];
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
	struct session_access access; /* as opened (copied) */
	/* The yearly loop (enkat-results(5)): written with the answers by
	 * every save, read back on opening. Changed through assess.h. */
	struct action_list actions;
	struct approval approval;
	struct history history;
	bool seal_broken;            /* opened final, approved, and the seal
				      * does not match (changed by hand) */
	/* private to session.c */
	char *dir_path;              /* the result folder as named */
	int dir_fd;                  /* the result folder, O_DIRECTORY */
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

/* Opens department's assessment of s in folder out_dir. *out is set for
 * SESSION_OK and SESSION_LOCKED (then read_only, with holder filled in, or
 * foreign set: a file of another's); for SESSION_ERROR problems are in d
 * as PATH: message and *out is NULL. respondent may be NULL (kept from a
 * resumed file, else ""). access says who shares the folder's files (NULL:
 * not shared, see session_access). */
enum session_open_status session_open_access(const struct survey *s,
					     const char *out_dir,
					     const char *department,
					     const char *respondent,
					     const struct session_access *access,
					     struct session **out, struct diag *d);

/* session_open_access for a single user (access NULL: out_dir is created
 * 0700 when missing, files 0600). */
enum session_open_status session_open(const struct survey *s, const char *out_dir,
				      const char *department, const char *respondent,
				      struct session **out, struct diag *d);

/* Writes the answers atomically with the current time. Returns true on
 * success; on failure the file on disk is the previous one, whole, the
 * answers stay in memory, save_error says why, and the next save retries.
 * Under a changed definition the old file is first copied to kept_path
 * (once); if that fails, nothing is overwritten and the save fails. A
 * final result under a changed definition is not saved until reopened
 * with session_set_final(ss, false). An approval of a final result that
 * has no seal yet is sealed by the save (approval_seal over the table it
 * writes). */
bool session_save(struct session *ss);

/* The result table a save writes: the answers, then the action plan, the
 * approval and the history (enkat-results(5)). Release with
 * result_table_release. */
void session_to_table(const struct session *ss, struct result_table *t);

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

/* Releases the lock and frees everything. The file stays as last saved. */
void session_close(struct session *ss);

#endif
