/* reader.c: turns a list of paths into a stream of raw articles, in input order.
 *
 * recoupe_reader_open walks every directory at once (sorted by name, hidden files
 * skipped, each directory visited once by device and inode, so a symlink loop is
 * seen and not followed) and keeps the list of files with their total size, which
 * is what lets a progress bar show an ETA. recoupe_reader_next then loads one file
 * at a time: gunzip, sniff, and either one whole-file article (HTML, text) or the
 * records of a container (JSON Lines, WARC), queued and handed out one by one.
 * Everything wrong with one input is reported through on_error and skipped. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "read/read.h"
#include "util/array.h"
#include "util/buf.h"

typedef struct dir_id {
    dev_t dev;
    ino_t ino;
} dir_id;

struct recoupe_reader {
    const recoupe_read_options *opt;
    size_t max;
    char **files;
    unsigned char *streams; /* per file: 1 for a FIFO or device named by the caller */
    size_t n_files, cap_files, cap_streams, next_file;
    dir_id *dirs;
    size_t n_dirs, cap_dirs;
    recoupe_article **pending;
    size_t n_pending, pos_pending, cap_pending;
    uint64_t pending_bytes; /* the input bytes the pending articles came from */
    size_t n_read, n_skipped;
    uint64_t bytes_total, bytes_done;
    const char *current; /* file being read, for container errors */
    int stdin_seen;      /* "-" is in files already */
    read_stream *stream; /* the JSON Lines file being streamed, or NULL */
    const char *stream_path;
    int oom;
};

static void report(recoupe_reader *r, const char *file, long line, const char *msg) {
    r->n_skipped++;
    if (r->opt && r->opt->on_error) r->opt->on_error(r->opt->user, file, line, msg);
}

static int push_file(recoupe_reader *r, const char *path, int stream) {
    if (util_grow(&r->files, &r->cap_files, r->n_files + 1, sizeof *r->files, 64) != 0 ||
        util_grow(&r->streams, &r->cap_streams, r->n_files + 1, sizeof *r->streams, 64) != 0)
        return -1;
    if (!(r->files[r->n_files] = strdup(path))) return -1;
    r->streams[r->n_files] = (unsigned char)stream;
    r->n_files++;
    return 0;
}

/* 1 when the directory was seen before (a loop or a second path to it). */
static int dir_seen(recoupe_reader *r, const struct stat *st) {
    for (size_t i = 0; i < r->n_dirs; i++)
        if (r->dirs[i].dev == st->st_dev && r->dirs[i].ino == st->st_ino) return 1;
    if (util_grow(&r->dirs, &r->cap_dirs, r->n_dirs + 1, sizeof *r->dirs, 16) != 0) return 0;
    r->dirs[r->n_dirs++] = (dir_id){st->st_dev, st->st_ino};
    return 0;
}

static int by_name(const struct dirent **a, const struct dirent **b) {
    return strcmp((*a)->d_name, (*b)->d_name);
}
static int not_hidden(const struct dirent *d) {
    return d->d_name[0] != '.';
}

static void walk(recoupe_reader *r, const char *path, int top) {
    struct stat st;
    if (strcmp(path, "-") == 0) {
        /* stdin is read once: a second "-" would only find it at its end ("empty file") */
        if (!r->stdin_seen && push_file(r, "-", 1)) r->oom = 1;
        r->stdin_seen = 1;
        return;
    }
    if (stat(path, &st) != 0) {
        char msg[128];
        struct stat lst;
        int err = errno;
        if (err == ELOOP)
            snprintf(msg, sizeof msg, "symbolic link loop (the link leads back to itself)");
        else if (lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode))
            snprintf(msg, sizeof msg, "broken symbolic link");
        else
            snprintf(msg, sizeof msg, "%s", strerror(err));
        report(r, path, 0, msg);
        return;
    }
    if (S_ISDIR(st.st_mode)) {
        if (dir_seen(r, &st)) {
            /* a loop is not bad input: say so once and go on */
            if (r->opt && r->opt->on_notice && !top)
                r->opt->on_notice(r->opt->user, path, 0,
                                  "directory already visited (symbolic link loop), not followed");
            return;
        }
        struct dirent **names = NULL;
        int n = scandir(path, &names, not_hidden, by_name);
        if (n < 0) {
            report(r, path, 0, strerror(errno));
            return;
        }
        buf child = BUF_INIT;
        for (int i = 0; i < n; i++) {
            buf_reset(&child);
            buf_puts(&child, path);
            if (child.len && child.p[child.len - 1] != '/') buf_putc(&child, '/');
            buf_puts(&child, names[i]->d_name);
            walk(r, buf_str(&child), 0);
            free(names[i]);
        }
        free(names);
        buf_free(&child);
        return;
    }
    if (!S_ISREG(st.st_mode)) {
        /* a pipe or device the caller named (`<(zcat x.gz)`, /dev/stdin) is read as a
         * stream, like "-"; one met inside a directory is skipped (nothing may write it) */
        if (top && (S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode))) {
            if (push_file(r, path, 1)) r->oom = 1;
        } else if (top) {
            report(r, path, 0, "not a regular file, a pipe or a device");
        } else if (r->opt && r->opt->on_notice) {
            r->opt->on_notice(r->opt->user, path, 0,
                              "not a regular file: a pipe or device inside a folder is not read (name it to read it)");
        }
        return;
    }
    r->bytes_total += (uint64_t)st.st_size;
    if (push_file(r, path, 0)) r->oom = 1;
}

