/* cli.h: what every recoupe command shares: the common options, the run loop over
 * the inputs (reader + worker pool + ordered output), the progress bar, error
 * reporting and exit codes. Commands include only recoupe.h and this.
 * JSON output comes from the library (recoupe_article_json and each module's
 * recoupe_*_json function), so the CLI and the server print the same records;
 * commands do not build JSON by hand. */
#ifndef RECOUPE_CLI_H
#define RECOUPE_CLI_H

#include <getopt.h>
#include <stdio.h>

#include "recoupe.h"

enum { EXIT_OK = 0, EXIT_INPUT = 1, EXIT_USAGE = 2 };

typedef struct cli_common {
    int jobs;         /* --jobs N (0: number of cores) */
    int quiet;        /* --quiet: no progress bar, no summary */
    int keep_going;   /* --keep-going: exit 0 even when inputs were skipped */
    size_t max_bytes; /* --max-bytes N */
    const char *prog; /* "recoupe read" for messages */
    int pretty;       /* --pretty: indented JSON (cli_write) */
    int phased;       /* work goes on after the reading: the summary waits for cli_summary */
} cli_common;

/* Long options every command accepts; put CLI_COMMON_LONGOPTS first in a command's
 * table and CLI_COMMON_SHORTOPTS at the start of its short-option string. */
#define CLI_OPT_MAX_BYTES 0x1001
#define CLI_OPT_PRETTY 0x1002
// clang-format off
#define CLI_COMMON_LONGOPTS                                                                                            \
    {"jobs", required_argument, NULL, 'j'}, {"quiet", no_argument, NULL, 'q'},                                         \
    {"keep-going", no_argument, NULL, 'k'}, {"max-bytes", required_argument, NULL, CLI_OPT_MAX_BYTES},                 \
    {"pretty", no_argument, NULL, CLI_OPT_PRETTY}, {"help", no_argument, NULL, 'h'}
// clang-format on
#define CLI_COMMON_SHORTOPTS "j:qkh"
/* Writes text to f with its control characters escaped (\n, \t, \xHH, \u0085), so
 * that a file name or a file's text cannot forge a line of diagnostics. */
void cli_put_escaped(const char *text, FILE *f);
/* The lines of --help that describe the common options; CLI_JSON_HELP adds
 * --pretty, for the commands that print JSON. Descriptions start at column 22. */
#define CLI_COMMON_HELP                                                                                                \
    "  -j, --jobs N        worker threads (default, or 0: all the cores)\n"                                            \
    "  -q, --quiet         no progress bar and no summary line\n"                                                      \
    "  -k, --keep-going    exit 0 even when some inputs were skipped\n"                                                \
    "      --max-bytes N   skip inputs larger than N bytes (default 16M; K, M, G suffixes)\n"                          \
    "  -h, --help          this help\n"
#define CLI_JSON_HELP "      --pretty        indented JSON, one member a line (default: compact)\n" CLI_COMMON_HELP

/* Handles a common option: returns 1 when it was one (and valid), 0 when it is not a
 * common option, -1 on a bad value (message printed). 'h' prints usage and exits 0. */
int cli_common_option(cli_common *c, int opt, const char *arg, const char *usage);
void cli_common_init(cli_common *c, const char *prog);

/* Prints "recoupe: message" on stderr (printf-style). */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints the usage text to stderr with "Try --help" and returns EXIT_USAGE. */
int cli_usage_error(const cli_common *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Reads every input (argv[0..argc), "-" when argc is 0 and stdin is not a
 * terminal), runs work on the worker pool and emit in input order, shows progress,
 * prints the summary line and returns the exit code (0, or 1 when inputs were skipped
 * and --keep-going is not set). */
int cli_run(const cli_common *c, int argc, char **argv, recoupe_work_fn work, recoupe_emit_fn emit, void *user);

/* cli_run with the stages every article goes through on the worker pool
 * (recoupe_pipeline_process), before work. */
int cli_run_stages(const cli_common *c, int argc, char **argv, unsigned stages, recoupe_work_fn work,
                   recoupe_emit_fn emit, void *user);

/* For a command whose work goes on after the reading (c->phased set before
 * cli_run_stages): starts the phase `name` ("clustering", "writing"), ending the
 * one before, and shows it on a terminal ("recoupe: clustering 8000 articles...").
 * The reading is the first phase. */
void cli_phase(const cli_common *c, const char *name);
/* Ends the last phase and prints the summary line (unless --quiet): the counts,
 * `extra` (may be NULL, e.g. "812 stories"), each phase's time and the whole time. */
void cli_summary(const cli_common *c, const char *extra);

/* Maps the environment onto the library's settings: RECOUPE_LANGID_MODEL (a
 * language model file) and RECOUPE_LANGID_FULL=1 (no sampling). */
void cli_configure_from_environment(void);

/* A library report line (an engine's on_message) as "recoupe: MESSAGE" on stderr. */
void cli_print_message(void *user, const char *message);

/* The records read and the inputs skipped by the last cli_run. */
void cli_last_counts(size_t *read, size_t *skipped);

/* Writes a whole buffer of JSON to stdout, indented when --pretty was given
 * (cli_pretty.c); returns 0 or -1 (EPIPE: the reader went away). */
int cli_write(const char *s, size_t n);
/* Writes text that is not JSON (extract --format text, lang --lines) as it is. */
int cli_write_text(const char *s, size_t n);
/* --pretty: turns the re-indenter on (1) or off, and resets its state. */
void cli_set_pretty(int on);
/* 1 when --pretty is on. */
int cli_pretty(void);
/* Writes JSON through the re-indenter; returns 0 or -1. */
int cli_pretty_write(const char *s, size_t n);

/* Checks a --fields list against the article record's members: 0 when every name
 * is known, else prints a usage error naming the first unknown one and returns
 * EXIT_USAGE. */
int cli_check_fields(const cli_common *c, const char *fields);

/* Prints the article's members named in fields (see recoupe_article_json) as one
 * JSON line. Returns 0, or a recoupe_status for emit() to stop the run with. */
int cli_print_article(const recoupe_article *a, const char *fields);

/* Parses a size such as 16M, 512K, 1G. Returns 0 on success. */
int cli_parse_size(const char *s, size_t *out);

#endif
