// The MPI start-up floor of the I/O bound (bench/REPORT.md, section 5): the
// least an MPI job of N ranks costs, MPI_Init to MPI_Finalize with one barrier,
// as nba-precompute starts and ends. `mpirun true` (also measured) starts no
// MPI library at all, so it understates what any MPI program pays.
#include <mpi.h>

int main(int argc, char** argv) {
  MPI_Init(&argc, &argv);
  MPI_Barrier(MPI_COMM_WORLD);
  MPI_Finalize();
  return 0;
}
