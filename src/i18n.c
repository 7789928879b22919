/* i18n: the language both programs speak. */
#include "i18n.h"

#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "paths.h"

void i18n_init_locale(void)
{
	const char *messages;

	setlocale(LC_ALL, "");
	if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		setlocale(LC_CTYPE, "C.UTF-8");
	messages = setlocale(LC_MESSAGES, NULL);
	if (!messages || strcmp(messages, "C") == 0 || strcmp(messages, "POSIX") == 0)
		setlocale(LC_MESSAGES, "C.UTF-8");
}

const char *i18n_choose(const char *wanted)
{
	const char *vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};

	if (wanted)
		return wanted;
	for (size_t i = 0; i < 3; i++) {
		const char *v = getenv(vars[i]);
		if (v && *v)
			return strncmp(v, "sv", 2) == 0 ? "sv" : "en";
	}
	return "en";
}

static char current[8] = "en";

const char *i18n_current(void)
{
	return current;
}

void i18n_use(const char *lang)
{
	char *dir = paths_locale_dir();

	snprintf(current, sizeof current, "%s", lang);
	/* the interface speaks exactly the chosen language */
	setenv("LANGUAGE", lang, 1);
	bindtextdomain("enkat", dir);
	bind_textdomain_codeset("enkat", "UTF-8");
	textdomain("enkat");
	free(dir);
}

char i18n_decimal_sep(void)
{
	/* TRANSLATORS: the decimal separator for numbers on screen */
	const char *point = _(".");
	return *point ? *point : '.';
}
