#include "config/connect_params.hpp"

#include <pwd.h>
#include <unistd.h>

#include <charconv>
#include <string>
#include <string_view>

#include "common/error.hpp"

namespace pgw::config {
namespace {

std::vector<std::string_view> split_list(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = text.find(',', start);
    out.push_back(trim(text.substr(
        start, comma == std::string_view::npos ? std::string_view::npos : comma - start)));
    if (comma == std::string_view::npos) return out;
    start = comma + 1;
  }
}

std::string os_user_name() {
  std::vector<char> buffer(16384);
  passwd pw{};
  passwd* result = nullptr;
  if (getpwuid_r(geteuid(), &pw, buffer.data(), buffer.size(), &result) == 0 && result != nullptr &&
      result->pw_name != nullptr) {
    return result->pw_name;
  }
  return {};
}

net::SslMode ssl_mode(std::string_view text) {
  if (text == "disable") return net::SslMode::Disable;
  if (text == "allow") return net::SslMode::Allow;
  if (text == "require") return net::SslMode::Require;
  if (text == "verify-ca") return net::SslMode::VerifyCa;
  if (text == "verify-full") return net::SslMode::VerifyFull;
  return net::SslMode::Prefer;
}

session::ChannelBinding channel_binding(std::string_view text) {
  if (text == "disable") return session::ChannelBinding::Disable;
  if (text == "require") return session::ChannelBinding::Require;
  return session::ChannelBinding::Prefer;
}

std::int32_t as_int32(const ConnectionConfig& config, OptionId id) {
  return static_cast<std::int32_t>(config.integer(id));  // the registry bounds these to int32
}

}  // namespace

std::vector<session::HostSpec> host_list(const ConnectionConfig& config) {
  const std::string default_host(option(OptionId::Server).default_value);
  const std::vector<std::string_view> hosts = split_list(config.text(OptionId::Server));
  const std::vector<std::string_view> ports = split_list(config.text(OptionId::Port));
  if (ports.size() != 1 && ports.size() != hosts.size()) {
    throw DriverError("08001", "Port lists " + std::to_string(ports.size()) +
                                   " ports but Server lists " + std::to_string(hosts.size()) +
                                   " hosts: give one port for all hosts or one per host");
  }
  std::vector<session::HostSpec> out;
  out.reserve(hosts.size());
  for (std::size_t i = 0; i < hosts.size(); ++i) {
    session::HostSpec spec;
    spec.host = hosts[i].empty() ? default_host : std::string(hosts[i]);
    const std::string_view port = ports.size() == 1 ? ports[0] : ports[i];
    unsigned value = 5432;
    if (!port.empty()) std::from_chars(port.data(), port.data() + port.size(), value);  // validated
    spec.port = static_cast<std::uint16_t>(value);
    out.push_back(std::move(spec));
  }
  return out;
}

session::ConnectParams to_connect_params(const ConnectionConfig& config) {
  session::ConnectParams p;
  p.hosts = host_list(config);
  p.user = config.text(OptionId::Uid);
  if (p.user.empty()) p.user = os_user_name();
  p.password = config.text(OptionId::Pwd);
  p.database = config.text(OptionId::Database);
  p.application_name = config.text(OptionId::ApplicationName);
  p.options = config.text(OptionId::Options);
  p.tls.mode = ssl_mode(config.text(OptionId::SslMode));
  p.tls.root_cert = config.text(OptionId::SslRootCert);
  p.tls.cert = config.text(OptionId::SslCert);
  p.tls.key = config.text(OptionId::SslKey);
  p.tls.key_password = config.text(OptionId::SslPassword);
  p.tls.crl = config.text(OptionId::SslCrl);
  p.tls.sni = config.boolean(OptionId::SslSni);
  p.channel_binding = channel_binding(config.text(OptionId::ChannelBinding));
  p.connect_timeout = std::chrono::seconds(config.integer(OptionId::ConnectTimeout));
  return p;
}

TypeOptions type_options(const ConnectionConfig& config) {
  TypeOptions t;
  t.max_varchar_size = as_int32(config, OptionId::MaxVarcharSize);
  t.max_long_varchar_size = as_int32(config, OptionId::MaxLongVarcharSize);
  t.text_as_long_varchar = config.boolean(OptionId::TextAsLongVarchar);
  t.unknowns_as_long_varchar = config.boolean(OptionId::UnknownsAsLongVarchar);
  t.bools_as_char = config.boolean(OptionId::BoolsAsChar);
  t.bytea_as_long_varbinary = config.boolean(OptionId::ByteaAsLongVarBinary);
  t.fetch_rows = as_int32(config, OptionId::Fetch);
  return t;
}

}  // namespace pgw::config
