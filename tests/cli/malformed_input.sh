#!/usr/bin/env bash
# Every malformed input and bad command line ends in a clear error naming what is
# wrong (file, line, column where it applies) and exit code 2 -- never a crash,
# never a silent skip. Documented tolerated variants (CRLF, BOM, plain .csv) import.
source "$(dirname "$0")/lib.sh"

"$NBA_BIN" --quiet synth --out "$WORK/good" --seasons 1 --seed 5
fresh() { rm -rf "$WORK/case"; cp -r "$WORK/good" "$WORK/case"; }
# edit TABLE SED-EXPR: rewrite a gzip table through sed
edit() { zcat "$WORK/case/$1.csv.gz" | sed -e "$2" | gzip >"$WORK/case/$1.tmp" && mv "$WORK/case/$1.tmp" "$WORK/case/$1.csv.gz"; }
import_case() { "$NBA_BIN" import --from "$WORK/case" --store "$WORK/case.h5"; }
set_field() {
  "$PY" - "$WORK/case/$1.csv.gz" "$2" "$3" "$4" <<'PYEOF'
import csv, gzip, io, sys
path, line, column, value = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
rows = list(csv.reader(io.StringIO(gzip.open(path, "rt", newline="").read())))
rows[line - 1][rows[0].index(column)] = value
buf = io.StringIO()
csv.writer(buf, lineterminator="\n").writerows(rows)
gzip.open(path, "wt", newline="").write(buf.getvalue())
PYEOF
}
field() {  # field TABLE LINE COLUMN: prints the value
  "$PY" -c "import csv,gzip,sys; r=list(csv.reader(gzip.open('$WORK/case/$1.csv.gz','rt'))); print(r[$2-1][r[0].index('$3')])"
}


fresh; edit player_game_summary '1s/,points,/,pts,/'
expect_exit 2 "player_game_summary.csv.gz:1: column 'points': required column missing" -- import_case
pass "missing required column"

fresh; edit team_defense_game_summary '5s/^\([^,]*,[^,]*,[^,]*,[^,]*,[^,]*,\)[0-9]*/\1abc/'
expect_exit 2 "team_defense_game_summary.csv.gz:5: column 'points_allowed': cannot parse 'abc' as INT64" -- import_case
pass "unparsable integer"

fresh; edit schedule '3s/,20[0-9][0-9]-[0-9][0-9]-[0-9][0-9],/,2023-02-30,/'
expect_exit 2 "schedule.csv.gz:3: column 'game_date': cannot parse '2023-02-30' as DATE" -- import_case
pass "impossible date"

fresh; set_field player_game_summary 7 is_active maybe
expect_exit 2 "player_game_summary.csv.gz:7: column 'is_active': cannot parse 'maybe' as BOOL" -- import_case
pass "bad boolean"
fresh; set_field team_offense_game_summary 3 processed_at "2021-10-20 25:00:00 UTC"
expect_exit 2 "team_offense_game_summary.csv.gz:3: column 'processed_at': cannot parse '2021-10-20 25:00:00 UTC' as TIMESTAMP" -- import_case
pass "bad timestamp"
fresh; set_field player_game_summary 4 data_hash 0123456789abcdef0
expect_exit 2 "player_game_summary.csv.gz:4: column 'data_hash': '0123456789abcdef0' is longer than 16 characters" -- import_case
pass "data_hash longer than the original's 16 hex digits"

fresh; edit team_offense_game_summary '$p'
expect_exit 2 "team_offense_game_summary.csv.gz:[0-9]+: column 'team_abbr': duplicate key .*first seen on line [0-9]+" -- import_case
pass "duplicate key"

fresh; edit upcoming_team_game_context '4s/,[^,]*$//'
expect_exit 2 "upcoming_team_game_context.csv.gz:4: expected 10 fields" -- import_case
pass "short row"

fresh; edit upcoming_player_game_context '6s/^/"/'
expect_exit 2 "upcoming_player_game_context.csv.gz:6: .*(quote|unterminated)" -- import_case
pass "broken quoting"

