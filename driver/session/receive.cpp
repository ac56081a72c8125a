// next(): decoding backend messages into events and the accessors for their contents.
#include <string>

#include "session/session_impl.hpp"

namespace pgw::session {

namespace {

constexpr std::size_t kMaxQueuedNotices = 1000;

std::string type_text(char t) {
  const auto c = static_cast<unsigned char>(t);
  return c >= 0x20 && c < 0x7F ? std::string("'") + t + "'" : "byte " + std::to_string(c);
}

}  // namespace

void Session::Impl::set_parameter(std::string_view name, std::string_view value) {
  for (auto& [n, v] : parameters) {
    if (n == name) {
      v.assign(value);
      return;
    }
  }
  parameters.emplace_back(std::string(name), std::string(value));
}

void Session::Impl::add_notice(ServerFields f) {
  // An application that never reads notices must not make us grow without bound.
  if (notices.size() >= kMaxQueuedNotices) notices.pop_front();
  notices.push_back(std::move(f));
}

Event Session::next(Clock::time_point deadline) {
  Impl& s = *impl_;
  s.check_usable();
  try {
    for (;;) {
      const wire::Frame f = s.read_frame(deadline);
      switch (f.type) {
        case wire::msg::DataRow:
          wire::parse_data_row(f.body, s.row);
          return Event::DataRow;
        case wire::msg::RowDescription: {
          wire::parse_row_description(f.body, s.field_scratch);
          s.fields.resize(s.field_scratch.size());
          for (std::size_t i = 0; i < s.fields.size(); ++i) {
            const auto& d = s.field_scratch[i];
            Field& out = s.fields[i];
            out.name.assign(d.name);
            out.table_oid = d.table_oid;
            out.column_number = d.column_number;
            out.type_oid = d.type_oid;
            out.type_size = d.type_size;
            out.type_modifier = d.type_modifier;
            out.format = d.format;
          }
          return Event::RowDescription;
        }
        case wire::msg::CommandComplete:
          s.tag = wire::parse_command_complete(f.body);
          return Event::CommandComplete;
        case wire::msg::ReadyForQuery:
          s.tx = static_cast<TxStatus>(wire::parse_ready_for_query(f.body));
          s.maybe_shrink_input();
          return Event::ReadyForQuery;
        case wire::msg::ParseComplete:
          wire::parse_empty(f.body, "ParseComplete");
          return Event::ParseComplete;
        case wire::msg::BindComplete:
          wire::parse_empty(f.body, "BindComplete");
          return Event::BindComplete;
        case wire::msg::CloseComplete:
          wire::parse_empty(f.body, "CloseComplete");
          return Event::CloseComplete;
        case wire::msg::NoData:
          wire::parse_empty(f.body, "NoData");
          return Event::NoData;
        case wire::msg::EmptyQueryResponse:
          wire::parse_empty(f.body, "EmptyQueryResponse");
          return Event::EmptyQuery;
        case wire::msg::PortalSuspended:
          wire::parse_empty(f.body, "PortalSuspended");
          return Event::PortalSuspended;
        case wire::msg::ParameterDescription:
          wire::parse_parameter_description(f.body, s.param_types);
          return Event::ParameterDescription;
        case wire::msg::ErrorResponse:
          s.error = wire::parse_error_fields(f.body);
          return Event::Error;
        case wire::msg::CopyInResponse:
          s.copy_format = wire::parse_copy_response(f.body, "CopyInResponse").format;
          return Event::CopyInResponse;
        case wire::msg::CopyOutResponse:
          s.copy_format = wire::parse_copy_response(f.body, "CopyOutResponse").format;
          return Event::CopyOutResponse;
        case wire::msg::CopyData:
          s.copy = f.body;
          return Event::CopyData;
        case wire::msg::CopyDone:
          wire::parse_empty(f.body, "CopyDone");
          return Event::CopyDone;
        case wire::msg::ParameterStatus: {
          const auto p = wire::parse_parameter_status(f.body);
          s.set_parameter(p.name, p.value);
          break;
        }
        case wire::msg::NoticeResponse:
          s.add_notice(wire::parse_error_fields(f.body, "NoticeResponse"));
          break;
        case wire::msg::NotificationResponse:
          wire::parse_notification(f.body);  // validated; LISTEN is not exposed through ODBC
          break;
        case wire::msg::BackendKeyData: {
          const auto k = wire::parse_backend_key_data(f.body);
          s.process_id = k.process_id;
          s.secret_key = k.secret_key;
          break;
        }
        case wire::msg::CopyBothResponse:
          throw DriverError(
              "08P01", "server started a COPY BOTH (replication) exchange, which is not supported");
        default:
          throw DriverError("08P01",
                            "unexpected message type " + type_text(f.type) + " from server");
      }
    }
  } catch (...) {
    s.fail_io(std::current_exception());
  }
}

const std::vector<Field>& Session::fields() const {
  return impl_->fields;
}
std::span<const Value> Session::row() const {
  return impl_->row;
}
const std::vector<std::uint32_t>& Session::param_types() const {
  return impl_->param_types;
}
std::string_view Session::command_tag() const {
  return impl_->tag;
}
const ServerFields& Session::error() const {
  return impl_->error;
}
std::span<const std::byte> Session::copy_data_in() const {
  return impl_->copy;
}
std::int16_t Session::copy_format() const {
  return impl_->copy_format;
}

std::vector<ServerFields> Session::take_notices() {
  std::vector<ServerFields> out(std::make_move_iterator(impl_->notices.begin()),
                                std::make_move_iterator(impl_->notices.end()));
  impl_->notices.clear();
  return out;
}

}  // namespace pgw::session
