/* store.c: the persistent store of a live index, on SQLite.
 *
 * One table holds each article as extracted (name, dates, title, site, url,
 * declared and detected language, text), with its max-age and the story id it
 * was last seen in; an FTS5 table over title and text (external content) serves
 * the search with BM25 ranking and snippets. Keeping the extracted article, not
 * the HTML, makes a restart skip decoding and extraction (the costly stages) for
 * a store about a third of the HTML's size; docs/BENCHMARKS.md has the figures.
 *
 * WAL mode, one writing connection (the caller serialises writes and groups them
 * in transactions: recoupe_store_begin / commit), and four read connections
 * for searches and lookups, each under its own lock, that read committed data
 * without waiting for the writer. synchronous=NORMAL survives a crash of the process
 * (kill -9), FULL (options.sync_full) a power loss too. The WAL is checkpointed
 * (passive: never waiting for readers) after a commit once it passes wal_pages
 * pages, and truncated when the checkpoint went through, so it stays bounded. SQL only through prepared statements. */
#include <pthread.h>
#include <stdatomic.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "recoupe.h"

enum { ST_PUT, ST_DEL, ST_FIND, ST_STORY, ST_FTS_ADD, ST_FTS_DEL, ST_LOAD, ST_N };

/* a read connection with its statements, used by one thread at a time */
typedef struct reader {
    sqlite3 *db;
    sqlite3_stmt *search, *get, *size;
    pthread_mutex_t lock;
} reader;

enum { N_READERS = 4 };

struct recoupe_store {
    sqlite3 *db;
    sqlite3_stmt *st[ST_N];
    reader rd[N_READERS];
    atomic_uint next;
    int wal_pages, wal_now; /* the checkpoint bound, and the WAL's pages after the last commit */
};

static const char schema[] =
    "PRAGMA journal_mode=WAL;"
    "CREATE TABLE IF NOT EXISTS articles(rowid INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,"
    " ts INTEGER, max_age INTEGER NOT NULL, story INTEGER NOT NULL DEFAULT 0, title TEXT, date TEXT,"
    " site TEXT, url TEXT, lang TEXT, dlang TEXT, conf REAL, text TEXT);"
    "CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(title, text, content='articles',"
    " content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');";

static const char *const sql[ST_N] = {
    [ST_PUT] = "INSERT INTO articles(name, ts, max_age, story, title, date, site, url, lang, dlang, conf, text)"
               " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    [ST_DEL] = "DELETE FROM articles WHERE rowid = ?1",
    [ST_FIND] = "SELECT rowid, title, text FROM articles WHERE name = ?1",
    [ST_STORY] = "UPDATE articles SET story = ?2 WHERE name = ?1",
    [ST_FTS_ADD] = "INSERT INTO articles_fts(rowid, title, text) VALUES(?1, ?2, ?3)",
    [ST_FTS_DEL] = "INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES('delete', ?1, ?2, ?3)",
    [ST_LOAD] = "SELECT name, ts, max_age, story, title, date, site, url, lang, dlang, conf, text"
                " FROM articles ORDER BY rowid",
};

static recoupe_status fail(recoupe_store *s) {
    (void)s;
    return RECOUPE_ERR_IO;
}

/* SQLite calls this after each commit with the WAL's length in pages */
static int on_wal(void *user, sqlite3 *db, const char *name, int pages) {
    (void)db;
    (void)name;
    ((recoupe_store *)user)->wal_now = pages;
    return SQLITE_OK;
}

