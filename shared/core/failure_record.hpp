#pragma once
// One record for every entity of a date that gets no row (decision 1 and 13 of
// the spec): processor, date, entity, category, reason.
#include <string>

#include "core/civil_date.hpp"

namespace nba {

struct FailureRecord {
  std::string processor;  // short name: tdza, psza, pdc, pcf, mlfs
  Day date;
  std::string entity;    // team_abbr or player_lookup
  std::string category;  // INSUFFICIENT_DATA, PRE_WRITE_VALIDATION_BLOCKED, ...
  std::string reason;
};

namespace failure_category {
inline constexpr const char* kInsufficientData = "INSUFFICIENT_DATA";
inline constexpr const char* kPreWriteBlocked = "PRE_WRITE_VALIDATION_BLOCKED";
}  // namespace failure_category

}  // namespace nba
