/* worker.h: a server's background thread over a database (the documents'
 * text of docs/extract, the export of api/export): started once with the
 * database's path, woken cheaply from any thread, and stopped at exit,
 * which waits for the work in hand (which may watch `stop` to cancel).
 *
 *   static struct worker w = WORKER_INIT;
 *   worker_start(&w, main_fn, "council.db");   main_fn reads w.db_path
 *   ... while (!w.stop) { work; worker_wait(&w, 2); }
 *   worker_wake(&w);
 *   worker_stop(&w);
 */
#ifndef WITAN_WORKER_H
#define WITAN_WORKER_H

#include <pthread.h>

struct worker {
	pthread_t thread;
	pthread_mutex_t lock; /* guards wake and stop, and whatever the module adds */
	pthread_cond_t cond;
	int running, wake;
	volatile int stop;
	char *db_path;
};

#define WORKER_INIT { .lock = PTHREAD_MUTEX_INITIALIZER, .cond = PTHREAD_COND_INITIALIZER }

/* Start fn (passed NULL) on its own thread with a copy of db_path, unless
 * it runs already; 0, or -1 if it cannot. */
int worker_start(struct worker *w, void *(*fn)(void *), const char *db_path);
/* Wake the thread out of worker_wait(). */
void worker_wake(struct worker *w);
/* On the thread: wait until woken or stopped, or for at most seconds (0:
 * no limit), and forget the wake-up. */
void worker_wait(struct worker *w, int seconds);
/* Ask the thread to stop, wait for it, and forget db_path. */
void worker_stop(struct worker *w);

#endif