RECOUPE_API recoupe_reader *recoupe_reader_open(const char *const *paths, size_t n_paths,
                                                const recoupe_read_options *opt) {
    recoupe_reader *r = calloc(1, sizeof *r);
    if (!r) return NULL;
    r->opt = opt;
    r->max = opt && opt->max_bytes ? opt->max_bytes : READ_DEFAULT_MAX;
    /* no input is read past the container cap; a larger max would also wrap load's limit + 1 */
    if (r->max > READ_CONTAINER_MAX) r->max = READ_CONTAINER_MAX;
    for (size_t i = 0; i < n_paths && !r->oom; i++) walk(r, paths[i], 1);
    if (r->oom) {
        recoupe_reader_close(r);
        return NULL;
    }
    return r;
}

RECOUPE_API void recoupe_reader_close(recoupe_reader *r) {
    if (!r) return;
    for (size_t i = 0; i < r->n_files; i++) free(r->files[i]);
    free(r->files);
    free(r->streams);
    free(r->dirs);
    for (size_t i = r->pos_pending; i < r->n_pending; i++) recoupe_article_free(r->pending[i]);
    free(r->pending);
    read_stream_free(r->stream);
    free(r);
}

RECOUPE_API size_t recoupe_reader_read_count(const recoupe_reader *r) {
    return r->n_read;
}
RECOUPE_API size_t recoupe_reader_skipped_count(const recoupe_reader *r) {
    return r->n_skipped;
}
RECOUPE_API uint64_t recoupe_reader_bytes(const recoupe_reader *r) {
    /* the articles of a file (or of a stream's chunk) are read at once and handed
     * out one by one: each takes its share of the bytes when it is handed out, so
     * that a progress bar moves through a big JSON Lines file as it is worked */
    if (r->n_pending > r->pos_pending && r->pending_bytes <= r->bytes_done)
        return r->bytes_done - r->pending_bytes * (r->n_pending - r->pos_pending) / r->n_pending;
    return r->bytes_done;
}
RECOUPE_API uint64_t recoupe_reader_total_bytes(const recoupe_reader *r) {
    return r->bytes_total;
}

static void queue_article(void *ctx, recoupe_article *a) {
    recoupe_reader *r = ctx;
    if (util_grow(&r->pending, &r->cap_pending, r->n_pending + 1, sizeof *r->pending, 64) != 0) {
        recoupe_article_free(a);
        r->oom = 1;
        return;
    }
    r->pending[r->n_pending++] = a;
}

static void container_error(void *ctx, long line, const char *msg) {
    recoupe_reader *r = ctx;
    report(r, r->current, line, msg);
}

static const char *base_name(const char *path) {
    const char *s = strrchr(path, '/');
    return s && s[1] ? s + 1 : path;
}

recoupe_article *read_whole_article(const char *file, char *data, size_t len, enum read_format f) {
    recoupe_article *a = recoupe_article_new();
    if (!a) {
        free(data);
        return NULL;
    }
    a->file = strdup(file);
    a->id = strdup(base_name(file));
    a->format = f == READ_HTML ? "html" : "text";
    a->is_html = f == READ_HTML;
    a->body = data;
    a->body_len = len;
    a->bytes = len;
    if (!a->file || !a->id) {
        recoupe_article_free(a);
        return NULL;
    }
    return a;
}

