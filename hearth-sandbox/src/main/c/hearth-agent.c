/*
 * hearth-agent: runs commands for Hearth over one byte stream (stdin/stdout here; a virtio-serial
 * port in a QEMU guest; a vsock connection in a Firecracker guest, with --vsock-listen), so that a
 * step costs one fork+exec instead of a JVM process spawn.
 *
 * Frames, both ways: u8 type | u32 id | u32 length | payload (big-endian); output payloads <= 64 KiB.
 *   host -> agent: EXEC (u32 argc, u32 envc, then argc + envc + 1 NUL-terminated strings: argv,
 *                  env "K=V", cwd; optionally then a file: its NUL-terminated path and its bytes,
 *                  which the agent creates just before the command starts (it must not exist) and
 *                  deletes once the command has ended: a step's script),
 *                  SIGNAL (u32 signal, to the command's process group), PING,
 *                  EXEC_AFTER (u32 previous id, u32 nfiles, nfiles NUL-terminated paths, then an
 *                  EXEC payload)
 *                  File frames, answered by DONE (or ERROR with the reason), each with its own id:
 *                  PUT (u32 flags: 1 append, 2 make parents; u32 mode; path; then the bytes),
 *                  GET (u32 most bytes; path: its bytes as STDOUT frames, then DONE; a regular file
 *                  only; DONE holds its u32 mode), LIST (path: "<t> <name>" NUL-terminated entries as STDOUT frames, t one of
 *                  f d l o; nothing for a missing path), STAT (path: DONE holds the type byte, '-'
 *                  when missing, and a u64 size), REMOVE (path, recursively, missing is fine), MKDIR
 *                  (path and parents), SYMLINK (target, path), READLINK (path: DONE holds the
 *                  target), KILL_ALL (every group started, and every orphan: a job's end)
 *   agent -> host: HELLO (version text), STARTED (u32 pid), STDOUT, STDERR (bytes),
 *                  EXIT (i32 code, i32 signal), ERROR (text), PONG, DROPPED (text), DONE (bytes)
 *
 * EXEC_AFTER lets the host queue a command behind another so that it starts the moment the first
 * one is reported done, without a round trip through the host. It starts only if the first exited
 * with code 0, printed nothing that could be a workflow command ("::" or "##[" anywhere on stdout or
 * stderr), and left every named file absent or empty; otherwise, or when it is signalled while
 * queued, the agent answers DROPPED and the host starts it itself, if at all.
 *
 * Every command leads its own session and process group. A command's EXIT is sent once it has
 * exited and its pipes reached end of file, or after QUIET_MS without data (a background process it
 * left holds the pipes); those pipes are then drained and discarded so that process never blocks.
 * The agent is a child subreaper; when its input ends (Hearth died or let go) it kills every process
 * group it started and every process left to it, then exits.
 *
 * With --vsock-listen PORT (a Firecracker guest, where the host reaches the guest only over vsock) it
 * first waits for one connection on that vsock port and then speaks on it exactly as on stdio.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <dirent.h>
#include <ftw.h>
#include <limits.h>
#include <sys/socket.h>
#include <linux/vm_sockets.h>

enum { HELLO = 1, EXEC = 2, STARTED = 3, OUT = 4, ERR = 5, EXIT = 6, SIGNAL = 7, ERROR = 8, PING = 9, PONG = 10,
       EXEC_AFTER = 11, DROPPED = 12, PUT = 13, GET = 14, LIST = 15, STAT = 16, REMOVE = 17, MKDIR = 18,
       SYMLINK = 19, READLINK = 20, KILL_ALL = 21, DONE = 22 };
/* Output frames stay within 64 KiB; an EXEC may carry a large environment, so input frames may be bigger. */
enum { MAX_CMDS = 256, MAX_PAYLOAD = 1 << 20, QUIET_MS = 100, CHUNK = 32768, MAX_QUEUED = 16, RECENT = 16 };

struct cmd {
    int used;
    uint32_t id;
    pid_t pid;
    int fd[2];          /* stdout, stderr read ends; -1 when closed */
    int exited;         /* waitpid saw it end */
    int status;
    int reported;       /* EXIT sent; output from now on is discarded */
    long long last_data_ms; /* last output, or the exit if later: the quiet time counts from both */
    int marked;         /* printed something that may be a workflow command */
    char tail[2][2];    /* last two bytes of each stream, for a marker split across reads */
    char *file;         /* the file written for it, deleted when it ends; NULL when none */
};

