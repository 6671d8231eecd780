#!/usr/bin/env bash
# A real Slurm run (issue 6): start a one-node Slurm cluster (munged, slurmctld,
# slurmd) owned by this test -- config, state, sockets, logs and pid files all under
# the test's temporary folder, daemons on loopback ports -- sbatch the project's own
# scripts/slurm/backfill.sbatch on a small synthetic league and check the job's state
# and output; then signal a job mid-run (as --signal=B:USR1 does), let it requeue
# itself and resume, and check the final output equals a clean run byte for byte.
# Skips (77) where Slurm cannot run here (not root, no cgroup fs for slurmd, ...).
source "$(dirname "$0")/lib.sh"
[[ $(id -u) -eq 0 ]] || skip "needs root to start munged/slurmctld/slurmd"
for tool in slurmctld slurmd munged sbatch squeue sacct scontrol; do
  command -v $tool >/dev/null || [[ -x /usr/sbin/$tool ]] || skip "$tool not installed"
done
[[ -d /sys/fs/cgroup ]] && grep -q " /sys/fs/cgroup" <<<"$(mount)" || skip "slurmd 22.05 needs a cgroup filesystem at /sys/fs/cgroup"
[[ -r /etc/munge/munge.key ]] || skip "no munge key"
REPO=$(cd "$(dirname "$0")/../.." && pwd)
S="$WORK/slurm"
mkdir -p "$S"/{state,spool,log,munge} "$S/tmp"
chmod 755 "$WORK" "$S"
chown munge:munge "$S/munge"
export SLURM_CONF="$S/slurm.conf"
PIDS=()
alive() { [[ -r /proc/$1/stat ]] && [[ $(awk '{print $3}' /proc/$1/stat) != Z ]]; }
cleanup() {
  for f in "$S"/slurmd.pid "$S"/slurmctld.pid "$S"/munge/munged.pid; do
    [[ -s $f ]] && kill "$(cat "$f")" 2>/dev/null || true
  done
  sleep 0.3
  rm -rf "$WORK"
}
trap cleanup EXIT

runuser -u munge -- /usr/sbin/munged --socket="$S/munge/munge.socket" --pid-file="$S/munge/munged.pid" \
  --log-file="$S/munge/munged.log" --seed-file="$S/munge/munged.seed" || skip "munged does not start here"
NODE=$(hostname -s)
HW=$(slurmd -C | head -1 | awk '{for(i=1;i<=NF;i++) if($i~/^RealMemory=/){split($i,a,"="); $i="RealMemory=" (a[2]-1024)}; print}')
cat >"$SLURM_CONF" <<CONF
ClusterName=nbatest
SlurmctldHost=$NODE(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$S/munge/munge.socket
CryptoType=crypto/munge
MpiDefault=none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
StateSaveLocation=$S/state
SlurmdSpoolDir=$S/spool
SlurmctldPidFile=$S/slurmctld.pid
SlurmdPidFile=$S/slurmd.pid
SlurmctldLogFile=$S/log/slurmctld.log
SlurmdLogFile=$S/log/slurmd.log
SlurmctldPort=16817
SlurmdPort=16818
TmpFS=$S/tmp
InactiveLimit=0
KillWait=5
MinJobAge=300
SlurmctldTimeout=30
SlurmdTimeout=30
Waittime=0
MailProg=/bin/true
$HW NodeAddr=127.0.0.1 State=UNKNOWN
PartitionName=debug Nodes=$NODE Default=YES MaxTime=INFINITE State=UP OverSubscribe=NO
CONF
/usr/sbin/slurmctld || skip "slurmctld does not start: $(tail -3 "$S/log/slurmctld.log")"
/usr/sbin/slurmd || skip "slurmd does not start: $(tail -3 "$S/log/slurmd.log")"
for _ in $(seq 1 100); do grep -q idle <<<"$(sinfo -h -o %T 2>/dev/null)" && break; sleep 0.2; done
grep -q idle <<<"$(sinfo -h -o %T)" || skip "the Slurm node never became idle: $(tail -3 "$S/log/slurmd.log")"
pass "one-node Slurm cluster up (node $NODE)"

clean_reference 41

wait_job() {  # JOBID TIMEOUT_S -> prints the final state
  local id=$1 limit=$2 state
  for _ in $(seq 1 $((limit * 5))); do
    state=$(scontrol show job "$id" 2>/dev/null | grep -o 'JobState=[A-Z_]*' | cut -d= -f2)
    case $state in COMPLETED|FAILED|CANCELLED|TIMEOUT|NODE_FAIL|OUT_OF_MEMORY) echo "$state"; return;; esac
    sleep 0.2
  done
  echo "TIMEOUT_WAITING($state)"
}
cd "$WORK"
export NBA_BIN
id=$(sbatch --parsable --ntasks=2 --export=ALL "$REPO/scripts/slurm/backfill.sbatch" "$WORK/in.h5" "$WORK/job1")
state=$(wait_job "$id" 120)
[[ $state == COMPLETED ]] || { cat "$WORK"/nba-precompute-"$id".out; fail "job $id ended $state"; }
grep -q "ExitCode=0:0" <<<"$(scontrol show job "$id")" || fail "job $id exit code is not 0:0"
"$NBA_BIN" digest --index "$WORK/job1/index.h5" | diff -q - "$WORK/clean.digest" >/dev/null || fail "job output differs"
pass "sbatch backfill.sbatch: job $id COMPLETED 0:0, output equals a clean run"

