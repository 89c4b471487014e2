/* cmd_dups.c: `recoupe dups`: finds copies, excerpts and rewrites among the inputs
 * and prints the groups, each with its origin (the earliest dated member).
 * Extraction, analysis and signing (recoupe_pipeline_process) run on the
 * worker pool; each article is then added to one recoupe_dups index, which on
 * the main thread only files it, and freed at once (the index keeps only its
 * sketch, about 1.6 KB for a 500-word article), and the groups are printed at
 * the end. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"

static const char usage[] =
    "usage: recoupe dups [OPTIONS] [INPUT...]\n"
    "\n"
    "Finds near-duplicates among the articles read from the inputs and prints the\n"
    "groups as one JSON array:\n"
    "  [{\"origin\": FILE, \"origin_id\": ID,\n"
    "    \"members\": [{\"file\": FILE, \"id\": ID, \"relation\": REL, \"score\": S}]}]\n"
    "The origin is the earliest dated member (ties: the longest text). REL is the\n"
    "member's relation to the origin:\n"
    "  duplicate   the same text give or take small edits (word 3-shingle Jaccard\n"
    "              >= the threshold); S is the estimated Jaccard\n"
    "  contains    the member reproduces the origin and adds material of its own (a\n"
    "              new headline, paragraphs, a page frame); S is the share of the\n"
    "              origin's words found in the member's sentences\n"
    "  contained   the member is an excerpt of the origin; S as above, the other way\n"
    "  rewrite     the member paraphrases the origin sentence by sentence (synonyms,\n"
    "              word order; quotations kept); S is the share of aligned sentences\n"
    "A member related to the origin only through another member names it in \"via\"\n"
    "(relation and score are then to that member). Articles with no relative are not\n"
    "listed; \"[]\" means no duplicates.\n"
    "\n"
    "options:\n"
    "  -t, --threshold J   Jaccard for 'duplicate', 0 < J <= 1 (default 0.8)\n"
    "  -r, --relation LIST the relations that join a group, comma-separated among\n"
    "                      duplicate, contains, rewrite (default: all three)\n" CLI_JSON_HELP "\n"
    "examples:\n"
    "  recoupe dups examples/koursk\n"
    "  recoupe dups --relation duplicate --threshold 0.9 crawl.warc.gz\n";

typedef struct dups_ctx {
    recoupe_dups *d;
    size_t n;
    recoupe_status st;
} dups_ctx;

static int emit(recoupe_article *a, void *user) {
    dups_ctx *ctx = user;
    recoupe_status st = recoupe_dups_add(ctx->d, a, ctx->n++, NULL);
    recoupe_article_free(a);
    if (st != RECOUPE_OK) ctx->st = st;
    return st;
}

static int parse_relations(const char *list, unsigned *out) {
    *out = 0;
    char *copy = strdup(list);
    if (!copy) return -1;
    char *save = NULL;
    for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        recoupe_dup_relation r = recoupe_dup_relation_parse(tok);
        if (r == RECOUPE_DUP_NONE) {
            free(copy);
            return -1;
        }
        *out |= RECOUPE_DUP_BIT(r);
    }
    free(copy);
    return *out ? 0 : -1;
}

int cmd_dups(int argc, char **argv) {
    static const struct option longopts[] = {CLI_COMMON_LONGOPTS,
                                             {"threshold", required_argument, NULL, 't'},
                                             {"relation", required_argument, NULL, 'r'},
                                             {0}};
    cli_common c;
    cli_common_init(&c, "recoupe dups");
    recoupe_dups_options opt = {0};
    int o;
    optind = 1;
    while ((o = getopt_long(argc, argv, CLI_COMMON_SHORTOPTS "t:r:", longopts, NULL)) != -1) {
        int k = cli_common_option(&c, o, optarg, usage);
        if (k < 0) return EXIT_USAGE;
        if (k) continue;
        if (o == 't') {
            char *end;
            opt.threshold = strtod(optarg, &end);
            if (*end || !(opt.threshold > 0 && opt.threshold <= 1))
                return cli_usage_error(&c, "--threshold: a number in (0, 1], not '%s'", optarg);
        } else if (o == 'r') {
            if (parse_relations(optarg, &opt.relations) != 0)
                return cli_usage_error(&c, "--relation: duplicate, contains or rewrite, not '%s'", optarg);
        } else {
            return cli_usage_error(&c, "unknown option");
        }
    }
    dups_ctx ctx = {recoupe_dups_new(&opt), 0, RECOUPE_OK};
    if (!ctx.d) {
        cli_error("out of memory");
        return EXIT_INPUT;
    }
    /* extraction, analysis and the sketch on the worker pool; the index only files */
    int rc =
        cli_run_stages(&c, argc - optind, argv + optind, RECOUPE_STAGE_EXTRACT | RECOUPE_STAGE_SIGN, NULL, emit, &ctx);
    if (rc == EXIT_USAGE || ctx.st != RECOUPE_OK) {
        recoupe_dups_free(ctx.d);
        return rc ? rc : EXIT_INPUT;
    }
    recoupe_dup_groups *g = NULL;
    char *json = NULL;
    if (recoupe_dups_groups(ctx.d, &g) != RECOUPE_OK || !(json = recoupe_dup_groups_json(g))) {
        cli_error("out of memory");
        rc = EXIT_INPUT;
    } else if (cli_write(json, strlen(json)) || cli_write("\n", 1)) {
        rc = EXIT_INPUT;
    }
    free(json);
    recoupe_dup_groups_free(g);
    recoupe_dups_free(ctx.d);
    return rc;
}
