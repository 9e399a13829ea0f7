/* Raw rate of durable one-row commits on SQLite, the reference for Sen's submissions on SQLite.
 *
 *   cc -O2 -o sqlite_commit bench/sqlite_commit.c -lsqlite3 -lpthread
 *   ./sqlite_commit --db /same/disk/as/sen/raw.db --duration 10 [--threads N] [--busy-timeout MS]
 *
 * The database is opened exactly as Sen opens its own (journal_mode=WAL, synchronous=FULL, so every
 * acknowledged commit is on disk), and each transaction is
 *   BEGIN IMMEDIATE; INSERT INTO t (v) VALUES ('x'); COMMIT;
 * with prepared statements, in a loop for the given duration. With --threads N each thread has its
 * own connection and busy timeout, as Sen's connection pool does; SQLite still has one writer at a
 * time, so this shows whether overlapping the writers' other work with the commits helps at all.
 *
 * Prints one line of key=value pairs (the script parses it):
 *   threads=1 commits=12345 seconds=10.000 commits_per_sec=1234.5 p50_ms=0.7 p99_ms=1.9 busy=0 errors=0
 * Exit status 0, or 1 when the database could not be opened or set up, 2 on a usage error.
 */
#include <errno.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct worker {
  pthread_t thread;
  const char *path;
  int busy_timeout_ms;
  double deadline; /* CLOCK_MONOTONIC seconds */
  pthread_barrier_t *start;
  /* results */
  uint64_t commits;
  uint64_t busy;   /* SQLITE_BUSY after the busy timeout: the transaction was not committed */
  uint64_t errors; /* anything else that went wrong */
  uint32_t *latency_us; /* one per commit */
  size_t latency_len, latency_cap;
  char error_text[256];
};

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void usage(FILE *out) {
  fprintf(out,
          "Usage: sqlite_commit --db PATH [--duration SECONDS] [--threads N] [--busy-timeout MS]\n"
          "Commits one-row transactions (WAL, synchronous=FULL) for SECONDS (default 10) on N\n"
          "connections (default 1) and prints commits/s and latency percentiles.\n");
}

static int exec(sqlite3 *db, const char *sql, char *err, size_t err_len) {
  char *msg = NULL;
  int rc = sqlite3_exec(db, sql, NULL, NULL, &msg);
  if (rc != SQLITE_OK) {
    snprintf(err, err_len, "%s: %s", sql, msg ? msg : sqlite3_errstr(rc));
    sqlite3_free(msg);
  }
  return rc;
}

/* Opens a connection the way Sen does (src/storage/sqlite_connection.cpp). */
static sqlite3 *open_db(const char *path, int busy_timeout_ms, char *err, size_t err_len) {
  sqlite3 *db = NULL;
  int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK) {
    snprintf(err, err_len, "open %s: %s", path, db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    sqlite3_close_v2(db);
    return NULL;
  }
  sqlite3_busy_timeout(db, busy_timeout_ms);
  if (exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;", err, err_len) != SQLITE_OK) {
    sqlite3_close_v2(db);
    return NULL;
  }
  return db;
}

static void record_latency(struct worker *w, double seconds) {
  if (w->latency_len == w->latency_cap) {
    size_t cap = w->latency_cap ? w->latency_cap * 2 : 65536;
    uint32_t *grown = realloc(w->latency_us, cap * sizeof *grown);
    if (!grown) return; /* keep counting commits; the percentiles just miss the tail */
    w->latency_us = grown;
    w->latency_cap = cap;
  }
  double us = seconds * 1e6;
  w->latency_us[w->latency_len++] = us > 4e9 ? 4000000000u : (uint32_t)us;
}

/* Steps a prepared statement that returns no rows; resets it either way. */
static int step(sqlite3_stmt *s) {
  int rc = sqlite3_step(s);
  sqlite3_reset(s);
  return rc == SQLITE_DONE || rc == SQLITE_ROW ? SQLITE_OK : rc;
}

static void *run(void *arg) {
  struct worker *w = arg;
  char err[256] = "";
  sqlite3 *db = open_db(w->path, w->busy_timeout_ms, err, sizeof err);
  sqlite3_stmt *begin = NULL, *insert = NULL, *commit = NULL, *rollback = NULL;
  if (db && (sqlite3_prepare_v2(db, "BEGIN IMMEDIATE", -1, &begin, NULL) != SQLITE_OK ||
             sqlite3_prepare_v2(db, "INSERT INTO t (v) VALUES ('x')", -1, &insert, NULL) != SQLITE_OK ||
             sqlite3_prepare_v2(db, "COMMIT", -1, &commit, NULL) != SQLITE_OK ||
             sqlite3_prepare_v2(db, "ROLLBACK", -1, &rollback, NULL) != SQLITE_OK)) {
    snprintf(err, sizeof err, "prepare: %s", sqlite3_errmsg(db));
  }
  if (err[0]) {
    snprintf(w->error_text, sizeof w->error_text, "%s", err);
    w->errors++;
  }
  /* Every thread reaches the barrier (twice, see main), even a failed one, so none is left waiting. */
  pthread_barrier_wait(w->start);
  pthread_barrier_wait(w->start);
  if (!err[0]) {
    for (;;) {
      double t0 = now_s();
      if (t0 >= w->deadline) break;
      int rc = step(begin);
      if (rc == SQLITE_BUSY) {
        w->busy++;
        continue;
      }
      if (rc == SQLITE_OK) rc = step(insert);
      if (rc == SQLITE_OK) rc = step(commit);
      if (rc == SQLITE_OK) {
        w->commits++;
        record_latency(w, now_s() - t0);
        continue;
      }
      if (rc == SQLITE_BUSY) w->busy++; else w->errors++;
      if (!w->error_text[0]) snprintf(w->error_text, sizeof w->error_text, "%s", sqlite3_errmsg(db));
      if (!sqlite3_get_autocommit(db)) step(rollback);
    }
  }
  sqlite3_finalize(begin);
  sqlite3_finalize(insert);
  sqlite3_finalize(commit);
  sqlite3_finalize(rollback);
  sqlite3_close_v2(db);
  return NULL;
}

