#!/usr/bin/env bash
# Issue 21: the NDJSON exports load unchanged into the original's tables. A
# synthetic season run under mpirun; every export line is validated against the
# BigQuery schema (tests/reference/bq_conformance.py: names, types, modes,
# REQUIRED present and non-null, NUMERIC scale, no extra column), and the
# run-time and constant columns are checked against their sources.
source "$(dirname "$0")/lib.sh"
B="$NBA_BIN"
V="$NBA_TESTS_DIR/reference/bq_conformance.py"
"$B" --quiet synth --out "$WORK/csv" --seasons 1 --seed 5 --store "$WORK/in.h5"
mpirun -np 3 --oversubscribe "$B" --quiet run --input "$WORK/in.h5" --out "$WORK/out" >/dev/null

# The validator itself: each kind of violation makes it fail.
"$B" export --schema tdza --output "$WORK/tdza.schema.json"
"$B" --quiet export --out "$WORK/out" --processor tdza --output "$WORK/tdza.ndjson"
good=$(head -1 "$WORK/tdza.ndjson")
bad_line() {  # bad_line PYTHON-EXPRESSION-ON-r: one exported row, altered
  "$PY" -c "import json,sys; r=json.loads(sys.argv[1]); $1; print(json.dumps(r))" "$good" >"$WORK/bad.ndjson"
  if "$PY" "$V" "$WORK/tdza.schema.json" team_defense_zone_analysis "$WORK/bad.ndjson" --every-column >"$WORK/bad.log"; then
    fail "the validator accepted a row with: $1"
  fi
}
bad_line 'r["extra_column"] = 1'
bad_line 'r["team_abbr"] = None'
bad_line 'del r["processed_at"]'
bad_line 'del r["data_hash"]'
bad_line 'r["paint_pct_allowed_last_15"] = 0.5714'
bad_line 'r["defensive_rating_last_15"] = 12345.5'  # NUMERIC(6,2): 4 integer digits at most
bad_line 'r["games_in_sample"] = 15.0'
bad_line 'r["is_production_ready"] = "true"'
bad_line 'r["analysis_date"] = "2024-02-30"'
bad_line 'r["processed_at"] = "yesterday"'
bad_line 'r["data_quality_issues"] = [None]'
bad_line 'r["data_quality_issues"] = "none"'
printf '%s\n' "$good" >"$WORK/good.ndjson"
"$PY" "$V" "$WORK/tdza.schema.json" team_defense_zone_analysis "$WORK/good.ndjson" --every-column >/dev/null \
  || fail "the validator refused an exported row"
pass "the validator refuses 12 kinds of violation and accepts an exported row"

# Every table: the schema printed by `export --schema` is the built-in one, and
# every exported line conforms to it.
declare -A BQ=([tdza]=team_defense_zone_analysis [psza]=player_shot_zone_analysis [pdc]=player_daily_cache
               [pcf]=player_composite_factors [mlfs]=ml_feature_store_v2)
for t in tdza psza pdc pcf mlfs; do
  "$B" export --schema "$t" --output "$WORK/$t.schema.json"
  "$PY" - "$WORK/$t.schema.json" "$NBA_TESTS_DIR/../shared/output/bq_schemas.json" "${BQ[$t]}" <<'PYEOF'
import json, sys
assert json.load(open(sys.argv[1])) == json.load(open(sys.argv[2]))[sys.argv[3]], "export --schema differs"
PYEOF
  "$B" --quiet export --out "$WORK/out" --processor "$t" --output "$WORK/$t.ndjson"
  "$PY" "$V" "$WORK/$t.schema.json" "${BQ[$t]}" "$WORK/$t.ndjson" --every-column --min-rows 1000
done

# Run-time and constant columns: processed_at is the shard's own record (so
# every row has one of the run's shard stamps), created_at follows HEAD (NULL in
# TDZA, processed_at elsewhere), source hashes and data_hash are filled.
"$PY" - "$WORK/out" <<'PYEOF'
import glob, json, sys, h5py
out = sys.argv[1]
def text(v):
    return v.decode() if isinstance(v, bytes) else v
