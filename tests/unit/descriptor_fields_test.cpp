// SQLGetDescField / SQLSetDescField permissions and side effects, per descriptor kind.
#include <gtest/gtest.h>

#include <cstring>

#include "odbc/connection.hpp"
#include "odbc/descriptor.hpp"
#include "odbc/environment.hpp"

namespace pgw::odbc {
namespace {

class DescriptorFields : public ::testing::Test {
 protected:
  Descriptor make(DescKind kind) { return Descriptor(connection, kind, nullptr); }

  // The SQLSTATE a call throws, "ok" when it succeeds, "no data" for SQL_NO_DATA.
  template <class F>
  static std::string state(F&& call) {
    try {
      return call() == SQL_NO_DATA ? "no data" : "ok";
    } catch (const DriverError& e) {
      return e.sqlstate();
    }
  }
  static std::string set(Descriptor& d, SQLSMALLINT record, SQLSMALLINT field, SQLLEN value) {
    return state([&] {
      return d.set_field(record, field, reinterpret_cast<SQLPOINTER>(value), 0, Encoding::Utf8);
    });
  }
  static std::string get(Descriptor& d, SQLSMALLINT record, SQLSMALLINT field, void* out) {
    char text[64];
    return state([&] {
      return d.get_field(record, field, out ? out : text, sizeof text, nullptr, Encoding::Utf8);
    });
  }

