// run_jobs carries import's tables and fingerprints across cores: every job
// must run once, and the error reported must not depend on thread timing.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "core/parallel_jobs.hpp"
#include "core/sha256.hpp"

namespace nba {
namespace {

TEST(RunJobs, EveryJobRunsExactlyOnceWhateverTheThreadCount) {
  for (const unsigned threads : {1u, 2u, 3u, 16u}) {
    std::vector<std::atomic<int>> runs(10);
    run_jobs({9, 3, 0, 1, 2, 4, 5, 6, 7, 8}, [&](std::size_t i) { ++runs[i]; }, threads);
    for (std::size_t i = 0; i < runs.size(); ++i) EXPECT_EQ(runs[i].load(), 1) << "job " << i << ", threads " << threads;
  }
  run_jobs({}, [](std::size_t) { FAIL() << "no job to run"; }, 4);
}

TEST(RunJobs, TheSmallestFailingJobIsReportedAndTheOthersStillRun) {
  for (const unsigned threads : {1u, 2u, 4u}) {
    std::atomic<int> finished{0};
    try {
      // Job 5 fails at once and is taken first; job 2 fails later: job 2's
      // error is the one a plain loop would stop at.
      run_jobs({5, 2, 0, 1}, [&](std::size_t i) {
        if (i == 2) {
          std::this_thread::sleep_for(std::chrono::milliseconds(20));
          throw std::runtime_error("job 2");
        }
        if (i == 5) throw std::runtime_error("job 5");
        ++finished;
      }, threads);
      FAIL() << "expected an error";
    } catch (const std::runtime_error& e) {
      EXPECT_EQ(std::string(e.what()), "job 2") << "threads " << threads;
    }
    EXPECT_EQ(finished.load(), 2) << "threads " << threads;
  }
}

TEST(RunJobs, UsableCoresIsAtLeastOne) { EXPECT_GE(usable_cores(), 1u); }

TEST(Sha256Hex, MatchesFipsVectorsWholeSplitAndCut) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  const std::string two_blocks = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
  EXPECT_EQ(sha256_hex(two_blocks), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(sha256_hex({"abcdbcdecdefdefg", "", "efghfghighijhijkijkljklmklmnlmnomnopnopq"}, 64), sha256_hex(two_blocks));
  EXPECT_EQ(sha256_hex("abc", 16), "ba7816bf8f01cfea");
  EXPECT_EQ(sha256_hex("abc", 15), "ba7816bf8f01cfe");
}

}  // namespace
}  // namespace nba
