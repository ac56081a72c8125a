// SQLSetConnectAttr / SQLGetConnectAttr.
#include "odbc/attribute_value.hpp"
#include "odbc/connection.hpp"
#include "odbc/isolation.hpp"

namespace pgw::odbc {
namespace {

using session::TxStatus;

// What SQL_ATTR_PACKET_SIZE reports: the size of the chunks the driver reads from the socket. The
// protocol has no packets of its own; messages of any size span as many reads as they need.
constexpr SQLUINTEGER kPacketSize = 8192;

// ODBC 3.8 attributes unixODBC's headers do not define (values from the ODBC specification).
constexpr SQLINTEGER kAttrDbcInfoToken = 118;
constexpr SQLINTEGER kAttrAsyncDbcEvent = 119;
constexpr SQLINTEGER kAttrAsyncDbcCallback = 120;
constexpr SQLINTEGER kAttrAsyncDbcContext = 121;

[[noreturn]] void unsupported(const std::string& what) {
  throw DriverError("HYC00", what);
}

void require(bool ok, const char* message) {
  if (!ok) throw DriverError("HY024", message);
}

std::string string_attribute(SQLPOINTER value, SQLINTEGER length, Encoding encoding) {
  if (value == nullptr) throw DriverError("HY009", "the attribute value is a null pointer");
  if (encoding == Encoding::Utf16)
    return utf8_from(
        static_cast<const SQLWCHAR*>(value),
        length == SQL_NTS ? SQL_NTS : length / static_cast<SQLINTEGER>(sizeof(SQLWCHAR)));
  return utf8_from(static_cast<const SQLCHAR*>(value), length);
}

// The statement attributes an ODBC 2 application may set on a connection.
SQLULEN* statement_default(StatementDefaults& d, SQLINTEGER attribute) {
  switch (attribute) {
    case SQL_ATTR_QUERY_TIMEOUT:
      return &d.query_timeout;
    case SQL_ATTR_MAX_ROWS:
      return &d.max_rows;
    case SQL_ATTR_NOSCAN:
      return &d.noscan;
    case SQL_ATTR_MAX_LENGTH:
      return &d.max_length;
    case SQL_ATTR_ROW_BIND_TYPE:
      return &d.row_bind_type;
    case SQL_ATTR_CURSOR_TYPE:
      return &d.cursor_type;
    case SQL_ATTR_CONCURRENCY:
      return &d.concurrency;
    case SQL_ATTR_KEYSET_SIZE:
      return &d.keyset_size;
    case SQL_ROWSET_SIZE:
      return &d.rowset_size;
    case SQL_ATTR_SIMULATE_CURSOR:
      return &d.simulate_cursor;
    case SQL_ATTR_RETRIEVE_DATA:
      return &d.retrieve_data;
    case SQL_ATTR_USE_BOOKMARKS:
      return &d.use_bookmarks;
    default:
      return nullptr;
  }
}

}  // namespace

void Connection::set_attribute(SQLINTEGER attribute, SQLPOINTER value, SQLINTEGER length,
                               Encoding encoding) {
  const SQLULEN v = integer_attribute(value);
  auto transaction_open = [&] {
    return connected() && session().transaction_status() != TxStatus::Idle;
  };
  switch (attribute) {
    case SQL_ATTR_ACCESS_MODE:
      require(v == SQL_MODE_READ_ONLY || v == SQL_MODE_READ_WRITE,
              "invalid SQL_ATTR_ACCESS_MODE value");
      if (connected()) {
        if (transaction_open())
          throw DriverError("HY011", "SQL_ATTR_ACCESS_MODE cannot change inside a transaction");
        internal_query(v == SQL_MODE_READ_ONLY
                           ? "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY"
                           : "SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE");
      }
      access_mode_ = static_cast<SQLUINTEGER>(v);
      return;
    case SQL_ATTR_AUTOCOMMIT:
      require(v == SQL_AUTOCOMMIT_ON || v == SQL_AUTOCOMMIT_OFF,
              "invalid SQL_ATTR_AUTOCOMMIT value");
      // Switching to auto-commit commits the open transaction (ODBC says so); if that commit
      // fails, the mode stays manual and the application gets the error.
      if (v == SQL_AUTOCOMMIT_ON && !autocommit_ && connected()) end_transaction(SQL_COMMIT);
      autocommit_ = v == SQL_AUTOCOMMIT_ON;
      return;
    case SQL_ATTR_LOGIN_TIMEOUT:
      login_timeout_ = static_cast<SQLUINTEGER>(v);
      return;
    case SQL_ATTR_CONNECTION_TIMEOUT:
      connection_timeout_ = static_cast<SQLUINTEGER>(v);
      return;
    case SQL_ATTR_TXN_ISOLATION: {
      const std::string_view level = isolation_sql(static_cast<SQLUINTEGER>(v));
      require(!level.empty(), "invalid SQL_ATTR_TXN_ISOLATION value");
      if (connected()) {
        if (transaction_open())
          throw DriverError("HY011",
                            "SQL_ATTR_TXN_ISOLATION cannot change inside a transaction; "
                            "end it with SQLEndTran first");
        internal_query("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL " +
                       std::string(level));
      }
      isolation_ = static_cast<SQLUINTEGER>(v);
      return;
    }
    case SQL_ATTR_CURRENT_CATALOG: {
      std::string catalog = string_attribute(value, length, encoding);
      if (!connected()) {
        catalog_ = std::move(catalog);
        return;
      }
      if (catalog == database_name()) return;
      unsupported(
          "a PostgreSQL session cannot switch to another database (catalog); connect with "
          "Database=" +
          catalog + " instead");
    }
    case SQL_ATTR_METADATA_ID:
      require(v == SQL_TRUE || v == SQL_FALSE,
              "SQL_ATTR_METADATA_ID must be SQL_TRUE or SQL_FALSE");
      statement_defaults_.metadata_id = v;
      return;
    case SQL_ATTR_ASYNC_ENABLE:
      if (v != SQL_ASYNC_ENABLE_OFF) unsupported("asynchronous execution is not supported");
      return;
    case SQL_ATTR_ASYNC_DBC_FUNCTIONS_ENABLE:
      if (v != SQL_ASYNC_DBC_ENABLE_OFF)
        unsupported("asynchronous connection functions are not supported");
      return;
    case SQL_ATTR_QUIET_MODE:
      quiet_mode_ = value;  // the driver never shows dialogs, so there is nothing to silence
      return;
    case SQL_ATTR_ANSI_APP:
      require(v == SQL_AA_TRUE || v == SQL_AA_FALSE, "invalid SQL_ATTR_ANSI_APP value");
      ansi_app_ = static_cast<SQLUINTEGER>(v);
      return;
    case SQL_ATTR_PACKET_SIZE:
      unsupported("the packet size is not configurable");
    case SQL_ATTR_CONNECTION_DEAD:
    case SQL_ATTR_AUTO_IPD:
      throw DriverError("HY092", "attribute " + std::to_string(attribute) + " is read-only");
    case SQL_ATTR_TRACE:
    case SQL_ATTR_TRACEFILE:
      unsupported("tracing is done by the driver manager");
    case SQL_ATTR_TRANSLATE_LIB:
    case SQL_ATTR_TRANSLATE_OPTION:
      unsupported("translation libraries are not supported");
    case SQL_ATTR_ODBC_CURSORS:
      unsupported("the cursor library is the driver manager's");
    case SQL_ATTR_RESET_CONNECTION:
    case kAttrDbcInfoToken:
      unsupported("driver-aware connection pooling is not supported");
    case kAttrAsyncDbcEvent:
    case kAttrAsyncDbcCallback:
    case kAttrAsyncDbcContext:
      unsupported("asynchronous notification is not supported");
    case SQL_ATTR_ENLIST_IN_DTC:
    case SQL_ATTR_ENLIST_IN_XA:
      unsupported("distributed transactions are not supported");
    default:
      if (SQLULEN* slot = statement_default(statement_defaults_, attribute)) {
        *slot = v;
        return;
      }
      throw DriverError("HY092", "unknown connection attribute " + std::to_string(attribute));
  }
}

void Connection::get_attribute(SQLINTEGER attribute, SQLPOINTER value, SQLINTEGER buffer_length,
                               SQLINTEGER* length, Encoding encoding) {
  switch (attribute) {
    case SQL_ATTR_ACCESS_MODE:
      return write_integer<SQLUINTEGER>(value, length, access_mode_);
    case SQL_ATTR_AUTOCOMMIT:
      return write_integer<SQLUINTEGER>(value, length,
                                        autocommit_ ? SQL_AUTOCOMMIT_ON : SQL_AUTOCOMMIT_OFF);
    case SQL_ATTR_LOGIN_TIMEOUT:
      return write_integer<SQLUINTEGER>(value, length, login_timeout_);
    case SQL_ATTR_CONNECTION_TIMEOUT:
      return write_integer<SQLUINTEGER>(value, length, connection_timeout_);
    case SQL_ATTR_TXN_ISOLATION:
      return write_integer<SQLUINTEGER>(value, length, current_isolation());
    case SQL_ATTR_CURRENT_CATALOG: {
      std::string catalog;
      if (connected())
        catalog = database_name();
      else if (catalog_)
        catalog = *catalog_;
      else
        throw DriverError("08003", "the connection is not open: there is no current catalog yet");
      write_string(StringOut{value, buffer_length, encoding, LengthUnit::Bytes}, catalog, length,
                   diag());
      return;
    }
    case SQL_ATTR_CONNECTION_DEAD: {
      const bool dead = !session_ || lost_ || session_->broken();
      return write_integer<SQLUINTEGER>(value, length, dead ? SQL_CD_TRUE : SQL_CD_FALSE);
    }
    case SQL_ATTR_METADATA_ID:
      return write_integer<SQLUINTEGER>(value, length, statement_defaults_.metadata_id);
    case SQL_ATTR_ASYNC_ENABLE:
      return write_integer<SQLULEN>(value, length, SQL_ASYNC_ENABLE_OFF);
    case SQL_ATTR_ASYNC_DBC_FUNCTIONS_ENABLE:
      return write_integer<SQLUINTEGER>(value, length, SQL_ASYNC_DBC_ENABLE_OFF);
    case SQL_ATTR_QUIET_MODE:
      if (value != nullptr) *static_cast<SQLPOINTER*>(value) = quiet_mode_;
      if (length != nullptr) *length = sizeof(SQLPOINTER);
      return;
    case SQL_ATTR_PACKET_SIZE:
      return write_integer<SQLUINTEGER>(value, length, kPacketSize);
    case SQL_ATTR_AUTO_IPD:
      return write_integer<SQLUINTEGER>(value, length, SQL_TRUE);
    case SQL_ATTR_ANSI_APP:
      return write_integer<SQLUINTEGER>(value, length, ansi_app_);
    default:
      if (SQLULEN* slot = statement_default(statement_defaults_, attribute))
        return write_integer<SQLULEN>(value, length, *slot);
      throw DriverError("HY092", "unknown connection attribute " + std::to_string(attribute));
  }
}

}  // namespace pgw::odbc
