/* merge_names: one department, many spellings. enkat names a department's
 * file by text_slug of its name, so "KULTUR", "Kultur ", "Kultur" typed on
 * a Mac (NFD) or with a zero-width space are one department to it; the
 * merge joins them the same way, shows one name, and says which spellings
 * it joined. */
#include "merge_input_internal.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "text.h"
#include "util.h"

const char *merge_names_take(struct merge_set *set, const char *dep, size_t file,
			     long line)
{
	char *key = text_slug(dep);
	struct merge_name *nm = merge_model_name_add(set, key);
	size_t k;

	free(key);
	for (k = 0; k < nm->n_spellings && strcmp(nm->spellings[k].text, dep) != 0; k++)
		;
	if (k == nm->n_spellings) {
		nm->spellings = xgrow(nm->spellings, &nm->cap_spellings,
				      nm->n_spellings + 1, sizeof *nm->spellings);
		memset(&nm->spellings[k], 0, sizeof nm->spellings[k]);
		nm->spellings[k].text = xstrdup(dep);
		nm->spellings[k].file = file;
		nm->spellings[k].line = line;
		nm->n_spellings++;
	}
	nm->spellings[k].count++;
	return nm->key;
}

/* A spelling as a note shows it: what cannot be seen made visible
 * (<U+200B>), and a name not in NFC said to be so. */
static void put_spelling(struct strbuf *sb, const char *s)
{
	size_t len = strlen(s);

	strbuf_putc(sb, '\'');
	for (size_t i = 0; i < len;) {
		unsigned cp;
		size_t n = utf8_decode(s + i, len - i, &cp);

		if (cp >= 0x80 && text_is_ignorable(cp))
			strbuf_printf(sb, "<U+%04X>", cp);
		else
			strbuf_add(sb, s + i, n);
		i += n;
	}
	strbuf_putc(sb, '\'');
	if (!text_is_nfc(s))
		strbuf_puts(sb, _(" (decomposed: NFD)"));
}

/* The spelling to show: the NFC form most results have; ties go to the
 * first in file order (the files are read sorted). */
static char *choose(const struct merge_set *set, const struct merge_name *nm)
{
	size_t best = 0, best_count = 0;
	char **nfc = xcalloc(nm->n_spellings, sizeof *nfc);
	char *shown;

	for (size_t k = 0; k < nm->n_spellings; k++)
		nfc[k] = text_nfc(nm->spellings[k].text);
	for (size_t k = 0; k < nm->n_spellings; k++) {
		size_t count = 0, first = k;

		for (size_t j = 0; j < nm->n_spellings; j++)
			if (strcmp(nfc[j], nfc[k]) == 0) {
				count += nm->spellings[j].count;
				if (nm->spellings[j].file < nm->spellings[first].file ||
				    (nm->spellings[j].file == nm->spellings[first].file &&
				     nm->spellings[j].line < nm->spellings[first].line))
					first = j;
			}
		if (count > best_count ||
		    (count == best_count &&
		     strcmp(set->files[nm->spellings[first].file].path,
			    set->files[nm->spellings[best].file].path) < 0)) {
			best = first;
			best_count = count;
		}
	}
	shown = nfc[best];
	for (size_t k = 0; k < nm->n_spellings; k++)
		if (k != best)
			free(nfc[k]);
	free(nfc);
	return shown;
}

void merge_names_finish(struct merge_set *set)
{
	for (size_t i = 0; i < set->n_names; i++) {
		struct merge_name *nm = &set->names[i];

		free(nm->shown);
		nm->shown = choose(set, nm);
		if (nm->n_spellings < 2)
			continue;
		{
			struct strbuf sb = {0};
			const struct merge_spelling *f = &nm->spellings[0];

			for (size_t k = 0; k < nm->n_spellings; k++) {
				const struct merge_spelling *sp = &nm->spellings[k];
				if (k)
					strbuf_puts(&sb, ", ");
				put_spelling(&sb, sp->text);
				strbuf_printf(&sb, " (%s:%ld)", set->files[sp->file].path,
					      sp->line);
			}
			diag_add(&set->notes, set->files[f->file].path, f->line,
				 _("department '%s': %zu spellings of one name joined "
				   "(case, spaces, Unicode form and invisible characters "
				   "aside, they are the same, as enkat's file names): %s"),
				 nm->shown, nm->n_spellings, sb.buf);
			strbuf_free(&sb);
		}
	}
	for (size_t i = 0; i < set->n_versions; i++) {
		struct merge_version *v = set->versions[i];

		for (size_t u = 0; u < v->n_units; u++) {
			const struct merge_name *nm = merge_model_name(set, v->units[u].key);
			if (!nm || strcmp(v->units[u].department, nm->shown) == 0)
				continue;
			free(v->units[u].department);
			v->units[u].department = xstrdup(nm->shown);
		}
	}
}
