/* cmd_extract.c: `recoupe extract`: the main text and metadata of each article, one
 * JSON object per line (or the bare text with --format text). Extraction runs on
 * the worker pool; output keeps input order. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"

#define DEFAULT_FIELDS "file,id,url,title,date,site,author,lang,description,text,chars,warnings"

static const char usage[] =
    "usage: recoupe extract [OPTIONS] [INPUT...]\n"
    "\n"
    "Finds the main text and the metadata of each article and prints one JSON object\n"
    "per article (JSON Lines), in input order:\n"
    "  " DEFAULT_FIELDS "\n"
    "HTML: metadata from JSON-LD, OpenGraph and <meta>, <time>, the canonical link,\n"
    "<html lang> and the title; the main text by content scoring, without menus, share\n"
    "bars, related links, comments, captions and notices. Plain text: the title is the\n"
    "first substantial line, the date the one the text states (en, fr, de, es, it, pt,\n"
    "ru), and noise lines are dropped. Fields an input already carries (JSON Lines) are\n"
    "kept. date is ISO 8601; lang is what the page declares; text is paragraphs\n"
    "separated by blank lines. Pages that are not articles get short or empty text\n"
    "and a warning.\n"
    "\n"
    "INPUT is any mix of files and directories (walked recursively), or '-' for\n"
    "standard input: HTML, plain text, JSON Lines, WARC, each possibly gzip-compressed.\n"
    "\n"
    "options:\n"
    "      --format F      json (default) or text: the text alone, articles separated\n"
    "                      by a line holding a form feed\n"
    "      --fields LIST   the JSON members to print, comma-separated (default: the\n"
    "                      list above; also format, line, bytes, encoding, repaired)\n" CLI_JSON_HELP "\n"
    "examples:\n"
    "  recoupe extract page.html\n"
    "  recoupe extract --fields file,title,date pages/ > meta.jsonl\n"
    "  recoupe extract --format text article.html.gz | less\n";

typedef struct extract_ctx {
    const char *fields;
    int text;
    size_t n;
} extract_ctx;

static void work(recoupe_article *a, void *user) {
    (void)user;
    if (recoupe_article_extract(a) != RECOUPE_OK) {
        if (recoupe_article_warn(a, "extract: out of memory") != RECOUPE_OK) return;
    }
}

static int emit(recoupe_article *a, void *user) {
    extract_ctx *ctx = user;
    int rc = 0;
    if (ctx->text) {
        const char *t = a->text ? a->text : "";
        if ((ctx->n && cli_write_text("\f\n", 2)) || cli_write_text(t, strlen(t)) || cli_write_text("\n", 1))
            rc = RECOUPE_ERR_IO;
    } else {
        rc = cli_print_article(a, ctx->fields);
    }
    ctx->n++;
    recoupe_article_free(a);
    return rc;
}

int cmd_extract(int argc, char **argv) {
    static const struct option longopts[] = {
        CLI_COMMON_LONGOPTS, {"fields", required_argument, NULL, 'f'}, {"format", required_argument, NULL, 'F'}, {0}};
    cli_common c;
    cli_common_init(&c, "recoupe extract");
    extract_ctx ctx = {DEFAULT_FIELDS, 0, 0};
    int opt;
    optind = 1;
    while ((opt = getopt_long(argc, argv, CLI_COMMON_SHORTOPTS "f:", longopts, NULL)) != -1) {
        int k = cli_common_option(&c, opt, optarg, usage);
        if (k < 0) return EXIT_USAGE;
        if (k) continue;
        if (opt == 'f') {
            ctx.fields = optarg;
        } else if (opt == 'F') {
            if (!strcmp(optarg, "text"))
                ctx.text = 1;
            else if (!strcmp(optarg, "json"))
                ctx.text = 0;
            else
                return cli_usage_error(&c, "--format: '%s' is not json or text", optarg);
        } else {
            return cli_usage_error(&c, "unknown option");
        }
    }
    if (cli_check_fields(&c, ctx.fields)) return EXIT_USAGE;
    return cli_run(&c, argc - optind, argv + optind, work, emit, &ctx);
}
