/* clash.c: names a program may well define for itself, which librecoupe uses
 * internally too; linking this with the static library proves that only the
 * recoupe_* names are global in it. */
int buf_init(void *b, unsigned long n);
int json_str(void *b, const char *s);
int html_attr(void);
int read_gunzip(void);
int buf_init(void *b, unsigned long n) {
    return (int)n + (b != 0);
}
int json_str(void *b, const char *s) {
    return (b != 0) + (s != 0);
}
int html_attr(void) {
    return 0;
}
int read_gunzip(void) {
    return 0;
}
