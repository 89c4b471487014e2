/* cmd_report.c: `recoupe report`: groups the articles into stories, as the story
 * commands do, and writes them as one self-contained HTML page (the library's
 * recoupe_engine_report, which the server uses too). The page goes to a
 * temporary file beside the target, renamed over it once whole, so a failed run
 * never leaves half a report; "-o -" writes it to standard output. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "commands.h"

static const char usage[] = "usage: recoupe report [OPTIONS] [INPUT...]\n"
                            "\n"
                            "Groups the articles into stories and writes them as one HTML page that opens offline\n"
                            "and prints well: an overview (articles, outlets, languages, stories, duplicate groups,\n"
                            "inputs skipped; the stories by importance, with a filter box), then each story with its\n"
                            "articles, their timeline by outlet and its near-duplicate groups (who copied whom).\n"
                            "\n"
                            "Inputs are files or folders (HTML, text, JSON Lines, WARC, .gz) or '-' (the default\n"
                            "when standard input is not a terminal).\n"
                            "\n"
                            "options:\n"
                            "  -o, --output FILE   the page to write (default report.html; '-' for standard output)\n"
                            "      --limit N       draw the N most important stories (default 200); the page says\n"
                            "                      how many were left out\n"
                            "      --lang XX       only the stories with an article in language XX (ISO 639-1)\n"
                            "      --title T       the page's title (default \"recoupe report\")\n"
                            "      --max-articles N\n"
                            "                      articles listed per story, the most central (default 100)\n"
                            "      --window DAYS   days between an article and its story's latest one (default 7;\n"
                            "                      0: no limit)\n" CLI_COMMON_HELP;

enum { OPT_LIMIT = 0x3001, OPT_LANG, OPT_TITLE, OPT_MAXART, OPT_WINDOW };

typedef struct report_ctx {
    recoupe_engine *e;
    int failed;
} report_ctx;

static int emit(recoupe_article *a, void *user) {
    report_ctx *ctx = user;
    if (recoupe_engine_add(ctx->e, a, NULL) != RECOUPE_OK) ctx->failed = 1;
    return 0;
}

static size_t count_arg(const char *s) {
    char *end = NULL;
    if (!s || *s < '0' || *s > '9') return 0;
    unsigned long long v = strtoull(s, &end, 10);
    return end && !*end && v <= SIZE_MAX ? (size_t)v : 0;
}

/* a language code as stories carry them: 2 or 3 lower-case letters */
static int lang_ok(const char *s) {
    size_t n = strlen(s);
    for (size_t i = 0; i < n; i++)
        if (s[i] < 'a' || s[i] > 'z') return 0;
    return n == 2 || n == 3;
}

static int to_file(void *user, const char *data, size_t len) {
    return fwrite(data, 1, len, user) == len ? 0 : -1;
}

/* writes the page to path ("-": stdout) through path.tmp; 0 or -1 (message printed) */
static int write_page(recoupe_engine *e, const recoupe_report_options *o, const char *path) {
    int out_std = !strcmp(path, "-");
    char *tmp = NULL;
    FILE *f = stdout;
    if (!out_std) {
        size_t n = strlen(path) + 8;
        if (!(tmp = malloc(n))) return cli_error("out of memory"), -1;
        snprintf(tmp, n, "%s.tmp", path);
        if (!(f = fopen(tmp, "w"))) {
            cli_error("%s: %s", tmp, strerror(errno));
            free(tmp);
            return -1;
        }
    }
    recoupe_status st = recoupe_engine_report(e, o, to_file, f);
    int io = st == RECOUPE_ERR_IO || (out_std ? fflush(f) : fclose(f)) != 0;
    if (st != RECOUPE_OK || io) {
        cli_error("%s: %s", out_std ? "standard output" : path,
                  io ? strerror(errno ? errno : EIO) : recoupe_strerror(st));
        if (tmp) remove(tmp);
        free(tmp);
        return -1;
    }
    if (tmp && rename(tmp, path) != 0) {
        cli_error("%s: %s", path, strerror(errno));
        remove(tmp);
        free(tmp);
        return -1;
    }
    free(tmp);
    return 0;
}