stamps = {text(h5py.File(p, "r").attrs["processed_at"]) for p in glob.glob(f"{out}/shards/*/*.h5")}
assert stamps and all(isinstance(s, str) and s.endswith("+00:00") for s in stamps), stamps
for t in ("tdza", "psza", "pdc", "pcf", "mlfs"):
    rows = [json.loads(l) for l in open(f"{out}/../{t}.ndjson")]
    assert {r.get("processed_at", r.get("created_at")) for r in rows} <= stamps, t
    if t == "tdza":
        assert all(r["created_at"] is None for r in rows)
    else:
        assert all(r["created_at"] == r.get("processed_at", r["created_at"]) for r in rows), t
    assert all(r["data_hash"] and r["processing_decision_reason"] == "processed_successfully" for r in rows), t
    assert all(r["circuit_breaker_active"] is False for r in rows), t
    if t != "mlfs":
        assert all(r["data_quality_issues"] == [] for r in rows), t
psza = [json.loads(l) for l in open(f"{out}/../psza.ndjson")]
assert all(r["source_player_game_last_updated"] == r["analysis_date"] + " 00:00:00" for r in psza)
assert all(r["expected_games_count"] == r["games_in_sample_20"] == r["actual_games_count"] for r in psza)
pcf = [json.loads(l) for l in open(f"{out}/../pcf.ndjson")]
assert all(json.loads(r["fatigue_context_json"])["final_score"] == r["fatigue_score"] for r in pcf)
assert sum(r["source_player_context_hash"] is not None for r in pcf) > 0.9 * len(pcf)
mlfs = [json.loads(l) for l in open(f"{out}/../mlfs.ndjson")]
# HEAD's v2 record (spec processors-mlfs-v2.md 1.3, 4): 64 values, 60 named and
# scored, the per-index columns agreeing with the tags, HEAD's constant quirks.
weight = {"phase4": 100.0, "phase3": 87.0, "calculated": 100.0, "default": 40.0, "vegas": 100.0,
          "bettingpros": 100.0, "opponent_history": 90.0, "minutes_ppm": 95.0, "missing": 0.0}
canonical = {"vegas": "phase4", "opponent_history": "phase4", "minutes_ppm": "phase4", "missing": "default"}
for r in mlfs:
    assert r["feature_count"] == 60 and len(r["features"]) == 64 and len(r["feature_names"]) == 60, r["player_lookup"]
    assert r["feature_version"] == "v2_54features" and "team_abbr" not in r and r["feature_sources"] is None
    tags = json.loads(r["feature_sources_json"])
    assert list(tags) == [str(i) for i in range(64)]
    for i in range(60):
        t = tags[str(i)]
        assert r[f"feature_{i}_quality"] == weight[t] and r[f"feature_{i}_source"] == canonical.get(t, t), (i, t)
        if t in ("default", "missing"):
            assert r[f"feature_{i}_value"] is None
        else:
            assert r[f"feature_{i}_value"] == r["features"][i], i
    assert r["default_feature_indices"] == [i for i in range(60) if tags[str(i)] in ("default", "missing")]
    assert r["data_quality_issues"][-1].startswith("range_warning") or "matchup_factors_used_defaults" in r["data_quality_issues"]
    assert r["has_vegas_line"] is True and r["primary_data_source"] == r["data_source"]
    hc = r["historical_completeness"]
    assert hc["games_found"] == len(hc["contributing_game_dates"]) == r["actual_games_count"] == r["expected_games_count"]
assert {r["data_source"] for r in mlfs} == {"mixed"}
assert sum(r["feature_38_value"] is not None for r in mlfs) > 0.8 * len(mlfs)  # the league's game totals
print(f"ok: processed_at from {len(stamps)} shard stamps; constants, source hashes and MLFS fields as specified")
PYEOF
