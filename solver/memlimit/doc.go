// Package memlimit finds how much memory a solve may plan to use on this
// machine: the least of the cgroup's room (v2 memory.max, else v1
// memory.limit_in_bytes, less usage) and the kernel's MemAvailable. It also
// reads and writes memory sizes as people type them ("500MB", "2GiB").
//
// It knows nothing of productions; the CLI turns its answer into a
// refusal before solving a project too large for the machine.
package memlimit
