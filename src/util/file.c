/* Whole-file reading and atomic (temporary file + rename) writing. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mechcheck/gambit.h"

mc_status mc_read_file(const char *path, char **buf, size_t *len, mc_error *err)
{
    *buf = NULL;
    *len = 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return mc_error_set(err, MC_EIO, "%s: cannot open: %s", path, strerror(errno));
    size_t cap = 1 << 16, n = 0;
    struct stat sb;
    if (fstat(fileno(f), &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size > 0 &&
        (uint64_t)sb.st_size < SIZE_MAX - 1)
        cap = (size_t)sb.st_size + 1;
    char *b = malloc(cap);
    if (!b) {
        fclose(f);
        return mc_error_set(err, MC_ENOMEM, "%s: out of memory reading the file", path);
    }
    for (;;) {
        if (n + 1 >= cap) { /* the file grew, or its size was unknown */
            size_t ncap = cap * 2;
            char *nb = ncap > cap ? realloc(b, ncap) : NULL;
            if (!nb) {
                free(b);
                fclose(f);
                return mc_error_set(err, MC_ENOMEM, "%s: out of memory reading the file", path);
            }
            b = nb;
            cap = ncap;
        }
        size_t got = fread(b + n, 1, cap - 1 - n, f);
        n += got;
        if (got == 0)
            break;
    }
    int failed = ferror(f);
    int saved = errno;
    fclose(f);
    if (failed) {
        free(b);
        return mc_error_set(err, MC_EIO, "%s: read error: %s", path, strerror(saved));
    }
    b[n] = '\0';
    *buf = b;
    *len = n;
    return MC_OK;
}

mc_status mc_write_file_atomic(const char *path,
                               mc_status (*writer)(FILE *f, const void *arg, mc_error *err),
                               const void *arg, mc_error *err)
{
    size_t plen = strlen(path);
    char *tmp = malloc(plen + sizeof ".tmpXXXXXX");
    if (!tmp)
        return mc_error_set(err, MC_ENOMEM, "%s: out of memory", path);
    memcpy(tmp, path, plen);
    memcpy(tmp + plen, ".tmpXXXXXX", sizeof ".tmpXXXXXX");
    int fd = mkstemp(tmp);
    if (fd < 0) {
        mc_status st = mc_error_set(err, MC_EIO, "%s: cannot create a temporary file: %s", path,
                                    strerror(errno));
        free(tmp);
        return st;
    }
    /* mkstemp creates mode 0600; give the file the mode an ordinary create would
     * (or the mode of the file it replaces) */
    struct stat sb;
    mode_t mode = stat(path, &sb) == 0 ? (sb.st_mode & 07777) : 0644;
    (void)fchmod(fd, mode);
    FILE *f = fdopen(fd, "w");
    if (!f) {
        mc_status st = mc_error_set(err, MC_EIO, "%s: cannot open the temporary file: %s", path,
                                    strerror(errno));
        close(fd);
        unlink(tmp);
        free(tmp);
        return st;
    }
    mc_status st = writer(f, arg, err);
    if (st == MC_OK && (fflush(f) != 0 || ferror(f)))
        st = mc_error_set(err, MC_EIO, "%s: write error: %s", path, strerror(errno));
    if (fclose(f) != 0 && st == MC_OK)
        st = mc_error_set(err, MC_EIO, "%s: write error: %s", path, strerror(errno));
    if (st == MC_OK && rename(tmp, path) != 0)
        st = mc_error_set(err, MC_EIO, "%s: cannot rename the temporary file into place: %s",
                          path, strerror(errno));
    if (st != MC_OK)
        unlink(tmp);
    free(tmp);
    return st;
}