/* A command waiting for another to end (EXEC_AFTER). */
struct queued {
    int used;
    uint32_t id, after;
    unsigned char *payload; /* nfiles, paths, EXEC payload: as received */
    uint32_t len;
};

/* How recently reported commands ended, for an EXEC_AFTER that arrives after its predecessor ended. */
struct ended {
    uint32_t id;
    int clean;          /* exit 0, no signal, nothing marked */
};

static struct queued queue[MAX_QUEUED];
static struct ended recent[RECENT];
static int recent_next;

static struct cmd cmds[MAX_CMDS];
static pid_t groups[4096];
static int ngroups;
static int sigchld_pipe[2];

static long long now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long) ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void put_u32(unsigned char *p, uint32_t v) {
    p[0] = v >> 24; p[1] = v >> 16; p[2] = v >> 8; p[3] = v;
}

static uint32_t get_u32(const unsigned char *p) {
    return (uint32_t) p[0] << 24 | (uint32_t) p[1] << 16 | (uint32_t) p[2] << 8 | p[3];
}

static void write_all(const void *buf, size_t len) {
    const char *p = buf;
    while (len > 0) {
        ssize_t n = write(STDOUT_FILENO, p, len);
        if (n < 0) {
            if (errno == EINTR) continue;
            _exit(3); /* the host is gone; the stdin EOF path cannot run, so just go */
        }
        p += n;
        len -= (size_t) n;
    }
}

static void send_frame(int type, uint32_t id, const void *payload, uint32_t len) {
    unsigned char head[9];
    head[0] = (unsigned char) type;
    put_u32(head + 1, id);
    put_u32(head + 5, len);
    /* The whole frame in one write, so the host's reader wakes once for it, not once per part. */
    struct iovec parts[2] = {{head, sizeof head}, {(void *) payload, len}};
    ssize_t n;
    while ((n = writev(STDOUT_FILENO, parts, len > 0 ? 2 : 1)) < 0 && errno == EINTR) { }
    if (n < 0) _exit(3); /* the host is gone; the stdin EOF path cannot run, so just go */
    size_t done = (size_t) n;
    if (done < sizeof head) {
        write_all(head + done, sizeof head - done);
        done = sizeof head;
    }
    if (done - sizeof head < len) write_all((const char *) payload + (done - sizeof head), len - (done - sizeof head));
}

static void send_text(int type, uint32_t id, const char *text) {
    send_frame(type, id, text, (uint32_t) strlen(text));
}

static void on_sigchld(int sig) {
    (void) sig;
    int saved = errno;
    char b = 0;
    if (write(sigchld_pipe[1], &b, 1) < 0) { /* full pipe: a wake-up is pending anyway */ }
    errno = saved;
}

/* The value of NAME in a "K=V" environment, or NULL. */
static const char *env_get(char **env, const char *name) {
    size_t n = strlen(name);
    for (char **e = env; *e; e++) {
        if (strncmp(*e, name, n) == 0 && (*e)[n] == '=') return *e + n + 1;
    }
    return NULL;
}

/* In the child: exec argv[0], searched on the command's own PATH (not the agent's). */
static void exec_command(char **argv, char **env) {
    if (strchr(argv[0], '/')) {
        execve(argv[0], argv, env);
    } else {
        const char *path = env_get(env, "PATH");
        if (!path) path = "/usr/local/bin:/usr/bin:/bin";
        int saw_eacces = 0;
        char buf[4096];
        for (const char *p = path;; ) {
            const char *end = strchr(p, ':');
            size_t len = end ? (size_t) (end - p) : strlen(p);
            if (len == 0) { buf[0] = '.'; len = 1; } else if (len < sizeof buf - 1) memcpy(buf, p, len);
            if (len + strlen(argv[0]) + 2 < sizeof buf) {
                buf[len] = '/';
                strcpy(buf + len + 1, argv[0]);
                execve(buf, argv, env);
                if (errno == EACCES) saw_eacces = 1;
            }
            if (!end) break;
            p = end + 1;
        }
        if (saw_eacces) errno = EACCES; else errno = ENOENT;
    }
    int code = errno == ENOENT ? 127 : 126;
    dprintf(STDERR_FILENO, "%s: %s\n", argv[0], strerror(errno));
    _exit(code);
}

static void remember_group(pid_t pgid);
static void send_errno(uint32_t id, const char *what, const char *path);

/* Writes all of data to fd and closes it; 0, or -1 with errno (fd closed either way). */
static int write_and_close(int fd, const void *data, size_t n) {
    const char *p = data;
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR) continue;
            int saved = errno;
            close(fd);
            errno = saved;
            return -1;
        }
        p += w;
        n -= (size_t) w;
    }
    return close(fd);
}

