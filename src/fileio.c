#include "fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

int file_read_all(const char *path, size_t max, char **data, size_t *len,
		  char **error)
{
	struct stat st;
	struct strbuf sb = {0};
	int fd;

	*data = NULL;
	*len = 0;
	/* O_NONBLOCK: opening a FIFO for reading must not wait for a writer */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		*error = xstrdup(strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) != 0) {
		*error = xstrdup(strerror(errno));
		close(fd);
		return -1;
	}
	if (S_ISDIR(st.st_mode)) {
		*error = xstrdup("is a directory");
		close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		*error = xstrdup("not a regular file");
		close(fd);
		return -1;
	}
	if ((unsigned long long)st.st_size > max) {
		*error = xasprintf("file too large (%lld bytes; the limit is %zu)",
				   (long long)st.st_size, max);
		close(fd);
		return -1;
	}
	strbuf_add(&sb, "", 0);
	for (;;) {
		char buf[65536];
		ssize_t n = read(fd, buf, sizeof buf);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			*error = xstrdup(strerror(errno));
			strbuf_free(&sb);
			close(fd);
			return -1;
		}
		if (n == 0)
			break;
		if (sb.len + (size_t)n > max) { /* grew while we read */
			*error = xasprintf("file too large (the limit is %zu bytes)", max);
			strbuf_free(&sb);
			close(fd);
			return -1;
		}
		strbuf_add(&sb, buf, (size_t)n);
	}
	close(fd);
	*len = sb.len;
	*data = strbuf_detach(&sb);
	return 0;
}

static mode_t current_umask(void)
{
	mode_t m = umask(0);
	umask(m);
	return m;
}

static int write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0) {
			errno = ENOSPC;
			return -1;
		}
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

int file_write_atomic(const char *path, const char *data, size_t len,
		      char **error)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? xstrndup(path, (size_t)(slash - path) + (slash == path))
			  : xstrdup(".");
	char *tmp = xasprintf("%s.tmp-XXXXXX", path);
	int fd, dfd, saved;

	fd = mkstemp(tmp);
	if (fd < 0) {
		saved = errno;
		*error = xasprintf("cannot create a file in %s: %s", dir, strerror(saved));
		goto fail_nofile;
	}
	/* the user's umask, but never writable by every user on the machine */
	if (fchmod(fd, 0666 & ~current_umask() & ~(mode_t)S_IWOTH) != 0 ||
	    write_all(fd, data, len) != 0 || fsync(fd) != 0) {
		saved = errno;
		close(fd);
		errno = saved;
		goto fail;
	}
	if (close(fd) != 0)
		goto fail;
	if (rename(tmp, path) != 0)
		goto fail;
	/* the rename is durable only once the folder is on disk */
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	free(tmp);
	free(dir);
	return 0;

fail:
	saved = errno;
	unlink(tmp);
	*error = xasprintf("cannot write %s: %s", path, strerror(saved));
	free(tmp);
	free(dir);
	errno = saved;
	return -1;

fail_nofile:
	free(tmp);
	free(dir);
	errno = saved;
	return -1;
}

int file_write_atomic_at(int dirfd, const char *name, const char *data,
			 size_t len, mode_t mode, char **error)
{
	static unsigned counter;
	char *tmp = NULL;
	int fd = -1, saved;

	for (int tries = 0; fd < 0 && tries < 100; tries++) {
		struct timespec ts;

		clock_gettime(CLOCK_REALTIME, &ts);
		free(tmp);
		tmp = xasprintf(".%s.tmp-%ld-%lx-%u", name, (long)getpid(),
				(unsigned long)ts.tv_nsec, counter++);
		fd = openat(dirfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
			    O_CLOEXEC, mode);
		if (fd < 0 && errno != EEXIST)
			break;
	}
	if (fd < 0) {
		saved = errno;
		free(tmp);
		*error = xstrdup(strerror(saved));
		errno = saved;
		return -1;
	}
	/* exactly mode, whatever the umask */
	if (fchmod(fd, mode) != 0 || write_all(fd, data, len) != 0 || fsync(fd) != 0) {
		saved = errno;
		close(fd);
		goto fail;
	}
	if (close(fd) != 0 || renameat(dirfd, tmp, dirfd, name) != 0) {
		saved = errno;
		goto fail;
	}
	fsync(dirfd);
	free(tmp);
	return 0;

fail:
	unlinkat(dirfd, tmp, 0);
	free(tmp);
	*error = xstrdup(strerror(saved));
	errno = saved;
	return -1;
}
