#pragma once
// Session internals shared by the session/*.cpp files. Not for use outside session/.
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "session/session.hpp"
#include "wire/backend.hpp"
#include "wire/buffer.hpp"
#include "wire/framer.hpp"

namespace pgw::session {

struct Session::Impl {
  // --- connection ---
  std::unique_ptr<net::Stream> stream;
  HostSpec host;
  net::TlsOptions tls_options;
  bool tls = false;
  std::int32_t process_id = 0;
  std::int32_t secret_key = 0;
  std::size_t max_message_bytes = std::size_t{1} << 30;
  bool broken = false;
  std::string broken_reason;

  // --- state reported by the server ---
  std::vector<std::pair<std::string, std::string>> parameters;
  TxStatus tx = TxStatus::Idle;
  std::deque<ServerFields> notices;

  // --- I/O buffers ---
  wire::Buffer out;
  std::vector<std::byte> in;  // storage; live bytes are [in_begin, in_end)
  std::size_t in_begin = 0;
  std::size_t in_end = 0;
  std::size_t current_size =
      0;  // frame handed out by the last next(); dropped by the following read

  // --- the message last returned by next() ---
  std::vector<Field> fields;
  std::vector<Value> row;
  std::vector<std::uint32_t> param_types;
  std::string_view tag;
  ServerFields error;
  std::span<const std::byte> copy;
  std::int16_t copy_format = 0;
  std::vector<wire::FieldDescription> field_scratch;

  // Drops the previous frame, then returns the next complete one, reading as needed. Errors
  // propagate as thrown by the stream/framer; callers classify them.
  wire::Frame read_frame(Clock::time_point deadline);
  // Writes and clears the output buffer.
  void flush_out(Clock::time_point deadline);

  void set_parameter(std::string_view name, std::string_view value);
  void add_notice(ServerFields f);
  void check_usable() const;
  void mark_broken(const std::string& reason);
  // Makes any failure of a receive/send fatal except a deadline (HYT00): rethrows as 08S01.
  [[noreturn]] void fail_io(std::exception_ptr e);
  // After ReadyForQuery: give back memory a very large message left behind.
  void maybe_shrink_input();
};

// Startup parameters in the order they are sent; extra_startup entries replace standard ones of
// the same name (case-insensitive) instead of duplicating them. An empty user becomes the
// operating-system user name, as libpq does.
std::vector<std::pair<std::string, std::string>> startup_parameters(const ConnectParams& params);

}  // namespace pgw::session