/* Creates a command's file; it must not exist yet (O_EXCL: no link or FIFO planted there is followed). */
static int write_new_file(uint32_t id, const char *path, const char *data, size_t n) {
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd < 0 || write_and_close(fd, data, n) < 0) {
        send_errno(id, "cannot write", path);
        if (fd >= 0) unlink(path);
        return -1;
    }
    return 0;
}

/* Deletes and forgets a command's file (NULL: nothing to do). */
static void drop_file(char *file) {
    if (file) { unlink(file); free(file); }
}

static struct cmd *find(uint32_t id) {
    for (int i = 0; i < MAX_CMDS; i++) if (cmds[i].used && cmds[i].id == id) return &cmds[i];
    return NULL;
}

static void start(uint32_t id, const unsigned char *p, uint32_t len) {
    if (len < 8) { send_text(ERROR, id, "malformed EXEC"); return; }
    uint32_t argc = get_u32(p), envc = get_u32(p + 4);
    if (argc == 0 || argc > 65536 || envc > 65536) { send_text(ERROR, id, "malformed EXEC counts"); return; }
    char **argv = calloc(argc + 1, sizeof *argv), **env = calloc(envc + 1, sizeof *env), *cwd = NULL;
    const char *s = (const char *) p + 8, *end = (const char *) p + len;
    for (uint32_t i = 0; i < argc + envc + 1; i++) {
        const char *z = memchr(s, 0, (size_t) (end - s));
        if (!z) { send_text(ERROR, id, "malformed EXEC strings"); free(argv); free(env); return; }
        if (i < argc) argv[i] = (char *) s; else if (i < argc + envc) env[i - argc] = (char *) s; else cwd = (char *) s;
        s = z + 1;
    }
    char *file = NULL;
    if (s < end) {
        const char *z = memchr(s, 0, (size_t) (end - s));
        if (!z) { send_text(ERROR, id, "malformed EXEC file"); free(argv); free(env); return; }
        if (write_new_file(id, s, z + 1, (size_t) (end - z - 1)) < 0) { free(argv); free(env); return; }
        file = strdup(s);
    }
    struct cmd *c = NULL;
    for (int i = 0; i < MAX_CMDS; i++) if (!cmds[i].used) { c = &cmds[i]; break; }
    int out[2], err[2];
    if (!c || pipe2(out, O_CLOEXEC) < 0) { send_text(ERROR, id, "too many commands"); drop_file(file); free(argv); free(env); return; }
    if (pipe2(err, O_CLOEXEC) < 0) { close(out[0]); close(out[1]); send_text(ERROR, id, strerror(errno)); drop_file(file); free(argv); free(env); return; }
    /* A SIGNAL for this command may come before the child has its own group, or while it still has
     * our ignored INT/TERM: with every signal blocked across fork, one sent to the child meanwhile
     * stays pending (blocked signals are never dropped as ignored) until it has default handlers. */
    sigset_t all, old;
    sigfillset(&all);
    sigprocmask(SIG_BLOCK, &all, &old);
    pid_t pid = fork();
    if (pid == 0) {
        setsid();
        for (int sig = 1; sig < NSIG; sig++) signal(sig, SIG_DFL);
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        /* O_CLOEXEC: dup2 below gives stdin its own (inheritable) copy; the original must not leak. */
        int devnull = open("/dev/null", O_RDONLY | O_CLOEXEC);
        dup2(devnull, STDIN_FILENO);
        dup2(out[1], STDOUT_FILENO);
        dup2(err[1], STDERR_FILENO);
        if (cwd && *cwd && chdir(cwd) < 0) {
            dprintf(STDERR_FILENO, "cannot enter %s: %s\n", cwd, strerror(errno));
            _exit(126);
        }
        exec_command(argv, env);
    }
    sigprocmask(SIG_SETMASK, &old, NULL);
    close(out[1]);
    close(err[1]);
    free(argv);
    free(env);
    if (pid < 0) {
        close(out[0]); close(err[0]);
        send_text(ERROR, id, strerror(errno));
        drop_file(file);
        return;
    }
    memset(c, 0, sizeof *c);
    c->used = 1; c->id = id; c->pid = pid; c->fd[0] = out[0]; c->fd[1] = err[0]; c->file = file;
    c->last_data_ms = now_ms();
    remember_group(pid);
    unsigned char b[4];
    put_u32(b, (uint32_t) pid);
    send_frame(STARTED, id, b, 4);
}

