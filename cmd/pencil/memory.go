package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"runtime"
	"strconv"
	"strings"

	"github.com/spf13/pflag"

	"github.com/pencil-post/pencil/benchmarks/limits"
	"github.com/pencil-post/pencil/model/compile"
	"github.com/pencil-post/pencil/model/whatif"
	"github.com/pencil-post/pencil/solver"
)

// errTooLarge is the kind of a project refused before solving because
// its estimated memory exceeds what the machine (or --max-memory) allows.
// Nothing was attempted, so it exits with status 2 like invalid input.
var errTooLarge = errors.New("too large to solve on this machine")

// memorySafety is the share of the machine's available memory a solve may
// plan to use when --max-memory is not set: the rest is left for the
// operating system, the booking store and the estimate's own error.
const memorySafety = 0.9

// memoryLimitHint is the end of every refusal.
const memoryLimitHint = "hint: split the production into blocks of episodes, shorten the horizon, use --workers 1, or raise --max-memory"

// addMemoryFlag declares --max-memory on a command that compiles and
// solves.
func addMemoryFlag(fs *pflag.FlagSet) {
	fs.String("max-memory", "", "refuse before solving when the estimated memory exceeds this `size` (500MB, 2GiB; 0: no limit; default: 90% of the memory available)")
}

// memoryLimit is the resolved --max-memory: a number of bytes (0 for no
// limit) and where it came from, in words for the refusal.
type memoryLimit struct {
	bytes int64
	from  string
}

// maxMemory reads --max-memory (PENCIL_MAX_MEMORY, max-memory: in the
// config file); unset, it is memorySafety of the memory available under
// root, or no limit when that is unknown.
func (g *globals) maxMemory(root fs.FS) (memoryLimit, error) {
	if v := strings.TrimSpace(g.v.GetString("max-memory")); v != "" {
		n, err := parseSize(v)
		if err != nil {
			return memoryLimit{}, usageError{fmt.Errorf("max-memory: %w", err)}
		}
		return memoryLimit{bytes: n, from: "allowed by --max-memory"}, nil
	}
	avail, ok := availableMemory(root)
	if !ok {
		return memoryLimit{}, nil
	}
	return memoryLimit{bytes: int64(float64(avail) * memorySafety),
		from: fmt.Sprintf("available (%.0f%% of the machine's free memory)", memorySafety*100)}, nil
}

// checkMemory refuses a compiled problem whose estimated peak memory,
// with workers search workers and solves solves held at once, exceeds the
// limit. file names the project in the message.
func (g *globals) checkMemory(file string, p *solver.Problem, workers, solves int) error {
	lim, err := g.maxMemory(os.DirFS("/"))
	if err != nil {
		return err
	}
	return refuseTooLarge(file, p, workers, solves, lim)
}

// admitMemory returns a whatif.Options.Admit that refuses a compiled
// project as checkMemory does, for the commands whose solve compiles on
// its own (whatif, gantt, export xlsx): the check sees the compile the
// solve uses instead of compiling the project a second time.
func (g *globals) admitMemory(file string, workers, solves int) (func(*compile.Compiled) error, error) {
	lim, err := g.maxMemory(os.DirFS("/"))
	if err != nil || lim.bytes == 0 {
		return nil, err
	}
	return func(c *compile.Compiled) error {
		return refuseTooLarge(file, c.Problem, workers, solves, lim)
	}, nil
}

// refuseTooLarge is the refusal itself, separate from where the limit
// comes from so that it can be tested with any limit.
func refuseTooLarge(file string, p *solver.Problem, workers, solves int, lim memoryLimit) error {
	if lim.bytes <= 0 {
		return nil
	}
	need := estimateSolves(p, workers, solves)
	if need <= lim.bytes {
		return nil
	}
	return fmt.Errorf("%s: %w: about %s needed (%s), %s %s (%s)", file, errTooLarge, limits.FormatBytes(need),
		sizeOf(p, workers, solves), limits.FormatBytes(lim.bytes), lim.from, memoryLimitHint)
}

// estimateSolves is solver.EstimateMemory for solves problems of p's
// size held at once (a what-if comparison's base and parallel scenarios):
// the process's base counts once.
func estimateSolves(p *solver.Problem, workers, solves int) int64 {
	t := solver.EstimateMemoryTerms(p, workers)
	return t.Base + int64(max(solves, 1))*(t.Total-t.Base)
}

// sizeOf says what makes p big, in the trade's words: "15,453 sessions
// and 628 suites, people and artistes over 29,184 half-hour slots, 2
// workers".
func sizeOf(p *solver.Problem, workers, solves int) string {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	s := fmt.Sprintf("%s sessions and %s suites, people and artistes over %s %s, %s",
		thousands(int64(len(p.Tasks))), thousands(int64(len(p.Resources))), thousands(int64(p.Slots)),
		slotWord(p.Calendar.SlotMinutes), plural(workers, "worker"))
	if solves > 1 {
		s += fmt.Sprintf(" × %d solves at once", solves)
	}
	return s
}

// slotWord names a slot length: "half-hour slots", "hour slots", "15-minute slots".
func slotWord(minutes int) string {
	switch {
	case minutes == 30:
		return "half-hour slots"
	case minutes == 60:
		return "hour slots"
	case minutes > 0:
		return fmt.Sprintf("%d-minute slots", minutes)
	}
	return "slots"
}

// plural writes "1 worker" or "2 workers".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// thousands writes n with comma separators: 15,453.
func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	if n < 0 {
		return "-" + thousands(-n)
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// sizeUnits are the units parseSize accepts, lower-cased: decimal (kB,
// MB, GB, TB) and binary (KiB, MiB, GiB, TiB); a bare number is bytes.
var sizeUnits = map[string]float64{
	"": 1, "b": 1,
	"k": 1e3, "kb": 1e3, "m": 1e6, "mb": 1e6, "g": 1e9, "gb": 1e9, "t": 1e12, "tb": 1e12,
	"kib": 1 << 10, "mib": 1 << 20, "gib": 1 << 30, "tib": 1 << 40,
}

// parseSize reads a memory size such as 500MB, 2GiB, 1.5 GB or 0 (no
// limit) into bytes.
func parseSize(s string) (int64, error) {
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

// Where availableMemory looks, relative to the filesystem root it is
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

// availableMemory returns the memory a new process may use: the least of
// the cgroup's limit less its usage (v2 memory.max, else v1
// memory.limit_in_bytes, when a limit is set) and /proc/meminfo's
// MemAvailable. It reports false when neither is known. root is the
// filesystem root (os.DirFS("/"); a fixture directory in tests).
func availableMemory(root fs.FS) (int64, bool) {
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

// admitWhatifMemory is admitMemory for a what-if comparison: the base
// schedule is kept while up to --parallel scenarios are solved at once.
func admitWhatifMemory(g *globals, file string, scenarios int, o whatif.Options) (func(*compile.Compiled) error, error) {
	parallel := o.Parallel
	if parallel <= 0 {
		parallel = runtime.GOMAXPROCS(0)
	}
	return g.admitMemory(file, max(o.Workers, 1), 1+min(parallel, scenarios))
}