/* Reads fd on into *data (*len bytes held, room for cap + 1) until the end or
 * limit + 1 bytes (so "over the limit" shows). *data is NULL when out of memory. */
static recoupe_status read_fd(int fd, size_t limit, char **data, size_t *len, size_t cap, int *err_no) {
    char *p = *data;
    size_t n = *len;
    recoupe_status rs = RECOUPE_OK;
    while (p) {
        if (n == cap) {
            if (cap > limit) break;
            size_t ncap = cap * 2 > limit + 1 ? limit + 1 : cap * 2;
            char *np = realloc(p, ncap + 1);
            if (!np) {
                free(p);
                p = NULL;
                break;
            }
            p = np;
            cap = ncap;
        }
        ssize_t k = read(fd, p + n, cap - n);
        if (k < 0) {
            if (errno == EINTR) continue;
            *err_no = errno;
            rs = RECOUPE_ERR_IO;
            break;
        }
        if (k == 0) break;
        n += (size_t)k;
    }
    *data = p;
    if (!p) return RECOUPE_ERR_NOMEM;
    p[n] = 0;
    *len = n;
    return rs;
}

/* Opens path ("-": stdin) for reading; *size receives its size when the system
 * knows it (0 else). A stream (a pipe or device the caller named) is opened as it
 * is, waiting for its writer. -1 with *err_no set, or -2 when a path the walk saw
 * as a regular file is no longer one: it may have been replaced by a FIFO or a
 * device since, which open() must not wait on (hence O_NONBLOCK). */
static int open_input(const char *path, int stream, int *err_no, size_t *size) {
    int fd = strcmp(path, "-") == 0 ? 0 : open(path, O_RDONLY | O_CLOEXEC | (stream ? 0 : O_NONBLOCK));
    *size = 0;
    if (fd < 0) {
        *err_no = errno;
        return -1;
    }
    struct stat st;
    int st_ok = fstat(fd, &st) == 0;
    if (fd != 0 && !stream && st_ok && !S_ISREG(st.st_mode)) {
        close(fd);
        return -2;
    }
    if (st_ok && S_ISREG(st.st_mode) && st.st_size > 0) *size = (size_t)st.st_size;
    return fd;
}

/* JSON Lines and WARC are streamed (stream.c) once they fill this much: a first
 * chunk (compressed or not); smaller inputs are read whole, as every other format is. */
#define STREAM_CHUNK ((size_t)1 << 20)

/* A file's data, read whole, and what went wrong reading it. */
typedef struct loaded {
    char *data;
    size_t len;
    size_t size; /* the file's size, known before it is read whole */
    int err_no;
    recoupe_status st;
} loaded;

/* Hands the JSON Lines or WARC file open as fd, its first chunk in in (cap bytes
 * of room), to a stream (stream.c) that reads the rest batch by batch. */
static void start_stream(recoupe_reader *r, const char *path, int fd, loaded *in, size_t cap, int gz,
                         enum read_format f) {
    r->stream = read_stream_new(path, fd, fd != 0, in->data, in->len, cap, gz, f == READ_WARC, r->max, queue_article,
                                container_error, r);
    r->stream_path = path;
    r->current = path;
    r->bytes_done += in->len;
    if (!r->stream) {
        if (fd != 0) close(fd);
        free(in->data);
        r->oom = 1;
    }
}

/* Reads the file open as fd into in. Its first chunk tells whether it is a JSON
 * Lines or WARC stream: then it is handed to a stream (1). Else it is read whole
 * (0, fd closed): up to --max-bytes, or up to the container cap for JSON Lines,
 * WARC and gzip data (larger than one article may be), read on from where the
 * first read stopped. */
