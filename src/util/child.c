/* child.c: a limited child process (see child.h). */
#include "util/child.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "util/banned.h"

extern char **environ;

static double now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int child_run(char *const argv[], char *const envp[], const struct child_limits *lim,
	      const volatile int *stop, char *why, size_t whylen)
{
	double deadline;
	int wstatus = 0;
	pid_t pid = fork();

	if (pid < 0) {
		snprintf(why, whylen, "fork: %s", strerror(errno));
		return -1;
	}
	if (pid == 0) {   /* async-signal-safe calls only, until exec */
		struct rlimit cpu = { (rlim_t)lim->cpu_seconds, (rlim_t)lim->cpu_seconds + 1 };
		struct rlimit mem = { (rlim_t)lim->memory, (rlim_t)lim->memory };
		int devnull = open("/dev/null", O_RDWR);

		setpgid(0, 0);
		setrlimit(RLIMIT_CPU, &cpu);
		if (lim->memory)
			setrlimit(RLIMIT_AS, &mem);
		if (devnull >= 0) {
			dup2(devnull, 0);
			dup2(devnull, 1);
			if (!lim->keep_stderr)
				dup2(devnull, 2);
		}
		if (close_range(3, ~0U, 0) < 0)
			for (int fd = 3; fd < 65536; fd++)
				close(fd);
		execve(argv[0], argv, envp ? envp : environ);
		_exit(127);
	}
	setpgid(pid, pid);
	deadline = now_seconds() + lim->wall_seconds;
	for (;;) {
		pid_t w = waitpid(pid, &wstatus, WNOHANG);
		if (w == pid)
			break;
		if (w < 0 && errno != EINTR) {
			snprintf(why, whylen, "waitpid: %s", strerror(errno));
			return -1;
		}
		if (now_seconds() > deadline || (stop && *stop)) {
			kill(-pid, SIGKILL);
			kill(pid, SIGKILL);
			while (waitpid(pid, &wstatus, 0) < 0 && errno == EINTR)
				;
			if (stop && *stop)
				snprintf(why, whylen, "stopped");
			else
				snprintf(why, whylen, "took longer than %d s", lim->wall_seconds);
			return -1;
		}
		nanosleep(&(struct timespec){ 0, 20 * 1000 * 1000 }, NULL);
	}
	kill(-pid, SIGKILL);   /* whatever it left running goes with the group */
	if (WIFSIGNALED(wstatus)) {
		snprintf(why, whylen, "killed by signal %d", WTERMSIG(wstatus));
		return -1;
	}
	return WEXITSTATUS(wstatus);
}
