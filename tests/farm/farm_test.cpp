// The farm under real MPI, the way Boost.MPI tests its own code: one binary,
// run by ctest at several rank counts (tests/CMakeLists.txt). Every rank runs
// every test in the same order; each test works on its own duplicate of the
// world communicator, so a test's stray messages cannot reach the next one.
// Rank 0 runs the real dispatcher, the others the real worker loop, with a
// UnitWork that only pretends to compute (and fails or hangs when told to).
// With one rank, the one-process loop is tested instead.
#include <gtest/gtest.h>

#include <boost/mpi/collectives.hpp>
#include <boost/mpi/communicator.hpp>
#include <boost/mpi/environment.hpp>
#include <boost/serialization/vector.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <optional>
#include <set>
#include <thread>
#include <vector>

#include "farm/coordinator_link.hpp"
#include "farm/dispatcher.hpp"
#include "farm/local_loop.hpp"
#include "farm/protocol.hpp"
#include "farm/worker_loop.hpp"

using namespace nba;

namespace {

namespace mpi = boost::mpi;

constexpr int kUnits = 12;

RunPlan make_plan() {
  RunPlan plan;
  plan.run_id = "farm-test";
  plan.processors = {"tdza", "psza"};
  for (int id = 0; id < kUnits; ++id) {
    WorkUnit u;
    u.id = id;
    u.season = 2023;
    u.dates = {19700 + 2 * id, 19701 + 2 * id};
    u.estimated_cost = 1;
    plan.units.push_back(u);
  }
  return plan;
}

// Not chronological, so that following it is visible.
std::vector<std::int32_t> dispatch_order() {
  std::vector<std::int32_t> order;
  for (int id = kUnits - 1; id >= 0; id -= 2) order.push_back(id);
  for (int id = kUnits - 2; id >= 0; id -= 2) order.push_back(id);
  return order;
}

// Pretends to compute: a few milliseconds per date with a heartbeat after
// each, the same hold-then-commit order as the real work (decision 42).
struct Behaviour {
  std::int32_t fail_unit = -1;   // reported as failed
  bool hang_first_unit = false;  // silent (no heartbeat) for hang_seconds on its first unit
  double hang_seconds = 0;
  bool cannot_work = false;  // says so at start-up (its input would not load)
  std::int32_t slow_unit = -1;  // computes for slow_seconds more than the others
  double slow_seconds = 0;
};

class PretendWork final : public UnitWork {
 public:
  explicit PretendWork(Behaviour b) : b_(b) {}
  void run(const WorkUnit& unit, const std::function<void()>& beat, const Done& done) override {
    ran.push_back(unit.id);
    if (b_.hang_first_unit && ran.size() == 1)
      std::this_thread::sleep_for(std::chrono::duration<double>(b_.hang_seconds));
    if (unit.id == b_.slow_unit) std::this_thread::sleep_for(std::chrono::duration<double>(b_.slow_seconds));
    for (std::size_t d = 0; d < unit.dates.size(); ++d) {
      std::this_thread::sleep_for(std::chrono::milliseconds(3));
      beat();
    }
    commit(done);
    UnitReport r;
    r.unit_id = unit.id;
    r.ok = unit.id != b_.fail_unit;
    if (!r.ok) r.error = "unit " + unit.name() + ": injected failure";
    r.rows = {{"tdza", 10 + unit.id}, {"psza", 20 + unit.id}};
    held_ = r;
  }
  void commit(const Done& done) override {
    if (!held_) return;
    UnitReport r = std::move(*held_);
    held_.reset();
    done(std::move(r));
  }
  bool holding() const override { return held_.has_value(); }
  void discard() noexcept override { held_.reset(); }
  std::vector<std::int32_t> ran;

