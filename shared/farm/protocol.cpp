#include "farm/protocol.hpp"

#include <boost/mpi/request.hpp>
#include <boost/serialization/string.hpp>
#include <boost/serialization/vector.hpp>

#include <algorithm>

#include "farm/coordinator_link.hpp"
#include "farm/poll_sleeping.hpp"

namespace nba::protocol {

namespace {

template <std::size_t N>
void copy_text(char (&to)[N], const std::string& text) {
  std::memset(to, 0, N);
  std::strncpy(to, text.c_str(), N - 1);
}

template <std::size_t N>
std::string text_of(const char (&from)[N]) {
  return std::string(from, strnlen(from, N));
}

bool in_run(const std::vector<std::string>& processors, std::string_view p) {
  return std::find(processors.begin(), processors.end(), p) != processors.end();
}

}  // namespace

ReportMsg encode_report(const UnitReport& r) {
  ReportMsg m{};
  m.kind = r.ok ? ReportKind::Done : ReportKind::Failed;
  m.unit_id = r.unit_id;
  for (std::size_t i = 0; i < kProcessorCount; ++i) {
    const std::string name(kProcessors[i].name);
    m.rows[i] = r.rows.count(name) ? r.rows.at(name) : 0;
    m.seconds_by_processor[i] = r.seconds_by_processor.count(name) ? r.seconds_by_processor.at(name) : 0.0;
  }
  m.failure_records = r.failure_records;
  m.seconds_compute = r.seconds_compute;
  m.seconds_write = r.seconds_write;
  m.seconds_waiting = r.seconds_waiting;
  m.seconds_waiting_first = r.seconds_waiting_first;
  m.seconds_load = r.seconds_load;
  m.rows_loaded = r.rows_loaded;
  m.peak_rss_kb = r.peak_rss_kb;
  m.storage_error = r.storage_error ? 1 : 0;
  copy_text(m.error, r.error);
  return m;
}

UnitReport decode_report(const ReportMsg& m, const std::vector<std::string>& processors) {
  UnitReport r;
  r.unit_id = m.unit_id;
  r.ok = m.kind == ReportKind::Done;
  for (std::size_t i = 0; i < kProcessorCount; ++i) {
    if (!in_run(processors, kProcessors[i].name)) continue;
    const std::string name(kProcessors[i].name);
    r.rows[name] = m.rows[i];
    r.seconds_by_processor[name] = m.seconds_by_processor[i];
  }
  r.failure_records = m.failure_records;
  r.seconds_compute = m.seconds_compute;
  r.seconds_write = m.seconds_write;
  r.storage_error = m.storage_error != 0;
  r.seconds_waiting = m.seconds_waiting;
  r.seconds_waiting_first = m.seconds_waiting_first;
  r.seconds_load = m.seconds_load;
  r.rows_loaded = m.rows_loaded;
  r.peak_rss_kb = m.peak_rss_kb;
  r.error = text_of(m.error);
  return r;
}

ReportMsg encode_hello(bool ready, const std::string& error, double seconds_load, std::int64_t peak_rss_kb, int pid,
                       const std::string& host) {
  ReportMsg m{};
  m.kind = ready ? ReportKind::Ready : ReportKind::Fatal;
  m.unit_id = -1;
  m.seconds_load = seconds_load;
  m.peak_rss_kb = peak_rss_kb;
  m.pid = pid;
  copy_text(m.host, host);
  copy_text(m.error, error);
  return m;
}

std::string host_of(const ReportMsg& m) { return text_of(m.host); }
std::string error_of(const ReportMsg& m) { return text_of(m.error); }

void send_plan(const boost::mpi::communicator& world, const RunPlan& plan) {
  std::vector<boost::mpi::request> sends;
  for (int rank = 1; rank < world.size(); ++rank) sends.push_back(world.isend(rank, kPlan, plan));
  std::vector<bool> done(sends.size(), false);
  AliveSender alive(world);
  poll_sleeping(
      [&] {
        alive.tick_all();
        for (std::size_t i = 0; i < sends.size(); ++i)
          if (!done[i]) done[i] = sends[i].test().has_value();
        return std::all_of(done.begin(), done.end(), [](bool d) { return d; });
      },
      [] { return false; });
}

bool receive_plan(const boost::mpi::communicator& world, CoordinatorWatch& watch, RunPlan& plan) {
  if (!watch.wait_for(kPlan)) return false;
  world.recv(0, kPlan, plan);
  return true;
}

}  // namespace nba::protocol
