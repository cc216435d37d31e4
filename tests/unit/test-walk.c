/* test-walk.c - the walk: which paths it tells its visitor of, in what order, and as what. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "walk.h"

static char tmpdir[64];

/* What the visitor was told, one line an event, with the paths made relative to the tree. */
typedef struct seen {
    const char *given; /* the tree as the walk was given it */
    const char *real;  /* its real path */
    char log[4096];
    int files;   /* on_file calls so far */
    int fail_at; /* on_file fails on this call (from 1); 0: never */
} seen;

static const char *
relative(const seen *s, const char *path)
{
    size_t n = strlen(s->real);
    if (strncmp(path, s->real, n) == 0 && path[n] == '/')
        return path + n + 1;
    n = strlen(s->given);
    if (strncmp(path, s->given, n) == 0 && path[n] == '/')
        return path + n + 1;
    return path;
}

/* Where the next line of the log goes, and the room left there. */
static char *
log_end(seen *s, size_t *room)
{
    size_t len = strlen(s->log);
    *room = sizeof s->log - len;
    return s->log + len;
}

static minutes_status
on_file(void *ctx, const char *shown, const char *path, const struct stat *st)
{
    seen *s = ctx;
    assert_true(S_ISREG(st->st_mode));
    size_t room;
    char *at = log_end(s, &room);
    snprintf(at, room, "file %s = %s\n", relative(s, shown), relative(s, path));
    return ++s->files == s->fail_at ? MINUTES_IO_ERROR : MINUTES_OK;
}

static void
on_skip(void *ctx, const char *path, minutes_status status, const char *reason)
{
    (void)status;
    seen *s = ctx;
    size_t room;
    char *at = log_end(s, &room);
    snprintf(at, room, "skip %s: %s\n", relative(s, path), reason);
}

static minutes_status
on_keep(void *ctx, const char *path)
{
    seen *s = ctx;
    size_t room;
    char *at = log_end(s, &room);
    snprintf(at, room, "keep %s\n", relative(s, path));
    return MINUTES_OK;
}

static void
make_file(const char *dir, const char *name)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("Minutes\n", f);
    fclose(f);
}

static void
make_link(const char *dir, const char *name, const char *target)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    assert_int_equal(symlink(target, path), 0);
}

static int
make_tree(void **state)
{
    strcpy(tmpdir, "/tmp/minutes-test-walk-XXXXXX");
    if (!mkdtemp(tmpdir))
        return -1;
    char tree[128], sub[160], deep[192], index[128];
    snprintf(tree, sizeof tree, "%s/tree", tmpdir);
    snprintf(sub, sizeof sub, "%s/sub", tree);
    snprintf(deep, sizeof deep, "%s/deep", sub);
    if (mkdir(tree, 0755) || mkdir(sub, 0755) || mkdir(deep, 0755))
        return -1;
    make_file(tmpdir, "outside.txt");
    make_file(tree, "b.txt");
    make_file(tree, "a.pdf");
    make_file(tree, "notes.xyz");   /* not a format read: passed over */
    make_file(tree, ".hidden.txt"); /* hidden: passed over */
    make_file(sub, "c.md");
    make_file(deep, "d.html");
    make_link(tree, "inside.txt", "b.txt");              /* followed: it stays inside */
    make_link(tree, "outside.txt", "../outside.txt");    /* not followed */
    make_link(tree, "dangling.txt", "no-such-file.txt"); /* skipped */
    make_link(tree, "loop", "sub");                      /* links to directories: not followed */
    char fifo[160];
    snprintf(fifo, sizeof fifo, "%s/fifo.txt", tree);
    if (mkfifo(fifo, 0644) != 0) /* not a regular file: passed over in a walk */
        return -1;

    snprintf(index, sizeof index, "%s/index", tmpdir);
    minutes_db *db;
    char *err = NULL;
    if (minutes_db_open(index, MINUTES_DB_CREATE, &db, &err) != MINUTES_OK) {
        free(err);
        return -1;
    }
    *state = db;
    return 0;
}

