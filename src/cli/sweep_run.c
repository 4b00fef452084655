/* smugnet sweep run / missing: run some tasks, one chunk of tasks, or
 * every missing task with N jobs. The local engine is GNU parallel when it
 * is installed (each job calls this program back with --task I J ...) and
 * a plain fork pool otherwise; both hand a job a batch of tasks to run in
 * one process and write the same bytes. Resuming runs only the tasks whose
 * result file is missing. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli/sweep.h"

long long sweep_batch_size(long long n_tasks, long long jobs)
{
	long long k = jobs <= 1 ? SWEEP_BATCH_MAX : (n_tasks + 4 * jobs - 1) / (4 * jobs);

	return k < 1 ? 1 : k > SWEEP_BATCH_MAX ? SWEEP_BATCH_MAX : k;
}

static long long *missing_tasks(const struct sweep_manifest *m, long long *n)
{
	long long *ids = malloc(((size_t)m->n_tasks + 1) * sizeof *ids);

	*n = 0;
	for (long long i = 0; i < m->n_tasks; i++)
		if (!sweep_result_exists(m, i))
			ids[(*n)++] = i;
	return ids;
}

/* What children wrote to stderr since *off, into f (a file, while the
 * progress line is drawn, so that the two do not share a line), printed
 * under the line: whole lines only, so that a message is not cut where a
 * child is still writing, unless all (the writers have ended). The
 * file's own offset is left to the writers. The fork pool reads a
 * batch's file once when the batch ends; GNU parallel's file is read as
 * it grows. */
static void child_messages(FILE *f, off_t *off, bool all)
{
	char buf[4096];
	ssize_t got;

	if (f == NULL)
		return;
	while ((got = pread(fileno(f), buf, sizeof buf, *off)) > 0) {
		size_t n = (size_t)got;

		if (!all && got < (ssize_t)sizeof buf) {
			while (n > 0 && buf[n - 1] != '\n')
				n--;
			if (n == 0)
				break;
		}
		progress_clear();
		fwrite(buf, 1, n, stderr);
		fflush(stderr);
		*off += (off_t)n;
	}
}

/* The descriptors a sweep run keeps or hands on (pipes, job log,
 * message files) live at 3 or above: a run started with standard
 * descriptors closed (`<&- >&-`, from cron or a daemon manager) would
 * otherwise get them at 0 to 2, where a child's stdin, stdout or stderr
 * go (GNU parallel's stdout was the lifeline, which its jobs then could
 * not find, and ran on after a SIGKILL). dup_above_std: a copy of fd
 * there, with fd's close-on-exec flag (-1 with errno). fd_above_std: fd
 * moved there, the old number closed; fd itself when it is there
 * already; -1 with errno, fd left open, when it cannot be moved. */
static int dup_above_std(int fd)
{
	int flags = fcntl(fd, F_GETFD);

	return flags < 0 ? -1 : fcntl(fd, flags & FD_CLOEXEC ? F_DUPFD_CLOEXEC : F_DUPFD, STDERR_FILENO + 1);
}

static int fd_above_std(int fd)
{
	int moved;

	if (fd > STDERR_FILENO)
		return fd;
	if ((moved = dup_above_std(fd)) >= 0)
		close(fd);
	return moved;
}

/* pipe(2), both ends at 3 or above (fd_above_std). */
static int pipe_above_std(int p[2])
{
	if (pipe(p) != 0)
		return -1;
	for (int i = 0; i < 2; i++) {
		int moved = fd_above_std(p[i]);

		if (moved < 0) {
			int e = errno;

			close(p[0]);
			close(p[1]);
			errno = e;
			return -1;
		}
		p[i] = moved;
	}
	return 0;
}

/* tmpfile(3) at descriptor 3 or above (as fd_above_std); NULL when there
 * is none. */
static FILE *tmpfile_above_std(void)
{
	FILE *f = tmpfile(), *moved;
	int fd;

	if (f == NULL || fileno(f) > STDERR_FILENO)
		return f;
	fd = dup_above_std(fileno(f)); /* the file has no name: the copy keeps it */
	fclose(f);
	if (fd < 0 || (moved = fdopen(fd, "w+")) == NULL) {
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	return moved;
}

/* A batch's file, printed whole, then closed. */
static void batch_messages(FILE *f)
{
	off_t off = 0;

	child_messages(f, &off, true);
	if (f != NULL)
		fclose(f);
}

/* Two sweep run --jobs on one folder each ran every task that was
 * missing when it began: the same tasks twice. So under --jobs a worker
 * claims a task before it runs it, an exclusive flock(2) on tmp/.I.claim
 * (hidden, as a temporary file is) held until its result is written; a
 * task another run holds is passed over, and come back to after the
 * worker's other tasks, waiting for the lock (the other run may fail it,
 * or be killed); a task that has a result once claimed is not run again.
 * The holder removes the file before it lets the lock go, and a lock
 * taken on a file whose name is gone is let go and taken again (as
 * cli_atomic_open does); a file a killed worker left goes with the other
 * stale files of tmp/. Where the file cannot be made or locked, the task
 * runs unclaimed, as before. */
enum { CLAIM_HELD = -1, CLAIM_NONE = -2 };

/* The claim of the task at path: its open file holding the lock, or
 * CLAIM_HELD (another holds it; not when wait), or CLAIM_NONE. */
static int task_claim(const char *path, bool wait)
{
	for (int k = 0; k < 3; k++) {
		int fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644), e;

		if (fd < 0)
			return CLAIM_NONE;
		if (flock(fd, wait ? LOCK_EX : LOCK_EX | LOCK_NB) != 0) {
			e = errno;
			close(fd);
			return e == EWOULDBLOCK ? CLAIM_HELD : CLAIM_NONE;
		}
		if (cli_fd_named(fd, path))
			return fd;
		close(fd); /* removed between open and lock: again */
	}
	return CLAIM_NONE;
}