 private:
  Behaviour b_;
  std::optional<UnitReport> held_;
};

struct FarmRun {
  DispatchResult result;                          // rank 0
  std::vector<std::vector<std::int32_t>> ran;     // rank 0: units each rank ran, by rank
  WorkerEnd end = WorkerEnd::Finalize;            // a worker: how it ended
};

// One farm run on a fresh communicator: rank 0 dispatches (or, alone, runs
// the one-process loop), the others serve. `stop_after` outcomes, rank 0 is
// asked to stop (signal 15).
FarmRun run_farm(Behaviour behaviour, DispatchOptions options, int stop_after = -1) {
  const mpi::communicator comm(mpi::communicator(), mpi::comm_duplicate);
  FarmRun out;
  PretendWork work(behaviour);
  int outcomes_seen = 0;
  options.kill_lost_workers = false;  // a lost worker here is this very test
  options.stop_signal = [&] { return stop_after >= 0 && outcomes_seen >= stop_after ? 15 : 0; };
  const ProgressFn count = [&](UnitOutcome&) { ++outcomes_seen; };
  if (comm.rank() == 0) {
    const RunPlan plan = make_plan();
    protocol::send_plan(comm, plan);
    out.result = comm.size() == 1 ? run_units_here(plan, dispatch_order(), work, count, options.stop_signal)
                                  : dispatch_units(comm, plan, dispatch_order(), count, options);
  } else {
    CoordinatorWatch watch(comm, 2.0);
    RunPlan plan;
    EXPECT_TRUE(protocol::receive_plan(comm, watch, plan));
    EXPECT_EQ(plan.units.size(), static_cast<std::size_t>(kUnits));
    out.end = behaviour.cannot_work ? serve_units(comm, plan, nullptr, "rank cannot load its input", 0.0, watch)
                                    : serve_units(comm, plan, &work, "", 0.0, watch);
  }
  mpi::gather(comm, work.ran, out.ran, 0);
  return out;
}

std::vector<std::int32_t> ok_units(const DispatchResult& r) {
  std::vector<std::int32_t> ids;
  for (const auto& o : r.outcomes)
    if (o.report.ok) ids.push_back(o.report.unit_id);
  std::sort(ids.begin(), ids.end());
  return ids;
}

std::vector<std::int32_t> all_units() {
  std::vector<std::int32_t> ids(kUnits);
  for (int i = 0; i < kUnits; ++i) ids[static_cast<std::size_t>(i)] = i;
  return ids;
}

// Whether `seq` takes its units in the order `order` lists them.
bool follows(const std::vector<std::int32_t>& seq, const std::vector<std::int32_t>& order) {
  auto at = order.begin();
  for (auto id : seq) {
    at = std::find(at, order.end(), id);
    if (at == order.end()) return false;
  }
  return true;
}

int world_size() { return mpi::communicator().size(); }
bool is_rank0() { return mpi::communicator().rank() == 0; }

}  // namespace

TEST(FarmProtocol, AReportSurvivesEncodeAndDecode) {
  UnitReport r;
  r.unit_id = 7;
  r.ok = true;
  r.rows = {{"tdza", 30}, {"mlfs", 400}};
  r.seconds_by_processor = {{"tdza", 0.5}, {"mlfs", 1.25}};
  r.failure_records = 3;
  r.seconds_compute = 2.5;
  r.seconds_write = 0.25;
  r.seconds_waiting = 0.125;
  r.peak_rss_kb = 1234;
  r.error = std::string(600, 'e');  // longer than the message holds
  const UnitReport back = protocol::decode_report(protocol::encode_report(r), {"tdza", "mlfs"});
  EXPECT_EQ(back.unit_id, 7);
  EXPECT_TRUE(back.ok);
  EXPECT_EQ(back.rows, r.rows);
  EXPECT_EQ(back.seconds_by_processor, r.seconds_by_processor);
  EXPECT_EQ(back.failure_records, 3);
  EXPECT_EQ(back.seconds_compute, 2.5);
  EXPECT_EQ(back.seconds_write, 0.25);
  EXPECT_EQ(back.seconds_waiting, 0.125);
  EXPECT_EQ(back.peak_rss_kb, 1234);
  EXPECT_EQ(back.error, std::string(511, 'e'));  // cut to the buffer, terminated
  // A processor the run does not compute gets no entry.
  EXPECT_EQ(protocol::decode_report(protocol::encode_report(r), {"tdza"}).rows.count("mlfs"), 0u);
  r.ok = false;
  r.storage_error = true;
  const UnitReport failed = protocol::decode_report(protocol::encode_report(r), {"tdza", "mlfs"});
  EXPECT_FALSE(failed.ok);
  EXPECT_TRUE(failed.storage_error);
}

