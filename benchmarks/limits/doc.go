// Package limits measures how pencil keeps to its resource limits: how far
// past its time limit a solve returns (the search, and the whole command
// with load, compile and write), whether it returns a schedule, and how
// the solver's memory estimate compares with the peak heap measured.
package limits
