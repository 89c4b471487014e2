/* commands.h: the entry point of each command; each is defined in cmd_NAME.c and
 * receives argv with argv[0] = the command's name. Returns the exit status. */
#ifndef RECOUPE_COMMANDS_H
#define RECOUPE_COMMANDS_H

int cmd_read(int argc, char **argv);
int cmd_lang(int argc, char **argv);
int cmd_extract(int argc, char **argv);
int cmd_dups(int argc, char **argv);
int cmd_threads(int argc, char **argv);
int cmd_top(int argc, char **argv);
int cmd_languages(int argc, char **argv);
int cmd_stories(int argc, char **argv);
int cmd_serve(int argc, char **argv); /* also `server PORT` */
int cmd_facts(int argc, char **argv);
int cmd_claims(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_news(int argc, char **argv);
int cmd_categories(int argc, char **argv);

#endif
