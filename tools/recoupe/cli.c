/* cli.c: the run loop every command shares. It opens a reader over the inputs,
 * reports each skipped input as "recoupe: FILE[:LINE]: what is wrong", drives the
 * library's worker pool, draws a progress bar on a terminal when the work lasts
 * over a second, and ends with a summary line and the exit code. */
#include "cli.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

void cli_error(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fputs("recoupe: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

int cli_usage_error(const cli_common *c, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "%s: ", c->prog);
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\nTry '%s --help' for more information.\n", c->prog);
    va_end(ap);
    return EXIT_USAGE;
}

int cli_parse_size(const char *s, size_t *out) {
    char *end = NULL;
    /* strtoull takes "-1" as 2^64 - 1: a size starts with a digit */
    if (*s < '0' || *s > '9') return -1;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s) return -1;
    int shift = 0;
    switch (*end) {
        case 'k':
        case 'K':
            shift = 10;
            end++;
            break;
        case 'm':
        case 'M':
            shift = 20;
            end++;
            break;
        case 'g':
        case 'G':
            shift = 30;
            end++;
            break;
        default: break;
    }
    if (v > (ULLONG_MAX >> shift) || v << shift > SIZE_MAX) return -1; /* the suffix would wrap it */
    v <<= shift;
    if (*end == 'B' || *end == 'b') end++;
    if (*end || v == 0) return -1;
    *out = (size_t)v;
    return 0;
}

void cli_common_init(cli_common *c, const char *prog) {
    memset(c, 0, sizeof *c);
    c->prog = prog;
}

int cli_common_option(cli_common *c, int opt, const char *arg, const char *usage) {
    char *end = NULL;
    switch (opt) {
        case 'j': {
            long n = strtol(arg, &end, 10);
            if (*end || n < 0 || n > 256) {
                cli_usage_error(c, "--jobs wants a number from 0 to 256, not '%s'", arg);
                return -1;
            }
            c->jobs = (int)n;
            return 1;
        }
        case 'q': c->quiet = 1; return 1;
        case CLI_OPT_PRETTY:
            c->pretty = 1;
            cli_set_pretty(1);
            return 1;
        case 'k': c->keep_going = 1; return 1;
        case CLI_OPT_MAX_BYTES:
            if (cli_parse_size(arg, &c->max_bytes)) {
                cli_usage_error(c, "--max-bytes wants a size such as 16M, not '%s'", arg);
                return -1;
            }
            return 1;
        case 'h': fputs(usage, stdout); exit(EXIT_OK);
        case '?':
            /* getopt has said what is wrong, under the command's name: only point to the help */
            fprintf(stderr, "Try '%s --help' for more information.\n", c->prog);
            return -1;
    }
    return 0;
}

int cli_write_text(const char *s, size_t n) {
    return fwrite(s, 1, n, stdout) == n ? 0 : -1;
}

int cli_write(const char *s, size_t n) {
    return cli_pretty() ? cli_pretty_write(s, n) : cli_write_text(s, n);
}

int cli_check_fields(const cli_common *c, const char *fields) {
    recoupe_article probe = {0};
    const char *bad = NULL;
    char *test = recoupe_article_json(&probe, fields, &bad);
    if (!test) return cli_usage_error(c, "--fields: unknown field in '%s'", bad ? bad : fields);
    free(test);
    return 0;
}

int cli_print_article(const recoupe_article *a, const char *fields) {
    char *json = recoupe_article_json(a, fields, NULL);
    int rc = 0;
    if (!json)
        rc = RECOUPE_ERR_NOMEM;
    else if (cli_write(json, strlen(json)) || cli_write("\n", 1))
        rc = RECOUPE_ERR_IO;
    free(json);
    return rc;
}

/* ------------------------------------------------------------ progress */

typedef struct run_state {
    const cli_common *c;
    recoupe_reader *r;
    recoupe_work_fn work;
    recoupe_emit_fn emit;
    void *user;
    size_t done;
    double start, last_draw;
    int tty, drawn;
} run_state;

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void draw(run_state *s, int final) {
    double t = now(), el = t - s->start;
    if (!final && (el < 1.0 || t - s->last_draw < 0.1)) return;
    s->last_draw = t;
    uint64_t got = recoupe_reader_bytes(s->r), total = recoupe_reader_total_bytes(s->r);
    double rate = el > 0 ? (double)s->done / el : 0;
    char eta[32] = "";
    int width = 30, fill = 0;
    if (total && got <= total) {
        fill = (int)((double)got / (double)total * width);
        double left = got ? el * (double)(total - got) / (double)got : 0;
        if (left > 359999) left = 359999; /* 100 hours at most (the first files may be tiny): no int overflow */
        if (!final) snprintf(eta, sizeof eta, " ETA %d:%02d", (int)left / 60, (int)left % 60);
    }
    char bar[64];
    for (int i = 0; i < width; i++) bar[i] = i < fill ? '#' : (total ? '.' : ' ');
    bar[width] = 0;
    fprintf(stderr, "\r[%s] %zu articles  %.0f/s  %.1f MB%s   ", bar, s->done, rate, (double)got / 1e6, eta);
    s->drawn = 1;
}

/* the pool passes the run state; the command's own pointer is handed on here */
static void work_for_command(recoupe_article *a, void *user) {
    run_state *s = user;
    s->work(a, s->user);
}

static int emit_with_progress(recoupe_article *a, void *user) {
    run_state *s = user;
    s->done++;
    int e = s->emit(a, s->user);
    if (s->tty) draw(s, 0);
    return e;
}