/* Task i, claimed first (wait: for the lock); *held when another holds
 * it (then nothing is run). Its exit code. */
static int claimed_task_run(const struct sweep_manifest *m, long long i, bool wait, bool *held)
{
	char path[4200];
	int fd, rc = EXIT_OK;

	snprintf(path, sizeof path, "%s/" SWEEP_TMP "/.%lld.claim", m->dir, i);
	fd = task_claim(path, wait);
	*held = fd == CLAIM_HELD;
	if (*held)
		return EXIT_OK;
	if (fd < 0 || !sweep_result_exists(m, i))
		rc = sweep_task_run(m, i);
	if (fd >= 0) {
		unlink(path);
		close(fd); /* and its lock, once the name is gone */
	}
	return rc;
}

/* Run tasks ids[0..n) in this process, each whatever the others did
 * (claim: each claimed, those another run holds last); the exit code of
 * the first that failed. */
static int run_tasks(const struct sweep_manifest *m, const long long *ids, long long n, bool claim)
{
	long long *passed = claim ? malloc(((size_t)n + 1) * sizeof *passed) : NULL, n_passed = 0;
	int rc = EXIT_OK;

	for (long long i = 0; i < n; i++) {
		bool held = false;
		int r = passed ? claimed_task_run(m, ids[i], false, &held) : sweep_task_run(m, ids[i]);

		if (held)
			passed[n_passed++] = ids[i];
		if (rc == EXIT_OK)
			rc = r;
	}
	for (long long i = 0; i < n_passed; i++) {
		bool held;
		int r = claimed_task_run(m, passed[i], true, &held);

		if (rc == EXIT_OK)
			rc = r;
	}
	free(passed);
	return rc;
}

/* A batch that failed: its tasks left without a result. */
static void batch_failed(const struct sweep_manifest *m, const long long *ids, long long n,
			 long long *failed, long long *n_failed, long long cap)
{
	for (long long i = 0; i < n; i++)
		if (!sweep_result_exists(m, ids[i])) {
			if (*n_failed < cap)
				failed[*n_failed] = ids[i];
			(*n_failed)++;
		}
}

static int by_id(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return (x > y) - (x < y);
}

/* The failed tasks in order (jobs end in any order), the first 20. */
static void report_failures(long long *failed, long long n_failed)
{
	if (n_failed == 0)
		return;
	qsort(failed, (size_t)n_failed, sizeof *failed, by_id);
	fprintf(stderr, "smugnet sweep run: %lld task%s failed:", n_failed, n_failed == 1 ? "" : "s");
	for (long long i = 0; i < n_failed && i < 20; i++)
		fprintf(stderr, " %lld", failed[i]);
	fprintf(stderr, "%s\n", n_failed > 20 ? " ..." : "");
}

/* A sweep run stopped by SIGINT, SIGTERM or SIGHUP stops its workers
 * with it (a kill of this process alone left the fork pool's batches and
 * GNU parallel's jobs writing results after it had exited), then dies of
 * the same signal. Workers also get SIGTERM when this process dies of a
 * signal it cannot catch (PR_SET_PDEATHSIG). A signal ignored when the
 * run began (nohup's SIGHUP, a script's background job's SIGINT) stays
 * ignored, in the workers too. */
static volatile sig_atomic_t stop_signal;

static void on_stop(int sig)
{
	stop_signal = sig;
}

static void catch_stops(struct sigaction *old)
{
	stop_signal = 0;
	cli_stops_catch(on_stop, old); /* no SA_RESTART: a wait returns EINTR */
}

/* The handlers before catch_stops; a caught signal is raised again. */
static void release_stops(const struct sigaction *old)
{
	cli_stops_release(old);
	if (stop_signal)
		raise(stop_signal);
}

/* In a worker just forked: the default actions back (an ignored signal
 * stays ignored), and SIGTERM when the parent is gone. */
static void worker_signals(pid_t parent)
{
	for (int i = 0; i < CLI_STOP_SIGNALS; i++) {
		struct sigaction now;

		sigaction(cli_stop_signals[i], NULL, &now);
		if (now.sa_handler != SIG_IGN)
			signal(cli_stop_signals[i], SIG_DFL);
	}
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	if (getppid() != parent)
		_exit(EXIT_RUNTIME);
}

/* GNU parallel's jobs and the run that started them. The kernel tells
 * the run's own children when it dies (PR_SET_PDEATHSIG), but parallel
 * is the parent of the jobs, and one SIGTERM need not stop them: GNU
 * parallel 20221122 ignores one that comes while it starts, then runs
 * every job, and a parallel that lets running jobs finish on a first
 * SIGTERM (as it does on SIGHUP) leaves them running. A run killed
 * outright (SIGKILL) left jobs writing results. So the run holds the
 * only write end of a pipe (its "lifeline", never written), and each job
 * finds the read end in SMUGNET_SWEEP_LIFELINE: when the run is gone,
 * however it died, the pipe hangs up, and a watcher the job forked stops
 * the job with SIGTERM; a job also looks before it writes a result, so
 * none is written once the run is gone, whenever the watcher runs. */
#define LIFELINE_ENV "SMUGNET_SWEEP_LIFELINE"

static int lifeline = -1; /* in a job: the read end, or -1 */

