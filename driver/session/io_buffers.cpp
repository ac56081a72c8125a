// The receive buffer and the output buffer of a session.
#include <cstring>

#include "session/session_impl.hpp"

namespace pgw::session {

namespace {

constexpr std::size_t kInitialInput = 64 * 1024;
// Below this much free tail space, compact before reading so reads stay large.
constexpr std::size_t kMinRead = 8 * 1024;
constexpr std::size_t kShrinkAbove = 1024 * 1024;

std::size_t round_up(std::size_t n, std::size_t to) {
  return (n + to - 1) / to * to;
}

}  // namespace

wire::Frame Session::Impl::read_frame(Clock::time_point deadline) {
  in_begin += current_size;
  current_size = 0;
  if (in.empty()) in.resize(kInitialInput);
  for (;;) {
    const std::span<const std::byte> live(in.data() + in_begin, in_end - in_begin);
    if (auto f = wire::next_frame(live, max_message_bytes)) {
      current_size = f->total_size;
      return *f;
    }
    // The framer validated the length, so `need` is at most max_message_bytes + 5.
    const std::size_t need = wire::frame_bytes_needed(live, max_message_bytes);
    if (in_begin == in_end) in_begin = in_end = 0;
    if (in_begin > 0 && (in.size() - in_begin < need || in.size() - in_end < kMinRead)) {
      std::memmove(in.data(), in.data() + in_begin, in_end - in_begin);
      in_end -= in_begin;
      in_begin = 0;
    }
    if (in.size() < need) in.resize(round_up(need, 4096));
    in_end += stream->read_some(std::span(in.data() + in_end, in.size() - in_end), deadline);
  }
}

void Session::Impl::maybe_shrink_input() {
  in_begin += current_size;
  current_size = 0;
  if (in_begin != in_end || in.size() <= kShrinkAbove) return;
  in_begin = in_end = 0;
  std::vector<std::byte>(kInitialInput).swap(in);
}

void Session::Impl::flush_out(Clock::time_point deadline) {
  if (out.empty()) return;
  stream->write_all(out, deadline);
  out.clear();
}

void Session::Impl::check_usable() const {
  if (broken) throw DriverError("08S01", "the connection is no longer usable: " + broken_reason);
}

void Session::Impl::mark_broken(const std::string& reason) {
  if (broken) return;
  broken = true;
  broken_reason = reason;
  out.clear();
  try {
    if (stream) stream->close();
  } catch (...) {
  }
}

void Session::Impl::fail_io(std::exception_ptr e) {
  try {
    std::rethrow_exception(e);
  } catch (const DriverError& err) {
    if (err.sqlstate() == "HYT00") throw;
    mark_broken(err.what());
    if (err.sqlstate() == "08S01") throw;
    throw DriverError("08S01", std::string("protocol violation: ") + err.what());
  } catch (const std::exception& err) {
    mark_broken(err.what());
    throw;
  }
}

}  // namespace pgw::session
