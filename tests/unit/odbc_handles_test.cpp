// Handle lifetime and environment/connection attributes through the core entry logic, without a
// driver manager and without a server.
#include <gtest/gtest.h>

#include "odbc/connection.hpp"
#include "odbc/diag_request.hpp"
#include "odbc/environment.hpp"
#include "odbc/handle_lifetime.hpp"

namespace pgw::odbc {
namespace {

std::string first_state(SQLSMALLINT type, SQLHANDLE h) {
  Handle* handle = find_handle(h, type);
  if (handle == nullptr || handle->diag().empty()) return "<none>";
  return handle->diag().records().front().sqlstate;
}

SQLPOINTER as_value(SQLULEN v) {
  return reinterpret_cast<SQLPOINTER>(v);
}

class HandlesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(allocate_handle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env), SQL_SUCCESS);
  }
  void TearDown() override {
    if (dbc != nullptr) {
      EXPECT_EQ(free_handle(SQL_HANDLE_DBC, dbc), SQL_SUCCESS);
    }
    EXPECT_EQ(free_handle(SQL_HANDLE_ENV, env), SQL_SUCCESS);
  }
  SQLRETURN set_env(SQLINTEGER attr, SQLULEN v) {
    return guarded<Environment>(env, [&](Environment& e) {
      e.set_attribute(attr, as_value(v), 0);
      return SQL_SUCCESS;
    });
  }
  SQLRETURN set_dbc(SQLINTEGER attr, SQLULEN v) {
    return guarded<Connection>(dbc, [&](Connection& c) {
      c.set_attribute(attr, as_value(v), 0, Encoding::Utf8);
      return SQL_SUCCESS;
    });
  }
  template <class T>
  SQLRETURN get_dbc(SQLINTEGER attr, T* value, SQLINTEGER* length = nullptr) {
    return guarded<Connection>(dbc, [&](Connection& c) {
      c.get_attribute(attr, value, sizeof(T), length, Encoding::Utf8);
      return SQL_SUCCESS;
    });
  }
  void make_dbc() {
    ASSERT_EQ(set_env(SQL_ATTR_ODBC_VERSION, SQL_OV_ODBC3), SQL_SUCCESS);
    ASSERT_EQ(allocate_handle(SQL_HANDLE_DBC, env, &dbc), SQL_SUCCESS);
  }
  SQLHANDLE env = nullptr;
  SQLHANDLE dbc = nullptr;
};

TEST_F(HandlesTest, ConnectionNeedsTheOdbcVersionFirst) {
  SQLHANDLE out = reinterpret_cast<SQLHANDLE>(0x1);
  EXPECT_EQ(allocate_handle(SQL_HANDLE_DBC, env, &out), SQL_ERROR);
  EXPECT_EQ(out, nullptr);
  EXPECT_EQ(first_state(SQL_HANDLE_ENV, env), "HY010");
  make_dbc();
  EXPECT_NE(find<Connection>(dbc), nullptr);
}

TEST_F(HandlesTest, OdbcVersionValues) {
  for (SQLULEN v : {SQL_OV_ODBC2, SQL_OV_ODBC3, SQL_OV_ODBC3_80}) {
    EXPECT_EQ(set_env(SQL_ATTR_ODBC_VERSION, v), SQL_SUCCESS);
    SQLINTEGER got = 0;
    guarded<Environment>(env, [&](Environment& e) {
      e.get_attribute(SQL_ATTR_ODBC_VERSION, &got, nullptr);
      return SQL_SUCCESS;
    });
    EXPECT_EQ(static_cast<SQLULEN>(got), v);
  }
  EXPECT_EQ(set_env(SQL_ATTR_ODBC_VERSION, 4), SQL_ERROR);
  EXPECT_EQ(first_state(SQL_HANDLE_ENV, env), "HY024");
}

