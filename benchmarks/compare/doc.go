// Package compare runs pencil and independent peer solvers (Chuffed via
// MiniZinc, HiGHS) side by side on the same instances at the same time
// limit and writes a dated Markdown table of values, ratios, time to first
// feasible and peak memory.
package compare