TEST(Farm, EveryUnitOnceInDispatchOrder) {
  const FarmRun run = run_farm({}, {});
  if (!is_rank0()) {
    EXPECT_EQ(run.end, WorkerEnd::Finalize);
    return;
  }
  EXPECT_EQ(ok_units(run.result), all_units());
  EXPECT_EQ(run.result.outcomes.size(), static_cast<std::size_t>(kUnits));
  EXPECT_EQ(run.result.not_started, 0u);
  EXPECT_TRUE(run.result.lost.empty());
  std::multiset<std::int32_t> ran;
  for (std::size_t rank = 0; rank < run.ran.size(); ++rank) {
    // Each rank takes its units in the dispatch order (largest first in a real run).
    EXPECT_TRUE(follows(run.ran[rank], dispatch_order())) << "rank " << rank;
    ran.insert(run.ran[rank].begin(), run.ran[rank].end());
    for (const auto& o : run.result.outcomes)
      if (std::find(run.ran[rank].begin(), run.ran[rank].end(), o.report.unit_id) != run.ran[rank].end()) {
        EXPECT_EQ(o.rank, static_cast<int>(rank)) << "unit " << o.report.unit_id;
      }
  }
  const std::vector<std::int32_t> every = all_units();
  EXPECT_EQ(ran, std::multiset<std::int32_t>(every.begin(), every.end()));  // once each
  // One computing rank takes exactly the order; rank 0 of an MPI run only dispatches.
  const std::size_t computing = world_size() == 1 ? 0 : 1;
  if (world_size() <= 2) {
    EXPECT_EQ(run.ran[computing], dispatch_order());
  }
  if (world_size() > 1) {
    EXPECT_TRUE(run.ran[0].empty());
  }
  // What a worker counted arrives intact.
  for (const auto& o : run.result.outcomes) {
    EXPECT_EQ(o.report.rows.at("tdza"), 10 + o.report.unit_id);
    EXPECT_EQ(o.report.rows.at("psza"), 20 + o.report.unit_id);
  }
}

TEST(Farm, AFailingUnitIsReportedAndTheRestAreDone) {
  const FarmRun run = run_farm({.fail_unit = 4}, {});
  if (!is_rank0()) return;
  ASSERT_EQ(run.result.outcomes.size(), static_cast<std::size_t>(kUnits));
  for (const auto& o : run.result.outcomes) {
    EXPECT_EQ(o.report.ok, o.report.unit_id != 4) << "unit " << o.report.unit_id;
    if (o.report.unit_id == 4) {
      EXPECT_NE(o.report.error.find("injected failure"), std::string::npos);
    }
  }
}

TEST(Farm, AStopRequestStartsNoNewUnitAndFinishesThoseInFlight) {
  const FarmRun run = run_farm({}, {.grace_seconds = 30}, /*stop_after=*/1);
  if (!is_rank0()) {
    EXPECT_EQ(run.end, WorkerEnd::Finalize);
    return;
  }
  const auto& r = run.result;
  EXPECT_GT(r.not_started, 0u);
  EXPECT_FALSE(r.grace_expired);
  // Nothing lost: each unit was either finished or never handed out.
  EXPECT_EQ(r.outcomes.size() + r.not_started, static_cast<std::size_t>(kUnits));
  for (const auto& o : r.outcomes) EXPECT_TRUE(o.report.ok) << o.report.error;
  // In flight when the stop came: at most two units per worker (one computed, one queued) after the first.
  const std::size_t computing_ranks = static_cast<std::size_t>(std::max(1, world_size() - 1));
  EXPECT_LE(r.outcomes.size(), 1 + 2 * computing_ranks);
}

TEST(Farm, TheLastUnitsAreNotQueuedBehindALongOne) {
  if (world_size() < 3) GTEST_SKIP() << "needs two workers (np >= 3)";
  // One of the last units of the dispatch order (..., 4, 2, 0) takes half a
  // second: no unit may wait in the queue of the worker computing it, while
  // another worker, done with the rest, has nothing left to take.
  for (const std::int32_t slow : {4, 2}) {
    const FarmRun run = run_farm({.slow_unit = slow, .slow_seconds = 0.5}, {});
    if (!is_rank0()) continue;
    ASSERT_EQ(ok_units(run.result), all_units());
    for (const auto& ran : run.ran)
      if (std::find(ran.begin(), ran.end(), slow) != ran.end()) {
        EXPECT_EQ(ran.back(), slow) << "slow unit " << slow << " had another unit queued behind it";
      }
  }
}