bool sweep_lifeline_cut(void)
{
	struct pollfd p = {.fd = lifeline, .events = POLLIN, .revents = 0};

	return lifeline >= 0 && poll(&p, 1, 0) != 0;
}

/* In a job: watch the lifeline, if there is one. */
static void lifeline_watch(void)
{
	const char *s = getenv(LIFELINE_ENV);
	pid_t job = getpid();
	struct stat st;
	long long fd;

	if (s == NULL || !cli_parse_int(s, INT_MAX, &fd) || fstat((int)fd, &st) != 0 || !S_ISFIFO(st.st_mode))
		return;
	lifeline = (int)fd;
	if (fork() != 0) /* the job (a failed fork leaves it to sweep_lifeline_cut) */
		return;
	/* the watcher: gone with the job, holding none of its output */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != job)
		_exit(0);
	for (int i = 0; i <= STDERR_FILENO; i++)
		if (i != fd) /* a lifeline there would be cut, and the job stopped */
			close(i);
	for (;;) {
		struct pollfd p = {.fd = (int)fd, .events = POLLIN, .revents = 0};

		if (poll(&p, 1, -1) >= 0 || errno != EINTR)
			break;
	}
	if (getppid() == job)
		kill(job, SIGTERM);
	_exit(0);
}

/* The fork pool: up to jobs children, each runs a batch of tasks
 * in-process. A slot is free when its pid is 0. */
struct fork_pool {
	const struct sweep_manifest *m;
	const long long *ids;	/* the tasks to run, [n] */
	long long n, batch;
	long long next, done;	/* the first task not started; tasks ended */
	long long *failed;	/* [n + 1]: tasks left without a result */
	long long n_failed;
	int jobs, running;	/* slots; slots busy */
	pid_t *pid;		/* [jobs]: a slot's child, or 0 */
	long long *first;	/* [jobs]: where a slot's batch starts in ids */
	long long *count;	/* [jobs]: its tasks */
	FILE **err;		/* [jobs]: its messages under a progress line, or NULL */
	pid_t parent;		/* the run */
	struct progress prog;
};

static void pool_init(struct fork_pool *p, const struct sweep_manifest *m, const long long *ids, long long n,
		      int jobs, long long batch)
{
	*p = (struct fork_pool){.m = m, .ids = ids, .n = n, .batch = batch, .jobs = jobs, .parent = getpid()};
	p->failed = malloc(((size_t)n + 1) * sizeof *p->failed);
	p->pid = calloc((size_t)jobs, sizeof *p->pid);
	p->first = calloc((size_t)jobs, sizeof *p->first);
	p->count = calloc((size_t)jobs, sizeof *p->count);
	p->err = calloc((size_t)jobs, sizeof *p->err);
}

static void pool_done(struct fork_pool *p)
{
	free(p->pid);
	free(p->err);
	free(p->first);
	free(p->count);
	free(p->failed);
}

/* The next batch forked into a free slot; a batch that cannot be forked
 * is said and counted done, its tasks failed. */
static void pool_start_batch(struct fork_pool *p)
{
	long long count = p->n - p->next < p->batch ? p->n - p->next : p->batch;
	pid_t pid;
	int k = 0;

	while (p->pid[k])
		k++;
	/* under a progress line a batch's messages wait in a file */
	p->err[k] = p->prog.on ? tmpfile_above_std() : NULL;
	pid = fork();
	if (pid == 0) {
		worker_signals(p->parent);
		if (p->err[k] != NULL)
			dup2(fileno(p->err[k]), STDERR_FILENO);
		_exit(run_tasks(p->m, p->ids + p->next, count, true));
	}
	if (pid < 0) {
		batch_messages(p->err[k]);
		p->err[k] = NULL;
		fprintf(stderr, "smugnet sweep run: fork: %s\n", strerror(errno));
		for (long long i = 0; i < count; i++)
			p->failed[p->n_failed++] = p->ids[p->next + i];
		p->next += count;
		p->done += count;
		return;
	}
	p->pid[k] = pid;
	p->first[k] = p->next;
	p->count[k] = count;
	p->next += count;
	p->running++;
}

/* SIGTERM to every batch still running. */
static void pool_stop(const struct fork_pool *p)
{
	for (int k = 0; k < p->jobs; k++)
		if (p->pid[k])
			kill(p->pid[k], SIGTERM);
}

/* The batch of child pid ended with status: its messages printed, its
 * tasks without a result failed when it did not exit 0, its slot freed. */
static void pool_reap(struct fork_pool *p, pid_t pid, int status)
{
	for (int k = 0; k < p->jobs; k++)
		if (p->pid[k] == pid) {
			batch_messages(p->err[k]);
			p->err[k] = NULL;
			if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
				batch_failed(p->m, p->ids + p->first[k], p->count[k], p->failed, &p->n_failed, p->n);
			p->pid[k] = 0;
			p->running--;
			p->done += p->count[k];
		}
}

static int run_fork_pool(const struct sweep_manifest *m, const long long *ids, long long n,
			 int jobs, long long batch, bool quiet)
{
	struct fork_pool p;
	struct sigaction old[CLI_STOP_SIGNALS];
	int rc;

	pool_init(&p, m, ids, n, jobs, batch);
	fflush(NULL);
	progress_start(&p.prog, "sweep run", "tasks", (long)n, quiet);
	catch_stops(old);
	while (p.done < n) {
		int status;
		pid_t pid;

		while (p.running < jobs && p.next < n && !stop_signal)
			pool_start_batch(&p);
		if (stop_signal) {
			pool_stop(&p);
			if (p.running == 0)
				break;
		}
		if (p.running == 0)
			continue;
		pid = wait(&status);
		if (pid < 0 && errno == EINTR)
			continue;
		if (pid < 0)
			break;
		pool_reap(&p, pid, status);
		progress_update(&p.prog, (long)p.done, (long)p.n_failed);
	}
	progress_end(&p.prog);
	if (!stop_signal)
		report_failures(p.failed, p.n_failed);
	rc = p.n_failed ? EXIT_RUNTIME : EXIT_OK;
	pool_done(&p);
	release_stops(old);
	return rc;
}

