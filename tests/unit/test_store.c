/* test_store.c: unit tests for store/store: the sweep (what it removes,
 * what its grace period keeps, that it decides under the caller's lock)
 * and store_put freshening bytes already there. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "store/store.h"
#include "util/buf.h"

struct fake_db {
	const char *named;  /* the one sha a row names */
	int locked, locks, unlocks, named_under_lock;
};

static int fake_lock(void *ctx)
{
	struct fake_db *f = ctx;

	f->locked = 1;
	f->locks++;
	return 0;
}

static int fake_named(void *ctx, const char *sha)
{
	struct fake_db *f = ctx;

	if (f->locked)
		f->named_under_lock++;
	return strcmp(sha, f->named) == 0;
}

static void fake_unlock(void *ctx)
{
	struct fake_db *f = ctx;

	f->locked = 0;
	f->unlocks++;
}

/* Set path's mtime to secs ago. */
static void age(const char *path, long secs)
{
	struct timespec t[2];

	clock_gettime(CLOCK_REALTIME, &t[0]);
	t[0].tv_sec -= secs;
	t[1] = t[0];
	assert_int_equal(utimensat(AT_FDCWD, path, t, 0), 0);
}

static void path_of(const struct store *st, const char *sha, struct buf *b)
{
	buf_reset(b);
	store_object_path(st, sha, b);
}

static void touch(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0640);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, "x", 1), 1);
	close(fd);
}

static void sweep_removes_old_unnamed_and_temporary(void **state)
{
	char dir[] = "/tmp/witan-store-XXXXXX", db[64], named[65], orphan[65], young[65];
	struct store st;
	struct buf p = BUF_INIT, tmp = BUF_INIT, packtmp = BUF_INIT, pack = BUF_INIT, sub = BUF_INIT;
	struct fake_db f = { 0 };
	struct store_sweep_ops ops = { &f, fake_lock, fake_named, fake_unlock };
	struct store_sweep_counts c;
	struct stat sb;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(db, sizeof(db), "%s/t.db", dir);
	assert_int_equal(store_open(&st, db), 0);
	assert_int_equal(store_put(&st, "named", 5, named), 0);
	assert_int_equal(store_put(&st, "orphan", 6, orphan), 0);
	assert_int_equal(store_put(&st, "young orphan", 12, young), 0);
	f.named = named;
	path_of(&st, named, &p);
	age(p.data, 7200);
	path_of(&st, orphan, &p);
	age(p.data, 7200);
	/* a writer that died: a temporary file beside a document, one in
	 * packs/, one in tmp/; and a pack, which is no document */
	buf_printf(&tmp, "%s.tmp.99999", p.data);
	touch(tmp.data);
	age(tmp.data, 7200);
	assert_int_equal(store_subdir(&st, "packs", &sub), 0);
	buf_printf(&packtmp, "%s/meeting-1.tmp.99999", sub.data);
	touch(packtmp.data);
	age(packtmp.data, 7200);
	buf_printf(&pack, "%s/%s.pdf", sub.data, named);
	touch(pack.data);
	age(pack.data, 7200);

	assert_int_equal(store_sweep(&st, 3600, &ops, &c), 0);
	assert_int_equal(c.orphans, 1);
	assert_int_equal(c.temporary, 2);
	assert_int_equal(c.documents, 1);
	assert_int_equal(c.young, 1);
	path_of(&st, named, &p);
	assert_int_equal(stat(p.data, &sb), 0);
	path_of(&st, orphan, &p);
	assert_int_not_equal(stat(p.data, &sb), 0);
	path_of(&st, young, &p);
	assert_int_equal(stat(p.data, &sb), 0);
	assert_int_not_equal(stat(tmp.data, &sb), 0);
	assert_int_not_equal(stat(packtmp.data, &sb), 0);
	assert_int_equal(stat(pack.data, &sb), 0);
	/* every removal decided under the lock, and every lock let go */
	assert_int_equal(f.locks, f.unlocks);
	assert_true(f.locks >= 3);
	assert_int_equal(f.named_under_lock, 1);

	/* With no grace, the young orphan goes too. */
	assert_int_equal(store_sweep(&st, 0, &ops, &c), 0);
	assert_int_equal(c.orphans, 1);
	path_of(&st, young, &p);
	assert_int_not_equal(stat(p.data, &sb), 0);

	buf_release(&p);
	buf_release(&tmp);
	buf_release(&packtmp);
	buf_release(&pack);
	buf_release(&sub);
	store_close(&st);
	{
		char cmd[128];
		snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
		assert_int_equal(system(cmd), 0);
	}
}

static void put_freshens_bytes_already_there(void **state)
{
	char dir[] = "/tmp/witan-store-XXXXXX", db[64], sha[65];
	struct store st;
	struct buf p = BUF_INIT;
	struct stat sb;
	int created = 1;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(db, sizeof(db), "%s/t.db", dir);
	assert_int_equal(store_open(&st, db), 0);
	assert_int_equal(store_put(&st, "again", 5, sha), 0);
	path_of(&st, sha, &p);
	age(p.data, 7200);
	assert_int_equal(store_put_new(&st, "again", 5, sha, &created), 0);
	assert_int_equal(created, 0);
	assert_int_equal(stat(p.data, &sb), 0);
	assert_true(time(NULL) - sb.st_mtime < 60);
	buf_release(&p);
	store_close(&st);
	{
		char cmd[128];
		snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
		assert_int_equal(system(cmd), 0);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sweep_removes_old_unnamed_and_temporary),
		cmocka_unit_test(put_freshens_bytes_already_there),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
