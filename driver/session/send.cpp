// Frontend messages: appended to the output buffer, written by send() in one write.
#include "session/session_impl.hpp"
#include "wire/frontend.hpp"

namespace pgw::session {

void Session::query(std::string_view sql) {
  impl_->check_usable();
  wire::encode(impl_->out, wire::Query{sql});
}

void Session::parse(std::string_view statement, std::string_view sql,
                    std::span<const std::uint32_t> param_oids) {
  impl_->check_usable();
  wire::encode(impl_->out, wire::Parse{statement, sql, param_oids});
}

void Session::bind(std::string_view portal, std::string_view statement,
                   std::span<const std::int16_t> param_formats, std::span<const Value> params,
                   std::span<const std::int16_t> result_formats) {
  impl_->check_usable();
  wire::encode_bind<Value>(impl_->out, portal, statement, param_formats, params, result_formats);
}

void Session::describe_statement(std::string_view statement) {
  impl_->check_usable();
  wire::encode(impl_->out, wire::Describe{wire::Target::Statement, statement});
}

void Session::describe_portal(std::string_view portal) {
  impl_->check_usable();
  wire::encode(impl_->out, wire::Describe{wire::Target::Portal, portal});
}

void Session::execute(std::string_view portal, std::int32_t max_rows) {
  impl_->check_usable();
  wire::encode(impl_->out, wire::Execute{portal, max_rows});
}

void Session::close_statement(std::string_view statement) {
  impl_->check_usable();
  wire::encode(impl_->out, wire::Close{wire::Target::Statement, statement});
}

void Session::close_portal(std::string_view portal) {
  impl_->check_usable();
  wire::encode(impl_->out, wire::Close{wire::Target::Portal, portal});
}

void Session::sync() {
  impl_->check_usable();
  wire::encode(impl_->out, wire::Sync{});
}

void Session::flush_request() {
  impl_->check_usable();
  wire::encode(impl_->out, wire::Flush{});
}

void Session::copy_data(std::span<const std::byte> data) {
  impl_->check_usable();
  wire::encode(impl_->out, wire::CopyData{data});
}

void Session::copy_done() {
  impl_->check_usable();
  wire::encode(impl_->out, wire::CopyDone{});
}

void Session::copy_fail(std::string_view reason) {
  impl_->check_usable();
  wire::encode(impl_->out, wire::CopyFail{reason});
}

void Session::send(Clock::time_point deadline) {
  Impl& s = *impl_;
  s.check_usable();
  try {
    s.flush_out(deadline);
  } catch (const DriverError& e) {
    // Unlike a read, a write cut short by the deadline may have sent part of a message; the
    // protocol cannot be resynchronised after that, so even HYT00 leaves the session broken.
    s.mark_broken(e.what());
    if (e.sqlstate() == "HYT00" || e.sqlstate() == "08S01") throw;
    throw DriverError("08S01", e.what());
  } catch (const std::exception& e) {
    s.mark_broken(e.what());
    throw;
  }
}

}  // namespace pgw::session