/* Forgets groups with no process left, so the table never fills up and a pid the kernel hands out
 * again is not mistaken for ours. */
static void prune_groups(void) {
    int kept = 0;
    for (int i = 0; i < ngroups; i++) {
        if (kill(-groups[i], 0) == 0 || errno != ESRCH) groups[kept++] = groups[i];
    }
    ngroups = kept;
}

static void remember_group(pid_t pgid) {
    if (ngroups == (int) (sizeof groups / sizeof groups[0])) prune_groups();
    if (ngroups < (int) (sizeof groups / sizeof groups[0])) groups[ngroups++] = pgid;
}

/* Whether a chunk (with the two bytes before it) holds "::" or "##[". */
static int has_marker(const char prev[2], const char *p, size_t n) {
    char edge[6];
    size_t k = n < 3 ? n : 3;
    memcpy(edge, prev, 2);
    memcpy(edge + 2, p, k);
    for (size_t i = 0; i + 1 < 2 + k; i++) {
        if (edge[i] == ':' && edge[i + 1] == ':') return 1;
        if (i + 2 < 2 + k && edge[i] == '#' && edge[i + 1] == '#' && edge[i + 2] == '[') return 1;
    }
    return memmem(p, n, "::", 2) != NULL || memmem(p, n, "##[", 3) != NULL;
}

static void note_output(struct cmd *c, int k, const char *p, size_t n) {
    if (!c->marked && has_marker(c->tail[k], p, n)) c->marked = 1;
    if (n >= 2) { c->tail[k][0] = p[n - 2]; c->tail[k][1] = p[n - 1]; }
    else if (n == 1) { c->tail[k][0] = c->tail[k][1]; c->tail[k][1] = p[0]; }
}

static void start(uint32_t id, const unsigned char *p, uint32_t len);

/* Starts or drops a queued command whose predecessor ended; clean says how it ended. */
static void release(struct queued *q, int clean) {
    const unsigned char *p = q->payload;
    uint32_t nfiles = get_u32(p);
    const char *s = (const char *) p + 4, *end = (const char *) p + q->len;
    const char *why = clean ? NULL : "the previous command did not end cleanly";
    for (uint32_t i = 0; i < nfiles; i++) {
        const char *z = memchr(s, 0, (size_t) (end - s));
        if (!z) { why = "malformed EXEC_AFTER"; break; }
        struct stat st;
        if (!why && stat(s, &st) == 0 && st.st_size > 0) why = "a command file was written";
        s = z + 1;
    }
    if (why) send_text(DROPPED, q->id, why);
    else start(q->id, (const unsigned char *) s, (uint32_t) (end - s));
    free(q->payload);
    q->used = 0;
}

static void queue_after(uint32_t id, const unsigned char *p, uint32_t len) {
    if (len < 8) { send_text(ERROR, id, "malformed EXEC_AFTER"); return; }
    uint32_t after = get_u32(p);
    struct queued *q = NULL;
    for (int i = 0; i < MAX_QUEUED; i++) if (!queue[i].used) { q = &queue[i]; break; }
    if (!q) { send_text(DROPPED, id, "too many queued commands"); return; }
    q->payload = malloc(len - 4);
    if (!q->payload) { send_text(DROPPED, id, "out of memory"); return; }
    memcpy(q->payload, p + 4, len - 4);
    q->len = len - 4; q->id = id; q->after = after; q->used = 1;
    for (int i = 0; i < MAX_CMDS; i++) {
        if (cmds[i].used && cmds[i].id == after && !cmds[i].reported) return; /* still running: wait */
    }
    for (int i = 0; i < RECENT; i++) {
        if (recent[i].id == after && after != 0) { release(q, recent[i].clean); return; }
    }
    send_text(DROPPED, id, "the previous command is unknown");
    free(q->payload);
    q->used = 0;
}

static void finish_if_done(struct cmd *c, long long now) {
    if (!c->exited || c->reported) return;
    int open_fds = (c->fd[0] >= 0) + (c->fd[1] >= 0);
    if (open_fds > 0 && now - c->last_data_ms < QUIET_MS) return;
    unsigned char b[8];
    int code = WIFEXITED(c->status) ? WEXITSTATUS(c->status) : 128 + WTERMSIG(c->status);
    int sig = WIFSIGNALED(c->status) ? WTERMSIG(c->status) : 0;
    put_u32(b, (uint32_t) code);
    put_u32(b + 4, (uint32_t) sig);
    c->reported = 1;
    int clean = code == 0 && sig == 0 && !c->marked;
    recent[recent_next].id = c->id;
    recent[recent_next].clean = clean;
    recent_next = (recent_next + 1) % RECENT;
    /* The command queued behind this one starts before this one's EXIT goes out: the host, woken by
     * the EXIT, would otherwise take the CPU the fork needs. Its STARTED may so come before that EXIT. */
    for (int i = 0; i < MAX_QUEUED; i++) if (queue[i].used && queue[i].after == c->id) release(&queue[i], clean);
    send_frame(EXIT, c->id, b, 8);
    if (open_fds == 0) c->used = 0;
}

