#pragma once
// Each processor's rows, bound to kProcessors by position: element i of
// ProcessorBatches holds processor i's rows, and the shard table of a batch of
// them is written by its namespace's to_table (found by argument-dependent
// lookup).
#include <tuple>
#include <vector>

#include "processors/mlfs/mlfs.hpp"
#include "processors/pcf.hpp"
#include "processors/pdc.hpp"
#include "processors/processor_table.hpp"
#include "processors/psza.hpp"
#include "processors/tdza.hpp"

namespace nba {

// A unit's rows of one processor: one vector per computed date.
template <typename Row>
using DateBatches = std::vector<std::vector<Row>>;

// Every processor's batches, in kProcessors order.
using ProcessorBatches = std::tuple<DateBatches<tdza::Row>, DateBatches<psza::Row>, DateBatches<pdc::Row>,
                                    DateBatches<pcf::Row>, DateBatches<mlfs::Row>>;
static_assert(std::tuple_size_v<ProcessorBatches> == kProcessorCount);

}  // namespace nba
