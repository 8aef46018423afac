/* pdftext.c: PDF text through a limited pdftotext child (see pdftext.h). */
#include "docs/pdftext.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/banned.h"

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* In the child: limits, the PDF on fd 3, text to the pipe, then exec. */
static void child(int pdf_fd, int out_fd, const struct pdftext_limits *lim, const char *program)
{
	struct rlimit cpu = { (rlim_t)lim->cpu_seconds, (rlim_t)lim->cpu_seconds + 1 };
	struct rlimit mem = { (rlim_t)lim->memory_bytes, (rlim_t)lim->memory_bytes };
	struct rlimit nofile = { 16, 16 };
	struct rlimit fsize = { 0, 0 };
	int devnull = open("/dev/null", O_RDWR);

	setrlimit(RLIMIT_CPU, &cpu);
	setrlimit(RLIMIT_AS, &mem);
	setrlimit(RLIMIT_FSIZE, &fsize);   /* it writes nothing but its pipe */
	if (dup2(out_fd, 1) < 0 || (pdf_fd != 3 && dup2(pdf_fd, 3) < 0) || lseek(3, 0, SEEK_SET) < 0 ||
	    fcntl(3, F_SETFD, 0) < 0)
		_exit(126);
	if (devnull >= 0) {
		dup2(devnull, 0);
		dup2(devnull, 2);
	}
	/* Nothing of the parent's (a server's sockets) reaches the child. */
	if (close_range(4, ~0U, 0) < 0)
		for (int fd = 4; fd < 65536; fd++)
			close(fd);
	setrlimit(RLIMIT_NOFILE, &nofile);
	execl(program, program, "-q", "-enc", "UTF-8", "-eol", "unix", "/dev/fd/3", "-", (char *)NULL);
	_exit(127);
}

/* The program's path, found on PATH by the parent: between fork and exec
 * a threaded parent's child may only make async-signal-safe calls. */
static int find_program(const char *name, char *out, size_t outlen)
{
	const char *path = getenv("PATH");

	if (strchr(name, '/'))
		return snprintf(out, outlen, "%s", name) < (int)outlen ? 0 : -1;
	if (!path || !*path)
		path = "/usr/local/bin:/usr/bin:/bin";
	while (*path) {
		const char *colon = strchr(path, ':');
		size_t n = colon ? (size_t)(colon - path) : strlen(path);
		if (n && snprintf(out, outlen, "%.*s/%s", (int)n, path, name) < (int)outlen && access(out, X_OK) == 0)
			return 0;
		path += n + (colon ? 1 : 0);
	}
	return -1;
}

/* Pass complete pages (ended by a form feed) in b to fn, keeping the rest. */
static int flush_pages(struct buf *b, int final, pdftext_page_fn fn, void *ctx, int *pages, int max_pages)
{
	size_t start = 0;

	for (size_t i = 0; i < b->len; i++) {
		if (b->data[i] != '\f')
			continue;
		if (*pages >= max_pages)
			return 1;
		if (fn(ctx, ++*pages, b->data + start, i - start) < 0)
			return -1;
		start = i + 1;
	}
	if (final && start < b->len) {
		/* text after the last form feed: a last page without its feed */
		int only_space = 1;
		for (size_t i = start; i < b->len; i++)
			if (b->data[i] != '\n' && b->data[i] != ' ')
				only_space = 0;
		if (!only_space) {
			if (*pages >= max_pages)
				return 1;
			if (fn(ctx, ++*pages, b->data + start, b->len - start) < 0)
				return -1;
		}
		start = b->len;
	}
	if (start > 0) {
		memmove(b->data, b->data + start, b->len - start);
		buf_truncate(b, b->len - start);
	}
	return 0;
}