static bool in_path(const char *prog)
{
	const char *path = getenv("PATH");
	char buf[4096];

	while (path && *path) {
		size_t n = strcspn(path, ":");

		snprintf(buf, sizeof buf, "%.*s/%s", (int)n, path, prog);
		if (n && access(buf, X_OK) == 0)
			return true;
		path += n + (path[n] == ':');
	}
	return false;
}

/* The tasks of the job log's finished jobs (the numbers after the last
 * "--task " of each line's command), and those a failed job left without
 * a result: one with an exit value (column 7) other than 0, or killed by
 * a signal (column 8; GNU parallel logs such a job's exit value as 0). */
static void joblog_count(const struct sweep_manifest *m, const char *log, long long *done,
			 long long *n_failed, long long *failed, long long cap)
{
	FILE *f = fopen(log, "r");
	char line[8192];

	*done = 0;
	*n_failed = 0;
	if (f == NULL)
		return;
	if (fgets(line, sizeof line, f) == NULL) { /* header */
		fclose(f);
		return;
	}
	while (fgets(line, sizeof line, f)) {
		long long ids[SWEEP_BATCH_MAX];
		char *col = line, *task = NULL, *at, *end;
		int exitval, signo, n = 0;

		if (strchr(line, '\n') == NULL)
			break; /* a line still being written */
		for (int c = 0; c < 6 && col; c++)
			col = strchr(col, '\t') ? strchr(col, '\t') + 1 : NULL;
		for (at = line; (at = strstr(at, "--task ")) != NULL; at++)
			task = at + 7;
		for (at = task; at && n < SWEEP_BATCH_MAX; at = end) {
			long long id = strtoll(at, &end, 10);

			if (end == at || id < 0 || id >= m->n_tasks)
				break;
			ids[n++] = id;
		}
		*done += n ? n : 1;
		if (col == NULL || sscanf(col, "%d\t%d", &exitval, &signo) != 2 || exitval != 0 || signo != 0) {
			if (n == 0) {
				if (*n_failed < cap)
					failed[*n_failed] = -1;
				(*n_failed)++;
			}
			batch_failed(m, ids, n, failed, n_failed, cap);
		}
	}
	fclose(f);
}

/* GNU parallel's job log, tmp/parallel.PID.log, is read by the run that
 * made it alone (its progress and failed tasks) and removed when the run
 * ends; a run killed outright (SIGKILL) leaves it. So the run holds an
 * exclusive flock(2) on its log from before the log has its name until
 * it is removed (the kernel drops it when the run dies, however it dies),
 * and the next sweep run --jobs removes a log no one holds. A log's name
 * is only ever removed by one who holds the lock of the file the name
 * then names (checked after locking): so no run's log is removed while
 * it runs, whatever other runs on the same folder do, here or on another
 * host sharing it. Where the file system has no locks, nothing is
 * removed but a run's own log. */

/* Remove the job log at path if no run holds it; true when path is free
 * (removed, or not there), false when a run holds it (or it cannot be
 * told). */
static bool joblog_remove_stale(const char *path)
{
	return cli_unlink_unheld(path);
}

/* Past the digits at *p: false when there are none. */
static bool skip_digits(const char **p)
{
	const char *start = *p;

	while (**p >= '0' && **p <= '9')
		(*p)++;
	return *p != start;
}

/* A name of a job log: parallel.N.log or parallel.N.K.log. */
static bool joblog_name(const char *name)
{
	const char *p;

	if (strncmp(name, "parallel.", strlen("parallel.")) != 0)
		return false;
	p = name + strlen("parallel.");
	if (!skip_digits(&p))
		return false;
	if (strcmp(p, ".log") == 0)
		return true;
	if (*p++ != '.' || !skip_digits(&p))
		return false;
	return strcmp(p, ".log") == 0;
}

/* What runs and tasks killed outright or stopped left in tmp/ (for
 * cli_tmp_remove_stale): job logs, tasks' claims, and results' temporary
 * files, of I.json (a task stopped while it wrote one: Ctrl-C on sweep run --task,
 * Slurm's time limit). A writer holds a lock on its temporary file as a
 * run does on its log, so only those no one holds go. */
static bool run_stale(const char *entry, const char *name, size_t len, const void *arg)
{
	const char *p = name;

	(void)arg;
	if (joblog_name(entry))
		return true;
	if (name == NULL) /* a task's claim, .I.claim, a killed worker left */
		return *entry++ == '.' && skip_digits(&entry) && strcmp(entry, ".claim") == 0;
	if (!skip_digits(&p))
		return false;
	return (size_t)(p - name) + strlen(".json") == len && strncmp(p, ".json", strlen(".json")) == 0;
}

static void tmp_remove_stale(const struct sweep_manifest *m)
{
	char tmp[4096];

	sweep_path(tmp, sizeof tmp, m->dir, SWEEP_TMP);
	cli_tmp_remove_stale(tmp, run_stale, NULL);
}

/* The claimed job log's descriptor at 3 or above (fd_above_std), which
 * holds its lock as fd did; when it cannot be moved, the log removed (by
 * this run, which holds it) and -1 with errno. */
