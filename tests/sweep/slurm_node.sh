#!/usr/bin/env bash
# A throw-away single-node Slurm cluster on this machine, for tests and by hand:
#   source tests/sweep/slurm_node.sh; slurm_node_start DIR; ...; slurm_node_stop
# Starts munged (own socket and key in DIR), slurmctld and slurmd (own ports,
# state and logs in DIR) from a generated minimal slurm.conf, exports
# SLURM_CONF so sbatch/squeue/scontrol use it, and waits until the node is idle.
# Nothing outside DIR is touched; slurm_node_stop ends exactly these daemons.

slurm_node_start() {
  local dir=$1 host cpus mem port
  mkdir -p "$dir"/{state,spool,log,munge}
  chmod 700 "$dir/munge"
  host=$(hostname -s)
  cpus=$(nproc)
  mem=$(($(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 / 2))
  port=$((20000 + RANDOM % 20000))
  dd if=/dev/urandom of="$dir/munge/munge.key" bs=1024 count=1 status=none
  chmod 400 "$dir/munge/munge.key"
  SLURM_NODE_DIR=$dir
  munged --force --socket="$dir/munge/munge.socket" --key-file="$dir/munge/munge.key" \
    --pid-file="$dir/munge/munged.pid" --log-file="$dir/log/munged.log" --seed-file="$dir/munge/seed" ||
    return 1
  cat >"$dir/slurm.conf" <<CONF
ClusterName=cnnsched-test
SlurmctldHost=$host
SlurmUser=$(id -un)
SlurmctldPort=$port
SlurmdPort=$((port + 1))
AuthType=auth/munge
AuthInfo=socket=$dir/munge/munge.socket
CredType=cred/munge
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
MpiDefault=none
ReturnToService=2
SchedulerType=sched/backfill
MinJobAge=600
NodeName=$host CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
  export SLURM_CONF=$dir/slurm.conf
  slurmctld -f "$SLURM_CONF" || return 1
  slurmd -f "$SLURM_CONF" || return 1
  local i
  for i in $(seq 1 100); do
    sinfo -h -o %t 2>/dev/null | grep -q '^idle' && return 0
    sleep 0.2
  done
  echo "slurm_node_start: the node did not become idle; sinfo says: $(sinfo 2>&1)" >&2
  return 1
}

slurm_node_stop() {
  local dir=${SLURM_NODE_DIR:-} f
  [ -n "$dir" ] || return 0
  for f in "$dir/slurmd.pid" "$dir/slurmctld.pid" "$dir/munge/munged.pid"; do
    [ -s "$f" ] && kill "$(cat "$f")" 2>/dev/null
  done
  for f in "$dir/slurmd.pid" "$dir/slurmctld.pid" "$dir/munge/munged.pid"; do
    local n=0
    while [ -s "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null && [ $n -lt 50 ]; do
      sleep 0.1
      n=$((n + 1))
    done
  done
  SLURM_NODE_DIR=
}
