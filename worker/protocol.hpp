#pragma once
// The control-plane messages between rank 0 and the workers. Fixed-size,
// trivially copyable structs sent as raw bytes (no serialization on the hot
// path; all ranks run the same binary on the same architecture). The run plan is
// sent to each worker once at start-up with Boost.Serialization (kPlan).
#include <cstdint>
#include <cstring>
#include <string>
#include <type_traits>

namespace nba::protocol {

// kAlive: rank 0 -> worker, empty, at least every 500 ms (coordinator_link.hpp).
enum Tag : int { kReport = 11, kAssign = 12, kPlan = 13, kAlive = 14 };

// stop: 0 = compute unit_id; kStopFinalize = done, finalize MPI and exit;
// kStopExit = done, exit without MPI_Finalize (a rank was lost: finalizing
// could wait for it forever).
inline constexpr std::int32_t kStopFinalize = 1;
inline constexpr std::int32_t kStopExit = 2;

struct AssignMsg {
  std::int32_t unit_id;  // -1 when stopping
  std::int32_t stop;
};

// Heartbeat: sent after a computed date of the unit in hand when 250 ms have
// passed since the last one (worker_loop.cpp); it answers nothing and
// only proves the worker is alive and making progress (the coordinator's
// per-worker deadline, --worker-timeout, runs from the last message it got).
enum class ReportKind : std::int32_t { Ready = 0, Done = 1, Failed = 2, Fatal = 3, Heartbeat = 4 };

inline constexpr int kMaxProcessors = 8;

struct ReportMsg {
  ReportKind kind;
  std::int32_t unit_id;
  std::int64_t rows[kMaxProcessors];  // in processor_names() order
  std::int64_t failure_records;
  double seconds_compute;
  double seconds_write;
  double seconds_by_processor[kMaxProcessors];  // in processor_names() order
  double seconds_waiting;  // Done/Failed: waiting for this unit since the previous report (0 for the first)
  double seconds_waiting_first;  // Done/Failed of a worker's first unit: from Ready to getting it (start-up)
  double seconds_load;     // Ready: loading the input store and building the engine
  std::int64_t peak_rss_kb;
  std::int32_t storage_error;  // Failed: the shard could not be written (disk full, I/O error)
  std::int32_t pid;            // the worker's process id (Ready / Fatal), to end it when it hangs
  char host[64];  // the worker's hostname (Ready / Fatal)
  char error[512];

  void set_error(const std::string& text) {
    std::memset(error, 0, sizeof error);
    std::strncpy(error, text.c_str(), sizeof error - 1);
  }
};

static_assert(std::is_trivially_copyable_v<AssignMsg>);
static_assert(std::is_trivially_copyable_v<ReportMsg>);

}  // namespace nba::protocol