static int joblog_keep(int fd, const char *log)
{
	int moved = fd_above_std(fd), e = errno;

	if (moved >= 0)
		return moved;
	unlink(log);
	close(fd);
	errno = e;
	return -1;
}

/* This run's job log in tmp/, made empty and locked before parallel
 * writes it: its path in log, and the open file holding the lock (-1
 * with errno on failure). A name a live run holds (another host's run
 * of the same process id) is passed over for parallel.PID.K.log. */
static int joblog_claim(const char *tmp, char *log, size_t size)
{
	for (int k = 0; k < 100; k++) {
		int fd;

		if (k == 0)
			snprintf(log, size, "%s/parallel.%ld.log", tmp, (long)getpid());
		else
			snprintf(log, size, "%s/parallel.%ld.%d.log", tmp, (long)getpid(), k);
		if (!joblog_remove_stale(log))
			continue;
		if ((fd = open(log, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644)) < 0) {
			if (errno == EEXIST)
				continue;
			return -1;
		}
		if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
			if (errno != EWOULDBLOCK)
				return joblog_keep(fd, log); /* no locks here: no other run removes it either */
		} else if (cli_fd_named(fd, log)) {
			return joblog_keep(fd, log);
		}
		/* a run removing stale logs opened it before the lock: it
		 * removes it, this run takes another name */
		close(fd);
	}
	errno = EEXIST;
	return -1;
}

/* A run of GNU parallel under sweep run --jobs, from its start to its end. */
struct parallel_run {
	const struct sweep_manifest *m;
	char log[4200];		/* GNU parallel's job log, tmp/parallel.PID.log */
	int log_fd;		/* the log, open: it holds the log's lock */
	int life[2];		/* the lifeline: the jobs read [0]; [1] is held here alone */
	FILE *err;		/* on a terminal: parallel's stderr, printed under the progress line */
	off_t err_off;		/* how much of err is printed */
	struct progress prog;
	pid_t pid;		/* parallel, leading its own process group */
	long long done, n_failed; /* tasks, read from the job log */
	long long *failed;	/* [n + 1]: the failed tasks, as joblog_count leaves them */
};

/* tmp/ and the run's job log in it, claimed; prints the error and
 * returns EXIT_WRITE when either cannot be made. */
static int parallel_joblog(struct parallel_run *r)
{
	char tmp[4096];

	sweep_path(tmp, sizeof tmp, r->m->dir, SWEEP_TMP);
	if (cli_mkdir(tmp) != EXIT_OK)
		return EXIT_WRITE;
	if ((r->log_fd = joblog_claim(tmp, r->log, sizeof r->log)) < 0) {
		fprintf(stderr, "smugnet sweep run: %s: cannot make GNU parallel's job log: %s\n", r->log,
			strerror(errno));
		return EXIT_WRITE;
	}
	return EXIT_OK;
}

/* In the child forked to be parallel: the task ids come on the pipe
 * fds (read end [0]), the jobs' messages go to r->err on a terminal. */
static _Noreturn void parallel_exec(const struct parallel_run *r, int fds[2], int jobs, long long batch,
				    const char *self, pid_t parent)
{
	char jobs_s[32], batch_s[32], life_s[32];

	snprintf(jobs_s, sizeof jobs_s, "%d", jobs);
	snprintf(batch_s, sizeof batch_s, "%lld", batch);
	snprintf(life_s, sizeof life_s, "%d", r->life[0]);
	/* its own process group: parallel and its jobs are stopped
	 * together (kill of the group) */
	setpgid(0, 0);
	worker_signals(parent);
	if (r->err)
		dup2(fileno(r->err), STDERR_FILENO);
	dup2(fds[0], STDIN_FILENO);
	close(fds[0]);
	close(fds[1]);
	/* parallel joins a command's words and hands them to a shell,
	 * and reads {}, {.}, {1}, {= =} and the like in any of them: the
	 * program's and the folder's names reach the job through the
	 * environment, expanded by a shell we choose, never parsed. */
	setenv("SMUGNET_SWEEP_SELF", self, 1);
	setenv("SMUGNET_SWEEP_DIR", r->m->dir, 1);
	setenv(LIFELINE_ENV, life_s, 1);
	setenv("PARALLEL_SHELL", "/bin/sh", 1);
	execlp("parallel", "parallel", "--will-cite", "--halt", "never", "--jobs", jobs_s,
	       "--max-args", batch_s, "--joblog", r->log,
	       "\"$SMUGNET_SWEEP_SELF\" sweep run \"$SMUGNET_SWEEP_DIR\" --quiet --task {}", (char *)NULL);
	fprintf(stderr, "smugnet sweep run: cannot run parallel: %s\n", strerror(errno));
	_exit(127);
}

/* The lifeline, then parallel forked and started: the write end of its
 * standard input in *in. Prints the error and returns EXIT_RUNTIME when
 * it cannot start (the lifeline closed again). */
static int parallel_start(struct parallel_run *r, int jobs, long long batch, const char *self, int *in)
{
	pid_t parent = getpid();
	int fds[2];

	if (pipe_above_std(r->life) != 0) {
		fprintf(stderr, "smugnet sweep run: cannot start parallel: %s\n", strerror(errno));
		return EXIT_RUNTIME;
	}
	/* the write end stays here alone: parallel and its jobs get the read end */
	fcntl(r->life[1], F_SETFD, FD_CLOEXEC);
	if (pipe_above_std(fds) != 0 || (r->pid = fork()) < 0) {
		fprintf(stderr, "smugnet sweep run: cannot start parallel: %s\n", strerror(errno));
		close(r->life[0]);
		close(r->life[1]);
		return EXIT_RUNTIME;
	}
	if (r->pid == 0)
		parallel_exec(r, fds, jobs, batch, self, parent);
	close(fds[0]);
	close(r->life[0]);
	*in = fds[1];
	return EXIT_OK;
}