static void reap(void) {
    int status;
    pid_t pid;
    int any = 0;
    while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
        any = 1;
        for (int i = 0; i < MAX_CMDS; i++) {
            if (cmds[i].used && cmds[i].pid == pid && !cmds[i].exited) {
                cmds[i].exited = 1;
                cmds[i].status = status;
                /* gone before its EXIT is sent, so the host never sees it left behind */
                drop_file(cmds[i].file);
                cmds[i].file = NULL;
                /* Output it wrote just before exiting may still sit unread in its pipes (poll woke
                 * for something else): the quiet time starts now, not at its last output. */
                cmds[i].last_data_ms = now_ms();
            }
        }
    }
    if (any) prune_groups();
}

/* Kills every group started and every orphan left to us (Hearth gone, or a job's end). */
static void kill_everything(void) {
    for (int i = 0; i < ngroups; i++) kill(-groups[i], SIGKILL);
    /* Orphans were re-parented to us (subreaper), even those that left their group. A round that finds
     * no child at all (not even one dying) ends the search: usually the first, at a job's end. */
    for (int round = 0, found = 1; round < 3 && found; round++) {
        found = 0;
        DIR *d = opendir("/proc");
        if (!d) break;
        struct dirent *e;
        char path[300], buf[512];
        while ((e = readdir(d))) {
            if (e->d_name[0] < '0' || e->d_name[0] > '9') continue;
            snprintf(path, sizeof path, "/proc/%s/stat", e->d_name);
            int fd = open(path, O_RDONLY);
            if (fd < 0) continue;
            ssize_t n = read(fd, buf, sizeof buf - 1);
            close(fd);
            if (n <= 0) continue;
            buf[n] = 0;
            char *rp = strrchr(buf, ')');
            int ppid = 0;
            if (rp && sscanf(rp + 2, "%*c %d", &ppid) == 1 && ppid == getpid()) {
                kill(atoi(e->d_name), SIGKILL);
                found = 1;
            }
        }
        closedir(d);
        while (waitpid(-1, NULL, WNOHANG) > 0) { }
    }
}

/* The NUL-terminated string at p (of len bytes), or NULL when there is none. */
static const char *path_arg(const unsigned char *p, uint32_t len) {
    return len > 0 && memchr(p, 0, len) ? (const char *) p : NULL;
}

static void send_errno(uint32_t id, const char *what, const char *path) {
    char text[PATH_MAX + 128];
    snprintf(text, sizeof text, "%s %.4000s: %s", what, path, strerror(errno));
    send_text(ERROR, id, text);
}

/* mkdir -p; 0 or -1 with errno. */
static int make_dirs(const char *path, mode_t mode) {
    char buf[PATH_MAX];
    size_t n = strlen(path);
    if (n == 0 || n >= sizeof buf) { errno = ENAMETOOLONG; return -1; }
    memcpy(buf, path, n + 1);
    for (char *s = buf + 1; ; s++) {
        if (*s == '/' || *s == 0) {
            char c = *s;
            *s = 0;
            if (mkdir(buf, mode) < 0 && errno != EEXIST) return -1;
            *s = c;
            if (c == 0) break;
        }
    }
    struct stat st;
    if (stat(path, &st) < 0) return -1;
    if (!S_ISDIR(st.st_mode)) { errno = ENOTDIR; return -1; }
    return 0;
}

static void make_parents(const char *path) {
    char buf[PATH_MAX];
    size_t n = strlen(path);
    if (n >= sizeof buf) return;
    memcpy(buf, path, n + 1);
    char *slash = strrchr(buf, '/');
    if (slash && slash != buf) { *slash = 0; make_dirs(buf, 0755); }
}

