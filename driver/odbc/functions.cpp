#include "odbc/functions.hpp"

#include <algorithm>
#include <array>

#include "common/error.hpp"

namespace pgw::odbc {
namespace {

constexpr bool W = true;    // ODBC defines a W variant
constexpr bool A = false;   // ANSI only (no string arguments)
constexpr bool Yes = true;  // implemented by this driver
constexpr bool No = false;

// Functions the driver manager implements or maps onto ODBC 3 ones (SQLAllocEnv -> SQLAllocHandle,
// SQLError -> SQLGetDiagRec, SQLTransact -> SQLEndTran, ...) are listed as not implemented: the
// driver does not export them.
constexpr std::array kFunctions = {
    // --- environment, connection, diagnostics, information (the connection half) ---
    FunctionEntry{SQL_API_SQLALLOCHANDLE, "SQLAllocHandle", A, Yes},
    FunctionEntry{SQL_API_SQLFREEHANDLE, "SQLFreeHandle", A, Yes},
    FunctionEntry{SQL_API_SQLSETENVATTR, "SQLSetEnvAttr", A, Yes},
    FunctionEntry{SQL_API_SQLGETENVATTR, "SQLGetEnvAttr", A, Yes},
    FunctionEntry{SQL_API_SQLCONNECT, "SQLConnect", W, Yes},
    FunctionEntry{SQL_API_SQLDRIVERCONNECT, "SQLDriverConnect", W, Yes},
    FunctionEntry{SQL_API_SQLBROWSECONNECT, "SQLBrowseConnect", W, No},
    FunctionEntry{SQL_API_SQLDISCONNECT, "SQLDisconnect", A, Yes},
    FunctionEntry{SQL_API_SQLSETCONNECTATTR, "SQLSetConnectAttr", W, Yes},
    FunctionEntry{SQL_API_SQLGETCONNECTATTR, "SQLGetConnectAttr", W, Yes},
    FunctionEntry{SQL_API_SQLENDTRAN, "SQLEndTran", A, Yes},
    FunctionEntry{SQL_API_SQLGETDIAGREC, "SQLGetDiagRec", W, Yes},
    FunctionEntry{SQL_API_SQLGETDIAGFIELD, "SQLGetDiagField", W, Yes},
    FunctionEntry{SQL_API_SQLGETINFO, "SQLGetInfo", W, Yes},
    FunctionEntry{SQL_API_SQLGETFUNCTIONS, "SQLGetFunctions", A, Yes},

    // --- statements, descriptors, results, catalog (the statement half) ---
    FunctionEntry{SQL_API_SQLBINDCOL, "SQLBindCol", A, Yes},
    FunctionEntry{SQL_API_SQLBINDPARAMETER, "SQLBindParameter", A, Yes},
    FunctionEntry{SQL_API_SQLBULKOPERATIONS, "SQLBulkOperations", A, No},
    FunctionEntry{SQL_API_SQLCANCEL, "SQLCancel", A, Yes},
    FunctionEntry{SQL_API_SQLCANCELHANDLE, "SQLCancelHandle", A, No},
    FunctionEntry{SQL_API_SQLCLOSECURSOR, "SQLCloseCursor", A, Yes},
    FunctionEntry{SQL_API_SQLCOLATTRIBUTE, "SQLColAttribute", W, Yes},
    FunctionEntry{SQL_API_SQLCOLUMNPRIVILEGES, "SQLColumnPrivileges", W, No},
    FunctionEntry{SQL_API_SQLCOLUMNS, "SQLColumns", W, No},
    FunctionEntry{SQL_API_SQLCOPYDESC, "SQLCopyDesc", A, Yes},
    FunctionEntry{SQL_API_SQLDESCRIBECOL, "SQLDescribeCol", W, Yes},
    FunctionEntry{SQL_API_SQLDESCRIBEPARAM, "SQLDescribeParam", A, Yes},
    FunctionEntry{SQL_API_SQLEXECDIRECT, "SQLExecDirect", W, Yes},
    FunctionEntry{SQL_API_SQLEXECUTE, "SQLExecute", A, Yes},
    FunctionEntry{SQL_API_SQLEXTENDEDFETCH, "SQLExtendedFetch", A, No},
    FunctionEntry{SQL_API_SQLFETCH, "SQLFetch", A, Yes},
    FunctionEntry{SQL_API_SQLFETCHSCROLL, "SQLFetchScroll", A, Yes},
    FunctionEntry{SQL_API_SQLFOREIGNKEYS, "SQLForeignKeys", W, No},
    FunctionEntry{SQL_API_SQLFREESTMT, "SQLFreeStmt", A, Yes},
    FunctionEntry{SQL_API_SQLGETCURSORNAME, "SQLGetCursorName", W, Yes},
    FunctionEntry{SQL_API_SQLGETDATA, "SQLGetData", A, Yes},
    FunctionEntry{SQL_API_SQLGETDESCFIELD, "SQLGetDescField", W, Yes},
    FunctionEntry{SQL_API_SQLGETDESCREC, "SQLGetDescRec", W, Yes},
    FunctionEntry{SQL_API_SQLGETSTMTATTR, "SQLGetStmtAttr", W, Yes},
    FunctionEntry{SQL_API_SQLGETTYPEINFO, "SQLGetTypeInfo", W, Yes},
    FunctionEntry{SQL_API_SQLMORERESULTS, "SQLMoreResults", A, Yes},
    FunctionEntry{SQL_API_SQLNATIVESQL, "SQLNativeSql", W, No},
    FunctionEntry{SQL_API_SQLNUMPARAMS, "SQLNumParams", A, Yes},
    FunctionEntry{SQL_API_SQLNUMRESULTCOLS, "SQLNumResultCols", A, Yes},
    FunctionEntry{SQL_API_SQLPARAMDATA, "SQLParamData", A, No},
    FunctionEntry{SQL_API_SQLPREPARE, "SQLPrepare", W, Yes},
    FunctionEntry{SQL_API_SQLPRIMARYKEYS, "SQLPrimaryKeys", W, No},
    FunctionEntry{SQL_API_SQLPROCEDURECOLUMNS, "SQLProcedureColumns", W, No},
    FunctionEntry{SQL_API_SQLPROCEDURES, "SQLProcedures", W, No},
    FunctionEntry{SQL_API_SQLPUTDATA, "SQLPutData", A, No},
    FunctionEntry{SQL_API_SQLROWCOUNT, "SQLRowCount", A, Yes},
    FunctionEntry{SQL_API_SQLSETCURSORNAME, "SQLSetCursorName", W, Yes},
    FunctionEntry{SQL_API_SQLSETDESCFIELD, "SQLSetDescField", W, Yes},
    FunctionEntry{SQL_API_SQLSETDESCREC, "SQLSetDescRec", A, Yes},
    FunctionEntry{SQL_API_SQLSETPOS, "SQLSetPos", A, No},
    FunctionEntry{SQL_API_SQLSETSTMTATTR, "SQLSetStmtAttr", W, Yes},
    FunctionEntry{SQL_API_SQLSPECIALCOLUMNS, "SQLSpecialColumns", W, No},
    FunctionEntry{SQL_API_SQLSTATISTICS, "SQLStatistics", W, No},
    FunctionEntry{SQL_API_SQLTABLEPRIVILEGES, "SQLTablePrivileges", W, No},
    FunctionEntry{SQL_API_SQLTABLES, "SQLTables", W, No},

    // --- the driver manager's own, or ODBC 1/2 functions it maps onto the above ---
    FunctionEntry{SQL_API_SQLALLOCCONNECT, "SQLAllocConnect", A, No},
    FunctionEntry{SQL_API_SQLALLOCENV, "SQLAllocEnv", A, No},
    FunctionEntry{SQL_API_SQLALLOCSTMT, "SQLAllocStmt", A, No},
    FunctionEntry{SQL_API_SQLALLOCHANDLESTD, "SQLAllocHandleStd", A, No},
    FunctionEntry{SQL_API_SQLBINDPARAM, "SQLBindParam", A, No},
    FunctionEntry{SQL_API_SQLCOLATTRIBUTES, "SQLColAttributes", W, No},
    FunctionEntry{SQL_API_SQLDATASOURCES, "SQLDataSources", W, No},
    FunctionEntry{SQL_API_SQLDRIVERS, "SQLDrivers", W, No},
    FunctionEntry{SQL_API_SQLERROR, "SQLError", W, No},
    FunctionEntry{SQL_API_SQLFREECONNECT, "SQLFreeConnect", A, No},
    FunctionEntry{SQL_API_SQLFREEENV, "SQLFreeEnv", A, No},
    FunctionEntry{SQL_API_SQLGETCONNECTOPTION, "SQLGetConnectOption", W, No},
    FunctionEntry{SQL_API_SQLGETSTMTOPTION, "SQLGetStmtOption", A, No},
    FunctionEntry{SQL_API_SQLPARAMOPTIONS, "SQLParamOptions", A, No},
    FunctionEntry{SQL_API_SQLSETCONNECTOPTION, "SQLSetConnectOption", W, No},
    FunctionEntry{SQL_API_SQLSETPARAM, "SQLSetParam", A, No},
    FunctionEntry{SQL_API_SQLSETSCROLLOPTIONS, "SQLSetScrollOptions", A, No},
    FunctionEntry{SQL_API_SQLSETSTMTOPTION, "SQLSetStmtOption", A, No},
    FunctionEntry{SQL_API_SQLTRANSACT, "SQLTransact", A, No},
};

bool implemented(SQLUSMALLINT id) {
  return std::any_of(kFunctions.begin(), kFunctions.end(),
                     [&](const FunctionEntry& f) { return f.id == id && f.implemented; });
}

}  // namespace

std::span<const FunctionEntry> function_table() {
  return kFunctions;
}

void get_functions(SQLUSMALLINT function_id, SQLUSMALLINT* supported) {
  if (supported == nullptr) throw DriverError("HY009", "SupportedPtr is a null pointer");
  if (function_id == SQL_API_ODBC3_ALL_FUNCTIONS) {
    std::fill_n(supported, SQL_API_ODBC3_ALL_FUNCTIONS_SIZE, SQLUSMALLINT{0});
    for (const auto& f : kFunctions)
      if (f.implemented) supported[f.id >> 4] |= static_cast<SQLUSMALLINT>(1u << (f.id & 0xF));
    return;
  }
  if (function_id == SQL_API_ALL_FUNCTIONS) {
    // ODBC 2 form: one element per id below 100.
    std::fill_n(supported, 100, SQLUSMALLINT{SQL_FALSE});
    for (const auto& f : kFunctions)
      if (f.implemented && f.id < 100) supported[f.id] = SQL_TRUE;
    return;
  }
  *supported = implemented(function_id) ? SQL_TRUE : SQL_FALSE;
}

}  // namespace pgw::odbc