  Environment env;
  Connection connection{env};
};

TEST_F(DescriptorFields, ImplementationRowDescriptorIsReadOnly) {
  Descriptor ird = make(DescKind::IRD);
  ird.records().push_back(ird.blank_record());
  ird.records()[0].name = "col";
  EXPECT_EQ(set(ird, 1, SQL_DESC_NAME, 0), "HY016");
  EXPECT_EQ(set(ird, 1, SQL_DESC_TYPE, SQL_INTEGER), "HY016");
  EXPECT_EQ(set(ird, 0, SQL_DESC_ARRAY_SIZE, 5), "HY016");
  EXPECT_EQ(set(ird, 0, SQL_DESC_COUNT, 2), "HY016");
  EXPECT_EQ(set(ird, 0, SQL_DESC_ROWS_PROCESSED_PTR, 0), "ok");  // the one writable header field
  char name[16] = {0};
  SQLINTEGER length = 0;
  ASSERT_EQ(ird.get_field(1, SQL_DESC_NAME, name, sizeof name, &length, Encoding::Utf8),
            SQL_SUCCESS);
  EXPECT_STREQ(name, "col");
  EXPECT_EQ(length, 3);
  EXPECT_EQ(get(ird, 1, SQL_DESC_DATA_PTR, nullptr), "HY091");  // not an IRD field
  EXPECT_EQ(get(ird, 2, SQL_DESC_NAME, nullptr), "no data");
}

TEST_F(DescriptorFields, ApplicationDescriptorsHoldBindings) {
  Descriptor ard = make(DescKind::ARD);
  SQLINTEGER buffer = 0;
  SQLLEN indicator = 0;
  EXPECT_EQ(set(ard, 1, SQL_DESC_CONCISE_TYPE, SQL_C_SLONG), "ok");
  EXPECT_EQ(set(ard, 1, SQL_DESC_INDICATOR_PTR, reinterpret_cast<SQLLEN>(&indicator)), "ok");
  EXPECT_EQ(set(ard, 1, SQL_DESC_DATA_PTR, reinterpret_cast<SQLLEN>(&buffer)), "ok");
  EXPECT_EQ(ard.count(), 1);
  EXPECT_EQ(ard.find(1)->data_ptr, &buffer);
  EXPECT_EQ(ard.find(1)->type, SQL_C_SLONG);
  // Changing another field of the record unbinds it (ODBC: SQLSetDescField).
  EXPECT_EQ(set(ard, 1, SQL_DESC_OCTET_LENGTH, 4), "ok");
  EXPECT_EQ(ard.find(1)->data_ptr, nullptr);
  EXPECT_EQ(ard.find(1)->indicator_ptr, &indicator);
  // Not application-descriptor fields.
  EXPECT_EQ(set(ard, 1, SQL_DESC_NAME, 0), "HY091");
  EXPECT_EQ(set(ard, 1, SQL_DESC_PARAMETER_TYPE, SQL_PARAM_INPUT), "HY091");
  EXPECT_EQ(get(ard, 1, SQL_DESC_NULLABLE, nullptr), "HY091");
  EXPECT_EQ(set(ard, 0, SQL_DESC_ARRAY_SIZE, 0), "HY024");
  EXPECT_EQ(set(ard, 0, SQL_DESC_ARRAY_SIZE, 50), "ok");
  EXPECT_EQ(ard.array_size, 50u);
  EXPECT_EQ(set(ard, 0, 9999, 0), "HY091");
  EXPECT_EQ(set(ard, 0, SQL_DESC_CONCISE_TYPE, SQL_C_SLONG), "07009");  // record 0: no bookmarks
}

TEST_F(DescriptorFields, TypeFieldsMoveTogetherAndResetDefaults) {
  Descriptor apd = make(DescKind::APD);
  EXPECT_EQ(set(apd, 1, SQL_DESC_TYPE, SQL_C_NUMERIC), "ok");
  const DescRecord& r = *apd.find(1);
  EXPECT_EQ(r.concise_type, SQL_C_NUMERIC);
  EXPECT_EQ(r.precision, 38);
  EXPECT_EQ(r.scale, 0);
  EXPECT_EQ(set(apd, 1, SQL_DESC_CONCISE_TYPE, SQL_C_TYPE_TIMESTAMP), "ok");
  EXPECT_EQ(r.type, SQL_DATETIME);
  EXPECT_EQ(r.datetime_interval_code, SQL_CODE_TIMESTAMP);
  EXPECT_EQ(set(apd, 2, SQL_DESC_DATETIME_INTERVAL_CODE, SQL_CODE_DATE), "ok");
  EXPECT_EQ(set(apd, 2, SQL_DESC_TYPE, SQL_DATETIME), "ok");
  EXPECT_EQ(apd.find(2)->concise_type, SQL_C_TYPE_DATE);
  EXPECT_EQ(apd.count(), 2);
}

TEST_F(DescriptorFields, ConsistencyCheckOnDataPointer) {
  Descriptor ard = make(DescKind::ARD);
  SQL_NUMERIC_STRUCT n{};
  EXPECT_EQ(set(ard, 1, SQL_DESC_TYPE, SQL_C_NUMERIC), "ok");
  EXPECT_EQ(set(ard, 1, SQL_DESC_PRECISION, 50), "ok");
  EXPECT_EQ(set(ard, 1, SQL_DESC_DATA_PTR, reinterpret_cast<SQLLEN>(&n)), "HY021");
  EXPECT_EQ(set(ard, 1, SQL_DESC_PRECISION, 20), "ok");
  EXPECT_EQ(set(ard, 1, SQL_DESC_DATA_PTR, reinterpret_cast<SQLLEN>(&n)), "ok");
  EXPECT_EQ(set(ard, 2, SQL_DESC_CONCISE_TYPE, 12345), "ok");
  EXPECT_EQ(set(ard, 2, SQL_DESC_DATA_PTR, reinterpret_cast<SQLLEN>(&n)), "HY021");
}

TEST_F(DescriptorFields, ParameterDescriptorNamesAndCount) {
  Descriptor ipd = make(DescKind::IPD);
  EXPECT_EQ(state([&] {
              return ipd.set_field(2, SQL_DESC_NAME, const_cast<char*>("p2"), SQL_NTS,
                                   Encoding::Utf8);
            }),
            "ok");
  EXPECT_EQ(ipd.count(), 2);
  EXPECT_EQ(ipd.find(2)->name, "p2");
  EXPECT_EQ(ipd.find(2)->unnamed, SQL_NAMED);
  EXPECT_EQ(set(ipd, 2, SQL_DESC_UNNAMED, SQL_NAMED), "HY091");
  EXPECT_EQ(set(ipd, 2, SQL_DESC_UNNAMED, SQL_UNNAMED), "ok");
  EXPECT_EQ(ipd.find(2)->name, "");
  EXPECT_EQ(set(ipd, 1, SQL_DESC_DATA_PTR, 0), "HY091");
  SQLSMALLINT count = 0;
  EXPECT_EQ(get(ipd, 0, SQL_DESC_COUNT, &count), "ok");
  EXPECT_EQ(count, 2);
  EXPECT_EQ(set(ipd, 0, SQL_DESC_COUNT, 1), "ok");
  EXPECT_EQ(ipd.count(), 1);
  SQLSMALLINT alloc = 0;
  EXPECT_EQ(get(ipd, 0, SQL_DESC_ALLOC_TYPE, &alloc), "ok");
  EXPECT_EQ(alloc, SQL_DESC_ALLOC_USER);  // no owner statement here
}

TEST_F(DescriptorFields, CopyDescCopiesRecordsAndHeader) {
  Descriptor from = make(DescKind::ARD);
  Descriptor to = make(DescKind::APD);
  from.array_size = 7;
  set(from, 3, SQL_DESC_CONCISE_TYPE, SQL_C_DOUBLE);
  to.copy_from(from);
  EXPECT_EQ(to.array_size, 7u);
  EXPECT_EQ(to.count(), 3);
  EXPECT_EQ(to.find(3)->concise_type, SQL_C_DOUBLE);
  Descriptor ird = make(DescKind::IRD);
  EXPECT_EQ(state([&] {
              ird.copy_from(from);
              return SQL_SUCCESS;
            }),
            "HY016");
}

}  // namespace
}  // namespace pgw::odbc
