#include "net/fd_wait.hpp"

#include <cerrno>
#include <climits>
#include <cstring>

#include "common/error.hpp"

namespace pgw::net {
namespace {

// Milliseconds to hand to poll(): -1 for no deadline, else the remaining time rounded up so we
// never wake just before the deadline and spin; 0 when it has already passed.
int poll_timeout_ms(Clock::time_point deadline) {
  if (deadline == kNoDeadline) return -1;
  const auto now = Clock::now();
  if (now >= deadline) return 0;
  const auto remaining = std::chrono::ceil<std::chrono::milliseconds>(deadline - now).count();
  return remaining > INT_MAX ? INT_MAX : static_cast<int>(remaining);
}

}  // namespace

bool wait_for_fd(int fd, short events, Clock::time_point deadline) {
  for (;;) {
    const int timeout = poll_timeout_ms(deadline);
    if (timeout == 0) return false;
    pollfd p{fd, events, 0};
    const int rc = ::poll(&p, 1, timeout);
    if (rc > 0) return true;
    if (rc < 0 && errno != EINTR) {
      throw DriverError("08S01", "connection to server lost: poll() failed: " + errno_text(errno));
    }
  }
}

std::string errno_text(int err) {
  char buf[256];
  // GNU strerror_r may return a static string instead of filling buf.
  const char* text = ::strerror_r(err, buf, sizeof buf);
  return text ? std::string(text) : "error " + std::to_string(err);
}

}  // namespace pgw::net
