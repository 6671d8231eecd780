#pragma once

namespace nba {

// hwloc plugins no rank uses (scripts/single-node-mpi.sh names the same for mpirun).
inline constexpr const char* kHwlocPluginsNotLoaded = "hwloc_gl,hwloc_opencl,hwloc_pci,hwloc_xml_libxml";

// Environment defaults a rank sets for itself before MPI_Init; each is left
// alone when the environment already has it (docs/decisions.md, decisions 59 and 60).
void apply_rank_launch_defaults();

}  // namespace nba
