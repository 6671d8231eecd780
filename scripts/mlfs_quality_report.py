#!/usr/bin/python3
"""Per-season quality of the ML feature store, as Markdown, from a run's index.h5:
the share of rows the original's training loader takes, the tiers and scores,
and the mix of source tags per feature.

Usage: scripts/mlfs_quality_report.py OUT_DIR/index.h5
"""
import collections
import sys

import h5py
import numpy as np

TIERS = ["gold", "silver", "bronze", "poor", "critical"]
SCORED = 60

with h5py.File(sys.argv[1], "r") as f:
    m = f["mlfs"]
    dates = m["game_date"].asstr()[:]
    tiers = m["quality_tier"].asstr()[:]
    scores = m["feature_quality_score"][:]
    required_defaults = m["required_default_count"][:]
    data_source = m["data_source"].asstr()[:]
    ready = m["is_quality_ready"][:]
    training_ready = m["is_training_ready"][:]
    sources = m["feature_sources"][:, :SCORED]
    names = [n.decode() for n in m.attrs["feature_names"]]
    tag_names = [n.decode() for n in m.attrs["feature_source_codes"]]

# The training loader's filter (feature_count >= 33 holds for every row: 60).
trainable = (required_defaults == 0) & (scores >= 70) & ~np.isin(data_source, ["phase4_partial", "early_season"])
season = np.array([int(d[:4]) if int(d[5:7]) >= 10 else int(d[:4]) - 1 for d in dates])
print("| season | rows | passes the training filter | " + " | ".join(TIERS) +
      " | median score | min | max | is_quality_ready | is_training_ready |")
print("|---|---:|---:|" + "---:|" * len(TIERS) + "---:|---:|---:|---:|---:|")
for s in sorted(set(season)):
    sel = season == s
    counts = collections.Counter(tiers[sel])
    n = int(sel.sum())
    cells = [f"{counts.get(t, 0)} ({100 * counts.get(t, 0) / n:.1f} %)" for t in TIERS]
    print(f"| {s}-{(s + 1) % 100:02d} | {n} | {100 * trainable[sel].mean():.1f} % | " + " | ".join(cells) +
          f" | {np.median(scores[sel]):.2f} | {scores[sel].min():.2f} | {scores[sel].max():.2f} | "
          f"{100 * ready[sel].mean():.1f} % | {100 * training_ready[sel].mean():.1f} % |")
print()
print("data_source: " + ", ".join(f"`{k}` {v}" for k, v in sorted(collections.Counter(data_source).items())))
print()
print("Source tags per feature (share of all rows; tags absent everywhere are left out):")
print()
present = [c for c in range(len(tag_names)) if (sources == c).any()]
print("| # | feature | " + " | ".join(tag_names[c] for c in present) + " |")
print("|---:|---|" + "---:|" * len(present))
for i, name in enumerate(names):
    shares = [(sources[:, i] == c).mean() for c in present]
    print(f"| {i} | {name} | " + " | ".join(f"{100 * x:.1f} %" if x else "" for x in shares) + " |")
