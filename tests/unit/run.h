/* run.h: for the unit tests that check a program's view of what they
 * made (pdftotext, pdfinfo, qpdf): run it and capture its output.
 * Included by a test file, after its system headers and util/buf.h. */
#ifndef WITAN_TEST_RUN_H
#define WITAN_TEST_RUN_H

#include <errno.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util/buf.h"

/* Run argv (no shell), its stdout appended to out.  Returns the exit status
 * or -1. */
static int run_capture(char *const argv[], struct buf *out)
{
	int fd[2], status;
	pid_t pid;
	char chunk[4096];
	ssize_t n;

	if (pipe(fd) < 0)
		return -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		int devnull = open("/dev/null", O_WRONLY);
		dup2(fd[1], 1);
		if (devnull >= 0)
			dup2(devnull, 2);
		close(fd[0]);
		close(fd[1]);
		execv(argv[0], argv);
		_exit(127);
	}
	close(fd[1]);
	while ((n = read(fd[0], chunk, sizeof(chunk))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			break;
		buf_append(out, chunk, (size_t)n);
	}
	close(fd[0]);
	if (waitpid(pid, &status, 0) < 0)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

#endif
