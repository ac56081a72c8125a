#pragma once
// The backend events of one request, as a statement reads them: straight from the session while the
// statement streams (rows are views into the session's receive buffer), or replayed from memory
// once the connection took the wire back (finish_streaming) or when the driver built the result
// itself (SQLGetTypeInfo). The statement's result logic is written once, against this interface.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "session/session.hpp"

namespace pgw::odbc {

class Reply {
 public:
  virtual ~Reply() = default;
  // The next event; the accessors below describe it until the following next().
  virtual session::Event next() = 0;
  // Makes the next next() return the last event again (one event of look-ahead).
  virtual void put_back() = 0;
  virtual const std::vector<session::Field>& fields() const = 0;
  virtual std::span<const session::Value> row() const = 0;
  virtual std::string_view command_tag() const = 0;
  virtual const ServerFields& error() const = 0;
  virtual const std::vector<std::uint32_t>& param_types() const = 0;
  // True while the events come off the wire (the connection is busy with this request).
  virtual bool from_wire() const = 0;
};

// Reads the session. `deadline` is the statement's current deadline (read at every next()).
class WireReply final : public Reply {
 public:
  WireReply(session::Session& session, const session::Clock::time_point& deadline)
      : session_(session), deadline_(deadline) {}
  session::Event next() override;
  void put_back() override { replay_ = true; }
  const std::vector<session::Field>& fields() const override { return session_.fields(); }
  std::span<const session::Value> row() const override { return session_.row(); }
  std::string_view command_tag() const override { return session_.command_tag(); }
  const ServerFields& error() const override { return session_.error(); }
  const std::vector<std::uint32_t>& param_types() const override { return session_.param_types(); }
  bool from_wire() const override { return true; }
  session::Session& session() { return session_; }

 private:
  session::Session& session_;
  const session::Clock::time_point& deadline_;
  session::Event last_ = session::Event::ReadyForQuery;
  bool replay_ = false;
};

// Events held in memory.
class RecordedReply final : public Reply {
 public:
  // --- building ---
  void add_fields(std::vector<session::Field> fields);  // RowDescription
  void add_row(std::span<const session::Value> row);    // DataRow (copied)
  void add_row(const std::vector<std::optional<std::string>>& row);
  void add_command_complete(std::string tag);
  void add_error(ServerFields error);
  void add_param_types(std::vector<std::uint32_t> types);  // ParameterDescription
  void add(session::Event event);  // events without a payload (ReadyForQuery, NoData, ...)
  // Copies every event of `source` up to and including ReadyForQuery.
  void record_rest(Reply& source);

  // --- replay ---
  session::Event next() override;
  void put_back() override;
  const std::vector<session::Field>& fields() const override;
  std::span<const session::Value> row() const override { return row_; }
  std::string_view command_tag() const override;
  const ServerFields& error() const override;
  const std::vector<std::uint32_t>& param_types() const override;
  bool from_wire() const override { return false; }

 private:
  struct Entry {
    session::Event event;
    std::uint32_t index;  // into the list for its kind
  };
  std::vector<Entry> entries_;
  std::vector<std::vector<session::Field>> fields_;
  std::vector<std::string> rows_;  // per row: per column a 4-byte length (-1 = NULL) and the bytes
  std::vector<std::string> tags_;
  std::vector<ServerFields> errors_;
  std::vector<std::vector<std::uint32_t>> param_types_;

  std::size_t position_ = 0;  // next entry to replay
  std::vector<session::Value> row_;
  void decode_row(const std::string& bytes);
};

}  // namespace pgw::odbc