static int open_reader(reader *r, const char *path) {
    if (sqlite3_open_v2(path, &r->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) return -1;
    sqlite3_busy_timeout(r->db, 5000);
    static const char q_search[] =
        "SELECT a.name, a.title, snippet(articles_fts, -1, '[', ']', '...', 12), bm25(articles_fts)"
        " FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
        " WHERE articles_fts MATCH ?1 ORDER BY bm25(articles_fts) LIMIT ?2";
    static const char q_get[] = "SELECT name, ts, max_age, story, title, date, site, url, lang, dlang, conf, text"
                                " FROM articles WHERE name = ?1";
    static const char q_size[] = "SELECT page_count * page_size FROM pragma_page_count, pragma_page_size";
    if (sqlite3_prepare_v3(r->db, q_search, -1, SQLITE_PREPARE_PERSISTENT, &r->search, NULL) != SQLITE_OK ||
        sqlite3_prepare_v3(r->db, q_get, -1, SQLITE_PREPARE_PERSISTENT, &r->get, NULL) != SQLITE_OK ||
        sqlite3_prepare_v3(r->db, q_size, -1, SQLITE_PREPARE_PERSISTENT, &r->size, NULL) != SQLITE_OK)
        return -1;
    return 0;
}

static void close_reader(reader *r) {
    sqlite3_finalize(r->search);
    sqlite3_finalize(r->get);
    sqlite3_finalize(r->size);
    sqlite3_close(r->db);
    pthread_mutex_destroy(&r->lock);
}

/* a free read connection if there is one, else the next in turn; locked */
static reader *take_reader(recoupe_store *s) {
    unsigned start = atomic_fetch_add(&s->next, 1);
    for (unsigned i = 0; i < N_READERS; i++) {
        reader *r = &s->rd[(start + i) % N_READERS];
        if (pthread_mutex_trylock(&r->lock) == 0) return r;
    }
    reader *r = &s->rd[start % N_READERS];
    pthread_mutex_lock(&r->lock);
    return r;
}

recoupe_status recoupe_store_open(const char *path, const recoupe_store_options *opt, recoupe_store **out) {
    if (!path || !out) return RECOUPE_ERR_ARG;
    *out = NULL;
    recoupe_store *s = calloc(1, sizeof *s);
    if (!s) return RECOUPE_ERR_NOMEM;
    for (int i = 0; i < N_READERS; i++) pthread_mutex_init(&s->rd[i].lock, NULL);
    atomic_init(&s->next, 0);
    s->wal_pages = opt && opt->wal_pages > 0 ? opt->wal_pages : 4096;
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path, &s->db, flags, NULL) != SQLITE_OK) goto bad;
    sqlite3_busy_timeout(s->db, 5000);
    if (sqlite3_exec(s->db, schema, NULL, NULL, NULL) != SQLITE_OK) goto bad;
    const char *sync = opt && opt->sync_full ? "PRAGMA synchronous=FULL;" : "PRAGMA synchronous=NORMAL;";
    if (sqlite3_exec(s->db, sync, NULL, NULL, NULL) != SQLITE_OK) goto bad;
    /* the writer checkpoints itself (bounded), and the WAL file is cut back after */
    if (sqlite3_exec(s->db, "PRAGMA wal_autocheckpoint=0; PRAGMA journal_size_limit=67108864;", NULL, NULL, NULL) !=
        SQLITE_OK)
        goto bad;
    sqlite3_wal_hook(s->db, on_wal, s);
    for (int i = 0; i < ST_N; i++)
        if (sqlite3_prepare_v3(s->db, sql[i], -1, SQLITE_PREPARE_PERSISTENT, &s->st[i], NULL) != SQLITE_OK) goto bad;
    for (int i = 0; i < N_READERS; i++)
        if (open_reader(&s->rd[i], path) != 0) goto bad;
    *out = s;
    return RECOUPE_OK;
bad:
    recoupe_store_close(s);
    return RECOUPE_ERR_IO;
}

void recoupe_store_close(recoupe_store *s) {
    if (!s) return;
    for (int i = 0; i < ST_N; i++) sqlite3_finalize(s->st[i]);
    for (int i = 0; i < N_READERS; i++) close_reader(&s->rd[i]);
    if (s->db) sqlite3_exec(s->db, "PRAGMA wal_checkpoint(TRUNCATE);", NULL, NULL, NULL);
    sqlite3_close(s->db);
    free(s);
}

const char *recoupe_store_error(const recoupe_store *s) {
    return s && s->db ? sqlite3_errmsg(s->db) : "cannot open the store";
}

recoupe_status recoupe_store_begin(recoupe_store *s) {
    return sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK ? RECOUPE_OK : fail(s);
}

recoupe_status recoupe_store_commit(recoupe_store *s) {
    if (sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        return fail(s);
    }
    if (s->wal_now > s->wal_pages) {
        int wal = 0, done = 0;
        if (sqlite3_wal_checkpoint_v2(s->db, NULL, SQLITE_CHECKPOINT_PASSIVE, &wal, &done) == SQLITE_OK && done == wal)
            sqlite3_wal_checkpoint_v2(s->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
        s->wal_now = 0;
    }
    return RECOUPE_OK;
}

static void bind_text(sqlite3_stmt *st, int i, const char *v) {
    if (v)
        sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, i);
}

