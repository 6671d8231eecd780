#pragma once
// Facts about this process and machine that logs, manifests, locks and temp
// names all need, each computed in one place.
#include <cstdint>
#include <string>

namespace nba {

std::string host_name();             // gethostname(), "" if it fails
std::string utc_now_iso();           // 2026-11-22T09:53:05Z
// The original's processed_at text, Python's datetime.now(timezone.utc).isoformat():
// 2026-11-22T09:53:05.123456+00:00 (no fraction when the microseconds are 0).
std::string utc_now_isoformat_micros();
std::int64_t peak_rss_kb();          // this process's peak resident memory (kB, Linux)

}  // namespace nba
