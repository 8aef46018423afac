/* office.c: office documents to PDF with LibreOffice (see office.h). */
#include "docs/office.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/child.h"
#include "util/banned.h"

#define OFFICE_CPU_SECONDS 60
#define OFFICE_MEMORY (2ULL << 30)
#define OFFICE_WALL_SECONDS 120

static const struct {
	const char *mime, *ext;
} types[] = {
	{ "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx" },
	{ "application/vnd.oasis.opendocument.text", "odt" },
	{ "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx" },
};

static const char *ext_of(const char *mime)
{
	for (size_t i = 0; mime && i < sizeof(types) / sizeof(types[0]); i++)
		if (strcmp(mime, types[i].mime) == 0)
			return types[i].ext;
	return NULL;
}

int office_convertible(const char *mime_type)
{
	return ext_of(mime_type) != NULL;
}

static char soffice[4096];
static int found = -1;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void look_up(void)
{
	const char *path = getenv("PATH");

	found = 0;
	if (!path || !*path)
		path = "/usr/local/bin:/usr/bin:/bin";
	while (*path) {
		const char *colon = strchr(path, ':');
		size_t n = colon ? (size_t)(colon - path) : strlen(path);
		if (n && snprintf(soffice, sizeof(soffice), "%.*s/soffice", (int)n, path) < (int)sizeof(soffice) &&
		    access(soffice, X_OK) == 0) {
			found = 1;
			return;
		}
		path += n + (colon ? 1 : 0);
	}
}

int office_available(void)
{
	pthread_once(&once, look_up);
	return found;
}

static void remove_dir(const char *dir, int depth)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (d) {
		while ((e = readdir(d))) {
			struct buf p = BUF_INIT;
			struct stat sb;
			if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
				continue;
			buf_printf(&p, "%s/%s", dir, e->d_name);
			if (!p.err && lstat(p.data, &sb) == 0) {
				if (S_ISDIR(sb.st_mode) && depth < 12)
					remove_dir(p.data, depth + 1);
				else
					unlink(p.data);
			}
			buf_release(&p);
		}
		closedir(d);
	}
	rmdir(dir);
}

int office_convert(const char *src, const char *mime_type, const char *tmp_dir, const char *out_path,
		   char *why, size_t whylen)
{
	static unsigned long seq;
	struct buf work = BUF_INIT, in = BUF_INIT, outdir = BUF_INIT, made = BUF_INIT, env_home = BUF_INIT,
		   profile = BUF_INIT, tmp = BUF_INIT;
	const char *ext = ext_of(mime_type);
	int rc = -1, have_dir = 0;

	why[0] = '\0';
	if (!ext || !office_available()) {
		snprintf(why, whylen, "LibreOffice is not installed");
		return -1;
	}
	buf_printf(&work, "%s/office-%ld-%lu", tmp_dir, (long)getpid(), __atomic_add_fetch(&seq, 1, __ATOMIC_RELAXED));
	if (work.err)
		goto out;
	mkdir(tmp_dir, 0700);
	if (mkdir(work.data, 0700) < 0) {
		snprintf(why, whylen, "cannot create %s: %s", work.data, strerror(errno));
		goto out;
	}
	have_dir = 1;
	buf_printf(&in, "%s/document.%s", work.data, ext);
	buf_printf(&outdir, "%s/out", work.data);
	buf_printf(&made, "%s/out/document.pdf", work.data);
	buf_printf(&env_home, "HOME=%s/home", work.data);
	buf_printf(&profile, "-env:UserInstallation=file://%s/profile", work.data);
	buf_printf(&tmp, "%s.tmp-%ld", out_path, (long)getpid());
	if (in.err || outdir.err || made.err || env_home.err || profile.err || tmp.err)
		goto out;
	/* LibreOffice goes by the name's extension: give it one. */
	if (symlink(src, in.data) < 0 || mkdir(outdir.data, 0700) < 0 || mkdir(env_home.data + 5, 0700) < 0) {
		snprintf(why, whylen, "cannot prepare %s: %s", work.data, strerror(errno));
		goto out;
	}
	{
		char *argv[] = { soffice, "--headless", "--norestore", "--nolockcheck", "--nodefault",
				 "--nofirststartwizard", profile.data, "--convert-to", "pdf", "--outdir",
				 outdir.data, in.data, NULL };
		char *envp[] = { env_home.data, "PATH=/usr/local/bin:/usr/bin:/bin", "LANG=C.UTF-8", NULL };
		struct child_limits lim = { OFFICE_CPU_SECONDS, OFFICE_MEMORY, OFFICE_WALL_SECONDS, 0 };
		char cwhy[128];
		int status = child_run(argv, envp, &lim, NULL, cwhy, sizeof(cwhy));

		if (status != 0) {
			snprintf(why, whylen, "LibreOffice %s", status < 0 ? cwhy : "could not convert the document");
			goto out;
		}
	}
	if (rename(made.data, tmp.data) < 0 && errno == EXDEV) {
		snprintf(why, whylen, "cannot move the converted PDF");
		goto out;
	}
	if (access(tmp.data, F_OK) != 0 || rename(tmp.data, out_path) < 0) {
		unlink(tmp.data);
		snprintf(why, whylen, "LibreOffice made no PDF");
		goto out;
	}
	rc = 0;
out:
	if (rc < 0 && !why[0])
		snprintf(why, whylen, "out of memory");
	if (have_dir)
		remove_dir(work.data, 0);
	buf_release(&work);
	buf_release(&in);
	buf_release(&outdir);
	buf_release(&made);
	buf_release(&env_home);
	buf_release(&profile);
	buf_release(&tmp);
	return rc;
}
