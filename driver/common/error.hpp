#pragma once
// The one exception type that carries a diagnostic from any layer up to the ODBC entry-point
// barrier, which turns it into a diagnostic record. Layers below odbc/ know SQLSTATEs but not
// handles.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>

namespace pgw {

// Fields of a PostgreSQL ErrorResponse/NoticeResponse we surface to applications.
struct ServerFields {
  std::string severity;             // 'V' (non-localized) if present, else 'S'
  std::string sqlstate;             // 'C'
  std::string message;              // 'M'
  std::string detail;               // 'D'
  std::string hint;                 // 'H'
  std::string position;             // 'P'
  std::string internal_position;    // 'p'
  std::string internal_query;       // 'q'
  std::string where;                // 'W'
  std::string schema_name;          // 's'
  std::string table_name;           // 't'
  std::string column_name;          // 'c'
  std::string data_type_name;       // 'd'
  std::string constraint_name;      // 'n'
  std::string file, line, routine;  // 'F' 'L' 'R'
};

class DriverError : public std::runtime_error {
 public:
  DriverError(std::string sqlstate, const std::string& message, std::int32_t native = 0)
      : std::runtime_error(message), sqlstate_(std::move(sqlstate)), native_(native) {}
  // An error the server reported; the text shown to applications is built from its fields.
  explicit DriverError(ServerFields fields)
      : std::runtime_error(fields.message),
        sqlstate_(fields.sqlstate.empty() ? "HY000" : fields.sqlstate),
        server_(std::move(fields)),
        from_server_(true) {}

  const std::string& sqlstate() const noexcept { return sqlstate_; }
  std::int32_t native() const noexcept { return native_; }
  bool from_server() const noexcept { return from_server_; }
  const ServerFields& server() const noexcept { return server_; }

 private:
  std::string sqlstate_;
  std::int32_t native_ = 0;
  ServerFields server_;
  bool from_server_ = false;
};

}  // namespace pgw
