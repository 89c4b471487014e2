/* duplicates.c: duplicate groups as JSON (what `recoupe dups` and the server
 * print), one of the output shapes of src/emit. Built with the streaming writer
 * of util/json.h, so that the CLI and the server emit the same records. */
#include <stdlib.h>

#include "recoupe.h"
#include "util/json.h"

char *recoupe_dup_groups_json(const recoupe_dup_groups *g) {
    buf b;
    buf_init(&b, 0);
    buf_putc(&b, '[');
    for (size_t i = 0; g && i < g->n_groups; i++) {
        const recoupe_dup_group *gr = &g->groups[i];
        if (!gr->n_members) continue;
        json_sep(&b);
        buf_putc(&b, '{');
        json_kv_str(&b, "origin", gr->members[0].file);
        json_kv_str(&b, "origin_id", gr->members[0].id);
        json_key(&b, "members");
        buf_putc(&b, '[');
        for (size_t k = 1; k < gr->n_members; k++) {
            const recoupe_dup_member *m = &gr->members[k];
            json_sep(&b);
            buf_putc(&b, '{');
            json_kv_str(&b, "file", m->file);
            json_kv_str(&b, "id", m->id);
            json_kv_str(&b, "relation", recoupe_dup_relation_name(m->relation));
            json_kv_num(&b, "score", (double)(long)(m->score * 1000 + 0.5) / 1000);
            if (m->via != SIZE_MAX && m->via < gr->n_members) json_kv_str(&b, "via", gr->members[m->via].file);
            buf_putc(&b, '}');
        }
        buf_puts(&b, "]}");
    }
    if (buf_putc(&b, ']') != 0) {
        buf_free(&b);
        return NULL;
    }
    return buf_detach(&b);
}