TEST_F(HandlesTest, EnvironmentAttributes) {
  EXPECT_EQ(set_env(SQL_ATTR_OUTPUT_NTS, SQL_TRUE), SQL_SUCCESS);
  EXPECT_EQ(set_env(SQL_ATTR_OUTPUT_NTS, SQL_FALSE), SQL_ERROR);
  EXPECT_EQ(first_state(SQL_HANDLE_ENV, env), "HYC00");
  EXPECT_EQ(set_env(SQL_ATTR_CONNECTION_POOLING, SQL_CP_ONE_PER_HENV), SQL_SUCCESS);
  EXPECT_EQ(set_env(SQL_ATTR_CP_MATCH, SQL_CP_RELAXED_MATCH), SQL_SUCCESS);
  EXPECT_EQ(set_env(SQL_ATTR_CP_MATCH, 7), SQL_ERROR);
  EXPECT_EQ(first_state(SQL_HANDLE_ENV, env), "HY024");
  EXPECT_EQ(set_env(4242, 1), SQL_ERROR);
  EXPECT_EQ(first_state(SQL_HANDLE_ENV, env), "HY092");
  SQLUINTEGER pooling = 0, match = 0;
  SQLINTEGER nts = 0;
  guarded<Environment>(env, [&](Environment& e) {
    e.get_attribute(SQL_ATTR_CONNECTION_POOLING, &pooling, nullptr);
    e.get_attribute(SQL_ATTR_CP_MATCH, &match, nullptr);
    e.get_attribute(SQL_ATTR_OUTPUT_NTS, &nts, nullptr);
    return SQL_SUCCESS;
  });
  EXPECT_EQ(pooling, SQL_CP_ONE_PER_HENV);
  EXPECT_EQ(match, SQL_CP_RELAXED_MATCH);
  EXPECT_EQ(nts, SQL_TRUE);
}

TEST_F(HandlesTest, EnvironmentWithConnectionsCannotBeFreed) {
  make_dbc();
  EXPECT_EQ(free_handle(SQL_HANDLE_ENV, env), SQL_ERROR);
  EXPECT_EQ(first_state(SQL_HANDLE_ENV, env), "HY010");
  EXPECT_EQ(free_handle(SQL_HANDLE_DBC, dbc), SQL_SUCCESS);
  dbc = nullptr;
}

TEST_F(HandlesTest, FreedAndForeignHandlesAreInvalid) {
  make_dbc();
  SQLHANDLE stale = dbc;
  EXPECT_EQ(free_handle(SQL_HANDLE_DBC, dbc), SQL_SUCCESS);
  dbc = nullptr;
  EXPECT_EQ(free_handle(SQL_HANDLE_DBC, stale), SQL_INVALID_HANDLE);
  EXPECT_EQ(guarded<Connection>(stale, [](Connection&) { return SQL_SUCCESS; }),
            SQL_INVALID_HANDLE);
  int foreign = 0;
  EXPECT_EQ(free_handle(SQL_HANDLE_ENV, &foreign), SQL_INVALID_HANDLE);
  EXPECT_EQ(free_handle(SQL_HANDLE_DBC, env), SQL_INVALID_HANDLE);  // wrong type
  EXPECT_EQ(free_handle(SQL_HANDLE_STMT, env), SQL_INVALID_HANDLE);
  EXPECT_EQ(allocate_handle(SQL_HANDLE_DBC, &foreign, &dbc), SQL_INVALID_HANDLE);
  dbc = nullptr;
}

TEST_F(HandlesTest, StatementNeedsAnOpenConnection) {
  make_dbc();
  SQLHANDLE stmt = reinterpret_cast<SQLHANDLE>(0x1);
  EXPECT_EQ(allocate_handle(SQL_HANDLE_STMT, dbc, &stmt), SQL_ERROR);
  EXPECT_EQ(stmt, nullptr);
  EXPECT_EQ(first_state(SQL_HANDLE_DBC, dbc), "08003");
}

TEST_F(HandlesTest, ConnectionAttributeDefaultsBeforeConnecting) {
  make_dbc();
  SQLUINTEGER v = 99;
  EXPECT_EQ(get_dbc(SQL_ATTR_AUTOCOMMIT, &v), SQL_SUCCESS);
  EXPECT_EQ(v, SQL_AUTOCOMMIT_ON);
  EXPECT_EQ(get_dbc(SQL_ATTR_ACCESS_MODE, &v), SQL_SUCCESS);
  EXPECT_EQ(v, SQL_MODE_READ_WRITE);
  EXPECT_EQ(get_dbc(SQL_ATTR_LOGIN_TIMEOUT, &v), SQL_SUCCESS);
  EXPECT_EQ(v, 0u);
  EXPECT_EQ(get_dbc(SQL_ATTR_CONNECTION_DEAD, &v), SQL_SUCCESS);
  EXPECT_EQ(v, SQL_CD_TRUE);
  EXPECT_EQ(get_dbc(SQL_ATTR_AUTO_IPD, &v), SQL_SUCCESS);
  EXPECT_EQ(v, SQL_TRUE);
  SQLINTEGER length = 0;
  EXPECT_EQ(get_dbc(SQL_ATTR_PACKET_SIZE, &v, &length), SQL_SUCCESS);
  EXPECT_EQ(length, 4);
  EXPECT_EQ(get_dbc(SQL_ATTR_TXN_ISOLATION, &v), SQL_ERROR);  // not known before connecting
  EXPECT_EQ(first_state(SQL_HANDLE_DBC, dbc), "08003");
}