fresh; f="$WORK/case/player_game_summary.csv.gz"; truncate -s $(( $(stat -c %s "$f") / 2 )) "$f"
expect_exit 2 "player_game_summary.csv.gz: corrupt or truncated gzip" -- import_case
pass "truncated gzip"

# Gzip members (issue 20, defect 1): intact members concatenated import whole;
# a damaged second member or bytes after the last member are refused with the
# byte offset (they used to import the first half silently).
fresh; f="$WORK/case/player_game_summary.csv.gz"
zcat "$f" >"$WORK/all.csv"; rows=$(wc -l <"$WORK/all.csv")
head -n $(( rows / 2 )) "$WORK/all.csv" | gzip >"$WORK/m1.gz"; tail -n +$(( rows / 2 + 1 )) "$WORK/all.csv" | gzip >"$WORK/m2.gz"
cat "$WORK/m1.gz" "$WORK/m2.gz" >"$f"
expect_exit 0 "player_game_summary +$(( rows - 1 )) rows" -- import_case
pass "two intact gzip members import every row"
m1=$(stat -c %s "$WORK/m1.gz")
printf '\xff\xff\xff\xff\xff\xff\xff\xff' | dd of="$f" bs=1 seek=$(( m1 + 100 )) conv=notrunc status=none
expect_exit 2 "player_game_summary.csv.gz: corrupt or truncated gzip data: gzip member 2 \(from byte offset $m1\) is corrupt" -- import_case
pass "damaged second gzip member"
fresh; f="$WORK/case/player_game_summary.csv.gz"; size=$(stat -c %s "$f"); head -c 64 /dev/urandom >>"$f"
expect_exit 2 "player_game_summary.csv.gz: corrupt or truncated gzip data: bytes after gzip member 1 \(from byte offset $size of $(( size + 64 ))\) are not a gzip member" -- import_case
pass "random bytes after the gzip stream"

fresh; edit team_defense_game_summary '2,$d'
expect_exit 2 "team_defense_game_summary.csv.gz: table team_defense_game_summary has a header but no rows" -- import_case
pass "header-only table"

fresh; : | gzip >"$WORK/case/schedule.csv.gz"
expect_exit 2 "schedule.csv.gz: file is empty" -- import_case
pass "empty file"

fresh; rm "$WORK/case/upcoming_team_game_context.csv.gz"
expect_exit 2 "missing input table: expected upcoming_team_game_context.csv\[.gz\], shards upcoming_team_game_context-NNNNNNNNNNNN.csv\[.gz\] or a folder upcoming_team_game_context/" -- import_case
pass "missing table file"

fresh; zcat "$WORK/case/schedule.csv.gz" >"$WORK/case/schedule.csv"
expect_exit 2 "both schedule.csv and schedule.csv.gz exist" -- import_case
pass "ambiguous table file"

