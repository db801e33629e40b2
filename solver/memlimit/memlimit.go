package memlimit

import (
	"bufio"
	"bytes"
	"fmt"
	"io/fs"
	"math"
	"strconv"
	"strings"
)

// sizeUnits are the units ParseSize accepts, lower-cased: decimal (kB,
// MB, GB, TB) and binary (KiB, MiB, GiB, TiB); a bare number is bytes.
var sizeUnits = map[string]float64{
	"": 1, "b": 1,
	"k": 1e3, "kb": 1e3, "m": 1e6, "mb": 1e6, "g": 1e9, "gb": 1e9, "t": 1e12, "tb": 1e12,
	"kib": 1 << 10, "mib": 1 << 20, "gib": 1 << 30, "tib": 1 << 40,
}

// ParseSize reads a memory size such as 500MB, 2GiB, 1.5 GB or 0 (no
// limit) into bytes.
func ParseSize(s string) (int64, error) {
	t := strings.TrimSpace(s)
	i := 0
	for i < len(t) && (t[i] >= '0' && t[i] <= '9' || t[i] == '.') {
		i++
	}
	unit, ok := sizeUnits[strings.ToLower(strings.TrimSpace(t[i:]))]
	v, err := strconv.ParseFloat(t[:i], 64)
	if i == 0 || !ok || err != nil {
		return 0, fmt.Errorf("%q: want a size such as 500MB or 2GiB, or 0 for no limit", s)
	}
	n := v * unit
	if n >= math.MaxInt64 || math.IsInf(n, 0) || math.IsNaN(n) {
		return 0, fmt.Errorf("%q: too large", s)
	}
	return int64(n), nil
}

// Where Available looks, relative to the filesystem root it is
// given: the cgroup v2 limit and usage, the cgroup v1 ones, and the
// kernel's estimate of memory available for new work.
const (
	cgroup2Max     = "sys/fs/cgroup/memory.max"
	cgroup2Current = "sys/fs/cgroup/memory.current"
	cgroup1Limit   = "sys/fs/cgroup/memory/memory.limit_in_bytes"
	cgroup1Usage   = "sys/fs/cgroup/memory/memory.usage_in_bytes"
	procMeminfo    = "proc/meminfo"
)

// cgroupUnlimited is the smallest cgroup v1 limit that means "no limit"
// (the kernel writes a page-rounded MaxInt64).
const cgroupUnlimited = 1 << 62

// Available returns the memory a new process may use: the least of
// the cgroup's limit less its usage (v2 memory.max, else v1
// memory.limit_in_bytes, when a limit is set) and /proc/meminfo's
// MemAvailable. It reports false when neither is known. root is the
// filesystem root (os.DirFS("/"); a fixture directory in tests).
func Available(root fs.FS) (int64, bool) {
	best, known := int64(math.MaxInt64), false
	if limit, ok := cgroupRoom(root); ok {
		best, known = limit, true
	}
	if avail, ok := memAvailable(root); ok {
		best, known = min(best, avail), true
	}
	return best, known
}

// cgroupRoom is the cgroup's limit less its usage, when a limit is set.
func cgroupRoom(root fs.FS) (int64, bool) {
	for _, f := range [][2]string{{cgroup2Max, cgroup2Current}, {cgroup1Limit, cgroup1Usage}} {
		limit, ok := readNumber(root, f[0])
		if !ok || limit >= cgroupUnlimited {
			continue
		}
		used, _ := readNumber(root, f[1])
		return max(limit-used, 0), true
	}
	return 0, false
}

// readNumber reads a file holding one non-negative integer; "max" (cgroup
// v2's no limit) and anything else report false.
func readNumber(root fs.FS, name string) (int64, bool) {
	b, err := fs.ReadFile(root, name)
	if err != nil {
		return 0, false
	}
	n, err := strconv.ParseInt(string(bytes.TrimSpace(b)), 10, 64)
	return n, err == nil && n >= 0
}

// memAvailable reads MemAvailable from /proc/meminfo ("MemAvailable:
// 23705464 kB").
func memAvailable(root fs.FS) (int64, bool) {
	b, err := fs.ReadFile(root, procMeminfo)
	if err != nil {
		return 0, false
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		name, rest, ok := strings.Cut(sc.Text(), ":")
		if !ok || name != "MemAvailable" {
			continue
		}
		f := strings.Fields(rest)
		if len(f) == 0 {
			return 0, false
		}
		n, err := strconv.ParseInt(f[0], 10, 64)
		if err != nil || n < 0 || n > math.MaxInt64/1024 {
			return 0, false
		}
		if len(f) > 1 && strings.EqualFold(f[1], "kB") {
			n *= 1024
		}
		return n, true
	}
	return 0, false
}

// FormatBytes writes a byte count the way people read memory: 547 MB,
// 3.1 GB (powers of 1,000, one decimal below 10).
func FormatBytes(n int64) string {
	units := []string{"B", "kB", "MB", "GB", "TB"}
	v := float64(n)
	i := 0
	for v >= 1000 && i < len(units)-1 {
		v /= 1000
		i++
	}
	if i > 0 && v < 10 {
		return fmt.Sprintf("%.1f %s", v, units[i])
	}
	return fmt.Sprintf("%.0f %s", v, units[i])
}
