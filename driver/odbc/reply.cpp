#include "odbc/reply.hpp"

#include <cstring>

namespace pgw::odbc {

using session::Event;

Event WireReply::next() {
  if (replay_) {
    replay_ = false;
    return last_;
  }
  last_ = session_.next(deadline_);
  return last_;
}

void RecordedReply::add_fields(std::vector<session::Field> fields) {
  entries_.push_back({Event::RowDescription, std::uint32_t(fields_.size())});
  fields_.push_back(std::move(fields));
}

void RecordedReply::add_row(std::span<const session::Value> row) {
  std::string bytes;
  std::size_t size = 0;
  for (const auto& v : row) size += 4 + (v.is_null() ? 0 : std::size_t(v.length));
  bytes.reserve(size);
  for (const auto& v : row) {
    std::int32_t length = v.is_null() ? -1 : v.length;
    bytes.append(reinterpret_cast<const char*>(&length), 4);
    if (length > 0) bytes.append(v.data, std::size_t(length));
  }
  entries_.push_back({Event::DataRow, std::uint32_t(rows_.size())});
  rows_.push_back(std::move(bytes));
}

void RecordedReply::add_row(const std::vector<std::optional<std::string>>& row) {
  std::vector<session::Value> values;
  values.reserve(row.size());
  for (const auto& v : row)
    values.push_back(v ? session::Value{v->data(), std::int32_t(v->size())} : session::Value{});
  add_row(values);
}

void RecordedReply::add_command_complete(std::string tag) {
  entries_.push_back({Event::CommandComplete, std::uint32_t(tags_.size())});
  tags_.push_back(std::move(tag));
}

void RecordedReply::add_error(ServerFields error) {
  entries_.push_back({Event::Error, std::uint32_t(errors_.size())});
  errors_.push_back(std::move(error));
}

void RecordedReply::add_param_types(std::vector<std::uint32_t> types) {
  entries_.push_back({Event::ParameterDescription, std::uint32_t(param_types_.size())});
  param_types_.push_back(std::move(types));
}

void RecordedReply::add(Event event) {
  entries_.push_back({event, 0});
}

void RecordedReply::record_rest(Reply& source) {
  for (;;) {
    const Event e = source.next();
    switch (e) {
      case Event::RowDescription:
        add_fields(source.fields());
        break;
      case Event::DataRow:
        add_row(source.row());
        break;
      case Event::CommandComplete:
        add_command_complete(std::string(source.command_tag()));
        break;
      case Event::Error:
        add_error(source.error());
        break;
      case Event::ParameterDescription:
        add_param_types(source.param_types());
        break;
      case Event::CopyData:
        break;  // COPY TO STDOUT data is not a result set
      default:
        add(e);
        break;
    }
    if (e == Event::ReadyForQuery) return;
  }
}

void RecordedReply::decode_row(const std::string& bytes) {
  row_.clear();
  std::size_t at = 0;
  while (at + 4 <= bytes.size()) {
    std::int32_t length;
    std::memcpy(&length, bytes.data() + at, 4);
    at += 4;
    if (length < 0) {
      row_.push_back(session::Value{});
    } else {
      row_.push_back(session::Value{bytes.data() + at, length});
      at += std::size_t(length);
    }
  }
}

Event RecordedReply::next() {
  // Past the end behaves as ReadyForQuery: the request is over.
  if (position_ >= entries_.size()) {
    ++position_;
    return Event::ReadyForQuery;
  }
  const Entry& e = entries_[position_++];
  if (e.event == Event::DataRow) decode_row(rows_[e.index]);
  return e.event;
}

void RecordedReply::put_back() {
  if (position_ > 0) --position_;
}

namespace {
template <class T>
const T& at_or_empty(const std::vector<T>& list, std::size_t index) {
  static const T empty{};
  return index < list.size() ? list[index] : empty;
}
}  // namespace

const std::vector<session::Field>& RecordedReply::fields() const {
  return at_or_empty(fields_, position_ > 0 && position_ <= entries_.size()
                                  ? entries_[position_ - 1].index
                                  : fields_.size());
}
std::string_view RecordedReply::command_tag() const {
  return at_or_empty(tags_, position_ > 0 && position_ <= entries_.size()
                                ? entries_[position_ - 1].index
                                : tags_.size());
}
const ServerFields& RecordedReply::error() const {
  return at_or_empty(errors_, position_ > 0 && position_ <= entries_.size()
                                  ? entries_[position_ - 1].index
                                  : errors_.size());
}
const std::vector<std::uint32_t>& RecordedReply::param_types() const {
  return at_or_empty(param_types_, position_ > 0 && position_ <= entries_.size()
                                       ? entries_[position_ - 1].index
                                       : param_types_.size());
}

}  // namespace pgw::odbc