# The srun alternative (Slurm launches the ranks itself through PMIx).
id=$(LAUNCHER=srun sbatch --parsable --ntasks=2 --export=ALL "$REPO/scripts/slurm/backfill.sbatch" "$WORK/in.h5" "$WORK/job_srun")
state=$(wait_job "$id" 120)
[[ $state == COMPLETED ]] || { cat "$WORK"/nba-precompute-"$id".out; fail "srun job $id ended $state"; }
"$NBA_BIN" digest --index "$WORK/job_srun/index.h5" | diff -q - "$WORK/clean.digest" >/dev/null || fail "srun job output differs"
pass "LAUNCHER=srun (srun --mpi=pmix): job $id COMPLETED, output equals a clean run"

# A job signalled mid-run: it stops gracefully, requeues itself, and the restart resumes.
# submit_slow_job OUT: a job computing 60 ms per date into OUT; returns (its id
# in $id) once it has recorded more than 20 done records.
submit_slow_job() {
  id=$(sbatch --parsable --ntasks=2 --export=ALL,NBA_FAULT_DATE_DELAY_MS=60 \
    "$REPO/scripts/slurm/backfill.sbatch" "$WORK/in.h5" "$1" --partition week)
  for _ in $(seq 1 300); do
    [[ -f "$1/ledger.jsonl" ]] && [[ $(grep -c '"done"' "$1/ledger.jsonl") -gt 20 ]] && break
    sleep 0.1
  done
}
submit_slow_job "$WORK/job2"
scancel --signal=USR1 --batch "$id"
requeued_at=""
for _ in $(seq 1 900); do  # the requeued job restarts (SLURM_RESTART_COUNT=1) and finishes
  grep -q "restart 1" "$WORK/nba-precompute-$id.out" 2>/dev/null && break
  # Slurm delays a requeued job (BeginTime ~2 min later). Release it sooner, but not
  # at once: slurmd refuses to relaunch a job it killed a moment ago.
  if [[ -z $requeued_at ]] && grep -q "requeueing job" "$WORK/nba-precompute-$id.out" 2>/dev/null; then
    requeued_at=$SECONDS
  fi
  if [[ -n $requeued_at && $requeued_at != done && $((SECONDS - requeued_at)) -ge 8 ]]; then
    scontrol update JobId="$id" StartTime=now >/dev/null 2>&1 || true
    requeued_at=done
  fi
  sleep 0.2
done
grep -q "run exit code: 4" "$WORK/nba-precompute-$id.out" || { cat "$WORK/nba-precompute-$id.out"; fail "the signalled job did not stop with exit code 4"; }
grep -q "restart 1" "$WORK/nba-precompute-$id.out" || {
  cat "$WORK/nba-precompute-$id.out"; scontrol show job "$id"; tail -15 "$S/log/slurmctld.log"; echo "--- slurmd"; tail -25 "$S/log/slurmd.log"; fail "the job was not requeued"; }
state=$(wait_job "$id" 300)
[[ $state == COMPLETED ]] || { cat "$WORK/nba-precompute-$id.out"; fail "requeued job $id ended $state"; }
"$NBA_BIN" digest --index "$WORK/job2/index.h5" | diff -q - "$WORK/clean.digest" >/dev/null || fail "resumed job output differs"
pass "signalled job $id: stopped (exit 4), requeued, resumed, COMPLETED; output equals a clean run"

# A plain scancel (issue 20, defect 3): slurmd SIGTERMs the whole job and
# SIGKILLs it KillWait (5 s here) later. Rank 0 takes the SIGTERM (or the
# SIGUSR1 the batch script turns its own SIGTERM into) as a stop;
# mpirun was told to wait before killing the ranks (backfill.sbatch), so what
# finished is recorded whole, and a new job resumes to the same bytes.
submit_slow_job "$WORK/job3"
scancel "$id"
state=$(wait_job "$id" 60)
[[ $state == CANCELLED ]] || { cat "$WORK/nba-precompute-$id.out"; fail "scancelled job $id ended $state"; }
grep -Eq "stop requested \(signal (15|10)\): no new units" "$WORK"/job3/logs/*.log \
  || { cat "$WORK/nba-precompute-$id.out"; tail -5 "$WORK"/job3/logs/*.log; fail "rank 0 did not take scancel's SIGTERM as a stop"; }
"$PY" - "$WORK/job3" <<'PYEOF' || fail "ledger or shards inconsistent after scancel"
import json, os, sys, zlib
out = sys.argv[1]
raw = open(os.path.join(out, "ledger.jsonl"), "rb").read()
assert raw.endswith(b"\n"), "ledger ends in a torn line"
for line in raw.decode().splitlines():
    r = json.loads(line)
    if r["status"] == "done":
        data = open(os.path.join(out, r["shard"]), "rb").read()
        assert "%08x" % zlib.crc32(data) == r["shard_crc32"], r["shard"]
PYEOF
id2=$(sbatch --parsable --ntasks=2 --export=ALL "$REPO/scripts/slurm/backfill.sbatch" "$WORK/in.h5" "$WORK/job3")
state=$(wait_job "$id2" 120)
[[ $state == COMPLETED ]] || { cat "$WORK/nba-precompute-$id2.out"; fail "job $id2 after scancel ended $state"; }
"$NBA_BIN" digest --index "$WORK/job3/index.h5" | diff -q - "$WORK/clean.digest" >/dev/null || fail "output after scancel + rerun differs"
pass "scancel $id: CANCELLED, rank 0 stopped on SIGTERM, ledger and shards whole; job $id2 resumed to the same bytes"
