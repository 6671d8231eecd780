#!/usr/bin/python3
"""plot.png for a bench result folder: full-rerun time vs ranks (default unit
size) and time vs seasons (synthetic leagues). Usage: plot.py RESULT_DIR"""
import json
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

d = sys.argv[1]
s = json.load(open(os.path.join(d, "summary.json")))
full = [r for r in s["full_rerun"] if r["partition"] == "auto"]
growth = [r for r in s["growth"] if r["roster_scale"] == 1]
fig, (a, b) = plt.subplots(1, 2, figsize=(10, 4))
a.plot([r["np"] for r in full], [r["median_seconds"] for r in full], "o-")
a.axhline(s["io_bound"][0]["median_seconds"] + s["mpi_floor"][0]["median_seconds"], ls="--", c="gray",
          label="I/O + MPI start-up bound")
a.set_xlabel("MPI ranks (np=1: in-process; 2 cores)")
a.set_ylabel("seconds (median)")
a.set_title("Real data, 865 dates, all five processors")
a.set_xticks([r["np"] for r in full])
a.set_ylim(bottom=0)
a.legend()
b.plot([r["seasons"] for r in growth], [r["median_seconds"] for r in growth], "o-", label="run (np=3)")
b.plot([r["seasons"] for r in growth], [r["timers"]["seconds_compute"] / r["timers"]["workers"] for r in growth],
       "s--", label="compute per worker")
b.set_xscale("log", base=2)
b.set_yscale("log")
b.set_xlabel("synthetic seasons")
b.set_ylabel("seconds")
b.set_title("Cost growth with dates")
b.legend()
fig.tight_layout()
fig.savefig(os.path.join(d, "plot.png"), dpi=110)
print("wrote", os.path.join(d, "plot.png"))
