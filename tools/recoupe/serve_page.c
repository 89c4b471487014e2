/* serve_page.c: the web page of `recoupe serve` (serve_page.html: HTML, CSS and a
 * small script, no external asset), embedded in the binary at build time with
 * the assembler's .incbin (the build runs from the source tree's root) and
 * NUL-terminated. */
#include <stddef.h>

#include "serve.h"

__asm__(".section .rodata\n"
        ".global serve_page\n"
        ".type serve_page, @object\n"
        ".balign 16\n"
        "serve_page:\n"
        ".incbin \"tools/recoupe/serve_page.html\"\n"
        "serve_page_end:\n"
        ".byte 0\n"
        ".global serve_page_len\n"
        ".balign 8\n"
        "serve_page_len:\n"
        ".quad serve_page_end - serve_page\n"
        ".previous\n");
