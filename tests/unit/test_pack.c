/* test_pack.c: unit tests for docs/pack (the reports pack's inputs, hash,
 * build, and which version may be served) and docs/office's types, over a
 * demo record. */
#include <ftw.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <sqlite3.h>
#include "db/db.h"
#include "db/db_int.h"
#include "demo/demo.h"
#include "docs/office.h"
#include "docs/pack.h"
#include "store/store.h"

#include "util/banned.h"

#define BASE "http://pack.test"

static char dir[64], path[96];
static struct db rw, pub;
static struct store st;

const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\n";
}

static int rm_entry(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb; (void)flag; (void)ftw;
	return remove(p);
}

static int setup(void **state)
{
	char err[512];

	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/witan-pack-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	snprintf(path, sizeof(path), "%s/demo.db", dir);
	setenv("WITAN_DEMO_TODAY", "2027-03-20", 1);
	if (db_open(&rw, path, DB_CREATE) < 0 || store_open(&st, path) < 0 ||
	    demo_create(&rw, &st, err, sizeof(err)) < 0 || db_open(&pub, path, DB_PUBLIC) < 0) {
		fprintf(stderr, "setup: %s\n", err);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	db_close(&pub);
	db_close(&rw);
	store_close(&st);
	nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	return 0;
}

/* The demo's seed meeting: the first with a published agenda. */
static int64_t seed_meeting(void)
{
	sqlite3_stmt *s = NULL;
	int64_t id = 0;

	assert_int_equal(sqlite3_prepare_v2(rw.h, "SELECT min(id) FROM meeting WHERE agenda_status = 'published'"
					    " AND published = 1 AND deleted = 0", -1, &s, NULL), SQLITE_OK);
	if (sqlite3_step(s) == SQLITE_ROW)
		id = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return id;
}

static void hash_of(int64_t id, char out[65])
{
	struct pack_input in;

	assert_int_equal(pack_read(&pub, id, BASE, &in), 1);
	memcpy(out, in.hash, 65);
	pack_input_release(&in);
	db_release_all(&pub);
}

static void inputs_and_hash(void **state)
{
	struct pack_input in;
	int64_t id = seed_meeting();
	char h1[65], h2[65], h3[65];

	(void)state;
	assert_int_equal(pack_read(&pub, id, BASE, &in), 1);
	assert_true(in.nitems > 0 && in.ndocs > 0 && in.nmembers > 0);
	assert_non_null(strstr(in.filename, "-reports-pack.pdf"));
	for (size_t i = 0; i < in.ndocs; i++)
		assert_true(!strcmp(in.docs[i].role, "report") || !strcmp(in.docs[i].role, "appendix") ||
			    !strcmp(in.docs[i].role, "supplement"));
	pack_input_release(&in);
	db_release_all(&pub);
	/* The same inputs, the same hash; another base URL or a title, another. */
	hash_of(id, h1);
	hash_of(id, h2);
	assert_string_equal(h1, h2);
	assert_int_equal(pack_read(&pub, id, "http://elsewhere.test", &in), 1);
	assert_string_not_equal(in.hash, h1);
	pack_input_release(&in);
	db_release_all(&pub);
	assert_int_equal(db_exec(&rw, "UPDATE agenda_item SET title = title || ' (amended)' WHERE id ="
				 " (SELECT min(id) FROM agenda_item WHERE meeting_id = (SELECT min(id) FROM meeting"
				 " WHERE agenda_status = 'published' AND published = 1 AND deleted = 0))"), 0);
	hash_of(id, h3);
	assert_string_not_equal(h1, h3);
	/* Not public: none. */
	assert_int_equal(pack_read(&pub, 999999, BASE, &in), 0);
	pack_input_release(&in);
	db_release_all(&pub);
}

static void build_and_previous_version(void **state)
{
	struct pack_input in;
	struct pack_found f;
	int64_t id = seed_meeting();
	int pages = 0, sum = 0;
	char err[512], first[65];

	(void)state;
	assert_int_equal(pack_read(&pub, id, BASE, &in), 1);
	db_release_all(&pub);
	assert_int_equal(pack_find(&st, &in, 0, &f), 0);
	assert_int_equal(pack_build(&st, &in, &pages, err, sizeof(err)), 0);
	for (size_t i = 0; i < in.ndocs; i++) {
		assert_int_equal(in.docs[i].state, PACK_DOC_IN);
		sum += in.docs[i].pages;
	}
	assert_true(pages > sum && pages <= sum + 4);
	assert_int_equal(pack_find(&st, &in, 1, &f), 1);
	assert_int_equal(f.stale, 0);
	assert_int_equal(f.pages, pages);
	assert_true(f.fd >= 0 && f.size > 1000);
	close(f.fd);
	memcpy(first, in.hash, 65);
	pack_input_release(&in);

	/* A new title: the previous pack may be served meanwhile. */
	assert_int_equal(db_exec(&rw, "UPDATE file SET title = 'Renamed' WHERE id = (SELECT min(l.file_id) FROM"
				 " file_link l JOIN agenda_item i ON i.id = l.agenda_item_id WHERE i.meeting_id ="
				 " (SELECT min(id) FROM meeting WHERE agenda_status = 'published' AND published = 1"
				 " AND deleted = 0))"), 0);
	assert_int_equal(pack_read(&pub, id, BASE, &in), 1);
	db_release_all(&pub);
	assert_string_not_equal(in.hash, first);
	assert_int_equal(pack_find(&st, &in, 0, &f), 1);
	assert_int_equal(f.stale, 1);
	assert_string_equal(f.hash, first);
	pack_input_release(&in);

	/* A document withdrawn: the previous pack is never served. */
	assert_int_equal(db_exec(&rw, "UPDATE file_link SET deleted = 1 WHERE id = (SELECT max(l.id) FROM"
				 " file_link l JOIN agenda_item i ON i.id = l.agenda_item_id WHERE i.meeting_id ="
				 " (SELECT min(id) FROM meeting WHERE agenda_status = 'published' AND published = 1"
				 " AND deleted = 0))"), 0);
	assert_int_equal(pack_read(&pub, id, BASE, &in), 1);
	db_release_all(&pub);
	assert_int_equal(pack_find(&st, &in, 0, &f), 0);
	/* Built again: the new one is served, the old one is gone. */
	assert_int_equal(pack_build(&st, &in, &pages, err, sizeof(err)), 0);
	assert_int_equal(pack_find(&st, &in, 0, &f), 1);
	assert_int_equal(f.stale, 0);
	{
		char p[256];
		snprintf(p, sizeof(p), "%s/packs/%s.pdf", st.dir, first);
		assert_int_not_equal(access(p, F_OK), 0);
	}
	pack_input_release(&in);
}

static void office_types(void **state)
{
	(void)state;
	assert_true(office_convertible("application/vnd.openxmlformats-officedocument.wordprocessingml.document"));
	assert_true(office_convertible("application/vnd.oasis.opendocument.text"));
	assert_true(office_convertible("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
	assert_false(office_convertible("application/pdf"));
	assert_false(office_convertible("image/png"));
	assert_false(office_convertible(NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(inputs_and_hash),
		cmocka_unit_test(build_and_previous_version),
		cmocka_unit_test(office_types),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