static int cmp_u32(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return x < y ? -1 : x > y;
}

static long parse_positive(const char *opt, const char *text, long max) {
  char *end = NULL;
  errno = 0;
  long v = strtol(text, &end, 10);
  if (errno || !end || *end || v <= 0 || v > max) {
    fprintf(stderr, "sqlite_commit: %s must be an integer from 1 to %ld\n", opt, max);
    exit(2);
  }
  return v;
}

int main(int argc, char **argv) {
  const char *path = NULL;
  long duration = 10, threads = 1, busy_timeout_ms = 5000;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
      usage(stdout);
      return 0;
    }
    if (i + 1 >= argc) {
      usage(stderr);
      return 2;
    }
    if (!strcmp(a, "--db")) path = argv[++i];
    else if (!strcmp(a, "--duration")) duration = parse_positive(a, argv[++i], 86400);
    else if (!strcmp(a, "--threads")) threads = parse_positive(a, argv[++i], 1024);
    else if (!strcmp(a, "--busy-timeout")) busy_timeout_ms = parse_positive(a, argv[++i], 600000);
    else {
      usage(stderr);
      return 2;
    }
  }
  if (!path) {
    usage(stderr);
    return 2;
  }

  char err[256] = "";
  sqlite3 *setup = open_db(path, (int)busy_timeout_ms, err, sizeof err);
  if (!setup || exec(setup, "CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, v TEXT)", err, sizeof err) != SQLITE_OK) {
    fprintf(stderr, "sqlite_commit: %s\n", err);
    sqlite3_close_v2(setup);
    return 1;
  }

  struct worker *workers = calloc((size_t)threads, sizeof *workers);
  pthread_barrier_t start;
  if (!workers || pthread_barrier_init(&start, NULL, (unsigned)threads + 1) != 0) {
    fprintf(stderr, "sqlite_commit: out of memory\n");
    return 1;
  }
  for (long i = 0; i < threads; i++) {
    workers[i].path = path;
    workers[i].busy_timeout_ms = (int)busy_timeout_ms;
    workers[i].start = &start;
  }
  for (long i = 0; i < threads; i++) {
    if (pthread_create(&workers[i].thread, NULL, run, &workers[i]) != 0) {
      fprintf(stderr, "sqlite_commit: cannot start thread %ld\n", i);
      return 1;
    }
  }
  /* Two rounds of the barrier: the first once every connection is open, the second after the
   * deadline is written, which the barrier makes visible to the threads. So the clock starts when
   * the last connection is ready, not while they are still opening. */
  pthread_barrier_wait(&start);
  double begin = now_s();
  for (long i = 0; i < threads; i++) workers[i].deadline = begin + (double)duration;
  pthread_barrier_wait(&start);
  uint64_t commits = 0, busy = 0, errors = 0;
  size_t n = 0;
  for (long i = 0; i < threads; i++) {
    pthread_join(workers[i].thread, NULL);
    commits += workers[i].commits;
    busy += workers[i].busy;
    errors += workers[i].errors;
    n += workers[i].latency_len;
  }
  double elapsed = now_s() - begin;

  uint32_t *all = malloc((n ? n : 1) * sizeof *all);
  size_t k = 0;
  for (long i = 0; i < threads; i++) {
    if (all && workers[i].latency_len) {
      memcpy(all + k, workers[i].latency_us, workers[i].latency_len * sizeof *all);
      k += workers[i].latency_len;
    }
    free(workers[i].latency_us);
  }
  double p50 = -1, p99 = -1;
  if (all && k) {
    qsort(all, k, sizeof *all, cmp_u32);
    p50 = all[(size_t)((double)(k - 1) * 0.50)] / 1000.0;
    p99 = all[(size_t)((double)(k - 1) * 0.99)] / 1000.0;
  }
  free(all);

  long rows = -1;
  sqlite3_stmt *count = NULL;
  if (sqlite3_prepare_v2(setup, "SELECT count(*) FROM t", -1, &count, NULL) == SQLITE_OK &&
      sqlite3_step(count) == SQLITE_ROW) {
    rows = (long)sqlite3_column_int64(count, 0);
  }
  sqlite3_finalize(count);
  sqlite3_close_v2(setup);

  for (long i = 0; i < threads; i++) {
    if (workers[i].error_text[0]) fprintf(stderr, "sqlite_commit: thread %ld: %s\n", i, workers[i].error_text);
  }
  printf("threads=%ld commits=%llu seconds=%.3f commits_per_sec=%.1f p50_ms=%.3f p99_ms=%.3f busy=%llu errors=%llu rows=%ld sqlite=%s\n",
         threads, (unsigned long long)commits, elapsed, elapsed > 0 ? (double)commits / elapsed : 0.0, p50, p99,
         (unsigned long long)busy, (unsigned long long)errors, rows, sqlite3_libversion());
  free(workers);
  pthread_barrier_destroy(&start);
  return 0;
}
