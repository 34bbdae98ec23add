#ifndef POOLTOP_CLIBPQ_SHIM_H
#define POOLTOP_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#endif