static int step_done(sqlite3_stmt *st) {
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_DONE;
}

/* drops the row of name (and its search entry); 1 when there was one, 0 none, -1 error */
static int drop(recoupe_store *s, const char *name) {
    sqlite3_stmt *f = s->st[ST_FIND], *d = s->st[ST_FTS_DEL];
    bind_text(f, 1, name);
    int rc = sqlite3_step(f);
    if (rc != SQLITE_ROW) {
        sqlite3_reset(f);
        return rc == SQLITE_DONE ? 0 : -1;
    }
    sqlite3_int64 row = sqlite3_column_int64(f, 0);
    sqlite3_bind_int64(d, 1, row);
    for (int i = 1; i <= 2; i++) sqlite3_bind_value(d, i + 1, sqlite3_column_value(f, i));
    int ok = step_done(d);
    sqlite3_reset(f);
    sqlite3_bind_int64(s->st[ST_DEL], 1, row);
    return ok && step_done(s->st[ST_DEL]) ? 1 : -1;
}

recoupe_status recoupe_store_put(recoupe_store *s, const char *name, const recoupe_article *a, int64_t max_age,
                                 uint64_t story, int *replaced) {
    if (!s || !name || !a) return RECOUPE_ERR_ARG;
    int had = drop(s, name);
    if (had < 0) return fail(s);
    if (replaced) *replaced = had;
    sqlite3_stmt *p = s->st[ST_PUT];
    bind_text(p, 1, name);
    if (a->timestamp == INT64_MIN)
        sqlite3_bind_null(p, 2);
    else
        sqlite3_bind_int64(p, 2, a->timestamp);
    sqlite3_bind_int64(p, 3, max_age);
    sqlite3_bind_int64(p, 4, (sqlite3_int64)story);
    const char *v[] = {a->title, a->date, a->site, a->url, a->lang, a->detected_lang[0] ? a->detected_lang : NULL};
    for (int i = 0; i < 6; i++) bind_text(p, 5 + i, v[i]);
    sqlite3_bind_double(p, 11, a->lang_confidence);
    bind_text(p, 12, a->text);
    if (!step_done(p)) return fail(s);
    sqlite3_stmt *f = s->st[ST_FTS_ADD];
    sqlite3_bind_int64(f, 1, sqlite3_last_insert_rowid(s->db));
    bind_text(f, 2, a->title);
    bind_text(f, 3, a->text);
    return step_done(f) ? RECOUPE_OK : fail(s);
}

recoupe_status recoupe_store_delete(recoupe_store *s, const char *name) {
    if (!s || !name) return RECOUPE_ERR_ARG;
    int had = drop(s, name);
    return had < 0 ? fail(s) : had ? RECOUPE_OK : RECOUPE_ERR_NOTFOUND;
}

recoupe_status recoupe_store_set_story(recoupe_store *s, const char *name, uint64_t story) {
    if (!s || !name) return RECOUPE_ERR_ARG;
    sqlite3_stmt *u = s->st[ST_STORY];
    bind_text(u, 1, name);
    sqlite3_bind_int64(u, 2, (sqlite3_int64)story);
    return step_done(u) ? RECOUPE_OK : fail(s);
}

static char *col_dup(sqlite3_stmt *st, int i) {
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? strdup((const char *)t) : NULL;
}

/* the article of the current row of a load or get statement; NULL when out of memory */
static recoupe_article *row_article(sqlite3_stmt *st, recoupe_store_row *row) {
    recoupe_article *a = recoupe_article_new();
    if (!a) return NULL;
    a->file = col_dup(st, 0);
    a->id = col_dup(st, 0);
    a->format = "html";
    a->timestamp = sqlite3_column_type(st, 1) == SQLITE_NULL ? INT64_MIN : sqlite3_column_int64(st, 1);
    row->max_age = sqlite3_column_int64(st, 2);
    row->story = (uint64_t)sqlite3_column_int64(st, 3);
    char **f[] = {&a->title, &a->date, &a->site, &a->url, &a->lang};
    for (int i = 0; i < 5; i++) *f[i] = col_dup(st, 4 + i);
    const unsigned char *dl = sqlite3_column_text(st, 9);
    if (dl) snprintf(a->detected_lang, sizeof a->detected_lang, "%s", (const char *)dl);
    a->lang_confidence = (float)sqlite3_column_double(st, 10);
    a->text = col_dup(st, 11);
    if (!a->file || !a->id || (sqlite3_column_type(st, 11) != SQLITE_NULL && !a->text)) {
        recoupe_article_free(a);
        return NULL;
    }
    return a;
}