TEST(Farm, ALostWorkersUnitGoesToAnotherWorker) {
  if (world_size() < 3) GTEST_SKIP() << "needs two workers (np >= 3)";
  // Rank 1 goes silent on its first unit for 3 s; the timeout is 1 s.
  const bool i_hang = mpi::communicator().rank() == 1;
  const FarmRun run = run_farm({.hang_first_unit = i_hang, .hang_seconds = 3.0},
                               {.grace_seconds = 30, .worker_timeout_seconds = 1.0});
  if (!is_rank0()) {
    // The lost one exits without finalizing, or finds rank 0 gone; the others are told to exit.
    EXPECT_NE(run.end, WorkerEnd::Finalize);
    return;
  }
  const auto& r = run.result;
  ASSERT_EQ(r.lost.size(), 1u);
  EXPECT_EQ(r.lost[0].rank, 1);
  ASSERT_FALSE(run.ran[1].empty());
  EXPECT_EQ(r.lost[0].unit_id, run.ran[1].front());
  EXPECT_FALSE(r.lost[0].killed);
  // Every unit done, once, none by the lost rank: its unit was requeued.
  EXPECT_EQ(ok_units(r), all_units());
  for (const auto& o : r.outcomes) EXPECT_NE(o.rank, 1) << "unit " << o.report.unit_id;
}

TEST(Farm, WithItsOnlyWorkerLostTheUnitsFailInsteadOfWaiting) {
  if (world_size() != 2) GTEST_SKIP() << "one worker only (np = 2)";
  const FarmRun run = run_farm({.hang_first_unit = true, .hang_seconds = 2.5},
                               {.grace_seconds = 30, .worker_timeout_seconds = 1.0});
  if (!is_rank0()) return;
  const auto& r = run.result;
  ASSERT_EQ(r.lost.size(), 1u);
  EXPECT_TRUE(ok_units(r).empty());
  ASSERT_EQ(r.outcomes.size(), static_cast<std::size_t>(kUnits));  // each one accounted for
  for (const auto& o : r.outcomes) EXPECT_FALSE(o.report.error.empty());
}

TEST(Farm, AWorkerThatCannotWorkGetsNoUnit) {
  if (world_size() < 2) GTEST_SKIP() << "needs a worker (np >= 2)";
  const bool i_cannot = mpi::communicator().rank() == 1;
  const FarmRun run = run_farm({.cannot_work = i_cannot}, {});
  if (!is_rank0()) {
    EXPECT_EQ(run.end, WorkerEnd::Finalize);  // told to stop, not lost
    return;
  }
  EXPECT_TRUE(run.ran[1].empty());
  EXPECT_TRUE(run.result.lost.empty());
  ASSERT_EQ(run.result.outcomes.size(), static_cast<std::size_t>(kUnits));  // each unit accounted for
  for (const auto& o : run.result.outcomes) {
    if (world_size() == 2) {
      // No usable worker left: every unit fails, none is silently dropped.
      EXPECT_FALSE(o.report.ok);
      EXPECT_NE(o.report.error.find("no usable worker"), std::string::npos) << o.report.error;
    } else {
      EXPECT_TRUE(o.report.ok) << o.report.error;
      EXPECT_NE(o.rank, 1);
    }
  }
}

namespace {
// Other ranks print only what failed, prefixed with their rank.
class FailuresOnly : public ::testing::EmptyTestEventListener {
 public:
  explicit FailuresOnly(int rank) : rank_(rank) {}
  void OnTestPartResult(const ::testing::TestPartResult& r) override {
    if (r.failed())
      std::fprintf(stderr, "rank %d: %s:%d: %s\n", rank_, r.file_name() ? r.file_name() : "?", r.line_number(),
                   r.summary());
  }

 private:
  int rank_;
};
}  // namespace

int main(int argc, char** argv) {
  mpi::environment env(argc, argv, mpi::threading::single);
  ::testing::InitGoogleTest(&argc, argv);
  const mpi::communicator world;
  if (world.rank() != 0) {
    auto& listeners = ::testing::UnitTest::GetInstance()->listeners();
    delete listeners.Release(listeners.default_result_printer());
    listeners.Append(new FailuresOnly(world.rank()));
  }
  const int failed = RUN_ALL_TESTS() != 0;
  // The run fails when any rank saw a failure.
  return mpi::all_reduce(world, failed, mpi::maximum<int>()) != 0;
}
