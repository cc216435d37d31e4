/* path.h - joining a directory and a name, and the canonical form of a path given to a run:
 * the one place the walk, the indexer and the workers make paths. */
#ifndef MINUTES_PATH_H
#define MINUTES_PATH_H

/* `dir` joined with `name` by one slash (none added when `dir` ends with one). Returns a
 * malloc'd string the caller frees, or NULL when out of memory. */
char *path_join(const char *dir, const char *name);

/* The canonical form of a path given to a run, for finding what the index holds under it:
 * its real path if it exists, else its absolute path without trailing slashes. Returns a
 * malloc'd string the caller frees, or NULL when out of memory. */
char *path_canonical(const char *path);

#endif /* MINUTES_PATH_H */
