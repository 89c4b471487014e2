/* cmd_lang.c: `recoupe lang`: the language of each article (JSON Lines), or with
 * --lines the language of each line of the inputs, one code per line, so that a
 * file of sentences can be scored line by line. The work (extraction, detection)
 * runs on the worker pool; output keeps the input order. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"

static const char usage[] =
    "usage: recoupe lang [OPTIONS] [INPUT...]\n"
    "\n"
    "Identifies the language of each article and prints one JSON object per article:\n"
    "  {\"file\", \"id\", \"lang\", \"confidence\", \"declared\"}\n"
    "lang is an ISO 639-1 code, \"und\" when unsure; declared is the language the page\n"
    "declares, used as a prior. With --lines, every line of every input is judged on\n"
    "its own and one code is printed per line (\"und\" for a line without letters).\n"
    "\n"
    "Detection combines recoupe's character n-gram model (76 languages) with CLD2.\n"
    "The environment variable RECOUPE_LANGID_MODEL may name another model file made\n"
    "by scripts/train_langid.py (used to evaluate on held-out data).\n"
    "\n"
    "options:\n"
    "  -l, --lines         one language code per input line\n"
    "      --method M      best (default: the n-gram model and CLD2 combined), ngram\n"
    "                      (recoupe's model alone) or cld2 (CLD2 alone, full tables)\n" CLI_JSON_HELP;

typedef struct lang_ctx {
    int lines;
    recoupe_langid_method method;
} lang_ctx;

static void work(recoupe_article *a, void *user) {
    const lang_ctx *ctx = user;
    if (ctx->lines) {
        /* the codes replace the text: emit prints them */
        char *codes = recoupe_detect_line_languages(a->body ? a->body : "", a->body ? a->body_len : 0, ctx->method);
        free(a->text);
        a->text = codes;
        return;
    }
    recoupe_status st = recoupe_article_extract(a);
    if (st == RECOUPE_ERR_NOMEM) return; /* the article stays "und" */
    /* the main text; for plain text where extraction found none, the whole body */
    const char *text = a->text;
    size_t len = text ? strlen(text) : 0;
    if (len == 0 && !a->is_html && a->body) {
        text = a->body;
        len = a->body_len;
    }
    recoupe_detect_language_with(text, len, a->lang, ctx->method, a->detected_lang, &a->lang_confidence);
}

static int emit(recoupe_article *a, void *user) {
    lang_ctx *ctx = user;
    int rc = 0;
    if (ctx->lines) {
        if (a->text == NULL)
            rc = a->body_len ? RECOUPE_ERR_NOMEM : 0;
        else if (cli_write_text(a->text, strlen(a->text)))
            rc = RECOUPE_ERR_IO;
    } else {
        char *json = recoupe_lang_json(a);
        if (json == NULL)
            rc = RECOUPE_ERR_NOMEM;
        else if (cli_write(json, strlen(json)) || cli_write("\n", 1))
            rc = RECOUPE_ERR_IO;
        free(json);
    }
    recoupe_article_free(a);
    return rc;
}

int cmd_lang(int argc, char **argv) {
    static const struct option longopts[] = {
        CLI_COMMON_LONGOPTS, {"lines", no_argument, NULL, 'l'}, {"method", required_argument, NULL, 'm'}, {0}};
    cli_common c;
    cli_common_init(&c, "recoupe lang");
    lang_ctx ctx = {0};
    int opt;
    optind = 1;
    while ((opt = getopt_long(argc, argv, CLI_COMMON_SHORTOPTS "l", longopts, NULL)) != -1) {
        int k = cli_common_option(&c, opt, optarg, usage);
        if (k < 0) return EXIT_USAGE;
        if (k) continue;
        if (opt == 'l')
            ctx.lines = 1;
        else if (opt == 'm' && strcmp(optarg, "best") == 0)
            ctx.method = RECOUPE_LANGID_BEST;
        else if (opt == 'm' && strcmp(optarg, "ngram") == 0)
            ctx.method = RECOUPE_LANGID_NGRAM;
        else if (opt == 'm' && strcmp(optarg, "cld2") == 0)
            ctx.method = RECOUPE_LANGID_CLD2;
        else if (opt == 'm')
            return cli_usage_error(&c, "--method: best, ngram or cld2, not '%s'", optarg);
        else
            return cli_usage_error(&c, "unknown option");
    }
    return cli_run(&c, argc - optind, argv + optind, work, emit, &ctx);
}
