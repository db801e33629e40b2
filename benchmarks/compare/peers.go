package compare

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/pencil-post/pencil/model/mzn"
)

// Peer names accepted by Config.Peers.
const (
	// PeerChuffed is MiniZinc with Chuffed (lazy clause generation).
	PeerChuffed = "chuffed"
	// PeerHiGHS is HiGHS on a time-indexed MIP (PSPLIB only).
	PeerHiGHS = "highs-lp"
)

// Tools locates the peer solvers.
type Tools struct {
	// Dir holds run-rcpsp.sh and mzn-wasm.cjs (shared/peers).
	Dir string
	// NodeModules holds the npm minizinc and highs modules.
	NodeModules string
}

// DefaultTools finds the peers beside the repository: PENCIL_PEERS_DIR or
// dir, and PEERS_NODE_MODULES or ~/.cache/pencil-peers/node_modules.
func DefaultTools(dir string) Tools {
	t := Tools{Dir: dir, NodeModules: os.Getenv("PEERS_NODE_MODULES")}
	if d := os.Getenv("PENCIL_PEERS_DIR"); d != "" {
		t.Dir = d
	}
	if t.NodeModules == "" {
		home, _ := os.UserHomeDir()
		t.NodeModules = filepath.Join(home, ".cache", "pencil-peers", "node_modules")
	}
	return t
}

// missing names what prevents peer from running here, or "".
func (t Tools) missing(peer string, script string) string {
	if _, err := exec.LookPath("node"); err != nil {
		return "node is not installed"
	}
	if _, err := os.Stat(filepath.Join(t.Dir, script)); err != nil {
		return "no " + script + " in " + t.Dir
	}
	module := "minizinc"
	if peer == PeerHiGHS {
		module = "highs"
	}
	if _, err := os.Stat(filepath.Join(t.NodeModules, module)); err != nil {
		return "npm module " + module + " is not installed (run shared/peers/install.sh)"
	}
	return ""
}

// run starts a command, hands each stdout line with its elapsed time to
// onLine, and returns the wall time and the peak resident set size of the
// command and the children it waited for.
func run(ctx context.Context, onLine func(string, time.Duration) error, name string, args ...string) (wall time.Duration, peakKB int64, err error) {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = os.Environ()
	out, err := cmd.StdoutPipe()
	if err != nil {
		return 0, 0, fmt.Errorf("compare: %s: %w", name, err)
	}
	var stderr tailWriter
	cmd.Stderr = &stderr
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return 0, 0, fmt.Errorf("compare: start %s: %w", name, err)
	}
	sc := bufio.NewScanner(out)
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	var lineErr error
	for sc.Scan() {
		if e := onLine(sc.Text(), time.Since(start)); e != nil && lineErr == nil {
			lineErr = e
		}
	}
	waitErr := cmd.Wait()
	wall = time.Since(start)
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		peakKB = ru.Maxrss
	}
	if lineErr != nil {
		return wall, peakKB, lineErr
	}
	if waitErr != nil {
		if last := stderr.lastLine(); last != "" {
			return wall, peakKB, fmt.Errorf("compare: %s: %w: %s", name, waitErr, last)
		}
		return wall, peakKB, fmt.Errorf("compare: %s: %w", name, waitErr)
	}
	return wall, peakKB, nil
}

// tailWriter keeps the last few KiB written to it.
type tailWriter struct{ buf []byte }

const tailKeep = 4096

// Write keeps the end of p and never fails.
func (t *tailWriter) Write(p []byte) (int, error) {
	t.buf = append(t.buf, p...)
	if len(t.buf) > tailKeep {
		t.buf = append(t.buf[:0], t.buf[len(t.buf)-tailKeep:]...)
	}
	return len(p), nil
}

// lastLine is the last non-empty line written.
func (t *tailWriter) lastLine() string {
	lines := strings.Split(strings.TrimSpace(string(t.buf)), "\n")
	return strings.TrimSpace(lines[len(lines)-1])
}

// runRCPSP runs a PSPLIB peer through run-rcpsp.sh.
func (t Tools) runRCPSP(ctx context.Context, peer, file string, limit time.Duration) Outcome {
	if why := t.missing(peer, "run-rcpsp.sh"); why != "" {
		return Outcome{Status: StatusSkipped, Note: why}
	}
	secs := int((limit + time.Second - 1) / time.Second)
	var last string
	wall, peak, err := run(ctx, func(s string, _ time.Duration) error {
		if s != "" {
			last = s
		}
		return nil
	}, "bash", filepath.Join(t.Dir, "run-rcpsp.sh"), file, peer, strconv.Itoa(secs))
	if err != nil {
		return Outcome{Status: StatusSkipped, Note: err.Error(), Wall: wall}
	}
	line, err := ParseRCPSPLine(last)
	if err != nil {
		return Outcome{Status: StatusSkipped, Note: err.Error(), Wall: wall}
	}
	o := Outcome{Status: line.Status, Wall: line.Wall, PeakKB: peak, FirstIsWall: true,
		FirstFeasible: line.Wall, BestAt: line.Wall, Found: line.Found, Value: float64(line.Makespan)}
	return o
}

// chuffedGrace is how long a MiniZinc run may go past its time limit
// before it is killed: the limit is MiniZinc's own clock, which leaves out
// Node and WASM start-up, and the WASM build does not always stop on time.
const chuffedGrace = 30 * time.Second

