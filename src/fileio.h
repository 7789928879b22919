/* fileio: whole-file reads with limits, and atomic replacement of a file so
 * that a crash at any moment leaves either the old or the new file, whole. */
#ifndef ENKAT_FILEIO_H
#define ENKAT_FILEIO_H

#include <stddef.h>
#include <sys/types.h>

/* Reads the regular file at path (at most max bytes) into a new buffer,
 * NUL-terminated for convenience (*len excludes the NUL). Directories,
 * FIFOs and devices are refused without blocking. Returns 0, or -1 with a
 * message such as "is a directory" in *error (caller frees). */
int file_read_all(const char *path, size_t max, char **data, size_t *len,
		  char **error);

/* Replaces path with data[0..len): writes a mkstemp() file in the same
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

#endif
