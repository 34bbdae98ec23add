#ifndef POOLTOP_CLIBPQ_SHIM_H
#define POOLTOP_CLIBPQ_SHIM_H
/* libpq's client API (libpq-fe.h), nothing else: the Linux system calls LibPQ needs are in CLinux. */
#include <libpq-fe.h>
#endif