# set_field TABLE LINE COLUMN VALUE: one field of one line (line 2 = first row).
# Values that cannot describe a game (docs/failure-modes.md, import rules).
fresh; set_field player_game_summary 4 minutes_played -5.0
expect_exit 2 "player_game_summary.csv.gz:4: column 'minutes_played': is negative: -5" -- import_case
pass "negative minutes"
fresh; set_field team_defense_game_summary 6 points_allowed -101
expect_exit 2 "team_defense_game_summary.csv.gz:6: column 'points_allowed': is negative" -- import_case
pass "negative points allowed"
fresh; set_field player_game_summary 5 fg_makes $(( $(field player_game_summary 5 fg_attempts) + 1 ))
expect_exit 2 "player_game_summary.csv.gz:5: column 'fg_makes': [0-9]+ exceeds fg_attempts [0-9]+" -- import_case
pass "makes > attempts"
fresh; set_field team_defense_game_summary 3 opp_paint_makes 999
expect_exit 2 "team_defense_game_summary.csv.gz:3: column 'opp_paint_makes': 999 exceeds opp_paint_attempts" -- import_case
pass "opponent makes > attempts"
fresh; set_field player_game_summary 8 minutes_played 4800.0
expect_exit 2 "player_game_summary.csv.gz:8: column 'minutes_played': is implausibly large: 4800" -- import_case
pass "implausible minutes"
fresh; set_field player_game_summary 9 points 99999999999999999999
expect_exit 2 "player_game_summary.csv.gz:9: column 'points': cannot parse '99999999999999999999' as INT64" -- import_case
pass "integer overflow"
fresh; set_field player_game_summary 9 usage_rate 1e999
expect_exit 2 "player_game_summary.csv.gz:9: column 'usage_rate': cannot parse '1e999' as NUMERIC" -- import_case
pass "numeric overflow"
fresh; set_field team_offense_game_summary 7 pace nan
expect_exit 2 "team_offense_game_summary.csv.gz:7: column 'pace': cannot parse 'nan' as NUMERIC" -- import_case
pass "NaN"
fresh; set_field player_game_summary 10 game_date 2019-07-04
expect_exit 2 "player_game_summary.csv.gz:10: column 'game_date': 2019-07-04 is not a game date of the schedule" -- import_case
pass "date outside every season"
fresh; set_field upcoming_team_game_context 3 game_date 2030-01-01
expect_exit 2 "upcoming_team_game_context.csv.gz:3: column 'game_date': 2030-01-01 is not a game date" -- import_case
pass "context date outside every season"
fresh; set_field player_game_summary 6 player_lookup ""
expect_exit 2 "player_game_summary.csv.gz:6: column 'player_lookup': key column is empty" -- import_case
pass "empty key"
# A NUL byte or a non-UTF-8 byte in a string (issue 20, defects 7 and 8).
fresh; old=$(field player_game_summary 3 player_lookup)
zcat "$WORK/case/player_game_summary.csv.gz" | "$PY" -c "
import sys; d=sys.stdin.buffer.read().split(b'\n'); d[2]=d[2].replace(b'$old', b'$old\x00x', 1); sys.stdout.buffer.write(b'\n'.join(d))" \
  | gzip >"$WORK/case/x" && mv "$WORK/case/x" "$WORK/case/player_game_summary.csv.gz"
expect_exit 2 "player_game_summary.csv.gz:3: column 'player_lookup': '$old\\\\x00x' contains a NUL byte at byte $(( ${#old} + 1 ))" -- import_case
pass "NUL byte in a key"
fresh; old=$(field upcoming_player_game_context 4 player_lookup)
zcat "$WORK/case/upcoming_player_game_context.csv.gz" | "$PY" -c "
import sys; d=sys.stdin.buffer.read().split(b'\n'); d[3]=d[3].replace(b'$old', b'jos\xe9', 1); sys.stdout.buffer.write(b'\n'.join(d))" \
  | gzip >"$WORK/case/x" && mv "$WORK/case/x" "$WORK/case/upcoming_player_game_context.csv.gz"
