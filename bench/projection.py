"""A model, not a measurement: the wall time of a 32-season rerun on a cluster,
from per-unit costs measured on this machine (bench/scale_driver.py, figure d).

Assumptions (each a parameter below):
  - every node has CORES_PER_NODE cores as fast as one of this VM's; one rank per
    core; rank 0 takes one core and computes nothing, so W = nodes * cores - 1;
  - a unit costs what it cost here (compute + shard write, from the run's
    manifest), plus one season-slice load (the measured mean) each time a worker
    starts a season it does not hold: with dynamic pull, largest first and
    season affinity, a worker loads about min(its units, seasons / W + 1)
    slices, and every unit a worker of its own computes costs a load;
  - `season` units cost the measured work of their season (the league's seasons
    are alike: total work / seasons, the largest 10 % above that);
  - the units phase is the largest of: the LPT bound (total work / W plus the
    loads, or the largest unit plus a load), rank 0's serial recording of every
    unit (measured per unit here), and the shared filesystem moving the shards
    out and the slices in at FS_BYTES_PER_S in aggregate;
  - launch takes LAUNCH_S + LAUNCH_PER_NODE_S per node (mpirun's tree launch),
    plus rank 0's planning and index build as measured here (the index for
    season units scaled by their count: it grows with the number of shards).
Not modelled: network latency of the dispatch messages (one small message per
unit), stragglers, other jobs on the filesystem.

    python3 bench/projection.py bench/results/<stamp>-scale/summary.json   # re-derive from a run"""
import json
import sys

CORES_PER_NODE = 32
FS_BYTES_PER_S = 2e9
LAUNCH_S = 1.0
LAUNCH_PER_NODE_S = 0.02
SEASON_UNIT_SPREAD = 1.1


def units_phase(costs, seasons, workers, load, slice_bytes, shard_bytes, recording):
    per_worker_units = len(costs) / workers
    loads_per_worker = min(max(1.0, per_worker_units), seasons / workers + 1)
    lpt = max(sum(costs) / workers + loads_per_worker * load, max(costs) + load)
    rank0 = len(costs) * recording
    total_loads = min(len(costs), workers) if per_worker_units < 1 else workers * loads_per_worker
    fs = (shard_bytes + max(seasons, total_loads) * slice_bytes) / FS_BYTES_PER_S
    phase = max(lpt, rank0, fs)
    bound = "compute (LPT)" if phase == lpt else "rank 0 recording" if phase == rank0 else "filesystem"
    return {"units": len(costs), "units_phase_s": phase, "bound_by": bound, "lpt_s": lpt, "rank0_s": rank0, "fs_s": fs,
            "slice_loads": max(seasons, total_loads)}


def project(measured, seasons, nodes_list=(4, 16, 64)):
    units, timers = measured["units"], measured["timers"]
    costs = [(u["seconds_compute"] or 0) + (u["seconds_write"] or 0) for u in units]
    loads = [u["seconds_load"] for u in units if u.get("seconds_load")]
    load = sum(loads) / len(loads)
    rows_per_slice = timers["rows_loaded"] / max(1, timers["slice_loads"])
    slice_bytes = measured["store_bytes"] * rows_per_slice / measured["store_rows"]
    recording = timers["seconds_rank0_recording"] / len(units)
    season_costs = [sum(costs) / seasons] * (seasons - 1) + [SEASON_UNIT_SPREAD * sum(costs) / seasons]
    out = {"assumptions": {"cores_per_node": CORES_PER_NODE, "fs_bytes_per_s": FS_BYTES_PER_S, "launch_s": LAUNCH_S,
                           "launch_per_node_s": LAUNCH_PER_NODE_S, "season_unit_spread": SEASON_UNIT_SPREAD},
           "measured": {"units": len(units), "work_seconds": sum(costs), "largest_unit_seconds": max(costs),
                        "slice_load_seconds": load, "rank0_recording_per_unit_seconds": recording,
                        "plan_seconds": timers["seconds_plan"], "index_seconds": timers["seconds_index"],
                        "shard_bytes": measured["shard_bytes"], "slice_bytes": slice_bytes},
           "nodes": []}
    for nodes in nodes_list:
        workers = nodes * CORES_PER_NODE - 1
        launch = LAUNCH_S + LAUNCH_PER_NODE_S * nodes
        for partition, c, index in (("days:7 (auto)", costs, timers["seconds_index"]),
                                    ("season", season_costs, timers["seconds_index"] * seasons / len(costs))):
            u = units_phase(c, seasons, workers, load, slice_bytes, measured["shard_bytes"], recording)
            out["nodes"].append({"nodes": nodes, "workers": workers, "partition": partition, **u, "launch_s": launch,
                                 "total_s": launch + timers["seconds_plan"] + u["units_phase_s"] + index})
    return out


if __name__ == "__main__":
    summary = json.load(open(sys.argv[1]))
    for row in project(summary["projection_input"], seasons=32)["nodes"]:
        print({k: round(v, 2) if isinstance(v, float) else v for k, v in row.items()})
