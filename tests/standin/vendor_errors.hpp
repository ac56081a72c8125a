#pragma once
// ErrorResponse the way each vendor writes it (vendors.md rows "error fields" and "retryable
// SQLSTATE").
#include <span>
#include <string_view>

#include "vendor.hpp"
#include "wire/buffer.hpp"

namespace pgw::standin {

// An error the stand-in makes up itself. CockroachDB: fields S C M [H] (its SQL proxy's order);
// CrateDB: S M C F R L W with a Java stack trace in W.
void encode_error(Vendor v, wire::Buffer& out, std::string_view severity, std::string_view sqlstate,
                  std::string_view message, std::string_view hint = {});

// An ErrorResponse body from PostgreSQL, re-emitted as the vendor would send it. CockroachDB:
// unchanged except that a 40001 message starts "restart transaction: "; CrateDB: S M C F R L W.
void relay_error(Vendor v, std::span<const std::byte> body, wire::Buffer& out);

// The SQLSTATE of an ErrorResponse body ("" if none or malformed).
std::string sqlstate_of(std::span<const std::byte> body);

}  // namespace pgw::standin