static void put_file(uint32_t id, const unsigned char *p, uint32_t len) {
    if (len < 9) { send_text(ERROR, id, "malformed PUT"); return; }
    uint32_t flags = get_u32(p), mode = get_u32(p + 4);
    const char *path = path_arg(p + 8, len - 8);
    if (!path) { send_text(ERROR, id, "malformed PUT"); return; }
    const unsigned char *data = (const unsigned char *) path + strlen(path) + 1;
    size_t n = (size_t) (p + len - data);
    if (flags & 2) make_parents(path);
    int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW | ((flags & 1) ? O_APPEND : O_TRUNC), mode & 07777);
    if (fd < 0) { send_errno(id, "cannot write", path); return; }
    if (!(flags & 1)) fchmod(fd, mode & 07777); /* an existing file keeps its mode otherwise */
    if (write_and_close(fd, data, n) < 0) { send_errno(id, "cannot write", path); return; }
    send_frame(DONE, id, NULL, 0);
}

static void get_file(uint32_t id, const unsigned char *p, uint32_t len) {
    const char *path = len > 4 ? path_arg(p + 4, len - 4) : NULL;
    if (!path) { send_text(ERROR, id, "malformed GET"); return; }
    uint32_t most = get_u32(p);
    /* O_NONBLOCK: a FIFO must not hang the agent; only regular files are read. */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) { send_errno(id, "cannot read", path); return; }
    struct stat st;
    if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        char text[PATH_MAX + 64];
        snprintf(text, sizeof text, "cannot read %.4000s: not a regular file", path);
        send_text(ERROR, id, text);
        return;
    }
    if ((unsigned long long) st.st_size > most) {
        close(fd);
        char text[PATH_MAX + 96];
        snprintf(text, sizeof text, "cannot read %.4000s: it holds %lld bytes, larger than %u bytes", path, (long long) st.st_size, most);
        send_text(ERROR, id, text);
        return;
    }
    static char buf[CHUNK];
    unsigned long long sent = 0;
    for (;;) {
        ssize_t got = read(fd, buf, sizeof buf);
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) { send_errno(id, "cannot read", path); close(fd); return; }
        if (got == 0) break;
        sent += (unsigned long long) got;
        if (sent > most) { close(fd); send_text(ERROR, id, "the file grew while it was read"); return; }
        send_frame(OUT, id, buf, (uint32_t) got);
    }
    close(fd);
    unsigned char mode[4];
    put_u32(mode, (uint32_t) (st.st_mode & 07777));
    send_frame(DONE, id, mode, 4);
}

static char type_of(mode_t m) {
    return S_ISREG(m) ? 'f' : S_ISDIR(m) ? 'd' : S_ISLNK(m) ? 'l' : 'o';
}

static void list_dir(uint32_t id, const unsigned char *p, uint32_t len) {
    const char *path = path_arg(p, len);
    if (!path) { send_text(ERROR, id, "malformed LIST"); return; }
    DIR *d = opendir(path);
    if (!d) { send_frame(DONE, id, NULL, 0); return; } /* missing or not a directory: no names */
    static char buf[CHUNK];
    size_t used = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        struct stat st;
        char t = 'o';
        if (fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0) t = type_of(st.st_mode);
        size_t n = strlen(e->d_name) + 3;
        if (used + n > sizeof buf) { send_frame(OUT, id, buf, (uint32_t) used); used = 0; }
        buf[used] = t; buf[used + 1] = ' ';
        memcpy(buf + used + 2, e->d_name, n - 2); /* with its NUL */
        used += n;
    }
    closedir(d);
    if (used > 0) send_frame(OUT, id, buf, (uint32_t) used);
    send_frame(DONE, id, NULL, 0);
}

static void stat_path(uint32_t id, const unsigned char *p, uint32_t len) {
    const char *path = path_arg(p, len);
    if (!path) { send_text(ERROR, id, "malformed STAT"); return; }
    unsigned char b[9] = {'-'};
    struct stat st;
    if (lstat(path, &st) == 0) {
        b[0] = (unsigned char) type_of(st.st_mode);
        put_u32(b + 1, (uint32_t) ((unsigned long long) st.st_size >> 32));
        put_u32(b + 5, (uint32_t) st.st_size);
    }
    send_frame(DONE, id, b, sizeof b);
}

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw) {
    (void) st; (void) ftw;
    if (flag == FTW_DP) {
        if (rmdir(path) < 0 && errno != ENOENT) return -1;
    } else if (unlink(path) < 0 && errno != ENOENT) {
        /* a directory we could not enter: make it ours and go in once more */
        if (flag == FTW_DNR && chmod(path, 0700) == 0) return nftw(path, remove_one, 16, FTW_DEPTH | FTW_PHYS);
        return -1;
    }
    return 0;
}

