package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"runtime"
	"strconv"
	"strings"

	"github.com/spf13/pflag"

	"github.com/pencil-post/pencil/model/compile"
	"github.com/pencil-post/pencil/model/whatif"
	"github.com/pencil-post/pencil/solver"
	"github.com/pencil-post/pencil/solver/memlimit"
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
		n, err := memlimit.ParseSize(v)
		if err != nil {
			return memoryLimit{}, usageError{fmt.Errorf("max-memory: %w", err)}
		}
		return memoryLimit{bytes: n, from: "allowed by --max-memory"}, nil
	}
	avail, ok := memlimit.Available(root)
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
	return fmt.Errorf("%s: %w: about %s needed (%s), %s %s (%s)", file, errTooLarge, memlimit.FormatBytes(need),
		sizeOf(p, workers, solves), memlimit.FormatBytes(lim.bytes), lim.from, memoryLimitHint)
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

// admitWhatifMemory is admitMemory for a what-if comparison: the base
// schedule is kept while up to --parallel scenarios are solved at once.
func admitWhatifMemory(g *globals, file string, scenarios int, o whatif.Options) (func(*compile.Compiled) error, error) {
	parallel := o.Parallel
	if parallel <= 0 {
		parallel = runtime.GOMAXPROCS(0)
	}
	return g.admitMemory(file, max(o.Workers, 1), 1+min(parallel, scenarios))
}
