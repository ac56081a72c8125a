#pragma once
// unixODBC headers, with SQLWCHAR as 16-bit (driver-manager default on Linux): SQL_WCHART_CONVERT
// must stay undefined (sqltypes.h tests it with #ifdef, so even =0 makes SQLWCHAR a 4-byte
// wchar_t).
#include <sql.h>
#include <sqlext.h>
#include <sqlucode.h>

static_assert(sizeof(SQLWCHAR) == 2, "SQLWCHAR must be 16-bit (is SQL_WCHART_CONVERT defined?)");
