// SQLSetEnvAttr / SQLGetEnvAttr.
#include "odbc/environment.hpp"

using pgw::odbc::Environment;
using pgw::odbc::guarded;

extern "C" {

SQLRETURN SQL_API SQLSetEnvAttr(SQLHENV EnvironmentHandle, SQLINTEGER Attribute, SQLPOINTER Value,
                                SQLINTEGER StringLength) {
  return guarded<Environment>(EnvironmentHandle, [&](Environment& env) {
    env.set_attribute(Attribute, Value, StringLength);
    return SQL_SUCCESS;
  });
}

SQLRETURN SQL_API SQLGetEnvAttr(SQLHENV EnvironmentHandle, SQLINTEGER Attribute, SQLPOINTER Value,
                                SQLINTEGER /*BufferLength*/, SQLINTEGER* StringLength) {
  return guarded<Environment>(EnvironmentHandle, [&](Environment& env) {
    env.get_attribute(Attribute, Value, StringLength);
    return SQL_SUCCESS;
  });
}

}  // extern "C"