static int load_file(recoupe_reader *r, const char *path, int fd, loaded *in) {
    size_t cap = in->size && in->size < STREAM_CHUNK ? in->size + 1 : STREAM_CHUNK;
    in->data = malloc(cap + 1);
    in->st = read_fd(fd, STREAM_CHUNK - 1, &in->data, &in->len, cap, &in->err_no);
    int gz = in->st == RECOUPE_OK && read_is_gzip(in->data, in->len);
    char head[8192];
    enum read_format f = READ_EMPTY;
    if (in->st == RECOUPE_OK && in->len == STREAM_CHUNK)
        f = gz ? read_sniff(head, read_gunzip_prefix((unsigned char *)in->data, in->len, head, sizeof head), path)
               : read_sniff(in->data, in->len, path);
    if (f == READ_JSONL || f == READ_WARC) {
        start_stream(r, path, fd, in, cap, gz, f);
        return 1;
    }
    if (in->st == RECOUPE_OK && in->len == STREAM_CHUNK)
        in->st = read_fd(fd, r->max, &in->data, &in->len, in->len, &in->err_no);
    if (in->st == RECOUPE_OK && in->len > r->max &&
        (read_is_gzip(in->data, in->len) || read_sniff(in->data, in->len, path) == READ_JSONL ||
         read_sniff(in->data, in->len, path) == READ_WARC))
        in->st = read_fd(fd, READ_CONTAINER_MAX, &in->data, &in->len, in->len, &in->err_no);
    if (fd != 0) close(fd);
    if (in->len > in->size) in->size = in->len;
    return 0;
}

/* Inflates the gzip data of a whole file in place: 0, or -1 when it did not
 * inflate (reported; the records of a truncated container that did inflate are
 * still read, and in->data is freed). */
static int gunzip_whole(recoupe_reader *r, const char *path, loaded *in) {
    char *plain = NULL;
    size_t plain_len = 0;
    recoupe_status st = read_gunzip((unsigned char *)in->data, in->len, READ_CONTAINER_MAX, &plain, &plain_len);
    free(in->data);
    in->data = NULL;
    if (st != RECOUPE_OK) {
        enum read_format f = plain ? read_sniff(plain, plain_len, path) : READ_EMPTY;
        report(r, path, 0, st == RECOUPE_ERR_FORMAT ? "truncated or corrupt gzip data" : recoupe_strerror(st));
        if (st == RECOUPE_ERR_FORMAT && (f == READ_JSONL || f == READ_WARC)) {
            r->n_skipped--; /* reported, but the file is partly read */
            if (f == READ_JSONL)
                read_jsonl(path, plain, plain_len, r->max, queue_article, container_error, r);
            else
                read_warc(path, plain, plain_len, r->max, queue_article, container_error, r);
        }
        free(plain);
        return -1;
    }
    in->data = plain;
    in->len = plain_len;
    return 0;
}

/* Queues the articles of a whole file's data by its format (one article, or the
 * records of a container), or reports why it has none. Takes in->data. */
static void queue_whole(recoupe_reader *r, const char *path, loaded *in) {
    char msg[160];
    char *data = in->data;
    size_t len = in->len;
    enum read_format f = read_sniff(data, len, path);
    switch (f) {
        case READ_EMPTY:
            report(r, path, 0, "empty file");
            free(data);
            return;
        case READ_BINARY:
            report(r, path, 0, "binary data, not text");
            free(data);
            return;
        case READ_JSONL:
            read_jsonl(path, data, len, r->max, queue_article, container_error, r);
            free(data);
            return;
        case READ_WARC:
            read_warc(path, data, len, r->max, queue_article, container_error, r);
            free(data);
            return;
        case READ_HTML:
        case READ_TEXT:
            if (len > r->max) {
                snprintf(msg, sizeof msg, "%zu bytes is over the limit of %zu (--max-bytes)",
                         len > in->size ? len : in->size, r->max);
                report(r, path, 0, msg);
                free(data);
                return;
            }
            if (len * 2 < READ_CONTAINER_MAX) { /* give back the slack of a gunzip buffer */
                char *shrunk = realloc(data, len + 1);
                if (shrunk) data = shrunk;
            }
            queue_article(r, read_whole_article(path, data, len, f));
            if (r->n_pending && !r->pending[r->n_pending - 1]) r->n_pending--, r->oom = 1;
            return;
    }
}

/* Reads a file and queues its articles (or reports why it has none): streamed
 * when it is a large JSON Lines or WARC file, else read whole (load_file). */
