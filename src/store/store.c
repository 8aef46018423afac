/* store.c: content-addressed document storage on disk (see store.h). */
#include "store/store.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "util/buf.h"
#include "util/banned.h"

int store_open(struct store *st, const char *db_path)
{
	struct buf b = BUF_INIT;
	const char *dir = getenv("WITAN_STORE");

	/* A database named by URL (PostgreSQL) has no file to sit beside:
	 * WITAN_STORE names the folder, shared by every server of it. */
	if (strstr(db_path, "://")) {
		if (!dir || !*dir) {
			errno = ENOENT;
			return -1;
		}
		buf_puts(&b, dir);
	} else {
		buf_printf(&b, "%s.files", db_path);
	}
	st->dir = buf_detach(&b, NULL);
	if (!st->dir)
		return -1;
	if (mkdir(st->dir, 0750) < 0 && errno != EEXIST)
		return -1;
	return 0;
}

int store_beside(const char *db_path, const char *suffix, struct buf *out)
{
	const char *dir = getenv("WITAN_STORE");

	if (strstr(db_path, "://")) {
		if (!dir || !*dir)
			return -1;
		buf_printf(out, "%s%s", dir, suffix);
	} else {
		buf_printf(out, "%s%s", db_path, suffix);
	}
	return out->err ? -1 : 0;
}

const char *store_where(const char *db_path, char *out, size_t n)
{
	const char *dir = getenv("WITAN_STORE");

	if (strstr(db_path, "://"))
		snprintf(out, n, "%s%s", dir && *dir ? dir : "(WITAN_STORE is not set: it names the documents'"
			 " folder of a PostgreSQL database)", dir && *dir ? " (WITAN_STORE)" : "");
	else
		snprintf(out, n, "%s.files", db_path);
	return out;
}

void store_close(struct store *st)
{
	free(st->dir);
	st->dir = NULL;
}

void store_sha256_hex(const void *data, size_t len, char out[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, data, len);
	sodium_bin2hex(out, 65, h, sizeof(h));
}

static int valid_sha(const char *sha)
{
	if (!sha || strlen(sha) != 64)
		return 0;
	for (int i = 0; i < 64; i++)
		if (!((sha[i] >= '0' && sha[i] <= '9') || (sha[i] >= 'a' && sha[i] <= 'f')))
			return 0;
	return 1;
}

static void object_path(const struct store *st, const char *sha, struct buf *b)
{
	buf_printf(b, "%s/%.2s/%s", st->dir, sha, sha + 2);
}

void store_object_path(const struct store *st, const char *sha, struct buf *b)
{
	object_path(st, sha, b);
}

int store_subdir(const struct store *st, const char *name, struct buf *b)
{
	buf_printf(b, "%s/%s", st->dir, name);
	if (b->err || (mkdir(b->data, 0755) < 0 && errno != EEXIST))
		return -1;
	return 0;
}

int store_put(const struct store *st, const void *data, size_t len, char sha_out[65])
{
	int created;

	return store_put_new(st, data, len, sha_out, &created);
}

