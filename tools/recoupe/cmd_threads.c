/* cmd_threads.c: `recoupe threads`, `top`, `languages` and `stories`: the story
 * commands. All four read the inputs the same way (extraction, analysis, sketch
 * and story features on the worker pool, the engine fed in input order on the main thread), cluster
 * once at the end, and print one JSON document in the shape of the tgnews contest
 * (threads, top, languages) or the full story records (stories). The engine makes
 * the JSON, so the server prints the same. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "commands.h"

static const char usage_head[] =
    "usage: recoupe %s [OPTIONS] [INPUT...]\n"
    "\n"
    "%s\n"
    "\n"
    "Inputs are files or folders (HTML, text, JSON Lines, WARC, .gz) or '-' (the default\n"
    "when standard input is not a terminal). An article is named by its file's base name,\n"
    "or its id for JSON Lines / WARC records.\n"
    "\n"
    "options:\n";
/* the options of each command: --level for threads, the selection for the story
 * lists, the clustering for all but languages (which groups by language alone) */
static const char help_level[] = "      --level L       event (default) or topic: the stories printed\n";
static const char help_story[] =
    "      --threshold X   average-link similarity to be one event (default 0.08)\n"
    "      --topic-threshold X\n"
    "                      average-link similarity to be one topic (default 0.03)\n"
    "      --window DAYS   days between an article and its story's latest one (default 7;\n"
    "                      0: no limit)\n"
    "      --no-duplicates do not look for near-duplicate groups\n"
    "      --incremental   add articles one by one to live stories (as a server does)\n";
static const char help_select[] = "      --limit N       the N most important stories only (default: all)\n"
                                  "      --min-size N    only the stories of at least N articles (default: all)\n";

enum { OPT_LEVEL = 0x2001, OPT_TH, OPT_TTH, OPT_WINDOW, OPT_NODUP, OPT_INCR, OPT_LIMIT, OPT_MINSIZE };

/* a count for --limit / --min-size: digits only, at least 1; 0 when it is not one */
static size_t count_arg(const char *s) {
    char *end = NULL;
    if (!s || *s < '0' || *s > '9') return 0;
    unsigned long long v = strtoull(s, &end, 10);
    return end && !*end && v <= SIZE_MAX ? (size_t)v : 0;
}

/* RECOUPE_TIMING=1: the wall and CPU seconds of reading (with the engine's adds)
 * and of the output, on standard error; the engine prints its own phases. */
static double tick_wall, tick_cpu;
static int timing;

