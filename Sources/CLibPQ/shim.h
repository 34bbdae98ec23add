#ifndef POOLTOP_CLIBPQ_SHIM_H
#define POOLTOP_CLIBPQ_SHIM_H
#include <libpq-fe.h>

#ifdef __linux__
#include <stdint.h>
#include <errno.h>
#include <unistd.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/prctl.h>
#include <sys/socket.h>

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

static inline int pooltop_errno(void) { return errno; }

/* Names the calling thread (shown by top -H and debuggers). */
static inline void pooltop_name_thread(const char *name) { prctl(PR_SET_NAME, name, 0, 0, 0); }
#endif

#endif
