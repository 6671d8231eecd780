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

fresh; edit player_game_summary '1s/,points,/,pts,/'
expect_exit 2 "player_game_summary.csv.gz:1: column 'points': required column missing" -- import_case
pass "missing required column"

fresh; edit team_defense_game_summary '5s/^\([^,]*,[^,]*,[^,]*,[^,]*,[^,]*,\)[0-9]*/\1abc/'
expect_exit 2 "team_defense_game_summary.csv.gz:5: column 'points_allowed': cannot parse 'abc' as INT64" -- import_case
pass "unparsable integer"

fresh; edit schedule '3s/,20[0-9][0-9]-[0-9][0-9]-[0-9][0-9],/,2023-02-30,/'
expect_exit 2 "schedule.csv.gz:3: column 'game_date': cannot parse '2023-02-30' as DATE" -- import_case
pass "impossible date"

fresh; edit player_game_summary '7s/,true,false$/,maybe,false/'
expect_exit 2 "player_game_summary.csv.gz:7: column 'is_active': cannot parse 'maybe' as BOOL" -- import_case
pass "bad boolean"

fresh; edit team_offense_game_summary '$p'
expect_exit 2 "team_offense_game_summary.csv.gz:[0-9]+: column 'team_abbr': duplicate key .*first seen on line [0-9]+" -- import_case
pass "duplicate key"

fresh; edit upcoming_team_game_context '4s/,[^,]*$//'
expect_exit 2 "upcoming_team_game_context.csv.gz:4: expected 8 fields" -- import_case
pass "short row"

fresh; edit upcoming_player_game_context '6s/^/"/'
expect_exit 2 "upcoming_player_game_context.csv.gz:6: .*(quote|unterminated)" -- import_case
pass "broken quoting"

fresh; f="$WORK/case/player_game_summary.csv.gz"; truncate -s $(( $(stat -c %s "$f") / 2 )) "$f"
expect_exit 2 "player_game_summary.csv.gz: corrupt or truncated gzip" -- import_case
pass "truncated gzip"

fresh; edit team_defense_game_summary '2,$d'
expect_exit 2 "team_defense_game_summary.csv.gz: table team_defense_game_summary has a header but no rows" -- import_case
pass "header-only table"

fresh; : | gzip >"$WORK/case/schedule.csv.gz"
expect_exit 2 "schedule.csv.gz: file is empty" -- import_case
pass "empty file"

fresh; rm "$WORK/case/upcoming_team_game_context.csv.gz"
expect_exit 2 "missing input table: expected upcoming_team_game_context.csv or upcoming_team_game_context.csv.gz" -- import_case
pass "missing table file"

fresh; zcat "$WORK/case/schedule.csv.gz" >"$WORK/case/schedule.csv"
expect_exit 2 "both schedule.csv and schedule.csv.gz exist" -- import_case
pass "ambiguous table file"

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
expect_exit 2 "--partition must be season, year, month, week or days:N" -- run_cmd --partition fortnight
expect_exit 2 "season 1999 is not in the input's schedule" -- run_cmd --season 1999
expect_exit 2 "no dates with games" -- run_cmd --start 2030-01-01
expect_exit 2 "cannot open input store" -- "$NBA_BIN" run --input "$WORK/nope.h5" --out "$WORK/out"
printf '2023-11-20\nnot-a-date\n' >"$WORK/dates.txt"
expect_exit 2 "dates.txt:2: not a YYYY-MM-DD date" -- run_cmd --dates-file "$WORK/dates.txt"
expect_exit 2 "output directory /proc/nba-cannot-write cannot be created" -- \
  "$NBA_BIN" run --input "$WORK/good.h5" --out /proc/nba-cannot-write
expect_exit 2 "unknown|not expected|extra" -- "$NBA_BIN" run --input "$WORK/good.h5" --out "$WORK/out" --bogus
# Under mpirun the usage error still reaches the user with exit code 2.
expect_exit 2 "is after --end" -- mpirun -np 2 --oversubscribe "$NBA_BIN" run --input "$WORK/good.h5" \
  --out "$WORK/out" --start 2024-03-02 --end 2024-03-01
pass "bad command lines"

# A dates file naming a day without games is reported, not silently dropped.
printf '2023-12-01\n2023-07-04\n' >"$WORK/dates.txt"
run_cmd --dates-file "$WORK/dates.txt" >/dev/null 2>&1
"$PY" -c "import json,sys; r=[json.loads(l) for l in open('$WORK/out/ledger.jsonl')]; sys.exit(0 if any(x['date']=='2023-07-04' and x['status']=='no_games' for x in r) else 1)" \
  || fail "date without games not recorded as no_games"
pass "dates without games are recorded"
