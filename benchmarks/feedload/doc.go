// Package feedload drives a calendar feed server on the loopback interface
// with many concurrent calendar clients, bounded in requests and time, and
// reports throughput and latency percentiles.
package feedload