static void remove_path(uint32_t id, const unsigned char *p, uint32_t len) {
    const char *path = path_arg(p, len);
    if (!path) { send_text(ERROR, id, "malformed REMOVE"); return; }
    struct stat st;
    if (lstat(path, &st) < 0) { send_frame(DONE, id, NULL, 0); return; }
    int r = S_ISDIR(st.st_mode) ? nftw(path, remove_one, 16, FTW_DEPTH | FTW_PHYS) : unlink(path);
    if (r < 0 && errno != ENOENT) { send_errno(id, "cannot delete", path); return; }
    send_frame(DONE, id, NULL, 0);
}

static void make_dir(uint32_t id, const unsigned char *p, uint32_t len) {
    const char *path = path_arg(p, len);
    if (!path) { send_text(ERROR, id, "malformed MKDIR"); return; }
    if (make_dirs(path, 0755) < 0) { send_errno(id, "cannot create the directory", path); return; }
    send_frame(DONE, id, NULL, 0);
}

static void make_link(uint32_t id, const unsigned char *p, uint32_t len) {
    const char *target = path_arg(p, len);
    const char *path = target ? path_arg((const unsigned char *) target + strlen(target) + 1,
                                         (uint32_t) (p + len - (const unsigned char *) target - strlen(target) - 1)) : NULL;
    if (!path) { send_text(ERROR, id, "malformed SYMLINK"); return; }
    make_parents(path);
    unlink(path);
    if (symlink(target, path) < 0) { send_errno(id, "cannot make the link", path); return; }
    send_frame(DONE, id, NULL, 0);
}

static void read_link(uint32_t id, const unsigned char *p, uint32_t len) {
    const char *path = path_arg(p, len);
    if (!path) { send_text(ERROR, id, "malformed READLINK"); return; }
    char buf[PATH_MAX];
    ssize_t n = readlink(path, buf, sizeof buf);
    if (n < 0) { send_errno(id, "cannot read the link", path); return; }
    send_frame(DONE, id, buf, (uint32_t) n);
}

/* Makes one accepted vsock connection the agent's stdin and stdout. */
static int take_vsock_connection(const char *arg) {
    char *end;
    errno = 0;
    unsigned long port = strtoul(arg, &end, 10);
    if (errno || *arg == '\0' || *end != '\0' || port > 0xffffffffUL) {
        fprintf(stderr, "hearth-agent: not a vsock port: %s\n", arg);
        return -1;
    }
    int s = socket(AF_VSOCK, SOCK_STREAM | SOCK_CLOEXEC, 0);
    struct sockaddr_vm addr;
    memset(&addr, 0, sizeof addr);
    addr.svm_family = AF_VSOCK;
    addr.svm_cid = VMADDR_CID_ANY;
    addr.svm_port = (unsigned int) port;
    if (s < 0 || bind(s, (struct sockaddr *) &addr, sizeof addr) < 0 || listen(s, 1) < 0) {
        fprintf(stderr, "hearth-agent: cannot listen on vsock port %lu: %s\n", port, strerror(errno));
        return -1;
    }
    int c;
    while ((c = accept4(s, NULL, NULL, SOCK_CLOEXEC)) < 0 && errno == EINTR) { }
    if (c < 0 || dup2(c, STDIN_FILENO) < 0 || dup2(c, STDOUT_FILENO) < 0) {
        fprintf(stderr, "hearth-agent: cannot take a vsock connection: %s\n", strerror(errno));
        return -1;
    }
    close(c);
    close(s);
    return 0;
}

