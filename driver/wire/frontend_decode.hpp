#pragma once
// Server-side decoding of frontend messages, for the scripted stand-in servers and round-trip
// tests. Typed messages are framed with next_frame(); the startup-phase packets (StartupMessage,
// SSLRequest, GSSENCRequest, CancelRequest) have no type byte and use next_startup_frame().
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "wire/frontend.hpp"

namespace pgw::wire::server {

struct StartupFrame {
  std::int32_t code = 0;            // kProtocol30, kSslRequestCode, kCancelRequestCode, ...
  std::span<const std::byte> body;  // after the code
  std::size_t total_size = 0;
};
std::optional<StartupFrame> next_startup_frame(std::span<const std::byte> in, std::size_t max_body);

std::vector<std::pair<std::string_view, std::string_view>> parse_startup_params(
    std::span<const std::byte> body);
CancelRequest parse_cancel_request(std::span<const std::byte> body);
Query parse_query(std::span<const std::byte> body);
Parse parse_parse(std::span<const std::byte> body, std::vector<std::uint32_t>& oids);
Bind parse_bind(std::span<const std::byte> body, std::vector<std::int16_t>& param_formats,
                std::vector<Param>& params, std::vector<std::int16_t>& result_formats);
Describe parse_describe(std::span<const std::byte> body);
Execute parse_execute(std::span<const std::byte> body);
Close parse_close(std::span<const std::byte> body);
PasswordMessage parse_password(std::span<const std::byte> body);
SASLInitialResponse parse_sasl_initial_response(std::span<const std::byte> body);
CopyFail parse_copy_fail(std::span<const std::byte> body);

}  // namespace pgw::wire::server