expect_exit 2 "upcoming_player_game_context.csv.gz:4: column 'player_lookup': 'jos\\\\xE9' is not valid UTF-8 \(byte 0xE9 at byte 4" -- import_case
pass "Windows-1252 byte in a key"
fresh; zcat "$WORK/case/player_game_summary.csv.gz" | sed -n '1p;2p;2p' | gzip >"$WORK/case/x" && mv "$WORK/case/x" "$WORK/case/player_game_summary.csv.gz"
expect_exit 2 "player_game_summary.csv.gz:3: column 'player_lookup': duplicate key .*first seen on line 2" -- import_case
pass "exact duplicate row"
fresh; cp "$WORK/case/team_offense_game_summary.csv.gz" "$WORK/case/player_game_summary.csv.gz"
expect_exit 2 "player_game_summary.csv.gz:1: column 'player_lookup': required column missing" -- import_case
pass "wrong table's file (wrong header)"
fresh; edit schedule '1s/game_date/game_date,game_date/'
expect_exit 2 "schedule.csv.gz:1: column 'game_date': column appears twice" -- import_case
pass "column twice in the header"
fresh; rm "$WORK/case/schedule.csv.gz"
expect_exit 2 "missing input table: expected schedule.csv\[.gz\], shards schedule-NNNNNNNNNNNN.csv\[.gz\] or a folder schedule/" -- import_case
pass "missing schedule"
fresh; zcat "$WORK/case/schedule.csv.gz" >"$WORK/case/schedule.csv.gz.plain" && mv "$WORK/case/schedule.csv.gz.plain" "$WORK/case/schedule.csv.gz"
# Tolerated: zlib reads an uncompressed file named .gz as it is (same rows).
expect_exit 0 "schedule +1317 rows" -- import_case
pass "plain text named .gz is read as plain text"
fresh; printf 'player_lookup,game_date\n\x00\x01\x02,2023-11-01\n' | gzip >"$WORK/case/upcoming_player_game_context.csv.gz"
expect_exit 2 "upcoming_player_game_context.csv.gz:1: column '[a-z_]+': required column missing" -- import_case
pass "binary garbage"
rm -rf "$WORK/input-dir-missing"
expect_exit 2 "input-dir-missing: input directory does not exist" -- "$NBA_BIN" import --from "$WORK/input-dir-missing" --store "$WORK/x.h5"
pass "missing input directory"
# Paths that are the wrong kind of thing, checked before any work (issue 20, defects 9 and 13).
ln -sfn "$WORK/loop-b" "$WORK/loop-a"; ln -sfn "$WORK/loop-a" "$WORK/loop-b"
expect_exit 2 "loop-a: cannot read input directory: Too many levels of symbolic links" -- \
  "$NBA_BIN" import --from "$WORK/loop-a" --store "$WORK/x.h5"
expect_exit 2 "schedule.csv.gz: is a file, not a directory: --from takes the folder" -- \
  "$NBA_BIN" import --from "$WORK/good/schedule.csv.gz" --store "$WORK/x.h5"
mkdir -p "$WORK/store-dir"
expect_exit 2 "store-dir is a directory; name the .h5 file to write" -- \
  "$NBA_BIN" import --from "$WORK/good" --store "$WORK/store-dir"
out=$("$NBA_BIN" import --from "$WORK/good" --store "$WORK/store-dir" 2>&1 || true)
! grep -q "rows" <<<"$out" || fail "--store a directory was found only after the import"
pass "symlink loop, a file as --from, a directory as --store: exit 2 before any work"

# Non-ASCII names are UTF-8 bytes passed through unchanged: they import, compute
# and export as they came.
fresh
old=$(field player_game_summary 2 player_lookup)
for t in player_game_summary upcoming_player_game_context; do
  zcat "$WORK/case/$t.csv.gz" | sed "s/\\b$old\\b/nikolajokić/g" | gzip >"$WORK/case/x" && mv "$WORK/case/x" "$WORK/case/$t.csv.gz"
done
expect_exit 0 "imported" -- import_case
"$NBA_BIN" --quiet run --input "$WORK/case.h5" --out "$WORK/utf8" >/dev/null
"$NBA_BIN" export --out "$WORK/utf8" --processor pdc --format csv --output "$WORK/utf8.csv" 2>/dev/null
grep -q "^nikolajokić," "$WORK/utf8.csv" || fail "the UTF-8 name did not reach the output"
pass "non-ASCII player names pass through"

# Tolerated variants: CRLF line ends, a UTF-8 BOM, an uncompressed table.
fresh; edit team_offense_game_summary 's/$/\r/'; edit schedule '1s/^/\xEF\xBB\xBF/'
zcat "$WORK/case/team_defense_game_summary.csv.gz" >"$WORK/case/team_defense_game_summary.csv"
rm "$WORK/case/team_defense_game_summary.csv.gz"
expect_exit 0 "imported" -- import_case
pass "CRLF + BOM + plain CSV import"

