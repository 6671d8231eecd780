#include "coordinator/launch_defaults.hpp"

#include <cstdlib>

namespace nba {

void apply_rank_launch_defaults() {
  // hwloc's I/O discovery reads every PCI device's config space, which a VM
  // traps one read at a time: 20 ms of each rank's MPI_Init at np=3 for
  // objects our few small messages never use (CPU and NUMA binding still work).
  ::setenv("HWLOC_COMPONENTS", "-pci,-linuxio", /*overwrite=*/0);
  // hwloc dlopens its plugins at start-up even when no component of theirs
  // runs: the GL and OpenCL ones pull in X11 and OpenCL, the XML one libxml2
  // and ICU (its built-in XML reader serves instead). About 10 ms of each
  // process's start-up here (decision 60). scripts/single-node-mpi.sh gives
  // mpirun the same two values: mpirun is not this program.
  ::setenv("HWLOC_PLUGINS_BLACKLIST", "hwloc_gl,hwloc_opencl,hwloc_pci,hwloc_xml_libxml", /*overwrite=*/0);
}

}  // namespace nba
