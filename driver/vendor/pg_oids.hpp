#pragma once
// Built-in PostgreSQL type OIDs (pg_type.dat); other PostgreSQL-wire servers reuse them.
#include <cstdint>

namespace pgw::vendor::oid {

inline constexpr std::uint32_t kBool = 16;
inline constexpr std::uint32_t kBytea = 17;
inline constexpr std::uint32_t kChar = 18;
inline constexpr std::uint32_t kName = 19;
inline constexpr std::uint32_t kInt8 = 20;
inline constexpr std::uint32_t kInt2 = 21;
inline constexpr std::uint32_t kInt4 = 23;
inline constexpr std::uint32_t kText = 25;
inline constexpr std::uint32_t kOid = 26;
inline constexpr std::uint32_t kJson = 114;
inline constexpr std::uint32_t kXml = 142;
inline constexpr std::uint32_t kCidr = 650;
inline constexpr std::uint32_t kFloat4 = 700;
inline constexpr std::uint32_t kFloat8 = 701;
inline constexpr std::uint32_t kUnknown = 705;
inline constexpr std::uint32_t kMoney = 790;
inline constexpr std::uint32_t kMacaddr = 829;
inline constexpr std::uint32_t kInet = 869;
inline constexpr std::uint32_t kBpchar = 1042;
inline constexpr std::uint32_t kVarchar = 1043;
inline constexpr std::uint32_t kDate = 1082;
inline constexpr std::uint32_t kTime = 1083;
inline constexpr std::uint32_t kTimestamp = 1114;
inline constexpr std::uint32_t kTimestamptz = 1184;
inline constexpr std::uint32_t kInterval = 1186;
inline constexpr std::uint32_t kTimetz = 1266;
inline constexpr std::uint32_t kBit = 1560;
inline constexpr std::uint32_t kVarbit = 1562;
inline constexpr std::uint32_t kNumeric = 1700;
inline constexpr std::uint32_t kUuid = 2950;
inline constexpr std::uint32_t kJsonb = 3802;

}  // namespace pgw::vendor::oid
