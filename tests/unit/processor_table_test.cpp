#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "core/errors.hpp"
#include "engine/unit_output.hpp"
#include "processors/processor_table.hpp"

using namespace nba;

TEST(ProcessorTable, NamesAreInDagOrder) {
  EXPECT_EQ(processor_names(), (std::vector<std::string>{"tdza", "psza", "pdc", "pcf", "mlfs"}));
  for (std::size_t i = 0; i < kProcessorCount; ++i) EXPECT_EQ(processor_id(kProcessors[i].name), i);
  EXPECT_FALSE(processor_id("zone").has_value());
}

TEST(ProcessorTable, AskingForAProcessorComputesWhatItReads) {
  using V = std::vector<std::string>;
  EXPECT_EQ(dependency_closure({}), processor_names());  // empty = all
  EXPECT_EQ(dependency_closure({"mlfs"}), processor_names());
  EXPECT_EQ(dependency_closure({"pdc"}), (V{"psza", "pdc"}));
  EXPECT_EQ(dependency_closure({"pcf"}), (V{"tdza", "psza", "pcf"}));
  EXPECT_EQ(dependency_closure({"pdc", "tdza"}), (V{"tdza", "psza", "pdc"}));  // DAG order, not the order asked
  EXPECT_EQ(dependency_closure({"tdza", "tdza"}), (V{"tdza"}));
  try {
    dependency_closure({"psza", "zones"});
    FAIL() << "an unknown processor must be refused";
  } catch (const UsageError& e) {
    EXPECT_EQ(std::string(e.what()), "unknown processor 'zones' (tdza, psza, pdc, pcf, mlfs)");
  }
}

TEST(ProcessorTable, EachRowTypeWritesTheTableNamedAfterItsProcessor) {
  // processor_rows.hpp binds row types to kProcessors by position: a swap
  // would store one processor's rows under another's name.
  const UnitOutput empty;
  const std::vector<OutputTable> tables = empty.tables(processor_names());
  ASSERT_EQ(tables.size(), kProcessorCount + 2);
  for (std::size_t i = 0; i < kProcessorCount; ++i) EXPECT_EQ(tables[i].name(), kProcessors[i].name);
  EXPECT_EQ(tables[kProcessorCount].name(), kFailuresTable);
  EXPECT_EQ(tables[kProcessorCount + 1].name(), kDateStatusTable);
  EXPECT_EQ(empty.tables({"pcf"}).front().name(), "pcf");
  EXPECT_EQ(empty.rows_of("mlfs"), 0);
  EXPECT_THROW(empty.rows_of("zones"), std::out_of_range);
}