# A failed import never leaves a store behind under its final name.
fresh; rm -f "$WORK/bad.h5"; edit player_game_summary '9s/,20[0-9][0-9]-[0-9][0-9]-[0-9][0-9],/,bad-date,/'
"$NBA_BIN" import --from "$WORK/case" --store "$WORK/bad.h5" >/dev/null 2>&1 && fail "import should fail"
[[ ! -e "$WORK/bad.h5" ]] || fail "a failed import left a store behind"
pass "failed import writes nothing"

# Bad command lines.
"$NBA_BIN" --quiet import --from "$WORK/good" --store "$WORK/good.h5"
run_cmd() { "$NBA_BIN" run --input "$WORK/good.h5" --out "$WORK/out" "$@"; }
expect_exit 2 "--start 2024-03-02 is after --end 2024-03-01" -- run_cmd --start 2024-03-02 --end 2024-03-01
expect_exit 2 "--start must be a YYYY-MM-DD date" -- run_cmd --start 2024-3-1
expect_exit 2 "--partition must be auto, season, year, month, week or days:N" -- run_cmd --partition fortnight
expect_exit 2 "season 1999 is not in the input's schedule" -- run_cmd --season 1999
expect_exit 2 "no dates with games" -- run_cmd --start 2030-01-01
expect_exit 2 "cannot open input store" -- "$NBA_BIN" run --input "$WORK/nope.h5" --out "$WORK/out"
printf '2023-11-20\nnot-a-date\n' >"$WORK/dates.txt"
expect_exit 2 "dates.txt:2: not a YYYY-MM-DD date" -- run_cmd --dates-file "$WORK/dates.txt"
expect_exit 2 "output directory /proc/nba-cannot-write cannot be created" -- \
  "$NBA_BIN" run --input "$WORK/good.h5" --out /proc/nba-cannot-write
expect_exit 2 "unknown|not expected|extra" -- "$NBA_BIN" run --input "$WORK/good.h5" --out "$WORK/out" --bogus
expect_exit 2 "unknown processor 'foo'" -- run_cmd --processors tdza,foo
expect_exit 2 "--partition days:N needs N between 1 and 400" -- run_cmd --partition days:0
expect_exit 2 "--worker-timeout: Value 0 not in range" -- run_cmd --worker-timeout 0
expect_exit 2 "--force, --retry-failed and --gaps exclude each other" -- run_cmd --force --gaps
touch "$WORK/a-file"
expect_exit 2 "output directory $WORK/a-file cannot be created" -- "$NBA_BIN" run --input "$WORK/good.h5" --out "$WORK/a-file"
echo "not hdf5" >"$WORK/junk.h5"
expect_exit 2 "junk.h5: cannot open input store" -- "$NBA_BIN" run --input "$WORK/junk.h5" --out "$WORK/out"
head -c 50000 "$WORK/good.h5" >"$WORK/cut.h5"
expect_exit 2 "cut.h5: cannot open input store" -- "$NBA_BIN" run --input "$WORK/cut.h5" --out "$WORK/out"
# A store written by an older build (another format version) names both versions and the fix.
cp "$WORK/good.h5" "$WORK/old.h5"
"$PY" -c "import h5py; f=h5py.File('$WORK/old.h5','r+'); f.attrs['format_version']=1; f.close()"
expect_exit 2 "old.h5: input store format version 1, this build reads version [0-9]+: re-create it with \`nba-precompute import\`" \
  -- "$NBA_BIN" run --input "$WORK/old.h5" --out "$WORK/out"
