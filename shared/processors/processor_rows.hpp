#pragma once
// Each processor's row type, bound to kProcessors by position: the rows of
// processor i are std::tuple_element_t<i, ProcessorRowTypes>, and the shard
// table of a batch of them is written by its namespace's to_table (found by
// argument-dependent lookup).
#include <tuple>
#include <vector>

#include "processors/mlfs/mlfs.hpp"
#include "processors/pcf.hpp"
#include "processors/pdc.hpp"
#include "processors/processor_table.hpp"
#include "processors/psza.hpp"
#include "processors/tdza.hpp"

namespace nba {

using ProcessorRowTypes = std::tuple<tdza::Row, psza::Row, pdc::Row, pcf::Row, mlfs::Row>;
static_assert(std::tuple_size_v<ProcessorRowTypes> == kProcessorCount);

// A unit's rows of one processor: one vector per computed date.
template <typename Row>
using DateBatches = std::vector<std::vector<Row>>;

template <typename T>
struct AllBatches;
template <typename... Rows>
struct AllBatches<std::tuple<Rows...>> {
  using type = std::tuple<DateBatches<Rows>...>;
};
// Every processor's batches, in kProcessors order.
using ProcessorBatches = AllBatches<ProcessorRowTypes>::type;

}  // namespace nba
