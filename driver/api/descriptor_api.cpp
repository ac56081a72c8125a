// Descriptor fields and records.
#include "odbc/descriptor.hpp"

using pgw::odbc::Descriptor;
using pgw::odbc::Encoding;
using pgw::odbc::guarded;
using pgw::odbc::LengthUnit;
using pgw::odbc::StringOut;

extern "C" {

SQLRETURN SQL_API SQLGetDescField(SQLHDESC descriptor, SQLSMALLINT record, SQLSMALLINT field,
                                  SQLPOINTER value, SQLINTEGER buffer_length, SQLINTEGER* length) {
  return guarded<Descriptor>(descriptor, [&](Descriptor& d) {
    return d.get_field(record, field, value, buffer_length, length, Encoding::Utf8);
  });
}

SQLRETURN SQL_API SQLGetDescFieldW(SQLHDESC descriptor, SQLSMALLINT record, SQLSMALLINT field,
                                   SQLPOINTER value, SQLINTEGER buffer_length, SQLINTEGER* length) {
  return guarded<Descriptor>(descriptor, [&](Descriptor& d) {
    return d.get_field(record, field, value, buffer_length, length, Encoding::Utf16);
  });
}

SQLRETURN SQL_API SQLSetDescField(SQLHDESC descriptor, SQLSMALLINT record, SQLSMALLINT field,
                                  SQLPOINTER value, SQLINTEGER buffer_length) {
  return guarded<Descriptor>(descriptor, [&](Descriptor& d) {
    return d.set_field(record, field, value, buffer_length, Encoding::Utf8);
  });
}

SQLRETURN SQL_API SQLSetDescFieldW(SQLHDESC descriptor, SQLSMALLINT record, SQLSMALLINT field,
                                   SQLPOINTER value, SQLINTEGER buffer_length) {
  return guarded<Descriptor>(descriptor, [&](Descriptor& d) {
    return d.set_field(record, field, value, buffer_length, Encoding::Utf16);
  });
}

SQLRETURN SQL_API SQLGetDescRec(SQLHDESC descriptor, SQLSMALLINT record, SQLCHAR* name,
                                SQLSMALLINT buffer_length, SQLSMALLINT* name_length,
                                SQLSMALLINT* type, SQLSMALLINT* subtype, SQLLEN* length,
                                SQLSMALLINT* precision, SQLSMALLINT* scale, SQLSMALLINT* nullable) {
  return guarded<Descriptor>(descriptor, [&](Descriptor& d) {
    return d.get_record(record, StringOut{name, buffer_length, Encoding::Utf8, LengthUnit::Bytes},
                        name_length, type, subtype, length, precision, scale, nullable);
  });
}

SQLRETURN SQL_API SQLGetDescRecW(SQLHDESC descriptor, SQLSMALLINT record, SQLWCHAR* name,
                                 SQLSMALLINT buffer_length, SQLSMALLINT* name_length,
                                 SQLSMALLINT* type, SQLSMALLINT* subtype, SQLLEN* length,
                                 SQLSMALLINT* precision, SQLSMALLINT* scale,
                                 SQLSMALLINT* nullable) {
  return guarded<Descriptor>(descriptor, [&](Descriptor& d) {
    return d.get_record(record, StringOut{name, buffer_length, Encoding::Utf16, LengthUnit::Chars},
                        name_length, type, subtype, length, precision, scale, nullable);
  });
}

SQLRETURN SQL_API SQLSetDescRec(SQLHDESC descriptor, SQLSMALLINT record, SQLSMALLINT type,
                                SQLSMALLINT subtype, SQLLEN length, SQLSMALLINT precision,
                                SQLSMALLINT scale, SQLPOINTER data, SQLLEN* string_length,
                                SQLLEN* indicator) {
  return guarded<Descriptor>(descriptor, [&](Descriptor& d) {
    return d.set_record(record, type, subtype, length, precision, scale, data, string_length,
                        indicator);
  });
}

SQLRETURN SQL_API SQLCopyDesc(SQLHDESC source, SQLHDESC target) {
  return guarded<Descriptor>(target,
                             [&](Descriptor& t) { return pgw::odbc::copy_descriptor(source, t); });
}

}  // extern "C"
