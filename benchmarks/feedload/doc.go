// Package feedload drives a calendar feed server on the loopback interface
// with many concurrent calendar clients, in a closed loop (as fast as it
// answers) or an open loop (a fixed rate, latency counted from each
// request's due time), bounded in requests and time, and reports
// throughput and latency percentiles.
package feedload