void cli_put_escaped(const char *text, FILE *f) {
    const unsigned char *p = (const unsigned char *)text;
    for (; *p; p++) {
        if (*p == '\n')
            fputs("\\n", f);
        else if (*p == '\r')
            fputs("\\r", f);
        else if (*p == '\t')
            fputs("\\t", f);
        else if (*p < 0x20 || *p == 0x7f)
            fprintf(f, "\\x%02x", *p);
        else if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
            fprintf(f, "\\u%04x", p[1]), p++; /* C1 controls */
        else
            fputc(*p, f);
    }
}

static void on_error(void *user, const char *file, long line, const char *msg) {
    run_state *s = user;
    if (s->drawn) fputs("\r\033[K", stderr);
    fputs("recoupe: ", stderr);
    cli_put_escaped(file, stderr);
    if (line > 0) fprintf(stderr, ":%ld", line);
    fputs(": ", stderr);
    cli_put_escaped(msg, stderr);
    fputc('\n', stderr);
}

static size_t last_read, last_skipped; /* the counts of the last cli_run */

/* the phases of a phased command: the reading, then what cli_phase names */
static struct {
    double start, phase_start;
    const char *name;
    struct {
        const char *name;
        double secs;
    } done[8];
    int n, shown;
} phases;

static void end_phase(void) {
    if (!phases.name) return;
    if (phases.n < 8)
        phases.done[phases.n].name = phases.name, phases.done[phases.n++].secs = now() - phases.phase_start;
    phases.name = NULL;
}

void cli_phase(const cli_common *c, const char *name) {
    end_phase();
    phases.name = name;
    phases.phase_start = now();
    if (!c->quiet && isatty(2)) {
        fprintf(stderr, "\r\033[Krecoupe: %s %zu article%s...", name, last_read, last_read == 1 ? "" : "s");
        phases.shown = 1;
    }
}

void cli_summary(const cli_common *c, const char *extra) {
    end_phase();
    if (phases.shown) fputs("\r\033[K", stderr), phases.shown = 0;
    if (c->quiet) return;
    fprintf(stderr, "recoupe: %zu article%s read, %zu input%s skipped%s%s (", last_read, last_read == 1 ? "" : "s",
            last_skipped, last_skipped == 1 ? "" : "s", extra ? ", " : "", extra ? extra : "");
    for (int i = 0; i < phases.n; i++)
        fprintf(stderr, "%s%s %.2f s", i ? ", " : "", phases.done[i].name, phases.done[i].secs);
    fprintf(stderr, "; %.2f s in all)\n", now() - phases.start);
}

void cli_last_counts(size_t *read, size_t *skipped) {
    *read = last_read;
    *skipped = last_skipped;
}

int cli_run(const cli_common *c, int argc, char **argv, recoupe_work_fn work, recoupe_emit_fn emit, void *user) {
    return cli_run_stages(c, argc, argv, RECOUPE_STAGE_DECODE, work, emit, user);
}

int cli_run_stages(const cli_common *c, int argc, char **argv, unsigned stages, recoupe_work_fn work,
                   recoupe_emit_fn emit, void *user) {
    static char *stdin_only[] = {"-"};
    if (argc == 0) {
        if (isatty(0)) {
            cli_usage_error(c, "no input: name files or directories, or '-' for standard input");
            return EXIT_USAGE;
        }
        argc = 1;
        argv = stdin_only;
    }
    run_state s = {.c = c, .work = work, .emit = emit, .user = user, .start = now()};
    s.tty = !c->quiet && isatty(2);
    recoupe_read_options opt = {.max_bytes = c->max_bytes, .on_error = on_error, .user = &s, .on_notice = on_error};
    s.r = recoupe_reader_open((const char *const *)argv, (size_t)argc, &opt);
    if (!s.r) {
        cli_error("out of memory");
        return EXIT_INPUT;
    }
    recoupe_status st =
        recoupe_pipeline_process(s.r, c->jobs, stages, work ? work_for_command : NULL, emit_with_progress, &s);
    if (s.drawn) {
        draw(&s, 1);
        fputc('\n', stderr);
    }
    if (fflush(stdout) != 0 && st == RECOUPE_OK) st = RECOUPE_ERR_IO;
    size_t read = recoupe_reader_read_count(s.r), skipped = recoupe_reader_skipped_count(s.r);
    last_read = read;
    last_skipped = skipped;
    recoupe_reader_close(s.r);
    if (st != RECOUPE_OK) {
        if (st == RECOUPE_ERR_IO && errno == EPIPE) return EXIT_OK;
        cli_error("%s", recoupe_strerror(st));
        return EXIT_INPUT;
    }
    if (c->phased) { /* the summary comes with the last phase (cli_summary) */
        phases.start = s.start;
        phases.n = 0;
        phases.name = "reading";
        phases.phase_start = s.start;
    } else if (!c->quiet) /* -q: the skipped inputs were each reported; the exit status tells the rest */
        fprintf(stderr, "recoupe: %zu article%s read, %zu input%s skipped (%.2f s)\n", read, read == 1 ? "" : "s",
                skipped, skipped == 1 ? "" : "s", now() - s.start);
    return skipped && !c->keep_going ? EXIT_INPUT : EXIT_OK;
}

void cli_configure_from_environment(void) {
    const char *model = getenv("RECOUPE_LANGID_MODEL"), *full = getenv("RECOUPE_LANGID_FULL");
    recoupe_langid_config lc = {.model_path = model, .full = full && strcmp(full, "1") == 0};
    if (recoupe_langid_configure(&lc) == RECOUPE_ERR_IO)
        fprintf(stderr, "recoupe: cannot use the language model %s; using the built-in one\n", model);
}

void cli_print_message(void *user, const char *message) {
    (void)user;
    fputs("recoupe: ", stderr);
    cli_put_escaped(message, stderr);
    fputc('\n', stderr);
}
