/* util: allocation that never returns NULL, a growable byte buffer, and the
 * program's single fatal-error path. No curses here: a front end that owns
 * the terminal registers a hook that restores it before anything is printed. */
#ifndef ENKAT_UTIL_H
#define ENKAT_UTIL_H

#include <stdarg.h>
#include <stddef.h>

/* Name used as the prefix of fatal messages ("enkat: ..."). Not copied. */
void util_set_progname(const char *name);
const char *util_progname(void);

/* Called once by fatal() before it prints, e.g. to end curses mode. */
void util_set_fatal_hook(void (*hook)(void));

/* Restores the terminal via the hook, prints "PROG: message" to stderr and
 * exits with status 2 (internal trouble) -- used only for things the program
 * cannot go on after, such as running out of memory. */
_Noreturn void fatal(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

/* These never return NULL: they call fatal() instead. Free with free(). */
void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
/* Grows *p (an array of *cap elements of size elem) to hold at least need. */
void *xgrow(void *p, size_t *cap, size_t need, size_t elem);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Returns a newly allocated printf-formatted string. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A growable, always NUL-terminated byte string. Zero-initialise
 * (struct strbuf sb = {0}); release with strbuf_free. */
struct strbuf {
	char *buf;
	size_t len;
	size_t cap;
};
void strbuf_add(struct strbuf *sb, const char *data, size_t len);
void strbuf_puts(struct strbuf *sb, const char *s);
void strbuf_putc(struct strbuf *sb, char c);
void strbuf_printf(struct strbuf *sb, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void strbuf_reset(struct strbuf *sb);
/* Hands the buffer to the caller (never NULL; free it), leaving sb empty. */
char *strbuf_detach(struct strbuf *sb);
void strbuf_free(struct strbuf *sb);

#endif
