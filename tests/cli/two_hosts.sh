#!/usr/bin/env bash
# A real two-host run (issue 6): two network-namespace "hosts" (own network, own
# hostname, own sshd), `mpirun --hostfile` placing ranks on both over ssh, and the
# output equal byte for byte to a single-node run. The namespaces, sshds, keys and
# /etc/netns entries are created and removed by this test; all traffic stays on
# the test's own 10.231.7.0/24 link between its namespaces. Skips (77) where the
# machine cannot create namespaces or run sshd.
source "$(dirname "$0")/lib.sh"
[[ $(id -u) -eq 0 ]] || skip "needs root for network namespaces"
for tool in ip unshare sshd ssh ssh-keygen; do command -v $tool >/dev/null || skip "$tool not installed"; done
NS1=nba-h1-$$ NS2=nba-h2-$$
SSHD_PIDS=()
cleanup() {
  for p in "${SSHD_PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for ns in $NS1 $NS2; do
    for p in $(ip netns pids $ns 2>/dev/null); do kill -9 "$p" 2>/dev/null || true; done
    ip netns del $ns 2>/dev/null || true
    rm -rf /etc/netns/$ns
  done
  rm -rf "$WORK"
}
trap cleanup EXIT
ip netns add $NS1 2>/dev/null || skip "cannot create network namespaces here"
ip netns add $NS2
for ns in $NS1 $NS2; do ip -n $ns link set lo up; done
ip -n $NS1 link add br0 type bridge
ip -n $NS1 addr add 10.231.7.1/24 dev br0
ip -n $NS1 link set br0 up
ip -n $NS1 link add port2 type veth peer name eth-h2 netns $NS2
ip -n $NS1 link set port2 master br0 up
ip -n $NS2 addr add 10.231.7.2/24 dev eth-h2
ip -n $NS2 link set eth-h2 up
for ns in $NS1 $NS2; do
  mkdir -p /etc/netns/$ns
  printf '127.0.0.1 localhost\n10.231.7.1 node1\n10.231.7.2 node2\n' >/etc/netns/$ns/hosts
done

# ssh: keys and configs live in $WORK; nothing under /root/.ssh is touched.
ssh-keygen -q -t ed25519 -N '' -f "$WORK/client_key"
ssh-keygen -q -t ed25519 -N '' -f "$WORK/host_key"
cp "$WORK/client_key.pub" "$WORK/authorized_keys"
mkdir -p /run/sshd
cat >"$WORK/ssh_config" <<CFG
Host node1
  HostName 10.231.7.1
Host node2
  HostName 10.231.7.2
Host *
  User root
  IdentityFile $WORK/client_key
  BatchMode yes
  StrictHostKeyChecking no
  UserKnownHostsFile /dev/null
  LogLevel ERROR
CFG
for k in 1 2; do
  cat >"$WORK/sshd_config.$k" <<CFG
ListenAddress 10.231.7.$k
HostKey $WORK/host_key
PidFile $WORK/sshd.$k.pid
AuthorizedKeysFile $WORK/authorized_keys
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
CFG
  ns=$NS1; [[ $k -eq 2 ]] && ns=$NS2
  # Own UTS namespace = own hostname: Open MPI keys shared-memory names on it.
  ip netns exec $ns unshare --uts sh -c "hostname node$k; exec /usr/sbin/sshd -f $WORK/sshd_config.$k"
  for _ in $(seq 1 50); do [[ -s "$WORK/sshd.$k.pid" ]] && break; sleep 0.1; done
  SSHD_PIDS+=("$(cat "$WORK/sshd.$k.pid")")
done
in_node1() { ip netns exec $NS1 unshare --uts sh -c "hostname node1; exec \"\$@\"" sh "$@"; }
grep -qx node2 <<<"$(in_node1 ssh -F "$WORK/ssh_config" node2 hostname)" || fail "ssh node1 -> node2 does not work"
pass "two hosts up (node1, node2) with sshd"

"$NBA_BIN" --quiet synth --out "$WORK/csv" --seasons 1 --seed 31 --store "$WORK/in.h5"
"$NBA_BIN" --quiet run --input "$WORK/in.h5" --out "$WORK/single" >/dev/null
printf 'node1 slots=2\nnode2 slots=2\n' >"$WORK/hosts"
in_node1 env OMPI_MCA_plm_rsh_agent=ssh OMPI_MCA_plm_rsh_args="-F $WORK/ssh_config" \
  OMPI_MCA_btl=self,vader,tcp OMPI_MCA_btl_tcp_if_include=10.231.7.0/24 OMPI_MCA_oob_tcp_if_include=10.231.7.0/24 \
  mpirun --hostfile "$WORK/hosts" -np 4 "$NBA_BIN" --quiet run --input "$WORK/in.h5" --out "$WORK/multi" \
  >"$WORK/multi.log" 2>&1 || { tail -20 "$WORK/multi.log"; fail "two-host mpirun failed"; }
"$PY" - "$WORK/multi/manifest.json" <<'PYEOF'
import json, sys
m = json.load(open(sys.argv[1]))
hosts = m["hosts"]
assert hosts.get("0") == "node1" and hosts.get("2") == "node2" and hosts.get("3") == "node2", hosts
on_node2 = [u for u in m["units"] if u["rank"] in (2, 3)]
assert on_node2, "no unit ran on node2"
print(f"ok: ranks {hosts}; {len(on_node2)} of {len(m['units'])} units computed on node2")
PYEOF
"$NBA_BIN" digest --index "$WORK/single/index.h5" >"$WORK/single.digest"
"$NBA_BIN" digest --index "$WORK/multi/index.h5" | diff -u "$WORK/single.digest" - || fail "two-host output differs"
pass "two-host output byte-identical to the single-node run"
