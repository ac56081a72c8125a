#pragma once
// Attribute values cross the API as a SQLPOINTER that holds either an integer or a pointer to a
// buffer; these helpers read and write the integer kinds.
#include <cstdint>

#include "odbc/odbc_headers.hpp"

namespace pgw::odbc {

inline SQLULEN integer_attribute(SQLPOINTER value) {
  return static_cast<SQLULEN>(reinterpret_cast<std::uintptr_t>(value));
}

// Stores an integer attribute of type T at `value` (if not null) and its size at `length`.
template <class T, class LengthT, class V>
void write_integer(SQLPOINTER value, LengthT* length, V v) {
  if (value != nullptr) *static_cast<T*>(value) = static_cast<T>(v);
  if (length != nullptr) *length = static_cast<LengthT>(sizeof(T));
}

}  // namespace pgw::odbc
