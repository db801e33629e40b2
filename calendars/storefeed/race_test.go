//go:build race

package storefeed

// raceEnabled reports whether the tests run under the race detector.
const raceEnabled = true
