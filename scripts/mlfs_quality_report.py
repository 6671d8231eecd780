#!/usr/bin/python3
"""Per-season distribution of ML feature store quality tiers and scores, as a
Markdown table, from a run's index.h5.

Usage: scripts/mlfs_quality_report.py OUT_DIR/index.h5
"""
import collections
import sys

import h5py
import numpy as np

TIERS = ["gold", "silver", "bronze", "poor", "critical"]

with h5py.File(sys.argv[1], "r") as f:
    m = f["mlfs"]
    dates = m["game_date"].asstr()[:]
    tiers = m["quality_tier"].asstr()[:]
    scores = m["feature_quality_score"][:]
    ready = m["is_quality_ready"][:]
    sources = m["feature_sources"][:]
    names = [n.decode() for n in m.attrs["feature_names"]]

season = np.array([int(d[:4]) if int(d[5:7]) >= 10 else int(d[:4]) - 1 for d in dates])
print("| season | rows | " + " | ".join(TIERS) + " | median score | min | max | quality-ready |")
print("|---|---:|" + "---:|" * len(TIERS) + "---:|---:|---:|---:|")
for s in sorted(set(season)):
    sel = season == s
    counts = collections.Counter(tiers[sel])
    n = int(sel.sum())
    cells = [f"{counts.get(t, 0)} ({100 * counts.get(t, 0) / n:.1f} %)" for t in TIERS]
    print(f"| {s}-{(s + 1) % 100:02d} | {n} | " + " | ".join(cells) +
          f" | {np.median(scores[sel]):.2f} | {scores[sel].min():.2f} | {scores[sel].max():.2f} | "
          f"{100 * ready[sel].mean():.1f} % |")
print()
print("Share of rows where a feature fell back to a default or is missing (all seasons):")
print()
bad = (sources <= 1).mean(axis=0)
print("| feature | default/missing share |")
print("|---|---:|")
for name, share in sorted(zip(names, bad), key=lambda x: -x[1]):
    if share > 0:
        print(f"| {name} | {100 * share:.1f} % |")