TEST_F(HandlesTest, ConnectionAttributesSetBeforeConnecting) {
  make_dbc();
  EXPECT_EQ(set_dbc(SQL_ATTR_AUTOCOMMIT, SQL_AUTOCOMMIT_OFF), SQL_SUCCESS);
  EXPECT_EQ(set_dbc(SQL_ATTR_LOGIN_TIMEOUT, 7), SQL_SUCCESS);
  EXPECT_EQ(set_dbc(SQL_ATTR_CONNECTION_TIMEOUT, 9), SQL_SUCCESS);
  EXPECT_EQ(set_dbc(SQL_ATTR_TXN_ISOLATION, SQL_TXN_SERIALIZABLE), SQL_SUCCESS);
  EXPECT_EQ(set_dbc(SQL_ATTR_ACCESS_MODE, SQL_MODE_READ_ONLY), SQL_SUCCESS);
  EXPECT_EQ(set_dbc(SQL_ATTR_METADATA_ID, SQL_TRUE), SQL_SUCCESS);
  SQLUINTEGER v = 0;
  get_dbc(SQL_ATTR_AUTOCOMMIT, &v);
  EXPECT_EQ(v, SQL_AUTOCOMMIT_OFF);
  get_dbc(SQL_ATTR_LOGIN_TIMEOUT, &v);
  EXPECT_EQ(v, 7u);
  get_dbc(SQL_ATTR_CONNECTION_TIMEOUT, &v);
  EXPECT_EQ(v, 9u);
  get_dbc(SQL_ATTR_TXN_ISOLATION, &v);
  EXPECT_EQ(v, static_cast<SQLUINTEGER>(SQL_TXN_SERIALIZABLE));
  get_dbc(SQL_ATTR_ACCESS_MODE, &v);
  EXPECT_EQ(v, SQL_MODE_READ_ONLY);
  get_dbc(SQL_ATTR_METADATA_ID, &v);
  EXPECT_EQ(v, SQL_TRUE);
  EXPECT_EQ(find<Connection>(dbc)->statement_defaults().metadata_id,
            static_cast<SQLULEN>(SQL_TRUE));
}

TEST_F(HandlesTest, InvalidValuesUnknownAndUnsupportedAttributes) {
  make_dbc();
  EXPECT_EQ(set_dbc(SQL_ATTR_AUTOCOMMIT, 5), SQL_ERROR);
  EXPECT_EQ(first_state(SQL_HANDLE_DBC, dbc), "HY024");
  EXPECT_EQ(set_dbc(SQL_ATTR_TXN_ISOLATION, 3), SQL_ERROR);
  EXPECT_EQ(first_state(SQL_HANDLE_DBC, dbc), "HY024");
  EXPECT_EQ(set_dbc(SQL_ATTR_ASYNC_ENABLE, SQL_ASYNC_ENABLE_ON), SQL_ERROR);
  EXPECT_EQ(first_state(SQL_HANDLE_DBC, dbc), "HYC00");
  EXPECT_EQ(set_dbc(SQL_ATTR_ASYNC_ENABLE, SQL_ASYNC_ENABLE_OFF), SQL_SUCCESS);
  EXPECT_EQ(set_dbc(SQL_ATTR_PACKET_SIZE, 4096), SQL_ERROR);
  EXPECT_EQ(first_state(SQL_HANDLE_DBC, dbc), "HYC00");
  EXPECT_EQ(set_dbc(SQL_ATTR_CONNECTION_DEAD, SQL_CD_FALSE), SQL_ERROR);
  EXPECT_EQ(first_state(SQL_HANDLE_DBC, dbc), "HY092");
  EXPECT_EQ(set_dbc(SQL_ATTR_TRANSLATE_LIB, 0), SQL_ERROR);
  EXPECT_EQ(first_state(SQL_HANDLE_DBC, dbc), "HYC00");
  EXPECT_EQ(set_dbc(77777, 1), SQL_ERROR);
  EXPECT_EQ(first_state(SQL_HANDLE_DBC, dbc), "HY092");
  SQLUINTEGER v = 0;
  EXPECT_EQ(get_dbc(77777, &v), SQL_ERROR);
  EXPECT_EQ(first_state(SQL_HANDLE_DBC, dbc), "HY092");
}

