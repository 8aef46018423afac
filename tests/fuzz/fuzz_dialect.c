/* fuzz_dialect.c: libFuzzer target for the SQL translator (db/dialect.h),
 * whose tokenizer and statement shapes look ahead over tokens.  The input
 * is SQL text.  Checked: no crash or overread; 0 with output or -1 with a
 * message; a translation's strings and quoted names all close (none is
 * cut), and translating the same text again gives the same. */
/* FUZZ_SRCS: src/db/dialect.c src/db/dialect_expr.c src/util/buf.c */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "db/dialect.h"
#include "util/buf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *sql = malloc(size + 1), err[256], err2[256];
	struct buf a = BUF_INIT, b = BUF_INIT;
	int rc, rc2;
	char quote = 0;

	if (!sql)
		return 0;
	memcpy(sql, data, size);
	sql[size] = '\0';
	rc = dialect_pg(sql, &a, err, sizeof(err));
	rc2 = dialect_pg(sql, &b, err2, sizeof(err2));
	if (rc != 0 && rc != -1)
		abort();
	if (rc != rc2)
		abort();
	if (rc < 0 && (!err[0] || strcmp(err, err2) != 0))
		abort();
	if (rc == 0) {
		if (a.err || (a.len != b.len) || (a.len && memcmp(a.data, b.data, a.len) != 0))
			abort();
		/* every '...' and "..." closes */
		for (size_t i = 0; i < a.len; i++) {
			char c = a.data[i];
			if (!quote && (c == '\'' || c == '"'))
				quote = c;
			else if (quote && c == quote)
				quote = 0;
		}
		if (quote)
			abort();
	}
	buf_release(&a);
	buf_release(&b);
	free(sql);
	return 0;
}