/* The task ids, one a line, to parallel's standard input, then closed. */
static void parallel_feed(int in, const long long *ids, long long n)
{
	FILE *f;

	signal(SIGPIPE, SIG_IGN);
	f = fdopen(in, "w");
	for (long long i = 0; i < n; i++)
		fprintf(f, "%lld\n", ids[i]);
	fclose(f);
}

/* Wait for parallel, on a terminal drawing the progress of n tasks from
 * its job log and printing its jobs' messages; a stop signal stops its
 * whole process group. Its wait status. */
static int parallel_wait(struct parallel_run *r, long long n)
{
	bool stopping = false;
	int status = 0;

	for (;;) {
		struct timespec ts = {0, 100000000};
		pid_t w;

		if (stop_signal && !stopping) {
			kill(-r->pid, SIGTERM);
			stopping = true;
		}
		w = waitpid(r->pid, &status, r->prog.on && !stopping ? WNOHANG : 0);
		if (w < 0 && errno == EINTR)
			continue;
		if (r->prog.on && !stopping) {
			child_messages(r->err, &r->err_off, w == r->pid || w < 0);
			joblog_count(r->m, r->log, &r->done, &r->n_failed, r->failed, n);
			progress_update(&r->prog, (long)r->done, (long)r->n_failed);
		}
		if (w == r->pid || w < 0)
			break;
		nanosleep(&ts, NULL);
	}
	return status;
}

/* After parallel: the lifeline cut, the job log read a last time and
 * removed, the progress line ended. */
static void parallel_end(struct parallel_run *r, long long n)
{
	close(r->life[1]);
	joblog_count(r->m, r->log, &r->done, &r->n_failed, r->failed, n);
	progress_update(&r->prog, (long)r->done, (long)r->n_failed);
	progress_end(&r->prog);
	if (r->err)
		fclose(r->err);
	unlink(r->log);
	close(r->log_fd); /* and its lock, once the log is gone */
}

/* What parallel's wait status and job log say of tasks ids[0..n): the
 * failed tasks listed; EXIT_RUNTIME when parallel or a task failed. */
static int parallel_outcome(struct parallel_run *r, const long long *ids, long long n, int status)
{
	if (!WIFEXITED(status) || WEXITSTATUS(status) == 127 || WEXITSTATUS(status) == 255) {
		fprintf(stderr, "smugnet sweep run: parallel failed\n");
		return EXIT_RUNTIME;
	}
	if (r->done < n && r->n_failed == 0) /* parallel stopped before some jobs: those left without a result */
		batch_failed(r->m, ids, n, r->failed, &r->n_failed, n);
	report_failures(r->failed, r->n_failed < n ? r->n_failed : n);
	return r->n_failed ? EXIT_RUNTIME : EXIT_OK;
}

/* GNU parallel: task ids on its standard input, each job calls this
 * program with a batch, --task I J ... (through /bin/sh, the program and
 * the folder named by SMUGNET_SWEEP_SELF and SMUGNET_SWEEP_DIR); progress
 * is read from its job
 * log. On a terminal, parallel's stderr (its jobs' messages) goes to a
 * file and is printed under the progress line as it comes. */
static int run_parallel(const struct sweep_manifest *m, const long long *ids, long long n,
			int jobs, long long batch, bool quiet, const char *self)
{
	struct parallel_run r = {.m = m, .failed = malloc(((size_t)n + 1) * sizeof *r.failed)};
	struct sigaction old[CLI_STOP_SIGNALS];
	int in, status, rc;

	if ((rc = parallel_joblog(&r)) != EXIT_OK) {
		free(r.failed);
		return rc;
	}
	fflush(NULL);
	progress_start(&r.prog, "sweep run", "tasks", (long)n, quiet);
	if (r.prog.on)
		r.err = tmpfile_above_std();
	catch_stops(old);
	if (parallel_start(&r, jobs, batch, self, &in) != EXIT_OK) {
		if (r.err)
			fclose(r.err);
		unlink(r.log);
		close(r.log_fd);
		free(r.failed);
		release_stops(old);
		return EXIT_RUNTIME;
	}
	parallel_feed(in, ids, n);
	status = parallel_wait(&r, n);
	parallel_end(&r, n);
	if (stop_signal) {
		free(r.failed);
		release_stops(old);
		return EXIT_RUNTIME;
	}
	release_stops(old);
	rc = parallel_outcome(&r, ids, n, status);
	free(r.failed);
	return rc;
}

static void run_usage(FILE *f)
{
	fprintf(f, "Usage: smugnet sweep run DIR (--task I [J ...] | --chunk J --chunk-size K | --jobs N)\n"
		   "                         [--engine auto|parallel|fork] [--batch B] [--quiet]\n"
		   "Run some tasks, one chunk of tasks, or every missing task with N jobs\n"
		   "(see smugnet-sweep(1)).\n");
}

/* sweep run's options: one of task, chunk and jobs is given (>= 0, >= 0, > 0). */
struct run_options {
	long long task, chunk, chunk_size, jobs, batch; /* -1, -1, 1, 0, 0 when not given */
	const char *engine;				/* auto, parallel or fork */
	bool quiet;
};

/* The options before the folder into o; EXIT_OK, or a usage error said
 * (or --help printed: *done). */