static int
remove_tree(void **state)
{
    minutes_db_close(*state);
    char cmd[256];
    snprintf(cmd, sizeof cmd, "chmod -R u+rwx '%s'; rm -rf '%s'", tmpdir, tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

static const walk_visitor visitor = {on_file, on_skip, on_keep, NULL};

static minutes_status
walk(minutes_db *db, const char *path, seen *s)
{
    walk_visitor v = visitor;
    v.ctx = s;
    return walk_path(db, path, &v);
}

static void
test_directory(void **state)
{
    char tree[128];
    snprintf(tree, sizeof tree, "%s/tree", tmpdir);
    char *real = realpath(tree, NULL);
    seen s = {.given = tree, .real = real};
    assert_int_equal(walk(*state, tree, &s), MINUTES_OK);
    /* In name order; a link is named as found and known by the file it leads to. */
    assert_string_equal(s.log, "file a.pdf = a.pdf\n"
                               "file b.txt = b.txt\n"
                               "skip dangling.txt: dangling symbolic link\n"
                               "file inside.txt = b.txt\n"
                               "file sub/c.md = sub/c.md\n"
                               "file sub/deep/d.html = sub/deep/d.html\n");
    free(real);
}

static void
test_paths_given(void **state)
{
    char tree[128], path[192];
    snprintf(tree, sizeof tree, "%s/tree", tmpdir);
    char *real = realpath(tree, NULL);
    seen s = {.given = tree, .real = real};

    /* A file given is indexed whatever its extension. */
    snprintf(path, sizeof path, "%s/notes.xyz", tree);
    assert_int_equal(walk(*state, path, &s), MINUTES_OK);
    /* A link given is followed wherever it leads. */
    snprintf(path, sizeof path, "%s/loop", tree);
    assert_int_equal(walk(*state, path, &s), MINUTES_OK);
    snprintf(path, sizeof path, "%s/fifo.txt", tree);
    assert_int_equal(walk(*state, path, &s), MINUTES_OK);
    /* A path given that is missing: what the index holds under it is kept. */
    snprintf(path, sizeof path, "%s/gone", tree);
    assert_int_equal(walk(*state, path, &s), MINUTES_OK);
    assert_string_equal(s.log, "file notes.xyz = notes.xyz\n"
                               "file loop/c.md = sub/c.md\n"
                               "file loop/deep/d.html = sub/deep/d.html\n"
                               "skip fifo.txt: not a regular file\n"
                               "keep gone\n"
                               "skip gone: No such file or directory\n");
    free(real);
}

static void
test_unreadable_directory(void **state)
{
    if (geteuid() == 0)
        return; /* permission bits do not stop the superuser: T140 runs this as another user */
    char tree[128], sub[160];
    snprintf(tree, sizeof tree, "%s/tree", tmpdir);
    snprintf(sub, sizeof sub, "%s/sub", tree);
    char *real = realpath(tree, NULL);
    seen s = {.given = tree, .real = real};
    assert_int_equal(chmod(sub, 0), 0);
    assert_int_equal(walk(*state, sub, &s), MINUTES_OK);
    assert_int_equal(chmod(sub, 0755), 0);
    assert_string_equal(s.log, "keep sub\nskip sub: Permission denied\n");
    free(real);
}

/* What the visitor returns other than MINUTES_OK stops the walk, and the walk returns it. */
static void
test_visitor_stops_the_walk(void **state)
{
    char tree[128];
    snprintf(tree, sizeof tree, "%s/tree", tmpdir);
    char *real = realpath(tree, NULL);
    seen s = {.given = tree, .real = real, .fail_at = 2};
    assert_int_equal(walk(*state, tree, &s), MINUTES_IO_ERROR);
    assert_string_equal(s.log, "file a.pdf = a.pdf\nfile b.txt = b.txt\n");
    free(real);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_directory, make_tree, remove_tree),
        cmocka_unit_test_setup_teardown(test_paths_given, make_tree, remove_tree),
        cmocka_unit_test_setup_teardown(test_unreadable_directory, make_tree, remove_tree),
        cmocka_unit_test_setup_teardown(test_visitor_stops_the_walk, make_tree, remove_tree),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
