/* main.c: the recoupe command-line tool: `recoupe COMMAND [OPTIONS] [INPUT...]`.
 * One table of commands, each in its own file (cmd_NAME.c); this file only finds
 * the command, and prints the general help and the version. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"

static const struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} commands[] = {
    {"read", cmd_read, "print each article record read from the inputs (JSON Lines)"},
    {"lang", cmd_lang, "the language of each article, or of each line (--lines)"},
    {"extract", cmd_extract, "main text and metadata of each article (JSON Lines)"},
    {"dups", cmd_dups, "near-duplicates, excerpts and rewrites, grouped with their origin (JSON)"},
    {"threads", cmd_threads, "group the articles into stories (tgnews threads JSON)"},
    {"top", cmd_top, "the stories ranked by importance (tgnews top JSON)"},
    {"languages", cmd_languages, "the articles grouped by language (tgnews languages JSON)"},
    {"stories", cmd_stories, "full story records: sources, languages, dates, importance"},
    {"serve", cmd_serve, "a live index over HTTP (tgnews API, JSON API, web page), kept in SQLite"},
    {"server", cmd_serve, "recoupe server PORT: serve, as the tgnews contest starts it"},
    {"facts", cmd_facts, "the quantity claims of each article: value, thing, who said it, stance"},
    {"claims", cmd_claims, "the claim groups of each story, where the sources disagree first"},
    {"report", cmd_report, "the stories as one offline HTML page to read and print"},
    {"news", cmd_news, "the articles that are news (tgnews news JSON)"},
    {"categories", cmd_categories, "the news articles by category (tgnews categories JSON)"},
};

static void usage(FILE *f) {
    fprintf(f, "usage: recoupe [COMMON-OPTION...] COMMAND [OPTION...] [INPUT...]\n"
               "\n"
               "recoupe reads news articles (HTML, text, JSON Lines, WARC; files, folders, .gz\n"
               "or '-' for standard input) and gives back their text, language, duplicates and\n"
               "stories.\n"
               "\n"
               "commands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(f, "\n"
               "'recoupe COMMAND --help' tells more about a command; 'man recoupe' tells all.\n"
               "Exit status: 0 success, 1 some inputs were skipped, 2 usage error.\n");
}

/* The number of argv words the common option at argv[0] takes (1 or 2), 0 when it
 * is not one: "recoupe --jobs 2 read x" is "recoupe read --jobs 2 x", as git does. */
static int global_option(char **argv, int argc) {
    static const char *flags[] = {"-q", "--quiet", "-k", "--keep-going"};
    static const char *valued[] = {"-j", "--jobs", "--max-bytes"};
    const char *a = argv[0];
    for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++)
        if (strcmp(a, flags[i]) == 0) return 1;
    for (size_t i = 0; i < sizeof valued / sizeof valued[0]; i++) {
        size_t n = strlen(valued[i]);
        if (strcmp(a, valued[i]) == 0) return argc > 1 ? 2 : 1;
        if (strncmp(a, valued[i], n) == 0 && (a[n] == '=' || (n == 2 && a[n]))) return 1;
    }
    return 0;
}

/* Runs command `cmd` with the common options given before it put first after its
 * name; argv[0] is "recoupe CMD" so that getopt's messages name the command. */
static int run_command(int (*run)(int, char **), const char *cmd, char **pre, int npre, int argc, char **argv) {
    char prog[64];
    snprintf(prog, sizeof prog, "recoupe %s", cmd);
    char **v = malloc(sizeof *v * (size_t)(argc + npre + 1));
    if (!v) {
        fputs("recoupe: out of memory\n", stderr);
        return EXIT_USAGE;
    }
    int n = 0;
    v[n++] = prog;
    for (int i = 0; i < npre; i++) v[n++] = pre[i];
    for (int i = 1; i < argc; i++) v[n++] = argv[i];
    v[n] = NULL;
    int rc = run(n, v);
    free(v);
    return rc;
}

int main(int argc, char **argv) {
    int npre = 0;
    while (1 + npre < argc) {
        int k = global_option(argv + 1 + npre, argc - 1 - npre);
        if (!k) break;
        npre += k;
    }
    char **pre = argv + 1;
    if (npre) {
        if (1 + npre >= argc) {
            fputs("recoupe: the options go with a command: 'recoupe [OPTION...] COMMAND [OPTION...] [INPUT...]'\n\n",
                  stderr);
            usage(stderr);
            return EXIT_USAGE;
        }
        argv += npre;
        argc -= npre;
    }
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0 || strcmp(name, "help") == 0) {
        if (argc > 2 && strcmp(name, "help") == 0) {
            char *sub[] = {argv[2], "--help", NULL};
            for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
                if (strcmp(commands[i].name, argv[2]) == 0) return commands[i].run(2, sub);
        }
        usage(stdout);
        return EXIT_OK;
    }
    if (strcmp(name, "--version") == 0 || strcmp(name, "-V") == 0) {
        printf("recoupe %s\n", recoupe_version());
        return EXIT_OK;
    }
    cli_configure_from_environment();
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(commands[i].name, name) == 0)
            return run_command(commands[i].run, name, pre, npre, argc - 1, argv + 1);
    fprintf(stderr, "recoupe: '%s' is not a command.\n\n", name);
    usage(stderr);
    return EXIT_USAGE;
}