// minPhase is the least time worth giving the rest phase of a
// lexicographic solve.
const minPhase = 100 * time.Millisecond

// RunChuffed solves an export with Chuffed within limit, printing every
// improving solution (-a) to time the first. A lexicographic export
// (mzn.Export.Lexicographic) is solved in two phases within the one limit
// by MiniZinc's clock: the makespan, then the rest with the makespan
// capped at what the first phase reached; the value is the best combined
// objective of either phase, and optimal only when both proved theirs.
func (t Tools) RunChuffed(ctx context.Context, ex *mzn.Export, limit time.Duration) Outcome {
	if why := t.missing(PeerChuffed, "mzn-wasm.cjs"); why != "" {
		return Outcome{Status: StatusSkipped, Note: why}
	}
	dir, err := os.MkdirTemp("", "pencil-compare-")
	if err != nil {
		return Outcome{Status: StatusSkipped, Note: err.Error()}
	}
	defer os.RemoveAll(dir)
	if err := ex.WriteDir(dir); err != nil {
		return Outcome{Status: StatusSkipped, Note: err.Error()}
	}
	if !ex.Lexicographic {
		r, ph := t.chuffedPhase(ctx, ex, dir, mzn.PhaseWhole.Data(0), limit)
		o := ph.outcome(&r)
		if r.unsat && o.Note == "" {
			o.Note = "model unsatisfiable"
		}
		return o
	}
	m, mp := t.chuffedPhase(ctx, ex, dir, mzn.PhaseMakespan.Data(0), limit)
	o := mp.outcome(&m)
	if !m.makespanOK {
		if m.unsat {
			o.Note = "makespan phase: model unsatisfiable"
		}
		return o
	}
	notes := []string{fmt.Sprintf("two phases: makespan %d %s in %s", m.bestMakespan, provedWord(m.proved), mp.clock(&m))}
	left := limit - mp.clock(&m)
	if left < minPhase {
		o.Status = StatusFeasible
		o.Note = strings.Join(append(notes, "no time left for the cost phase"), "; ")
		return o
	}
	r, rp := t.chuffedPhase(ctx, ex, dir, mzn.PhaseRest.Data(m.bestMakespan), left)
	o.Wall += rp.wall
	o.PeakKB = max(o.PeakKB, rp.peakKB)
	switch {
	case r.found:
		if v := float64(r.best) / mzn.Scale; v < o.Value {
			o.Value, o.BestAt = v, mp.clock(&m)+r.bestAt
		}
		notes = append(notes, fmt.Sprintf("then cost at makespan ≤ %d %s in %s", m.bestMakespan, provedWord(r.proved), rp.clock(&r)))
	case rp.err != nil:
		notes = append(notes, "cost phase: "+rp.err.Error())
	default:
		notes = append(notes, "cost phase found nothing in the "+left.Round(time.Millisecond).String()+" left")
	}
	o.Status = StatusFeasible
	if m.proved && r.proved {
		o.Status = StatusOptimal
	}
	o.Note = strings.Join(notes, "; ")
	return o
}

func provedWord(proved bool) string {
	if proved {
		return "proved"
	}
	return "not proved"
}

// phaseRun is how one MiniZinc run went.
type phaseRun struct {
	wall   time.Duration
	peakKB int64
	err    error
}

// clock is the time the run used by MiniZinc's clock, or its wall time
// when MiniZinc printed none.
func (ph phaseRun) clock(r *minizincReader) time.Duration {
	if r.elapsedOK {
		return r.elapsed
	}
	return ph.wall
}

// outcome is the Outcome of a single run.
func (ph phaseRun) outcome(r *minizincReader) Outcome {
	if ph.err != nil && !r.found {
		// It ran and failed (out of memory, killed past its limit): no
		// schedule, not a skip.
		return Outcome{Status: StatusUnknown, Note: ph.err.Error(), Wall: ph.wall, PeakKB: ph.peakKB}
	}
	o := Outcome{Status: r.status(), Wall: ph.wall, PeakKB: ph.peakKB, Found: r.found,
		Value: float64(r.best) / mzn.Scale, FirstFeasible: r.first(), BestAt: r.bestAt}
	if ph.err != nil {
		o.Note = ph.err.Error()
	}
	return o
}

// chuffedPhase runs MiniZinc with Chuffed on the export in dir with the
// phase's data, killing it chuffedGrace past the limit.
func (t Tools) chuffedPhase(ctx context.Context, ex *mzn.Export, dir, phase string, limit time.Duration) (minizincReader, phaseRun) {
	r := minizincReader{weight: ex.MakespanWeight}
	runCtx, cancel := context.WithTimeout(ctx, limit+chuffedGrace)
	defer cancel()
	wall, peak, err := run(runCtx, r.line, "node", filepath.Join(t.Dir, "mzn-wasm.cjs"),
		"--solver", "chuffed", "-f", "-a", "--output-time", "--time-limit", strconv.FormatInt(limit.Milliseconds(), 10),
		"-D", phase, filepath.Join(dir, "pencil.mzn"), filepath.Join(dir, "data.dzn"))
	if err != nil && runCtx.Err() == context.DeadlineExceeded && ctx.Err() == nil {
		err = fmt.Errorf("killed %v past its %v limit: MiniZinc had not stopped", chuffedGrace, limit)
	}
	return r, phaseRun{wall: wall, peakKB: peak, err: err}
}
