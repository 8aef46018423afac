/* worker.c: a server's background thread over a database (see worker.h). */
#include "util/worker.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/banned.h"

int worker_start(struct worker *w, void *(*fn)(void *), const char *db_path)
{
	if (w->running)
		return 0;
	w->db_path = strdup(db_path);
	w->stop = 0;
	if (!w->db_path || pthread_create(&w->thread, NULL, fn, NULL) != 0) {
		free(w->db_path);
		w->db_path = NULL;
		return -1;
	}
	w->running = 1;
	return 0;
}

static void signal_flag(struct worker *w, volatile int *flag)
{
	pthread_mutex_lock(&w->lock);
	*flag = 1;
	pthread_cond_signal(&w->cond);
	pthread_mutex_unlock(&w->lock);
}

void worker_wake(struct worker *w)
{
	signal_flag(w, &w->wake);
}

void worker_wait(struct worker *w, int seconds)
{
	struct timespec until;

	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += seconds;
	pthread_mutex_lock(&w->lock);
	while (!w->wake && !w->stop) {
		if (!seconds)
			pthread_cond_wait(&w->cond, &w->lock);
		else if (pthread_cond_timedwait(&w->cond, &w->lock, &until) != 0)
			break;
	}
	w->wake = 0;
	pthread_mutex_unlock(&w->lock);
}

void worker_stop(struct worker *w)
{
	if (!w->running)
		return;
	signal_flag(w, &w->stop);
	pthread_join(w->thread, NULL);
	w->running = 0;
	free(w->db_path);
	w->db_path = NULL;
}