static void read_file(recoupe_reader *r, const char *path, int stream) {
    loaded in = {NULL, 0, 0, 0, RECOUPE_OK};
    int fd = open_input(path, stream, &in.err_no, &in.size);
    if (fd == -1) in.st = RECOUPE_ERR_IO;
    if (fd == -2) in.st = RECOUPE_ERR_ARG;
    if (fd >= 0 && load_file(r, path, fd, &in)) return;
    r->bytes_done += in.len;
    r->pending_bytes = in.len;
    r->current = path;
    if (in.st == RECOUPE_ERR_IO || in.st == RECOUPE_ERR_ARG) {
        report(r, path, 0, in.st == RECOUPE_ERR_IO ? strerror(in.err_no) : "not a regular file");
        free(in.data);
        return;
    }
    if (in.st != RECOUPE_OK) {
        report(r, path, 0, recoupe_strerror(in.st));
        return;
    }
    if (read_is_gzip(in.data, in.len) && gunzip_whole(r, path, &in) != 0) return;
    queue_whole(r, path, &in);
}

/* The next batch of a streamed JSON Lines file; the stream ends at its input's end,
 * on a read error (reported: the records before it were handed out) or out of memory. */
static void read_from_stream(recoupe_reader *r) {
    uint64_t bytes = 0;
    int err_no = 0;
    r->current = r->stream_path;
    int rc = read_stream_next(r->stream, &r->n_pending, &bytes, &err_no);
    r->bytes_done += bytes;
    r->pending_bytes = bytes;
    if (rc == 1) return;
    if (rc == -2) { /* as for a whole gzip container: said, but the file is partly read */
        report(r, r->stream_path, 0, "truncated or corrupt gzip data");
        r->n_skipped--;
    } else if (rc < 0) {
        if (err_no)
            report(r, r->stream_path, 0, strerror(err_no));
        else
            r->oom = 1;
    }
    read_stream_free(r->stream);
    r->stream = NULL;
}

RECOUPE_API recoupe_status recoupe_reader_next(recoupe_reader *r, recoupe_article **out) {
    *out = NULL;
    while (r->pos_pending == r->n_pending) {
        r->pos_pending = r->n_pending = 0;
        if (r->oom) return RECOUPE_ERR_NOMEM;
        if (r->stream) {
            read_from_stream(r);
            continue;
        }
        if (r->next_file == r->n_files) return RECOUPE_ERR_DONE;
        read_file(r, r->files[r->next_file], r->streams[r->next_file]);
        r->next_file++;
    }
    *out = r->pending[r->pos_pending++];
    r->n_read++;
    return RECOUPE_OK;
}

RECOUPE_API recoupe_status recoupe_article_from_memory(const char *name, const void *data, size_t len,
                                                       recoupe_article **out) {
    *out = NULL;
    recoupe_read_options opt = {0};
    recoupe_reader tmp = {.opt = &opt, .max = READ_CONTAINER_MAX};
    const char *file = name ? name : "-";
    tmp.current = file;
    char *copy = NULL;
    size_t n = len;
    if (read_is_gzip(data, len)) {
        recoupe_status st = read_gunzip(data, len, READ_CONTAINER_MAX, &copy, &n);
        if (st != RECOUPE_OK) {
            free(copy);
            return st;
        }
    } else {
        copy = read_strdup_n(data, len);
        if (!copy) return RECOUPE_ERR_NOMEM;
    }
    enum read_format f = read_sniff(copy, n, name);
    if (f == READ_JSONL || f == READ_WARC) {
        if (f == READ_JSONL)
            read_jsonl(file, copy, n, READ_DEFAULT_MAX, queue_article, container_error, &tmp);
        else
            read_warc(file, copy, n, READ_DEFAULT_MAX, queue_article, container_error, &tmp);
        free(copy);
        if (tmp.n_pending == 0) {
            free(tmp.pending);
            return RECOUPE_ERR_FORMAT;
        }
        *out = tmp.pending[0];
        for (size_t i = 1; i < tmp.n_pending; i++) recoupe_article_free(tmp.pending[i]);
        free(tmp.pending);
        return RECOUPE_OK;
    }
    if (f == READ_BINARY) {
        free(copy);
        return RECOUPE_ERR_BINARY;
    }
    *out = read_whole_article(file, copy, n, f == READ_EMPTY ? READ_TEXT : f);
    return *out ? RECOUPE_OK : RECOUPE_ERR_NOMEM;
}
