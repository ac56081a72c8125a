#pragma once
// unixODBC headers, with SQLWCHAR as 16-bit (driver-manager default on Linux).
#include <sql.h>
#include <sqlext.h>
#include <sqlucode.h>