static int parse(int argc, char **argv, cli_common *c, recoupe_report_options *o, recoupe_engine_options *eo,
                 const char **path) {
    static const struct option longopts[] = {CLI_COMMON_LONGOPTS,
                                             {"output", required_argument, NULL, 'o'},
                                             {"limit", required_argument, NULL, OPT_LIMIT},
                                             {"lang", required_argument, NULL, OPT_LANG},
                                             {"title", required_argument, NULL, OPT_TITLE},
                                             {"max-articles", required_argument, NULL, OPT_MAXART},
                                             {"window", required_argument, NULL, OPT_WINDOW},
                                             {0}};
    int opt;
    optind = 1;
    while ((opt = getopt_long(argc, argv, CLI_COMMON_SHORTOPTS "o:", longopts, NULL)) != -1) {
        int k = cli_common_option(c, opt, optarg, usage);
        if (k < 0) return EXIT_USAGE;
        if (opt == CLI_OPT_PRETTY) return cli_usage_error(c, "--pretty: the report is an HTML page, not JSON");
        if (k) continue;
        switch (opt) {
            case 'o':
                if (!*optarg) return cli_usage_error(c, "--output: a file name, or '-'");
                *path = optarg;
                break;
            case OPT_LIMIT:
            case OPT_MAXART: {
                size_t v = count_arg(optarg);
                if (!v)
                    return cli_usage_error(c, "--%s: a whole number >= 1, not '%s'",
                                           opt == OPT_LIMIT ? "limit" : "max-articles", optarg);
                if (opt == OPT_LIMIT)
                    o->limit = v;
                else
                    o->max_articles = v;
                break;
            }
            case OPT_LANG:
                if (!lang_ok(optarg))
                    return cli_usage_error(c, "--lang: a language code such as fr or ru, not '%s'", optarg);
                o->lang = optarg;
                break;
            case OPT_TITLE: o->title = optarg; break;
            case OPT_WINDOW: {
                char *end = NULL;
                double v = strtod(optarg, &end);
                if (!end || *end || !(v >= 0 && v <= 1e9))
                    return cli_usage_error(c, "--window: a number of days in [0, 1e9]");
                eo->window = v == 0 ? -1 : (int64_t)(v * 86400);
                break;
            }
            default: return cli_usage_error(c, "unknown option");
        }
    }
    return EXIT_OK;
}

int cmd_report(int argc, char **argv) {
    cli_common c;
    cli_common_init(&c, "recoupe report");
    recoupe_report_options o = {0};
    recoupe_engine_options eo = {0};
    const char *path = "report.html";
    int rc = parse(argc, argv, &c, &o, &eo, &path);
    if (rc != EXIT_OK) return rc;
    eo.jobs = c.jobs;
    eo.on_message = cli_print_message;
    report_ctx ctx = {recoupe_engine_new(&eo), 0};
    if (!ctx.e) return cli_error("out of memory"), EXIT_INPUT;
    unsigned stages = RECOUPE_STAGE_EXTRACT | RECOUPE_STAGE_FEATURES | RECOUPE_STAGE_SIGN | RECOUPE_STAGE_FACTS;
    c.phased = 1;
    rc = cli_run_stages(&c, argc - optind, argv + optind, stages, NULL, emit, &ctx);
    if (rc == EXIT_USAGE) {
        recoupe_engine_free(ctx.e);
        return rc;
    }
    cli_phase(&c, "clustering");
    if (recoupe_engine_cluster(ctx.e) != RECOUPE_OK || ctx.failed) {
        cli_error("out of memory while clustering");
        recoupe_engine_free(ctx.e);
        return EXIT_INPUT;
    }
    char when[32];
    time_t now = time(NULL);
    const char *sde = getenv("SOURCE_DATE_EPOCH"); /* reproducible pages: the date to print instead of now */
    if (sde && *sde >= '0' && *sde <= '9') now = (time_t)strtoll(sde, NULL, 10);
    struct tm tm;
    if (gmtime_r(&now, &tm) && strftime(when, sizeof when, "%Y-%m-%d %H:%M UTC", &tm)) o.generated = when;
    cli_last_counts(&o.read_count, &o.skipped);
    const char *tv = getenv("RECOUPE_TIMING"); /* RECOUPE_TIMING=1: the CPU seconds of writing the page */
    cli_phase(&c, "writing");
    clock_t c0 = clock();
    int wrote = write_page(ctx.e, &o, path);
    if (tv && *tv && strcmp(tv, "0"))
        fprintf(stderr, "recoupe: timing: report       cpu %7.2f s\n", (double)(clock() - c0) / CLOCKS_PER_SEC);
    if (wrote != 0) rc = EXIT_INPUT;
    size_t ns = recoupe_engine_story_count(ctx.e);
    char extra[64];
    snprintf(extra, sizeof extra, "%zu stor%s", ns, ns == 1 ? "y" : "ies");
    cli_summary(&c, extra);
    if (wrote == 0 && !c.quiet && strcmp(path, "-")) fprintf(stderr, "recoupe: wrote %s\n", path);
    /* a big engine is left to the process's exit, which returns its pages at once */
    if (recoupe_engine_article_count(ctx.e) < 50000) recoupe_engine_free(ctx.e);
    return rc;
}
