// Session lifetime, state accessors and the run() convenience.
#include <charconv>
#include <optional>

#include "session/session_impl.hpp"
#include "wire/frontend.hpp"

namespace pgw::session {

namespace {
constexpr std::chrono::seconds kTerminateTimeout{2};
}

Session::Session(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Session::~Session() {
  if (!impl_ || !impl_->stream) return;
  try {
    if (!impl_->broken) {
      impl_->out.clear();
      wire::encode(impl_->out, wire::Terminate{});
      impl_->stream->write_all(impl_->out, Clock::now() + kTerminateTimeout);
    }
  } catch (...) {
  }
  try {
    impl_->stream->close();
  } catch (...) {
  }
}

std::string_view Session::parameter(std::string_view name) const {
  for (const auto& [n, v] : impl_->parameters)
    if (n == name) return v;
  return {};
}

const std::vector<std::pair<std::string, std::string>>& Session::parameters() const {
  return impl_->parameters;
}

TxStatus Session::transaction_status() const {
  return impl_->tx;
}
bool Session::broken() const {
  return impl_->broken;
}
bool Session::tls() const {
  return impl_->tls;
}
const HostSpec& Session::connected_host() const {
  return impl_->host;
}

CancelTarget Session::cancel_target() const {
  CancelTarget t{impl_->host, impl_->tls_options, impl_->process_id, impl_->secret_key};
  // Cancel the way we connected: a TLS session's cancel must not go out in clear, a plaintext
  // session's server may not offer TLS at all.
  if (!impl_->tls) {
    t.tls.mode = net::SslMode::Disable;
  } else if (t.tls.mode == net::SslMode::Allow || t.tls.mode == net::SslMode::Prefer) {
    t.tls.mode = net::SslMode::Require;
  }
  return t;
}

void Session::run(std::string_view sql, Clock::time_point deadline) {
  query(sql);
  send(deadline);
  std::optional<ServerFields> first_error;
  for (;;) {
    switch (next(deadline)) {
      case Event::Error:
        if (!first_error) first_error = error();
        break;
      case Event::CopyInResponse:
        copy_fail("COPY FROM STDIN is not supported here");
        send(deadline);
        break;
      case Event::ReadyForQuery:
        if (first_error) throw DriverError(std::move(*first_error));
        return;
      default:
        break;
    }
  }
}

std::int64_t Session::rows_from_tag(std::string_view tag) {
  const auto space = tag.rfind(' ');
  if (space == std::string_view::npos) return -1;
  const std::string_view num = tag.substr(space + 1);
  if (num.empty()) return -1;
  std::int64_t n = -1;
  const auto [end, ec] = std::from_chars(num.data(), num.data() + num.size(), n);
  if (ec != std::errc() || end != num.data() + num.size() || n < 0) return -1;
  return n;
}

}  // namespace pgw::session
