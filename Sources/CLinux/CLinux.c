/* Everything in CLinux is inline in include/CLinux.h; SwiftPM needs one source file for a C target. */
#include "CLinux.h"
