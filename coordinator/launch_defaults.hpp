#pragma once

namespace nba {

// Environment defaults a rank sets for itself before MPI_Init; each is left
// alone when the environment already has it (docs/decisions.md, decisions 59 and 60).
void apply_rank_launch_defaults();

}  // namespace nba