# A store whose table content was changed behind its checksums: rank 0 plans
# from /planning and the block index alone (decisions 47, 57), so the ranks that
# read the season refuse it, naming it; its units fail (exit 3), the one-process
# run and every MPI worker alike.
cp "$WORK/good.h5" "$WORK/edited.h5"
"$PY" -c "import h5py; f=h5py.File('$WORK/edited.h5','r+'); d=f['tables/player_game_summary/points']; d[5]=d[5]+1; f.close()"
expect_exit 3 "cannot load its input: .*edited.h5: input store's season [0-9]{4}-[0-9]{2} does not match its checksum" -- \
  "$NBA_BIN" run --input "$WORK/edited.h5" --out "$WORK/out-edited"
expect_exit 3 "cannot load its input: .*edited.h5: input store's season [0-9]{4}-[0-9]{2} does not match its checksum" -- \
  mpirun -np 2 --oversubscribe "$NBA_BIN" run --input "$WORK/edited.h5" --out "$WORK/out-edited-mpi"
# A damaged block index is refused before any work (it is read when the store is opened).
cp "$WORK/good.h5" "$WORK/index.h5"
"$PY" -c "import h5py; f=h5py.File('$WORK/index.h5','r+'); d=f['blocks/rows/player_game_summary']; d[1]=d[1]-1; f.close()"
expect_exit 2 "index.h5: input store's block index does not match its fingerprint" -- \
  "$NBA_BIN" run --input "$WORK/index.h5" --out "$WORK/out-index"
# A missing hostfile is mpirun's to report, before any rank starts.
expect_exit 1 "unable to open the hostfile" -- mpirun --hostfile "$WORK/no-such-hostfile" -np 2 "$NBA_BIN" run \
  --input "$WORK/good.h5" --out "$WORK/out"
# Under mpirun the usage error still reaches the user with exit code 2.
expect_exit 2 "is after --end" -- mpirun -np 2 --oversubscribe "$NBA_BIN" run --input "$WORK/good.h5" \
  --out "$WORK/out" --start 2024-03-02 --end 2024-03-01
expect_exit 2 "--worker-timeout: Value nan not in range" -- run_cmd --worker-timeout nan
expect_exit 2 "--worker-timeout: Value inf not in range" -- run_cmd --worker-timeout inf
expect_exit 2 "--grace-seconds: Value -nan not in range" -- run_cmd --grace-seconds -nan
mkdir -p "$WORK/a-dir"
expect_exit 2 "a-dir: is a directory; --dates-file takes a file" -- run_cmd --dates-file "$WORK/a-dir"
expect_exit 2 "--exit-code-file $WORK/a-dir is a directory; name a file" -- run_cmd --exit-code-file "$WORK/a-dir"
expect_exit 2 "--exit-code-file $WORK/no-such-dir/code: folder $WORK/no-such-dir does not exist" -- \
  run_cmd --exit-code-file "$WORK/no-such-dir/code"
[[ ! -e "$WORK/out/ledger.jsonl" ]] || fail "a refused --exit-code-file still ran"
"$NBA_BIN" --quiet run --input "$WORK/good.h5" --out "$WORK/out-shard" --start 2023-11-20 --end 2023-11-20 >/dev/null
shard=$(find "$WORK/out-shard/shards" -name '*.h5' | head -1)
expect_exit 2 "not an input store: this is a shard of a run's output \(--input takes the .h5 written by" -- \
  "$NBA_BIN" run --input "$shard" --out "$WORK/out"
expect_exit 2 "not an input store: this is the index of a run's output" -- \
  "$NBA_BIN" run --input "$WORK/out-shard/index.h5" --out "$WORK/out"
pass "bad command lines"

# A dates file naming a day without games is reported, not silently dropped.
printf '2023-12-01\n2023-07-04\n' >"$WORK/dates.txt"
run_cmd --dates-file "$WORK/dates.txt" >/dev/null 2>&1
"$PY" -c "import json,sys; r=[json.loads(l) for l in open('$WORK/out/ledger.jsonl')]; sys.exit(0 if any(x['date']=='2023-07-04' and x['status']=='no_games' for x in r) else 1)" \
  || fail "date without games not recorded as no_games"
pass "dates without games are recorded"