recoupe_status recoupe_store_load(recoupe_store *s, recoupe_store_load_fn fn, void *user) {
    if (!s || !fn) return RECOUPE_ERR_ARG;
    sqlite3_stmt *st = s->st[ST_LOAD];
    recoupe_status ret = RECOUPE_OK;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        recoupe_store_row row = {0};
        recoupe_article *a = row_article(st, &row);
        if (!a) {
            ret = RECOUPE_ERR_NOMEM;
            break;
        }
        if (fn(user, a, &row) != 0) break;
    }
    if (ret == RECOUPE_OK && rc != SQLITE_ROW && rc != SQLITE_DONE) ret = fail(s);
    sqlite3_reset(st);
    return ret;
}

recoupe_status recoupe_store_get(recoupe_store *s, const char *name, recoupe_article **out, recoupe_store_row *row) {
    if (!s || !name || !out) return RECOUPE_ERR_ARG;
    *out = NULL;
    recoupe_store_row r = {0};
    reader *rd = take_reader(s);
    bind_text(rd->get, 1, name);
    int rc = sqlite3_step(rd->get);
    recoupe_status ret = RECOUPE_ERR_NOTFOUND;
    if (rc == SQLITE_ROW)
        ret = (*out = row_article(rd->get, &r)) ? RECOUPE_OK : RECOUPE_ERR_NOMEM;
    else if (rc != SQLITE_DONE)
        ret = RECOUPE_ERR_IO;
    sqlite3_reset(rd->get);
    pthread_mutex_unlock(&rd->lock);
    if (row) *row = r;
    return ret;
}

/* the words of q as an FTS5 query of quoted strings (every word must match), so
 * that no user input is read as FTS5 syntax; NULL when q has no word */
static char *fts_query(const char *q) {
    size_t n = strlen(q);
    char *out = malloc(n * 3 + 8), *o = out;
    if (!out) return NULL;
    for (const char *p = q; *p;) {
        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') p++;
        if (!*p) break;
        if (o != out) *o++ = ' ';
        *o++ = '"';
        for (; *p && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r'; p++) {
            if (*p == '"') *o++ = '"';
            *o++ = *p;
        }
        *o++ = '"';
    }
    *o = 0;
    if (o == out) {
        free(out);
        return NULL;
    }
    return out;
}

recoupe_status recoupe_store_search(recoupe_store *s, const char *q, size_t limit, recoupe_store_hit_fn fn,
                                    void *user) {
    if (!s || !q || !fn) return RECOUPE_ERR_ARG;
    char *m = fts_query(q);
    if (!m) return RECOUPE_OK;
    reader *rd = take_reader(s);
    sqlite3_stmt *st = rd->search;
    sqlite3_bind_text(st, 1, m, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, limit ? (sqlite3_int64)limit : 20);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(st, 0);
        const char *title = (const char *)sqlite3_column_text(st, 1);
        const char *snip = (const char *)sqlite3_column_text(st, 2);
        if (fn(user, name, title, snip, -sqlite3_column_double(st, 3)) != 0) break;
    }
    recoupe_status ret = rc == SQLITE_ROW || rc == SQLITE_DONE ? RECOUPE_OK : RECOUPE_ERR_IO;
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    pthread_mutex_unlock(&rd->lock);
    free(m);
    return ret;
}

int64_t recoupe_store_bytes(recoupe_store *s) {
    if (!s) return 0;
    reader *rd = take_reader(s);
    sqlite3_int64 size = sqlite3_step(rd->size) == SQLITE_ROW ? sqlite3_column_int64(rd->size, 0) : 0;
    sqlite3_reset(rd->size);
    pthread_mutex_unlock(&rd->lock);
    return size;
}
