/* cmd_read.c: `recoupe read`: prints each article record the readers found, one
 * JSON object per line, after decoding; the first step of every pipeline, and the
 * way to see what recoupe makes of an input. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"

static const char usage[] =
    "usage: recoupe read [OPTIONS] [INPUT...]\n"
    "\n"
    "Reads articles and prints one JSON object per article (JSON Lines), in input order:\n"
    "  file, id, url, format, line, bytes, encoding, repaired, and title, date, site,\n"
    "  lang, text when the input carries them (JSON Lines fields; a text file's text).\n"
    "\n"
    "INPUT is any mix of files and directories (walked recursively), or '-' for\n"
    "standard input. Formats are recognised by content, then extension: HTML, plain\n"
    "text, JSON Lines, WARC, each possibly gzip-compressed.\n"
    "\n"
    "options:\n"
    "      --fields LIST   the members to print, comma-separated (default:\n"
    "                      file,id,url,format,line,bytes,encoding,repaired,title,date,site,lang,text)\n"
    "      --body          print an HTML body, decoded, as \"text\"\n" CLI_JSON_HELP;

typedef struct read_ctx {
    const char *fields;
    int body;
} read_ctx;

static int emit(recoupe_article *a, void *user) {
    read_ctx *ctx = user;
    /* a plain-text file carries its text; an HTML body is shown on request */
    if ((ctx->body || !a->is_html) && !a->text && a->body) {
        a->text = a->body;
        a->body = NULL;
    }
    int rc = cli_print_article(a, ctx->fields);
    recoupe_article_free(a);
    return rc;
}

int cmd_read(int argc, char **argv) {
    static const struct option longopts[] = {
        CLI_COMMON_LONGOPTS, {"fields", required_argument, NULL, 'f'}, {"body", no_argument, NULL, 'b'}, {0}};
    cli_common c;
    cli_common_init(&c, "recoupe read");
    read_ctx ctx = {"file,id,url,format,line,bytes,encoding,repaired,title,date,site,lang,text", 0};
    int opt;
    optind = 1;
    while ((opt = getopt_long(argc, argv, CLI_COMMON_SHORTOPTS "f:", longopts, NULL)) != -1) {
        int k = cli_common_option(&c, opt, optarg, usage);
        if (k < 0) return EXIT_USAGE;
        if (k) continue;
        if (opt == 'f')
            ctx.fields = optarg;
        else if (opt == 'b')
            ctx.body = 1;
        else
            return cli_usage_error(&c, "unknown option");
    }
    if (cli_check_fields(&c, ctx.fields)) return EXIT_USAGE;
    return cli_run(&c, argc - optind, argv + optind, NULL, emit, &ctx);
}