static double secs(clockid_t id) {
    struct timespec t;
    clock_gettime(id, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static void tick(const char *what) {
    if (!timing) return;
    double w = secs(CLOCK_MONOTONIC), u = secs(CLOCK_PROCESS_CPUTIME_ID);
    if (what)
        fprintf(stderr, "recoupe: timing: %-12s wall %7.2f s  cpu %7.2f s  (%.2f cores)\n", what, w - tick_wall,
                u - tick_cpu, w > tick_wall ? (u - tick_cpu) / (w - tick_wall) : 0.0);
    tick_wall = w;
    tick_cpu = u;
}

/* RECOUPE_TIMING=1 (phase timings on stderr) and RECOUPE_PAIR_GATE=X (an
 * experiment's pair gate; 0 or less: none) onto the engine's options */
static void from_environment(recoupe_engine_options *o) {
    const char *tv = getenv("RECOUPE_TIMING"), *gate = getenv("RECOUPE_PAIR_GATE");
    timing = tv && *tv && strcmp(tv, "0");
    o->timing = timing;
    o->on_message = cli_print_message;
    if (gate && *gate) {
        double g = atof(gate);
        o->pair_gate = g > 0 ? g : -1;
    }
}

typedef struct story_ctx {
    recoupe_engine *e;
    int failed;
    int news_only; /* an article that is not news is left out (off: see below) */
} story_ctx;

static int facts; /* `stories`: each article's entities and claims, for the records */

static int emit(recoupe_article *a, void *user) {
    story_ctx *ctx = user;
    if (ctx->news_only && (a->analysis.done & RECOUPE_STAGE_CLASSIFY) && !a->analysis.is_news) {
        recoupe_article_free(a);
        return 0;
    }
    if (recoupe_engine_add(ctx->e, a, NULL) != RECOUPE_OK) ctx->failed = 1;
    return 0;
}

/* After the reading: clusters (batch mode), prints the shape, lets the engine go;
 * the exit code */
static int finish(const cli_common *c, story_ctx *ctx, int incremental, const char *shape,
                  const recoupe_json_options *jo, int rc) {
    if (!incremental && strcmp(shape, "languages")) { /* the languages need no story */
        cli_phase(c, "clustering");
        if (recoupe_engine_cluster(ctx->e) != RECOUPE_OK) ctx->failed = 1;
    }
    tick(NULL);
    cli_phase(c, "writing");
    char *json = recoupe_engine_json_with(ctx->e, shape, jo);
    if (!json || ctx->failed) {
        cli_error("out of memory while clustering");
        rc = EXIT_INPUT;
    }
    if (json && cli_write(json, strlen(json)) != 0) rc = EXIT_INPUT;
    free(json);
    tick("output");
    char extra[64];
    size_t n_stories = recoupe_engine_story_count(ctx->e);
    snprintf(extra, sizeof extra, "%zu stor%s", n_stories, n_stories == 1 ? "y" : "ies");
    cli_summary(c, strcmp(shape, "languages") ? extra : NULL);
    /* A big engine is left to the process's exit, which hands its pages back at
     * once: freeing a million articles one allocation at a time takes seconds. */
    if (recoupe_engine_article_count(ctx->e) < 50000) recoupe_engine_free(ctx->e);
    tick("free");
    return rc;
}

/* the long name of option value opt in a getopt_long table */
static const char *option_name(const struct option *o, int opt) {
    for (; o->name; o++)
        if (o->val == opt) return o->name;
    return "?";
}

/* What a story command's options ask for. */
typedef struct story_opts {
    cli_common c;
    recoupe_engine_options o;
    recoupe_json_options jo;
    const char *shape;
    int incremental;
    char prog[64], usage[4096];
} story_opts;

/* Reads the options of command `name` into *so; EXIT_OK, or EXIT_USAGE (said) */
static int parse_options(int argc, char **argv, const char *name, const char *what, story_opts *so) {
    static const struct option longopts[] = {CLI_COMMON_LONGOPTS,
                                             {"level", required_argument, NULL, OPT_LEVEL},
                                             {"threshold", required_argument, NULL, OPT_TH},
                                             {"topic-threshold", required_argument, NULL, OPT_TTH},
                                             {"window", required_argument, NULL, OPT_WINDOW},
                                             {"no-duplicates", no_argument, NULL, OPT_NODUP},
                                             {"incremental", no_argument, NULL, OPT_INCR},
                                             {"limit", required_argument, NULL, OPT_LIMIT},
                                             {"min-size", required_argument, NULL, OPT_MINSIZE},
                                             {0}};
    int is_threads = !strcmp(name, "threads"), is_languages = !strcmp(name, "languages");
    char *usage = so->usage;
    snprintf(so->prog, sizeof so->prog, "recoupe %s", name);
    int u = snprintf(usage, sizeof so->usage, usage_head, name, what);
    snprintf(usage + u, sizeof so->usage - (size_t)u, "%s%s%s%s", is_threads ? help_level : "",
             is_languages ? "" : help_story, is_languages ? "" : help_select, CLI_JSON_HELP);
    cli_common *c = &so->c;
    cli_common_init(c, so->prog);
    recoupe_engine_options *o = &so->o;
    recoupe_json_options *jo = &so->jo;
    int opt;
    optind = 1;
    while ((opt = getopt_long(argc, argv, CLI_COMMON_SHORTOPTS, longopts, NULL)) != -1) {
        int k = cli_common_option(c, opt, optarg, usage);
        if (k < 0) return EXIT_USAGE;
        if (k) continue;
        char *end = NULL;
        if (is_languages && opt != '?')
            return cli_usage_error(c,
                                   "--%s: the languages group every article by its language; no story option applies",
                                   option_name(longopts, opt));
        switch (opt) {
            case OPT_LEVEL:
                if (!is_threads) return cli_usage_error(c, "--level: only threads prints topics; see recoupe stories");
                if (!strcmp(optarg, "topic")) {
                    if (!strcmp(so->shape, "threads")) so->shape = "topics";
                } else if (strcmp(optarg, "event"))
                    return cli_usage_error(c, "--level: event or topic, not '%s'", optarg);
                break;
            case OPT_TH:
            case OPT_TTH: {
                double v = strtod(optarg, &end);
                if (!end || *end || !(v > 0 && v <= 1)) /* so written that NaN fails too */
                    return cli_usage_error(c, "--%s: a number in (0, 1], not '%s'",
                                           opt == OPT_TH ? "threshold" : "topic-threshold", optarg);
                if (opt == OPT_TH)
                    o->event_threshold = v;
                else
                    o->topic_threshold = v;
                break;
            }
            case OPT_WINDOW: {
                double v = strtod(optarg, &end);
                /* NaN and inf fail; the bound keeps v * 86400 (and the engine's date
                 * arithmetic with it) far from int64's limits */
                if (!end || *end || !(v >= 0 && v <= 1e9))
                    return cli_usage_error(c, "--window: a number of days in [0, 1e9], not '%s'", optarg);
                o->window = v == 0 ? -1 : (int64_t)(v * 86400);
                break;
            }
            case OPT_NODUP: o->no_duplicates = 1; break;
            case OPT_INCR: so->incremental = 1; break;
            case OPT_LIMIT:
            case OPT_MINSIZE: {
                size_t v = count_arg(optarg);
                if (!v)
                    return cli_usage_error(c, "--%s: a whole number >= 1, not '%s'",
                                           opt == OPT_LIMIT ? "limit" : "min-size", optarg);
                if (opt == OPT_LIMIT)
                    jo->limit = v;
                else
                    jo->min_size = v;
                break;
            }
            default: return cli_usage_error(c, "unknown option");
        }
    }
    return EXIT_OK;
}

static int run(int argc, char **argv, const char *name, const char *shape, const char *what) {
    static story_opts so; /* its usage text is big for a stack */
    memset(&so, 0, sizeof so);
    so.shape = shape;
    if (parse_options(argc, argv, name, what, &so) != EXIT_OK) return EXIT_USAGE;
    cli_common c = so.c;
    recoupe_engine_options o = so.o;
    recoupe_json_options jo = so.jo;
    int incremental = so.incremental;
    shape = so.shape;
    o.jobs = c.jobs; /* 0: every core, as the worker pool */
    from_environment(&o);
    const char *nc = getenv("RECOUPE_NO_CLASSIFY"); /* to measure what the classification costs */
    int languages = !strcmp(shape, "languages"), classify = !(nc && *nc && strcmp(nc, "0")) && !languages;
    /* The articles the model calls not news stay in the stories for now: its one
     * signal for short texts drops real short reports (30-word briefs). */
    story_ctx ctx = {recoupe_engine_new(&o), 0, 0};
    if (!ctx.e) {
        cli_error("out of memory");
        return EXIT_INPUT;
    }
    if (incremental && recoupe_engine_cluster(ctx.e) != RECOUPE_OK) { /* empty: switches to live mode */
        recoupe_engine_free(ctx.e);
        cli_error("out of memory");
        return EXIT_INPUT;
    }
    tick(NULL);
    /* extraction, analysis, the sketch and the story features on the worker pool;
     * the engine, on this thread, only files each article */
    unsigned stages = RECOUPE_STAGE_EXTRACT | RECOUPE_STAGE_FEATURES |
                      (o.no_duplicates || languages ? 0 : RECOUPE_STAGE_SIGN) |
                      (classify ? RECOUPE_STAGE_CLASSIFY : 0) | (facts ? RECOUPE_STAGE_FACTS : 0);
    c.phased = 1;
    int rc = cli_run_stages(&c, argc - optind, argv + optind, stages, NULL, emit, &ctx);
    tick("read+add");
    if (rc == EXIT_USAGE) {
        recoupe_engine_free(ctx.e);
        return rc;
    }
    return finish(&c, &ctx, incremental, shape, &jo, rc);
}

int cmd_threads(int argc, char **argv) {
    return run(argc, argv, "threads", "threads",
               "Groups the articles into stories (events) and prints them, most important first:\n"
               "[{\"title\": ..., \"articles\": [name, ...]}, ...] (the tgnews \"threads\" shape).");
}

int cmd_top(int argc, char **argv) {
    return run(argc, argv, "top", "top",
               "Prints the stories ranked by importance, in the tgnews \"top\" shape:\n"
               "[{\"category\": \"any\", \"threads\": [{\"title\", \"category\", \"articles\"}]}].\n"
               "importance = ln(1+S) (1+ln(1+V)) (0.5+0.5 D) R: S independent sources, V articles in\n"
               "the first 24 hours, D outlets per article, R recency (half-life one day).");
}

int cmd_languages(int argc, char **argv) {
    return run(argc, argv, "languages", "languages",
               "Prints the articles grouped by the language of their text, in the tgnews shape:\n"
               "[{\"lang_code\": \"fr\", \"articles\": [name, ...]}, ...].");
}

int cmd_stories(int argc, char **argv) {
    const char *nf = getenv("RECOUPE_NO_FACTS"); /* to measure what the facts cost */
    facts = !(nf && *nf && strcmp(nf, "0"));
    return run(argc, argv, "stories", "stories",
               "Prints the full story records, most important first: id, topic, title, languages,\n"
               "size, sources, independent sources, first and last date, importance, and the\n"
               "articles by centrality (name, title, site, date, lang, centrality), the story's\n"
               "entities ranked by sources, and its claim groups (see `recoupe claims`).");
}
