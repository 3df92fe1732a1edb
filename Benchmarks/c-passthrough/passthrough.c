/*
 * passthrough: the practical floor for any libyaml-based YAML filter.
 *
 * Reads stdin fully, then runs every libyaml parser event straight into a libyaml
 * emitter writing to stdout (yaml_parser_parse -> yaml_emitter_emit). No document
 * model, no edits. Exits 1 on a read, parse or emit error, with a message on stderr.
 *
 * Build: cc -O2 -o .build-bench/passthrough Benchmarks/c-passthrough/passthrough.c \
 *          $(pkg-config --cflags --libs yaml-0.1)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <yaml.h>

static unsigned char *read_all(int fd, size_t *len) {
    size_t cap = 1 << 20, n = 0;
    unsigned char *buf = malloc(cap);
    if (!buf) return NULL;
    for (;;) {
        if (n == cap) {
            unsigned char *grown = realloc(buf, cap *= 2);
            if (!grown) { free(buf); return NULL; }
            buf = grown;
        }
        ssize_t got = read(fd, buf + n, cap - n);
        if (got < 0) { free(buf); return NULL; }
        if (got == 0) break;
        n += (size_t)got;
    }
    *len = n;
    return buf;
}

/* Buffered write handler: libyaml flushes its own 16 KB buffer into this. */
static int write_handler(void *data, unsigned char *buffer, size_t size) {
    return fwrite(buffer, 1, size, (FILE *)data) == size;
}

int main(void) {
    size_t len = 0;
    unsigned char *input = read_all(STDIN_FILENO, &len);
    if (!input) { perror("passthrough: read stdin"); return 1; }

    static char outbuf[1 << 16];
    setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);

    yaml_parser_t parser;
    yaml_emitter_t emitter;
    if (!yaml_parser_initialize(&parser) || !yaml_emitter_initialize(&emitter)) {
        fprintf(stderr, "passthrough: libyaml initialisation failed\n");
        return 1;
    }
    yaml_parser_set_input_string(&parser, input, len);
    yaml_emitter_set_output(&emitter, write_handler, stdout);
    yaml_emitter_set_unicode(&emitter, 1); /* keep UTF-8 as is, do not \u-escape */

    int status = 0, done = 0;
    while (!done) {
        yaml_event_t event;
        if (!yaml_parser_parse(&parser, &event)) {
            fprintf(stderr, "passthrough: parse error: %s at line %zu, column %zu\n",
                    parser.problem ? parser.problem : "unknown",
                    parser.problem_mark.line + 1, parser.problem_mark.column + 1);
            status = 1;
            break;
        }
        done = (event.type == YAML_STREAM_END_EVENT);
        /* The emitter takes ownership of the event, on success and on failure. */
        if (!yaml_emitter_emit(&emitter, &event)) {
            fprintf(stderr, "passthrough: emit error: %s\n",
                    emitter.problem ? emitter.problem : "unknown");
            status = 1;
            break;
        }
    }
    if (status == 0 && !yaml_emitter_flush(&emitter)) {
        fprintf(stderr, "passthrough: flush error\n");
        status = 1;
    }
    if (fflush(stdout) != 0) { perror("passthrough: write stdout"); status = 1; }

    yaml_emitter_delete(&emitter);
    yaml_parser_delete(&parser);
    free(input);
    return status;
}
