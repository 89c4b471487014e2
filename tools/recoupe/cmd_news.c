/* cmd_news.c: `recoupe news` and `recoupe categories`: which articles are news,
 * and the news category of each, in the tgnews contest's shapes. Both run the
 * extraction and the classification stage on the worker pool and keep, in input
 * order, only each article's name and class; the JSON is printed at the end. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"

static const char usage_fmt[] =
    "usage: recoupe %s [OPTIONS] [INPUT...]\n"
    "\n"
    "%s\n"
    "\n"
    "Inputs are files or folders (HTML, text, JSON Lines, WARC, .gz) or '-'.\n"
    "An article is named by its file's base name, or its id for JSON Lines / WARC records.\n"
    "\n"
    "options:\n" CLI_JSON_HELP;

static const char *const cats[] = {"society", "economy", "technology", "sports", "entertainment", "science", "other"};
#define N_CATS (sizeof cats / sizeof cats[0])

typedef struct kept {
    char *name;
    int cat; /* index in cats, -1: not news */
} kept;

typedef struct news_ctx {
    kept *v;
    size_t n, cap;
    int failed;
} news_ctx;

/* the article's name as the story commands give it */
static const char *name_of(const recoupe_article *a) {
    if (a->line > 0 && a->id && *a->id) return a->id;
    if (a->file && *a->file) {
        const char *s = strrchr(a->file, '/');
        return s ? s + 1 : a->file;
    }
    return a->id ? a->id : "";
}

static int emit(recoupe_article *a, void *user) {
    news_ctx *ctx = user;
    const recoupe_analysis *an = &a->analysis;
    int cat = -1;
    if ((an->done & RECOUPE_STAGE_CLASSIFY) && an->is_news)
        for (size_t i = 0; i < N_CATS; i++)
            if (!strcmp(an->category, cats[i])) cat = (int)i;
    if (ctx->n == ctx->cap) {
        size_t cap = ctx->cap ? 2 * ctx->cap : 256;
        kept *v = realloc(ctx->v, cap * sizeof *v);
        if (!v) return ctx->failed = 1;
        ctx->v = v, ctx->cap = cap;
    }
    char *name = strdup(name_of(a));
    if (!name) return ctx->failed = 1;
    ctx->v[ctx->n++] = (kept){name, cat};
    recoupe_article_free(a);
    return 0;
}

/* s as a JSON string onto f */
static void put_string(FILE *f, const char *s) {
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(f, "\\%c", *p);
        else if (*p < 0x20)
            fprintf(f, "\\u%04x", *p);
        else
            fputc(*p, f);
    }
    fputc('"', f);
}

/* the names of the articles of class cat (-1: every news article) as a JSON array */
static void put_names(FILE *f, const news_ctx *ctx, int cat) {
    int first = 1;
    fputc('[', f);
    for (size_t i = 0; i < ctx->n; i++) {
        if (ctx->v[i].cat < 0 || (cat >= 0 && ctx->v[i].cat != cat)) continue;
        if (!first) fputs(", ", f);
        put_string(f, ctx->v[i].name);
        first = 0;
    }
    fputc(']', f);
}

static int run(int argc, char **argv, const char *name, const char *what, int categories) {
    static const struct option longopts[] = {CLI_COMMON_LONGOPTS, {0}};
    char prog[64], usage[2048];
    snprintf(prog, sizeof prog, "recoupe %s", name);
    snprintf(usage, sizeof usage, usage_fmt, name, what);
    cli_common c;
    cli_common_init(&c, prog);
    int opt;
    optind = 1;
    while ((opt = getopt_long(argc, argv, CLI_COMMON_SHORTOPTS, longopts, NULL)) != -1) {
        int k = cli_common_option(&c, opt, optarg, usage);
        if (k < 0) return EXIT_USAGE;
        if (!k) return cli_usage_error(&c, "unknown option");
    }
    news_ctx ctx = {0};
    int rc = cli_run_stages(&c, argc - optind, argv + optind, RECOUPE_STAGE_EXTRACT | RECOUPE_STAGE_CLASSIFY, NULL,
                            emit, &ctx);
    if (rc != EXIT_USAGE) {
        char *json = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&json, &len);
        int oom = !f || ctx.failed;
        if (oom) {
            cli_error("out of memory");
            rc = EXIT_INPUT;
        } else {
            if (!categories) {
                fputs("{\"articles\": ", f);
                put_names(f, &ctx, -1);
                fputs("}\n", f);
            } else {
                fputc('[', f);
                for (size_t k = 0; k < N_CATS; k++) {
                    fprintf(f, "%s{\"category\": \"%s\", \"articles\": ", k ? ",\n " : "", cats[k]);
                    put_names(f, &ctx, (int)k);
                    fputc('}', f);
                }
                fputs("]\n", f);
            }
        }
        if (f) fclose(f);
        if (json && !oom && cli_write(json, len) != 0) rc = EXIT_INPUT;
        free(json);
    }
    for (size_t i = 0; i < ctx.n; i++) free(ctx.v[i].name);
    free(ctx.v);
    return rc;
}

int cmd_news(int argc, char **argv) {
    return run(argc, argv, "news",
               "Prints the articles that are news, in the tgnews shape {\"articles\": [name, ...]}:\n"
               "not how-to guides, listings, recipes, horoscopes, product pages or too little text.",
               0);
}

int cmd_categories(int argc, char **argv) {
    return run(argc, argv, "categories",
               "Prints the news articles by category, in the tgnews shape\n"
               "[{\"category\": \"society\", \"articles\": [name, ...]}, ...] over society, economy,\n"
               "technology, sports, entertainment, science and other (articles that are not news\n"
               "are left out).",
               1);
}
