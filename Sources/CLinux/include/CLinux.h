#ifndef POOLTOP_CLINUX_H
#define POOLTOP_CLINUX_H
/* The Linux system calls pooltop's event loops need (epoll, eventfd, socket and scheduler queries),
   as plain C functions Swift can call. pooltop runs on Linux only. */
#ifndef __linux__
#error "pooltop needs Linux: its event loops use epoll and eventfd"
#endif
#include <stdint.h>
#include <errno.h>
#include <unistd.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>

/* epoll_event is packed on x86_64; these wrappers keep its layout out of Swift. */

static inline int pooltop_epoll_control(int epfd, int op, int fd, uint32_t events, void *token) {
    struct epoll_event event;
    event.events = events;
    event.data.ptr = token;
    return epoll_ctl(epfd, op, fd, &event);
}

/* Waits for up to `capacity` (at most 64) events; fills tokens and masks; returns the count or -1. */
static inline int pooltop_epoll_wait(int epfd, void **tokens, uint32_t *masks, int capacity, int timeout_ms) {
    struct epoll_event events[64];
    if (capacity > 64) capacity = 64;
    int count = epoll_wait(epfd, events, capacity, timeout_ms);
    for (int i = 0; i < count; i++) {
        tokens[i] = events[i].data.ptr;
        masks[i] = events[i].events;
    }
    return count;
}

/* 1 when a read would not block (data, end of stream or an error is waiting), else 0. */
static inline int pooltop_socket_readable(int fd) {
    char byte;
    ssize_t got = recv(fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    return got >= 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR);
}

/* The CPU that last processed a packet arriving on this socket (SO_INCOMING_CPU), or -1. Over
   loopback that is the CPU the sending process ran on. */
static inline int pooltop_socket_incoming_cpu(int fd) {
    int cpu = -1;
    socklen_t length = sizeof cpu;
    if (getsockopt(fd, SOL_SOCKET, SO_INCOMING_CPU, &cpu, &length) != 0) return -1;
    return cpu;
}

/* What `pooltop_socket_peer` finds at the other end of a connected socket. */
#define POOLTOP_PEER_ELSEWHERE 0 /* another host, or unknown */
#define POOLTOP_PEER_LOCAL_IP 1  /* an IP peer on this host: a loopback address, or our own */
#define POOLTOP_PEER_UNIX 2      /* a Unix socket */

/* Where fd's peer is (one of the POOLTOP_PEER_ values). For a Unix socket, *listener is the pid (in
   our pid namespace) of the process listening on the other end (SO_PEERCRED: for a client, the
   server's listener, e.g. the postmaster), or -1 when unknown. */
static inline int pooltop_socket_peer(int fd, int *listener) {
    struct sockaddr_storage local;
    socklen_t local_length = sizeof local;
    *listener = -1;
    if (getsockname(fd, (struct sockaddr *)&local, &local_length) != 0) return POOLTOP_PEER_ELSEWHERE;
    if (local.ss_family == AF_UNIX) {
        struct { pid_t pid; uid_t uid; gid_t gid; } credentials; /* struct ucred, GNU-only in the headers */
        socklen_t length = sizeof credentials;
        if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &credentials, &length) == 0 && credentials.pid > 0)
            *listener = credentials.pid;
        return POOLTOP_PEER_UNIX;
    }
    struct sockaddr_storage peer;
    socklen_t peer_length = sizeof peer;
    if (getpeername(fd, (struct sockaddr *)&peer, &peer_length) != 0) return POOLTOP_PEER_ELSEWHERE;
    if (peer.ss_family == AF_INET && local.ss_family == AF_INET) {
        in_addr_t peer_address = ntohl(((struct sockaddr_in *)&peer)->sin_addr.s_addr);
        in_addr_t local_address = ntohl(((struct sockaddr_in *)&local)->sin_addr.s_addr);
        if ((peer_address >> 24) == 127 || peer_address == local_address) return POOLTOP_PEER_LOCAL_IP;
    }
    if (peer.ss_family == AF_INET6 && local.ss_family == AF_INET6) {
        const struct in6_addr *peer_address = &((struct sockaddr_in6 *)&peer)->sin6_addr;
        const struct in6_addr *local_address = &((struct sockaddr_in6 *)&local)->sin6_addr;
        if (IN6_IS_ADDR_LOOPBACK(peer_address) || memcmp(peer_address, local_address, sizeof *peer_address) == 0)
            return POOLTOP_PEER_LOCAL_IP;
    }
    return POOLTOP_PEER_ELSEWHERE;
}

/* Reads /proc/<pid>/stat, opened as stat_fd: the parent's pid (field 4) and the CPU the process last
   ran on (field 39). Returns 0, or -1 when the file cannot be read or parsed (the process ended). */
static inline int pooltop_process_placement(int stat_fd, int *parent, int *cpu) {
    char buffer[1024];
    ssize_t got = pread(stat_fd, buffer, sizeof buffer - 1, 0);
    if (got <= 0) return -1;
    buffer[got] = 0;
    /* Field 2, the command, is in parentheses and may itself hold spaces and parentheses. */
    char *cursor = strrchr(buffer, ')');
    if (!cursor) return -1;
    for (int field = 3; field <= 39; field++) {
        cursor = strchr(cursor + 1, ' ');
        if (!cursor) return -1;
        if (field == 4) *parent = atoi(cursor + 1);
    }
    *cpu = atoi(cursor + 1);
    return 0;
}

/* glibc's sched_getcpu (declared only under _GNU_SOURCE): the CPU the calling thread runs on, or -1. */
extern int sched_getcpu(void);
static inline int pooltop_current_cpu(void) { return sched_getcpu(); }
/* glibc's affinity calls, also GNU-only; the tests pin loop threads and server processes with them.
   A pid of 0 is the calling thread. */
extern int sched_getaffinity(pid_t pid, size_t size, cpu_set_t *mask);
extern int sched_setaffinity(pid_t pid, size_t size, const cpu_set_t *mask);

static inline int pooltop_errno(void) { return errno; }

/* Names the calling thread (shown by top -H and debuggers). */
static inline void pooltop_name_thread(const char *name) { prctl(PR_SET_NAME, name, 0, 0, 0); }

#endif