int store_write_file(const char *path, const void *data, size_t len, int mode)
{
	struct buf tmp = BUF_INIT;
	const char *p = data;
	int fd = -1, rc = -1;

	buf_printf(&tmp, "%s.tmp.%ld", path, (long)getpid());
	if (tmp.err)
		goto out;
	fd = open(tmp.data, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
	if (fd < 0)
		goto out;
	while (len > 0) {
		ssize_t n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			goto out;
		p += n;
		len -= (size_t)n;
	}
	if (fsync(fd) < 0 || close(fd) < 0) {
		fd = -1;
		goto out;
	}
	fd = -1;
	if (rename(tmp.data, path) < 0)
		goto out;
	rc = 0;
out:
	if (rc < 0) {
		int e = errno; /* (what failed, not the clean-up) */
		if (fd >= 0)
			close(fd);
		if (tmp.data)
			unlink(tmp.data);
		errno = e;
	}
	buf_release(&tmp);
	return rc;
}

int store_put_new(const struct store *st, const void *data, size_t len, char sha_out[65], int *created)
{
	struct buf path = BUF_INIT, dir = BUF_INIT;
	int rc = -1;
	struct stat sb;

	*created = 0;
	store_sha256_hex(data, len, sha_out);
	object_path(st, sha_out, &path);
	if (path.err)
		goto out;
	/* Bytes already there are freshened, so that store_sweep() gives them
	 * the grace period of new ones until this caller has committed; if
	 * they were swept meanwhile (ENOENT), they are written again. */
	if (stat(path.data, &sb) == 0 && (size_t)sb.st_size == len && utimensat(AT_FDCWD, path.data, NULL, 0) == 0) {
		rc = 0;
		goto out;
	}
	buf_printf(&dir, "%s/%.2s", st->dir, sha_out);
	if (dir.err || (mkdir(dir.data, 0750) < 0 && errno != EEXIST))
		goto out;
	if (store_write_file(path.data, data, len, 0640) < 0)
		goto out;
	*created = 1;
	rc = 0;
out:
	buf_release(&path);
	buf_release(&dir);
	return rc;
}

int store_open_read(const struct store *st, const char *sha, off_t *size)
{
	struct buf path = BUF_INIT;
	struct stat sb;
	int fd = -1;

	if (!valid_sha(sha))
		return -1;
	object_path(st, sha, &path);
	if (!path.err)
		fd = open(path.data, O_RDONLY | O_CLOEXEC);
	buf_release(&path);
	if (fd >= 0 && fstat(fd, &sb) == 0) {
		*size = sb.st_size;
		return fd;
	}
	if (fd >= 0)
		close(fd);
	return -1;
}

int store_remove(const struct store *st, const char *sha)
{
	struct buf path = BUF_INIT;
	int rc = -1;

	if (!valid_sha(sha))
		return -1;
	object_path(st, sha, &path);
	if (!path.err)
		rc = unlink(path.data);
	buf_release(&path);
	return rc;
}

long store_copy_all(const struct store *st, const char *dst_db_path)
{
	struct store dst = { 0 };
	DIR *top = NULL;
	struct dirent *d;
	long copied = 0;

	if (store_open(&dst, dst_db_path) < 0)
		return -1;
	if (!(top = opendir(st->dir)))
		goto fail;
	while ((d = readdir(top))) {
		struct buf sub = BUF_INIT;
		DIR *sd;
		struct dirent *e;

		if (strlen(d->d_name) != 2)
			continue;
		buf_printf(&sub, "%s/%s", st->dir, d->d_name);
		sd = sub.err ? NULL : opendir(sub.data);
		while (sd && (e = readdir(sd))) {
			char sha[65];
			off_t size;
			int fd, created = 0;
			char *data;

			if (strlen(e->d_name) != 62)
				continue;
			snprintf(sha, sizeof(sha), "%s%s", d->d_name, e->d_name);
			if ((fd = store_open_read(st, sha, &size)) < 0)
				continue;
			data = malloc(size ? (size_t)size : 1);
			if (data && read(fd, data, (size_t)size) == (ssize_t)size) {
				char got[65];
				if (store_put_new(&dst, data, (size_t)size, got, &created) == 0 && created)
					copied++;
			}
			free(data);
			close(fd);
		}
		if (sd)
			closedir(sd);
		buf_release(&sub);
	}
	closedir(top);
	store_close(&dst);
	return copied;
fail:
	store_close(&dst);
	return -1;
}


/* --- the sweep (store.h) -------------------------------------------------- */

long store_sweep_grace(void)
{
	const char *env = getenv("WITAN_STORE_GRACE");
	char *end;
	long v;

	if (env && *env) {
		v = strtol(env, &end, 10);
		if (!*end && v >= 0)
			return v;
	}
	return 3600;
}

static int hex_name(const char *s, size_t n)
{
	if (strlen(s) != n)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return 1;
}

/* Whether path is a regular file older than grace (now). */
static int old_file(const char *path, time_t now, long grace)
{
	struct stat sb;

	return lstat(path, &sb) == 0 && S_ISREG(sb.st_mode) && now - sb.st_mtime >= grace;
}

/* One candidate: sha is a document's name (or NULL for a temporary
 * file); removed under the caller's lock if still old and unnamed. */
static void sweep_one(const char *path, const char *sha, long grace, const struct store_sweep_ops *ops,
		      struct store_sweep_counts *c)
{
	int named = 0;

	if (!old_file(path, time(NULL), grace)) {
		c->young++;
		return;
	}
	/* Most documents are named: known without the lock. */
	if (sha && (named = ops->named(ops->ctx, sha)) != 0) {
		if (named == 1)
			c->documents++;
		return;
	}
	if (ops->lock(ops->ctx) < 0)
		return;
	/* Again under the lock: an upload may have freshened it, or a
	 * commit named it, since the walk looked. */
	if (!old_file(path, time(NULL), grace))
		named = -2;
	else if (sha)
		named = ops->named(ops->ctx, sha);
	if (named == 0 && unlink(path) == 0) {
		if (sha)
			c->orphans++;
		else
			c->temporary++;
	} else if (named == 1) {
		c->documents++;
	} else if (named == -2) {
		c->young++;
	}
	ops->unlock(ops->ctx);
}

/* Leftover temporary files in dir: every regular file (all = 1, the
 * tmp/ directory) or those named "*.tmp.PID" (the packs). */
static void sweep_temporary(const char *dir, int all, long grace, const struct store_sweep_ops *ops,
			    struct store_sweep_counts *c)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	while (d && (e = readdir(d))) {
		struct buf p = BUF_INIT;

		if (e->d_name[0] == '.' || (!all && !strstr(e->d_name, ".tmp.")))
			continue;
		buf_printf(&p, "%s/%s", dir, e->d_name);
		if (!p.err)
			sweep_one(p.data, NULL, grace, ops, c);
		buf_release(&p);
	}
	if (d)
		closedir(d);
}

