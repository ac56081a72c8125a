#pragma once
// Waiting on one socket with poll() until a deadline, shared by the TCP and TLS streams.
#include <poll.h>

#include <string>

#include "net/stream.hpp"

namespace pgw::net {

// Blocks until fd reports one of events (or an error/hang-up, which the caller's next I/O call
// will surface) and returns true; returns false once the deadline has passed. Retries EINTR.
bool wait_for_fd(int fd, short events, Clock::time_point deadline);

// strerror_r text for an errno value.
std::string errno_text(int err);

}  // namespace pgw::net
