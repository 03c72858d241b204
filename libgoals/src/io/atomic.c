/* Atomic replacement of a file: a failed save never leaves a truncated file
 * where a good one was.
 *
 * The data goes to a new temp file in the target's folder (so that rename
 * stays within one file system), is fsync'd, then renamed over the target,
 * and the folder is fsync'd so that the rename itself is durable. The temp
 * file is made with O_CREAT|O_EXCL and mode 0666 (the umask applies, as for
 * any new file) instead of mkstemp, whose 0600 would need a racy umask()
 * call to undo; an existing target's permissions are kept. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "io_internal.h"
#include "util/alloc.h"
#include "util/error.h"

static int fail(const char *path, const char *what, int err)
{
    char reason[256];
    if (strerror_r(err, reason, sizeof reason) != 0)
        strcpy(reason, "unknown error");
    return goals__error_at(GOALS_EIO, path, 0, 0, "%s: %s", what, reason);
}

/* Opens a fresh "<path>.tmp-XXXXXX" for writing; its name into tmp. */
static int open_temp(const char *path, char *tmp, size_t size)
{
    static const char digits[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    unsigned long long seed = (unsigned long long)ts.tv_nsec ^ ((unsigned long long)ts.tv_sec << 20) ^
                              ((unsigned long long)getpid() << 40) ^ (unsigned long long)(uintptr_t)tmp;
    for (int attempt = 0; attempt < 100; attempt++) {
        char suffix[7];
        for (int i = 0; i < 6; i++) {
            seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
            suffix[i] = digits[(seed >> 33) % (sizeof digits - 1)];
        }
        suffix[6] = '\0';
        int n = snprintf(tmp, size, "%s.tmp-%s", path, suffix);
        if (n < 0 || (size_t)n >= size) {
            errno = ENAMETOOLONG;
            return -1;
        }
        int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0 || errno != EEXIST)
            return fd;
    }
    errno = EEXIST;
    return -1;
}

static int write_all(int fd, const char *data, size_t size)
{
    while (size > 0) {
        size_t chunk = size > (1u << 30) ? (1u << 30) : size;
        ssize_t n = write(fd, data, chunk);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        data += n;
        size -= (size_t)n;
    }
    return 0;
}

/* The folder part of path ("." when none), into dir. */
static void folder_of(const char *path, char *dir, size_t size)
{
    const char *slash = strrchr(path, '/');
    if (!slash) {
        snprintf(dir, size, ".");
    } else if (slash == path) {
        snprintf(dir, size, "/");
    } else {
        size_t n = (size_t)(slash - path);
        if (n >= size)
            n = size - 1;
        memcpy(dir, path, n);
        dir[n] = '\0';
    }
}

int goals__atomic_write(const char *path, const char *data, size_t size)
{
    size_t cap = strlen(path) + 16;
    char *tmp = goals__malloc(cap);
    if (!tmp)
        return goals__oom();
    int rc = GOALS_OK;
    int fd = open_temp(path, tmp, cap);
    if (fd < 0) {
        rc = fail(path, "cannot create a temporary file beside it", errno);
        goals__free(tmp);
        return rc;
    }
    struct stat st;
    if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
        (void)fchmod(fd, st.st_mode & 07777); /* keep the old file's permissions */
    if (write_all(fd, data, size) != 0)
        rc = fail(path, "cannot write", errno);
    else if (fsync(fd) != 0)
        rc = fail(path, "cannot sync", errno);
    if (close(fd) != 0 && !rc)
        rc = fail(path, "cannot write", errno);
    if (!rc && rename(tmp, path) != 0)
        rc = fail(path, "cannot replace", errno);
    if (rc) {
        unlink(tmp);
        goals__free(tmp);
        return rc;
    }
    goals__free(tmp);
    /* Make the rename durable. Some file systems cannot sync a folder
     * (EINVAL): the data itself is already safe there. */
    char dir[4096];
    folder_of(path, dir, sizeof dir);
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        if (fsync(dfd) != 0 && errno != EINVAL && errno != EROFS)
            rc = fail(path, "cannot sync the folder", errno);
        close(dfd);
    }
    return rc;
}
