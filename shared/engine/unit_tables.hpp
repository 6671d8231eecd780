#pragma once
// The tables a unit produces besides one per processor (named as the
// processor), as shards and the index store them, and the statuses of its
// date_status table.
namespace nba {

inline constexpr const char* kFailuresTable = "failures";
inline constexpr const char* kDateStatusTable = "date_status";

namespace date_status {
inline constexpr const char* kDone = "done";            // rows written
inline constexpr const char* kZeroRows = "zero_rows";   // games that day, but every entity failed
}  // namespace date_status

}  // namespace nba
