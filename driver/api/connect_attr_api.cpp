// SQLSetConnectAttr(W) / SQLGetConnectAttr(W). String values are measured in bytes in both
// variants.
#include "odbc/connection.hpp"

using pgw::odbc::Connection;
using pgw::odbc::Encoding;
using pgw::odbc::guarded;

extern "C" {

SQLRETURN SQL_API SQLSetConnectAttr(SQLHDBC ConnectionHandle, SQLINTEGER Attribute,
                                    SQLPOINTER Value, SQLINTEGER StringLength) {
  return guarded<Connection>(ConnectionHandle, [&](Connection& c) {
    c.set_attribute(Attribute, Value, StringLength, Encoding::Utf8);
    return SQL_SUCCESS;
  });
}

SQLRETURN SQL_API SQLSetConnectAttrW(SQLHDBC ConnectionHandle, SQLINTEGER Attribute,
                                     SQLPOINTER Value, SQLINTEGER StringLength) {
  return guarded<Connection>(ConnectionHandle, [&](Connection& c) {
    c.set_attribute(Attribute, Value, StringLength, Encoding::Utf16);
    return SQL_SUCCESS;
  });
}

SQLRETURN SQL_API SQLGetConnectAttr(SQLHDBC ConnectionHandle, SQLINTEGER Attribute,
                                    SQLPOINTER Value, SQLINTEGER BufferLength,
                                    SQLINTEGER* StringLength) {
  return guarded<Connection>(ConnectionHandle, [&](Connection& c) {
    c.get_attribute(Attribute, Value, BufferLength, StringLength, Encoding::Utf8);
    return SQL_SUCCESS;
  });
}

SQLRETURN SQL_API SQLGetConnectAttrW(SQLHDBC ConnectionHandle, SQLINTEGER Attribute,
                                     SQLPOINTER Value, SQLINTEGER BufferLength,
                                     SQLINTEGER* StringLength) {
  return guarded<Connection>(ConnectionHandle, [&](Connection& c) {
    c.get_attribute(Attribute, Value, BufferLength, StringLength, Encoding::Utf16);
    return SQL_SUCCESS;
  });
}

}  // extern "C"