TEST_F(HandlesTest, StatementAttributesOnTheConnectionBecomeDefaults) {
  make_dbc();
  EXPECT_EQ(set_dbc(SQL_ATTR_MAX_ROWS, 10), SQL_SUCCESS);
  EXPECT_EQ(set_dbc(SQL_ATTR_QUERY_TIMEOUT, 30), SQL_SUCCESS);
  EXPECT_EQ(set_dbc(SQL_ROWSET_SIZE, 5), SQL_SUCCESS);
  const StatementDefaults& d = find<Connection>(dbc)->statement_defaults();
  EXPECT_EQ(d.max_rows, 10u);
  EXPECT_EQ(d.query_timeout, 30u);
  EXPECT_EQ(d.rowset_size, 5u);
  SQLULEN v = 0;
  EXPECT_EQ(get_dbc(SQL_ATTR_MAX_ROWS, &v), SQL_SUCCESS);
  EXPECT_EQ(v, 10u);
}

TEST_F(HandlesTest, CurrentCatalogBeforeConnecting) {
  make_dbc();
  char name[] = "otherdb";
  EXPECT_EQ(guarded<Connection>(dbc,
                                [&](Connection& c) {
                                  c.set_attribute(SQL_ATTR_CURRENT_CATALOG, name, SQL_NTS,
                                                  Encoding::Utf8);
                                  return SQL_SUCCESS;
                                }),
            SQL_SUCCESS);
  char out[4];
  SQLINTEGER length = 0;
  EXPECT_EQ(guarded<Connection>(dbc,
                                [&](Connection& c) {
                                  c.get_attribute(SQL_ATTR_CURRENT_CATALOG, out, sizeof out,
                                                  &length, Encoding::Utf8);
                                  return SQL_SUCCESS;
                                }),
            SQL_SUCCESS_WITH_INFO);
  EXPECT_EQ(length, 7);
  EXPECT_STREQ(out, "oth");
  EXPECT_EQ(first_state(SQL_HANDLE_DBC, dbc), "01004");
  // The W form measures in bytes.
  SQLWCHAR wide[16];
  EXPECT_EQ(guarded<Connection>(dbc,
                                [&](Connection& c) {
                                  c.get_attribute(SQL_ATTR_CURRENT_CATALOG, wide, sizeof wide,
                                                  &length, Encoding::Utf16);
                                  return SQL_SUCCESS;
                                }),
            SQL_SUCCESS);
  EXPECT_EQ(length, 14);
  EXPECT_EQ(wide[6], u'b');
}

TEST_F(HandlesTest, NotConnectedConnectionOperations) {
  make_dbc();
  EXPECT_EQ(guarded<Connection>(dbc,
                                [](Connection& c) {
                                  c.disconnect();
                                  return SQL_SUCCESS;
                                }),
            SQL_ERROR);
  EXPECT_EQ(first_state(SQL_HANDLE_DBC, dbc), "08003");
  EXPECT_EQ(guarded<Connection>(dbc,
                                [](Connection& c) {
                                  c.end_transaction(SQL_COMMIT);
                                  return SQL_SUCCESS;
                                }),
            SQL_ERROR);
  EXPECT_EQ(first_state(SQL_HANDLE_DBC, dbc), "08003");
  // SQLEndTran on the environment skips connections that are not open.
  EXPECT_EQ(
      guarded<Environment>(env, [](Environment& e) { return e.end_transactions(SQL_COMMIT); }),
      SQL_SUCCESS);
}

}  // namespace
}  // namespace pgw::odbc