int main(int argc, char **argv) {
    if (argc == 3 && strcmp(argv[1], "--vsock-listen") == 0) {
        if (take_vsock_connection(argv[2]) < 0) return 2;
    } else if (argc != 1) {
        fprintf(stderr, "usage: hearth-agent [--vsock-listen PORT]\n");
        return 2;
    }
    setsid(); /* a terminal's Ctrl-C goes to Hearth, which decides; not to us */
    signal(SIGPIPE, SIG_IGN);
    signal(SIGINT, SIG_IGN);
    signal(SIGTERM, SIG_IGN);
    signal(SIGHUP, SIG_IGN);
    prctl(PR_SET_CHILD_SUBREAPER, 1);
    if (pipe2(sigchld_pipe, O_CLOEXEC | O_NONBLOCK) < 0) return 2;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigchld;
    sa.sa_flags = SA_RESTART | SA_NOCLDSTOP;
    sigaction(SIGCHLD, &sa, NULL);
    for (int i = 0; i < MAX_CMDS; i++) cmds[i].fd[0] = cmds[i].fd[1] = -1;
    send_text(HELLO, 0, "hearth-agent 1");

    static unsigned char in[9 + MAX_PAYLOAD];
    static char chunk[CHUNK];
    size_t have = 0;
    struct pollfd fds[2 + 2 * MAX_CMDS];
    struct cmd *owner[2 + 2 * MAX_CMDS];
    int which[2 + 2 * MAX_CMDS];
    for (;;) {
        int n = 0, waiting = 0;
        fds[n].fd = STDIN_FILENO; fds[n].events = POLLIN; owner[n++] = NULL;
        fds[n].fd = sigchld_pipe[0]; fds[n].events = POLLIN; owner[n++] = NULL;
        for (int i = 0; i < MAX_CMDS; i++) {
            if (!cmds[i].used) continue;
            if (cmds[i].exited && !cmds[i].reported) waiting = 1;
            for (int k = 0; k < 2; k++) {
                if (cmds[i].fd[k] >= 0) {
                    fds[n].fd = cmds[i].fd[k]; fds[n].events = POLLIN; owner[n] = &cmds[i]; which[n++] = k;
                }
            }
        }
        int ready = poll(fds, (nfds_t) n, waiting ? 20 : -1);
        if (ready < 0 && errno != EINTR) return 2;
        if (ready > 0 && (fds[1].revents & POLLIN)) {
            char drain[64];
            while (read(sigchld_pipe[0], drain, sizeof drain) > 0) { }
        }
        reap();
        for (int f = 2; ready > 0 && f < n; f++) {
            if (!fds[f].revents) continue;
            struct cmd *c = owner[f];
            int k = which[f];
            ssize_t got = read(fds[f].fd, chunk, sizeof chunk);
            if (got > 0) {
                if (!c->reported) {
                    note_output(c, k, chunk, (size_t) got);
                    send_frame(k == 0 ? OUT : ERR, c->id, chunk, (uint32_t) got);
                    c->last_data_ms = now_ms();
                }
            } else if (got == 0 || (errno != EINTR && errno != EAGAIN)) {
                close(c->fd[k]);
                c->fd[k] = -1;
                if (c->reported && c->fd[0] < 0 && c->fd[1] < 0) c->used = 0;
            }
        }
        long long now = now_ms();
        for (int i = 0; i < MAX_CMDS; i++) if (cmds[i].used) finish_if_done(&cmds[i], now);
        if (ready > 0 && fds[0].revents) {
            ssize_t got = read(STDIN_FILENO, in + have, sizeof in - have);
            if (got <= 0 && !(got < 0 && errno == EINTR)) {
                kill_everything();
                return 0;
            }
            if (got > 0) have += (size_t) got;
            for (;;) {
                if (have < 9) break;
                uint32_t id = get_u32(in + 1), len = get_u32(in + 5);
                if (len > MAX_PAYLOAD) { send_text(ERROR, id, "frame too large"); kill_everything(); return 2; }
                if (have < 9 + len) break;
                const unsigned char *payload = in + 9;
                switch (in[0]) {
                    case EXEC: start(id, payload, len); break;
                    case EXEC_AFTER: queue_after(id, payload, len); break;
                    case SIGNAL: {
                        int was_queued = 0;
                        for (int i = 0; i < MAX_QUEUED; i++) {
                            if (queue[i].used && queue[i].id == id) {
                                send_text(DROPPED, id, "signalled while queued");
                                free(queue[i].payload);
                                queue[i].used = 0;
                                was_queued = 1;
                            }
                        }
                        if (was_queued) break;
                        struct cmd *c = find(id);
                        /* Before its setsid() the group does not exist yet: then the child itself. */
                        if (c && len >= 4 && !c->exited && kill(-c->pid, (int) get_u32(payload)) < 0 && errno == ESRCH)
                            kill(c->pid, (int) get_u32(payload));
                        break;
                    }
                    case PING: send_frame(PONG, id, NULL, 0); break;
                    case PUT: put_file(id, payload, len); break;
                    case GET: get_file(id, payload, len); break;
                    case LIST: list_dir(id, payload, len); break;
                    case STAT: stat_path(id, payload, len); break;
                    case REMOVE: remove_path(id, payload, len); break;
                    case MKDIR: make_dir(id, payload, len); break;
                    case SYMLINK: make_link(id, payload, len); break;
                    case READLINK: read_link(id, payload, len); break;
                    case KILL_ALL: kill_everything(); send_frame(DONE, id, NULL, 0); break;
                    default: send_text(ERROR, id, "unknown frame type");
                }
                memmove(in, in + 9 + len, have - 9 - len);
                have -= 9 + len;
            }
        }
    }
}
