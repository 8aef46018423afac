/* child.h: running another program (LibreOffice; witan itself for a
 * reports pack) as a limited child process: its own process group, CPU
 * and address-space limits, no descriptors of ours but stderr if asked,
 * and a wall-clock deadline after which the whole group is killed.  The
 * group is killed at the end too, so nothing it started outlives it. */
#ifndef WITAN_CHILD_H
#define WITAN_CHILD_H

#include <stddef.h>

struct child_limits {
	long cpu_seconds;            /* RLIMIT_CPU */
	unsigned long long memory;   /* RLIMIT_AS in bytes; 0: none */
	int wall_seconds;            /* killed after this long */
	int keep_stderr;             /* 1: the child writes to our stderr; 0: /dev/null */
};

/* Run argv[0] (a path: no PATH search, no shell) with envp (NULL: ours).
 * *stop (may be NULL) becoming non-zero kills it early.  Returns its exit
 * status (0-255), or -1 with why: it could not start, was killed by a
 * signal or its limits, or ran past its deadline ("took longer than N s").
 * May be called from any thread. */
int child_run(char *const argv[], char *const envp[], const struct child_limits *lim,
	      const volatile int *stop, char *why, size_t whylen);

#endif