static int run_options_parse(int argc, char **argv, struct run_options *o, bool *done)
{
	static const struct option opts[] = {
		{"task", required_argument, NULL, 't'},	  {"chunk", required_argument, NULL, 'c'},
		{"chunk-size", required_argument, NULL, 'k'}, {"jobs", required_argument, NULL, 'j'},
		{"engine", required_argument, NULL, 'e'},  {"batch", required_argument, NULL, 'b'},
		{"quiet", no_argument, NULL, 'q'},	  {"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	int c;

	*o = (struct run_options){.task = -1, .chunk = -1, .chunk_size = 1, .engine = "auto"};
	*done = false;
	while ((c = cli_getopt("sweep run", argc, argv, "hj:q", opts)) != -1) {
		switch (c) {
		case 't':
			if (!cli_parse_int(optarg, SWEEP_MAX_TASKS, &o->task))
				return cli_usage_error("sweep run", "--task: expected a task number, got '%s'", optarg);
			break;
		case 'c':
			if (!cli_parse_int(optarg, SWEEP_MAX_TASKS, &o->chunk))
				return cli_usage_error("sweep run", "--chunk: expected a chunk number, got '%s'", optarg);
			break;
		case 'k':
			if (cli_int_option("sweep run", "--chunk-size", optarg, 1, SWEEP_MAX_TASKS, &o->chunk_size) != EXIT_OK)
				return EXIT_USAGE;
			break;
		case 'j':
			if (!cli_parse_int(optarg, 4096, &o->jobs) || o->jobs < 1)
				return cli_usage_error("sweep run", "--jobs: expected a number in [1,4096], got '%s'", optarg);
			break;
		case 'e':
			if (strcmp(optarg, "auto") && strcmp(optarg, "parallel") && strcmp(optarg, "fork"))
				return cli_usage_error("sweep run", "--engine: expected auto, parallel or fork, got '%s'", optarg);
			o->engine = optarg;
			break;
		case 'b':
			if (!cli_parse_int(optarg, SWEEP_BATCH_MAX, &o->batch) || o->batch < 1)
				return cli_usage_error("sweep run", "--batch: expected a number in [1,%d], got '%s'",
						       SWEEP_BATCH_MAX, optarg);
			break;
		case 'q': o->quiet = true; break;
		case 'h': run_usage(stdout); *done = true; return jsonl_close_stdout();
		default: return EXIT_USAGE; /* cli_getopt said why */
		}
	}
	return EXIT_OK;
}

/* The folder, and the options that go together; a usage error said, or EXIT_OK. */
static int run_args_check(int argc, char **argv, const struct run_options *o)
{
	if (optind >= argc)
		return cli_usage_error("sweep run", "the sweep folder is required");
	if (cli_name_given("sweep run", "DIR", argv[optind]) != EXIT_OK)
		return EXIT_USAGE;
	if (optind + 1 < argc && o->task < 0)
		return cli_usage_error("sweep run", "unexpected argument '%s' (task numbers follow --task)",
				       argv[optind + 1]);
	if ((o->task >= 0) + (o->chunk >= 0) + (o->jobs > 0) != 1)
		return cli_usage_error("sweep run", "give one of --task I, --chunk J or --jobs N");
	if (o->batch > 0 && o->jobs == 0)
		return cli_usage_error("sweep run", "--batch goes with --jobs N");
	return EXIT_OK;
}

/* --task I, then any more task numbers after the folder: into *ids (the
 * caller's to free), their count in *n; a usage error said, or EXIT_OK. */
static int listed_tasks(int argc, char **argv, long long task, long long **ids, long long *n)
{
	*n = argc - optind;
	*ids = malloc((size_t)*n * sizeof **ids);
	(*ids)[0] = task;
	for (long long i = 1; i < *n; i++)
		if (!cli_parse_int(argv[optind + i], SWEEP_MAX_TASKS, &(*ids)[i])) {
			int rc = cli_usage_error("sweep run", "--task: expected a task number, got '%s'",
						 argv[optind + i]);

			free(*ids);
			*ids = NULL;
			return rc;
		}
	return EXIT_OK;
}

/* The tasks of chunk j of size k (the caller frees them); the last
 * chunk may be short, and one past the tasks holds its first id, which
 * run_listed refuses. */
static long long *chunk_tasks(const struct sweep_manifest *m, long long chunk, long long chunk_size, long long *n)
{
	long long lo = chunk * chunk_size, *ids;

	*n = lo < m->n_tasks ? (m->n_tasks - lo < chunk_size ? m->n_tasks - lo : chunk_size) : 1;
	ids = malloc((size_t)*n * sizeof *ids);
	for (long long i = 0; i < *n; i++)
		ids[i] = lo + i;
	return ids;
}

/* Those of ids[0..n) without a result, kept in order at the front; their count. */
static long long without_result(const struct sweep_manifest *m, long long *ids, long long n)
{
	long long kept = 0;

	for (long long i = 0; i < n; i++)
		if (!sweep_result_exists(m, ids[i]))
			ids[kept++] = ids[i];
	return kept;
}

/* --task or --chunk: tasks ids[0..n) in this process, each a task of m
 * (else a usage error); --task's whether or not they have a result, a
 * chunk's (missing_only) those without one, so that a Slurm array task
 * stopped part-way goes on where it stopped when it is submitted again. */
static int run_listed(const struct sweep_manifest *m, long long *ids, long long n, bool missing_only)
{
	for (long long i = 0; i < n; i++)
		if (ids[i] >= m->n_tasks)
			return cli_usage_error("sweep run", "no task %lld: the sweep has %lld tasks", ids[i],
					       m->n_tasks);
	if (missing_only)
		n = without_result(m, ids, n);
	lifeline_watch();
	/* as --jobs does: a Slurm array, resubmitted after its time limit
	 * stopped tasks while they wrote, runs no sweep run --jobs, and their
	 * temporary files stayed. Not in a job of GNU parallel under --jobs
	 * (it has a lifeline): its run cleaned tmp/ when it began, and a job
	 * parallel started after its run was killed outright removed the
	 * run's job log, or did not, by timing; the next run removes it */
	if (lifeline < 0)
		tmp_remove_stale(m);
	/* a job of GNU parallel under --jobs claims its tasks as the fork
	 * pool's batches do; --task and --chunk alone run them as asked */
	return run_tasks(m, ids, n, lifeline >= 0);
}

/* results/ and tmp/ made, and writable, before a task runs: a sweep
 * folder where no result can be written (read-only, a file in a
 * folder's place) is said once and is a write failure (exit 4) under
 * either engine. GNU parallel's run failed so, making tmp/ for its job
 * log; the fork pool ran every task, then failed each writing its
 * result (exit 1). */
static int run_folders(const struct sweep_manifest *m)
{
	static const char *const sub[] = {SWEEP_RESULTS, SWEEP_TMP};
	char path[4200];

	for (size_t i = 0; i < sizeof sub / sizeof *sub; i++) {
		sweep_path(path, sizeof path, m->dir, sub[i]);
		if (cli_mkdir(path) != EXIT_OK)
			return EXIT_WRITE;
		if (access(path, W_OK | X_OK) != 0) {
			fprintf(stderr, "%s: cannot write: %s\n", path, strerror(errno));
			return EXIT_WRITE;
		}
	}
	return EXIT_OK;
}

/* --jobs: every task without a result, by the engine o chose. */
static int run_missing(const struct sweep_manifest *m, const struct run_options *o, const char *argv0)
{
	long long n, batch = o->batch, jobs = o->jobs, *ids;
	char self[4096];
	bool fork_pool;
	int rc;

	/* GNU parallel's job logs and results' temporary files that runs
	 * and tasks stopped part-way left (whatever the engine now: nothing
	 * else would remove them) */
	tmp_remove_stale(m);
	ids = missing_tasks(m, &n);
	if (batch == 0)
		batch = sweep_batch_size(n, jobs);
	/* no more jobs than batches: GNU parallel given --jobs 4096 starts
	 * test processes up to that many before it runs a job (minutes on a
	 * loaded machine, for a sweep of 3 tasks) */
	if (jobs > (n + batch - 1) / batch)
		jobs = n > 0 ? (n + batch - 1) / batch : 1;
	if (!o->quiet && isatty(STDERR_FILENO))
		fprintf(stderr, "smugnet sweep run: %lld of %lld tasks to run\n", n, m->n_tasks);
	fork_pool = strcmp(o->engine, "fork") == 0 || (strcmp(o->engine, "auto") == 0 && !in_path("parallel"));
	if (n == 0)
		rc = EXIT_OK;
	else if (!fork_pool && !in_path("parallel"))
		rc = cli_usage_error("sweep run", "--engine parallel: GNU parallel is not installed");
	else if ((rc = run_folders(m)) == EXIT_OK && fork_pool)
		rc = run_fork_pool(m, ids, n, (int)jobs, batch, o->quiet);
	else if (rc == EXIT_OK) {
		sweep_self_path(self, sizeof self, argv0);
		rc = run_parallel(m, ids, n, (int)jobs, batch, o->quiet, self);
	}
	free(ids);
	return rc;
}

int sweep_run(int argc, char **argv)
{
	struct run_options o;
	struct sweep_manifest m;
	long long n = 0, *ids = NULL;
	bool done;
	int rc;

	if ((rc = run_options_parse(argc, argv, &o, &done)) != EXIT_OK || done)
		return rc;
	if ((rc = run_args_check(argc, argv, &o)) != EXIT_OK)
		return rc;
	if (o.task >= 0 && (rc = listed_tasks(argc, argv, o.task, &ids, &n)) != EXIT_OK)
		return rc;
	if ((rc = sweep_manifest_load(argv[optind], &m)) != EXIT_OK) {
		free(ids);
		sweep_manifest_done(&m);
		return rc;
	}
	if (o.chunk >= 0)
		ids = chunk_tasks(&m, o.chunk, o.chunk_size, &n);
	if (o.task >= 0 || o.chunk >= 0)
		rc = run_listed(&m, ids, n, o.chunk >= 0);
	else
		rc = run_missing(&m, &o, argv[0]);
	free(ids);
	sweep_manifest_done(&m);
	return rc;
}

int sweep_missing(int argc, char **argv)
{
	static const struct option opts[] = {{"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
	struct sweep_manifest m;
	int c, rc;

	while ((c = cli_getopt("sweep missing", argc, argv, "h", opts)) != -1) {
		switch (c) {
		case 'h':
			printf("Usage: smugnet sweep missing DIR\n"
			       "Print the tasks without a result, one number a line.\n");
			return jsonl_close_stdout();
		default: return EXIT_USAGE; /* cli_getopt said why */
		}
	}
	if (sweep_dir_arg("sweep missing", argc, argv, optind) != EXIT_OK)
		return EXIT_USAGE;
	if ((rc = sweep_manifest_load(argv[optind], &m)) == EXIT_OK) {
		for (long long i = 0; i < m.n_tasks; i++)
			if (!sweep_result_exists(&m, i))
				printf("%lld\n", i);
		rc = jsonl_close_stdout();
	}
	sweep_manifest_done(&m);
	return rc;
}