int store_sweep(const struct store *st, long grace, const struct store_sweep_ops *ops, struct store_sweep_counts *c)
{
	DIR *top = opendir(st->dir);
	struct dirent *d;

	memset(c, 0, sizeof(*c));
	if (!top)
		return -1;
	while ((d = readdir(top))) {
		struct buf sub = BUF_INIT;
		DIR *sd;
		struct dirent *e;

		buf_printf(&sub, "%s/%s", st->dir, d->d_name);
		if (sub.err) {
			buf_release(&sub);
			continue;
		}
		if (!strcmp(d->d_name, "tmp") || !strcmp(d->d_name, "packs")) {
			sweep_temporary(sub.data, d->d_name[0] == 't', grace, ops, c);
			buf_release(&sub);
			continue;
		}
		if (!hex_name(d->d_name, 2) || !(sd = opendir(sub.data))) {
			buf_release(&sub);
			continue;
		}
		while ((e = readdir(sd))) {
			struct buf p = BUF_INIT;
			char sha[65];

			if (e->d_name[0] == '.')
				continue;
			buf_printf(&p, "%s/%s", sub.data, e->d_name);
			if (p.err) {
				buf_release(&p);
				continue;
			}
			if (hex_name(e->d_name, 62)) {
				snprintf(sha, sizeof(sha), "%s%s", d->d_name, e->d_name);
				sweep_one(p.data, sha, grace, ops, c);
			} else if (strstr(e->d_name, ".tmp.")) {
				sweep_one(p.data, NULL, grace, ops, c);
			}
			buf_release(&p);
		}
		closedir(sd);
		buf_release(&sub);
	}
	closedir(top);
	return 0;
}

int store_log_key_write(const struct store *st, const char *key)
{
	struct buf path = BUF_INIT, line = BUF_INIT;
	struct stat sb;
	int rc = -1;

	buf_printf(&path, "%s/log.key", st->dir);
	buf_printf(&line, "%s\n", key);
	if (path.err || line.err) {
		errno = ENOMEM;
		goto out;
	}
	if (stat(path.data, &sb) == 0) {
		errno = EEXIST;
		goto out;
	}
	rc = store_write_file(path.data, line.data, line.len, 0600);
out:
	buf_release(&path);
	buf_release(&line);
	return rc;
}

int store_log_key_read(const struct store *st, char *out, size_t n)
{
	struct buf path = BUF_INIT;
	FILE *f = NULL;
	int rc = -1;

	buf_printf(&path, "%s/log.key", st->dir);
	if (path.err) {
		errno = ENOMEM;
		goto out;
	}
	if (!(f = fopen(path.data, "re")))
		goto out;
	if (!fgets(out, (int)n, f)) {
		errno = EINVAL;
		goto out;
	}
	out[strcspn(out, "\r\n")] = '\0';
	rc = 0;
out:
	if (f)
		fclose(f);
	buf_release(&path);
	return rc;
}
