/* cmd_facts.c: `recoupe facts` (the quantity claims of each article, or its
 * entities, as JSON Lines) and `recoupe claims` (the claim groups of each story,
 * disputed ones first). Extraction and facts run on the worker pool; the story
 * engine is fed in input order on the main thread. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"

static const char usage[] = "usage: recoupe facts [OPTIONS] [INPUT...]\n"
                            "\n"
                            "Prints the quantity claims of each article, one JSON object per line:\n"
                            "  {\"file\", \"id\", \"value\", \"low\", \"high\", \"qualifier\", \"thing\", \"where\",\n"
                            "   \"said_by\", \"role\", \"stance\", \"stated\", \"sentence\", \"start\", \"end\"}\n"
                            "A claim is a number that states a quantity (\"8 000 soldats\", \"jusqu'à 8 000\",\n"
                            "\"1,5 million\"), with who the article attributes it to (said_by, null for the\n"
                            "outlet's own figure), its stance (asserted, conditional, forecast, denied), the\n"
                            "interval its qualifier gives (at_most: low null; at_least: high null; about: +-10%)\n"
                            "and the day it was said (YYYY-MM-DD). Dates, years, times, ages, durations,\n"
                            "ordinals, page, phone and article numbers are not claims. start and end are the\n"
                            "sentence's offsets in code points of the extracted text.\n"
                            "\n"
                            "options:\n"
                            "  -e, --entities      print the entities instead: {\"file\", \"id\", \"name\", \"key\",\n"
                            "                      \"kind\", \"role\", \"country\", \"mentions\"}\n"
                            "  -f, --fields LIST   the claim members to print, comma-separated\n" CLI_JSON_HELP;

typedef struct facts_ctx {
    int entities;
    const char *fields;
} facts_ctx;

static int emit(recoupe_article *a, void *user) {
    facts_ctx *ctx = user;
    int rc = 0;
    const recoupe_facts *f = a->facts;
    for (size_t i = 0; f && !rc && i < (ctx->entities ? f->n_entities : f->n_claims); i++) {
        if (ctx->entities && f->entities[i].mentions == 0) continue; /* merged into another */
        char *json = ctx->entities ? recoupe_entity_json(a, &f->entities[i])
                                   : recoupe_claim_json(a, &f->claims[i], ctx->fields, NULL);
        if (!json)
            rc = RECOUPE_ERR_NOMEM;
        else if (cli_write(json, strlen(json)) || cli_write("\n", 1))
            rc = RECOUPE_ERR_IO;
        free(json);
    }
    recoupe_article_free(a);
    return rc;
}

int cmd_facts(int argc, char **argv) {
    static const struct option longopts[] = {
        CLI_COMMON_LONGOPTS, {"entities", no_argument, NULL, 'e'}, {"fields", required_argument, NULL, 'f'}, {0}};
    cli_common c;
    cli_common_init(&c, "recoupe facts");
    facts_ctx ctx = {0, NULL};
    int opt;
    optind = 1;
    while ((opt = getopt_long(argc, argv, CLI_COMMON_SHORTOPTS "ef:", longopts, NULL)) != -1) {
        int k = cli_common_option(&c, opt, optarg, usage);
        if (k < 0) return EXIT_USAGE;
        if (k) continue;
        if (opt == 'e')
            ctx.entities = 1;
        else if (opt == 'f')
            ctx.fields = optarg;
        else
            return cli_usage_error(&c, "unknown option");
    }
    if (ctx.fields) {
        recoupe_claim probe;
        memset(&probe, 0, sizeof probe);
        const char *bad = NULL;
        char *j = recoupe_claim_json(NULL, &probe, ctx.fields, &bad);
        if (!j) return cli_usage_error(&c, "--fields: unknown member '%s'", bad ? bad : ctx.fields);
        free(j);
    }
    return cli_run_stages(&c, argc - optind, argv + optind, RECOUPE_STAGE_EXTRACT | RECOUPE_STAGE_FACTS, NULL, emit,
                          &ctx);
}

static const char claims_usage[] =
    "usage: recoupe claims [OPTIONS] [INPUT...]\n"
    "\n"
    "Groups the articles into stories (as `recoupe stories` does) and prints, for each\n"
    "story with claims, one JSON object per line: {\"story\", \"title\", \"groups\": [...]}.\n"
    "A group is the claims of the story's articles about one counted thing (by the stem\n"
    "of its head word): each value with its speaker, role, stance, statement day, the\n"
    "outlets and articles reporting it. \"disputed\" is true when values given as\n"
    "current facts (asserted or conditional) do not overlap once their qualifiers are\n"
    "taken into account; min, max and ratio give the spread. Disputed groups first,\n"
    "values ordered by the day they were said.\n"
    "\n"
    "options:\n" CLI_JSON_HELP;

static int claims_emit(recoupe_article *a, void *user) {
    int *failed = ((void **)user)[1];
    if (recoupe_engine_add(((void **)user)[0], a, NULL) != RECOUPE_OK) *failed = 1;
    return 0;
}

int cmd_claims(int argc, char **argv) {
    static const struct option longopts[] = {CLI_COMMON_LONGOPTS, {0}};
    cli_common c;
    cli_common_init(&c, "recoupe claims");
    int opt;
    optind = 1;
    while ((opt = getopt_long(argc, argv, CLI_COMMON_SHORTOPTS, longopts, NULL)) != -1) {
        int k = cli_common_option(&c, opt, optarg, claims_usage);
        if (k < 0) return EXIT_USAGE;
        if (!k) return cli_usage_error(&c, "unknown option");
    }
    recoupe_engine_options o = {0};
    o.jobs = c.jobs; /* 0: every core, as the worker pool */
    recoupe_engine *e = recoupe_engine_new(&o);
    if (!e) {
        cli_error("out of memory");
        return EXIT_INPUT;
    }
    int failed = 0;
    void *ctx[2] = {e, &failed};
    unsigned stages = RECOUPE_STAGE_EXTRACT | RECOUPE_STAGE_FEATURES | RECOUPE_STAGE_SIGN | RECOUPE_STAGE_FACTS;
    int rc = cli_run_stages(&c, argc - optind, argv + optind, stages, NULL, claims_emit, ctx);
    if (rc != EXIT_USAGE && recoupe_engine_cluster(e) != RECOUPE_OK) failed = 1;
    for (size_t i = 0; rc != EXIT_USAGE && !failed && i < recoupe_engine_story_count(e); i++) {
        const recoupe_story *s = recoupe_engine_story(e, i);
        char *json = s ? recoupe_story_claims_json(s) : NULL;
        if (!json) {
            failed = 1;
            break;
        }
        if (!strstr(json, "\"groups\":[]") && (cli_write(json, strlen(json)) || cli_write("\n", 1))) rc = EXIT_INPUT;
        free(json);
    }
    if (failed) {
        cli_error("out of memory while clustering");
        rc = EXIT_INPUT;
    }
    recoupe_engine_free(e);
    return rc;
}