enum pdftext_status pdftext_extract(int fd, const struct pdftext_limits *limits, pdftext_page_fn fn,
				    void *ctx, int *pages, char *why, size_t whylen)
{
	struct pdftext_limits lim = limits ? *limits : (struct pdftext_limits){ 0 };
	enum pdftext_status st = PDFTEXT_OK;
	struct buf b = BUF_INIT;
	int p[2] = { -1, -1 }, wstatus = 0, stopped = 0, fr;
	size_t total = 0;
	double deadline;
	char program[4096];
	pid_t pid;

	*pages = 0;
	why[0] = '\0';
	if (!lim.cpu_seconds)
		lim.cpu_seconds = 20;
	if (!lim.memory_bytes)
		lim.memory_bytes = (size_t)512 << 20;
	if (!lim.wall_seconds)
		lim.wall_seconds = 30;
	if (!lim.max_output)
		lim.max_output = (size_t)16 << 20;
	if (!lim.max_pages)
		lim.max_pages = 5000;
	if (find_program(lim.program ? lim.program : "pdftotext", program, sizeof(program)) < 0) {
		snprintf(why, whylen, "could not run %s: not found", lim.program ? lim.program : "pdftotext");
		return PDFTEXT_ERROR;
	}
	if (pipe2(p, O_CLOEXEC) < 0) {
		snprintf(why, whylen, "pipe: %s", strerror(errno));
		return PDFTEXT_ERROR;
	}
	pid = fork();
	if (pid < 0) {
		snprintf(why, whylen, "fork: %s", strerror(errno));
		close(p[0]);
		close(p[1]);
		return PDFTEXT_ERROR;
	}
	if (pid == 0)
		child(fd, p[1], &lim, program);
	close(p[1]);
	deadline = now_s() + lim.wall_seconds;
	buf_init(&b, lim.max_output + 65536);
	for (;;) {
		struct pollfd pfd = { p[0], POLLIN, 0 };
		int left = (int)((deadline - now_s()) * 1000);
		char chunk[65536];
		ssize_t n;

		if (left <= 0) {
			st = PDFTEXT_LIMIT;
			snprintf(why, whylen, "stopped after %d s", lim.wall_seconds);
			stopped = 1;
			break;
		}
		if (lim.cancel && *lim.cancel) {
			st = PDFTEXT_ERROR;
			snprintf(why, whylen, "cancelled");
			stopped = 1;
			break;
		}
		if (poll(&pfd, 1, left < 200 ? left : 200) < 0) {
			if (errno == EINTR)
				continue;
			st = PDFTEXT_ERROR;
			snprintf(why, whylen, "poll: %s", strerror(errno));
			stopped = 1;
			break;
		}
		if (!pfd.revents)
			continue;
		n = read(p[0], chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		total += (size_t)n;
		if (total > lim.max_output) {
			st = PDFTEXT_LIMIT;
			snprintf(why, whylen, "more than %zu bytes of text", lim.max_output);
			stopped = 1;
			break;
		}
		buf_append(&b, chunk, (size_t)n);
		fr = flush_pages(&b, 0, fn, ctx, pages, lim.max_pages);
		if (fr != 0) {
			st = fr > 0 ? PDFTEXT_LIMIT : PDFTEXT_OK;
			if (fr > 0)
				snprintf(why, whylen, "more than %d pages", lim.max_pages);
			stopped = 1;
			break;
		}
	}
	if (stopped)
		kill(pid, SIGKILL);
	close(p[0]);
	while (waitpid(pid, &wstatus, 0) < 0 && errno == EINTR)
		;
	if (!stopped) {
		if (WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0) {
			if (flush_pages(&b, 1, fn, ctx, pages, lim.max_pages) > 0) {
				st = PDFTEXT_LIMIT;
				snprintf(why, whylen, "more than %d pages", lim.max_pages);
			}
		} else if (WIFSIGNALED(wstatus)) {
			st = PDFTEXT_LIMIT;
			snprintf(why, whylen, "pdftotext stopped by signal %d (a CPU or memory limit)", WTERMSIG(wstatus));
		} else if (WIFEXITED(wstatus) && WEXITSTATUS(wstatus) >= 126) {
			st = PDFTEXT_ERROR;
			snprintf(why, whylen, "could not run %s", lim.program ? lim.program : "pdftotext");
		} else {
			st = PDFTEXT_FAILED;
			snprintf(why, whylen, "pdftotext could not read the document (exit %d)",
				 WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1);
		}
	}
	buf_release(&b);
	return st;
}
