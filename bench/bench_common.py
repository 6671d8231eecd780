"""What the bench drivers (driver.py, scale_driver.py) share: their command
line and work folder, timing a command, the measurement log, the run command
and a run's manifest."""
import argparse
import json
import os
import shutil
import subprocess
import time


def start(default_reps, compare_help):
    """Parsed arguments, the binary's absolute path, the emptied work folder and
    the open measurements.jsonl."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--reps", type=int, default=default_reps)
    ap.add_argument("--compare-bin", help=compare_help)
    args = ap.parse_args()
    shutil.rmtree(args.work, ignore_errors=True)
    os.makedirs(args.work)
    return args, os.path.abspath(args.bin), args.work, open(os.path.join(args.out, "measurements.jsonl"), "w")


def sh(cmd):
    """Wall seconds of a command that must succeed (its output discarded)."""
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0


def recorder(log):
    """record(name, seconds, **extra): one line of the log, printed too; returns the line's dict."""
    def record(name, seconds, **extra):
        m = {"name": name, "seconds": seconds, **extra}
        log.write(json.dumps(m) + "\n")
        log.flush()
        print(f"  {name} {extra.get('config', '')}: {seconds:.3f} s", flush=True)
        return m
    return record


def run_cmd(binary, np, store, out, *opts):
    base = [binary, "--quiet", "run", "--input", store, "--out", out, *opts]
    return base if np == 1 else ["mpirun", "-np", str(np), "--oversubscribe", *base]


def manifest(out):
    return json.load(open(os.path.join(out, "manifest.json")))
