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

	"github.com/pencil-post/pencil/benchmarks/mzn"
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
		FirstFeasible: line.Wall, Found: line.Found, Value: float64(line.Makespan)}
	return o
}

// runChuffed exports a problem with the mzn package and solves it with
// Chuffed, printing every improving solution (-a) to time the first.
func (t Tools) runChuffed(ctx context.Context, ex *mzn.Export, limit time.Duration) Outcome {
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
	var r minizincReader
	wall, peak, err := run(ctx, r.line, "node", filepath.Join(t.Dir, "mzn-wasm.cjs"),
		"--solver", "chuffed", "-f", "-a", "--output-time", "--time-limit", strconv.FormatInt(limit.Milliseconds(), 10),
		filepath.Join(dir, "pencil.mzn"), filepath.Join(dir, "data.dzn"))
	if err != nil && !r.found {
		return Outcome{Status: StatusSkipped, Note: err.Error(), Wall: wall}
	}
	o := Outcome{Status: r.status(), Wall: wall, PeakKB: peak, Found: r.found,
		Value: float64(r.best) / mzn.Scale, FirstFeasible: r.first()}
	if r.unsat {
		o.Note = "model unsatisfiable"
	}
	return o
}
