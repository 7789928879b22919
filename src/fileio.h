/* fileio: whole-file reads with limits, and atomic replacement of a file so
 * that a crash at any moment leaves either the old or the new file, whole. */
#ifndef ENKAT_FILEIO_H
#define ENKAT_FILEIO_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>
#include <sys/types.h>

/* Reads the regular file at path (at most max bytes) into a new buffer,
 * NUL-terminated for convenience (*len excludes the NUL). Directories,
 * FIFOs and devices are refused without blocking. Returns 0, or -1 with a
 * message such as "is a directory" in *error (caller frees). */
/* Like file_read_all, for a file found earlier as *expect (lstat): no
 * link is followed, and what is opened must be that same file (device and
 * inode), so a file swapped for a link or another file in between is
 * refused ("was replaced since it was found"). */
int file_read_expected(const char *path, size_t max, const struct stat *expect,
		       char **data, size_t *len, char **error);
int file_read_all(const char *path, size_t max, char **data, size_t *len,
		  char **error);

/* Replaces path with data[0..len): the old way, kept for the tests that
 * write their fixtures with it; enkat and enkat-merge write with
 * file_write_private. Writes a mkstemp() file in the same
 * folder with the permissions the user's umask gives a new file, but never
 * writable by others, fsyncs it, renames it over path and fsyncs the
 * folder. On any failure the temporary file is removed, path is untouched,
 * and -1 is returned with a message in *error (caller frees), e.g. "cannot
 * write PATH: No space left on device", and errno set to the cause. */
int file_write_atomic(const char *path, const char *data, size_t len,
		      char **error);

/* The same in the folder open as dirfd (name: no '/'), without following
 * a symbolic link anywhere: the temporary file is created with O_EXCL and
 * O_NOFOLLOW and mode exactly `mode`, and renamed over name (a link there
 * is replaced, never followed). *error is the short reason alone ("No
 * space left on device"). */
int file_write_atomic_at(int dirfd, const char *name, const char *data,
			 size_t len, mode_t mode, char **error);

/* Replaces path with data[0..len) as file_write_atomic_at does, with
 * exactly mode (0600: readable by its owner only, whatever the umask), in
 * the folder of path (opened without following a link at its last
 * component; the path's parents may be links). A link or other file at
 * path is replaced, never written through. -1 with *error "cannot write
 * PATH: reason" (caller frees) and errno set to the cause. */
int file_write_private(const char *path, const char *data, size_t len,
		       mode_t mode, char **error);

/* Opens the folder at path (O_DIRECTORY) without following a symbolic
 * link at its last component: its parents may be links ("/tmp" on some
 * systems), the folder itself may not. create: made with exactly mode when
 * missing (not its parents). Returns the descriptor, or -1 with a short
 * reason in *error ("is a symbolic link", "No such file or directory";
 * caller frees) and errno set. */
int file_open_dir(const char *path, bool create, mode_t mode, char **error);

/* NULL for a regular file of one name; else what it is, for a message
 * that refuses it: "a symbolic link", "a FIFO", "a device", "a socket",
 * "a folder", "a file with more than one name (a hard link)". */
const char *file_refused_kind(const struct stat *st);

/* Reads the file name in folder dirfd (at most max bytes) without
 * following a link and without blocking (a FIFO is not opened for
 * reading at all): only a regular file of one name is read
 * (file_refused_kind). *st is what was read (its owner, for the caller's
 * checks). 0, or -1 with a short reason in *error (caller frees):
 * "is a symbolic link", "is a FIFO", "file too large (...)", or the
 * system's text; errno is ENOENT when there is no such file. */
int file_read_at(int dirfd, const char *name, size_t max, char **data,
		 size_t *len, struct stat *st, char **error);

#endif
