package compare

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Environment describes the machine a report was measured on.
type Environment struct {
	// Date is the day of the run (the file name's date).
	Date time.Time
	// CPUs is the number of CPUs.
	CPUs int
	// Load is the 1, 5 and 15 minute load averages at the start, as
	// /proc/loadavg gives them ("" when unknown).
	Load string
}

// WriteMarkdown writes the report as a Markdown table per instance and a
// summary per peer.
func (r *Report) WriteMarkdown(w io.Writer, env Environment) error {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# pencil vs peers: %s, %s\n\n", r.name(), env.Date.Format("2006-01-02"))
	fmt.Fprintf(&b, "Time limit %v per solver per instance; %d instances; %d CPUs", r.TimeLimit, len(r.Rows), env.CPUs)
	if env.Load != "" {
		fmt.Fprintf(&b, "; load average at start %s", env.Load)
	}
	b.WriteString(".\n\n")
	b.WriteString(r.legend())
	b.WriteString("\n## Per instance\n\n| instance | exact |")
	heads := append([]string{"pencil"}, r.Peers...)
	for _, h := range heads {
		fmt.Fprintf(&b, " %s value | %s status | %s first (s) | %s best (s) | %s wall (s) | %s peak MiB |", h, h, h, h, h, h)
	}
	b.WriteString("\n|---|---|" + strings.Repeat("---:|---|---:|---:|---:|---:|", len(heads)) + "\n")
	var notes []string
	for _, row := range r.Rows {
		exact := "yes"
		if !row.Exact {
			exact = "no"
			notes = append(notes, fmt.Sprintf("%s: export approximates %s", row.Instance, strings.Join(row.Notes, "; ")))
		}
		fmt.Fprintf(&b, "| %s | %s |", row.Instance, exact)
		for i, o := range append([]Outcome{row.Pencil}, row.Peers...) {
			b.WriteString(o.cells())
			if o.Note != "" {
				notes = append(notes, fmt.Sprintf("%s, %s: %s", row.Instance, heads[i], o.Note))
			}
		}
		b.WriteString("\n")
	}
	if len(notes) > 0 {
		b.WriteString("\nNotes:\n\n")
		for _, n := range notes {
			fmt.Fprintf(&b, "- %s\n", n)
		}
	}
	b.WriteString("\n## Summary (instances both solved)\n\n")
	b.WriteString("| peer | both | pencil mean | peer mean | ratio pencil/peer | better | equal | worse | pencil only | peer only | peer proved optima | pencil matched them | pencil first (s) | peer first (s) | first speed-up | skipped |\n")
	b.WriteString("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, s := range r.Summarize() {
		fmt.Fprintf(&b, "| %s | %d | %s | %s | %s | %d | %d | %d | %d | %d | %d | %d | %.4f | %.3f | %s | %d |\n",
			s.Peer, s.Both, num(s.PencilMean), num(s.PeerMean), ratio(s.Ratio), s.Better, s.Equal, s.Worse,
			s.PencilOnly, s.PeerOnly, s.PeerOptimal, s.PencilMatched, s.PencilFirst.Seconds(), s.PeerFirst.Seconds(),
			ratio(s.FirstSpeedup), s.Skipped)
	}
	_, err := w.Write(b.Bytes())
	if err != nil {
		return fmt.Errorf("compare: write: %w", err)
	}
	return nil
}

// legend explains the columns.
func (r *Report) legend() string {
	value := "the objective in pencil's units (the MiniZinc objective divided by 100); `exact` says whether the MiniZinc export is exactly pencil's problem, so that the values are comparable. An export whose whole objective is too large for Chuffed's 32-bit integers but whose makespan weight outweighs every other cost (iMOPSE) is solved in two phases within the one limit by MiniZinc's clock — the makespan, then the cost with the makespan capped — and its value is cost + weight × makespan (the notes say how each phase went); a run MiniZinc has not ended 30 s past its limit is killed"
	first := "pencil: Stats.FirstFeasible; chuffed: MiniZinc's own clock (--output-time) at its first solution, printed with -a, which leaves out Node and WASM start-up"
	if r.Family.psplib() {
		value = "the makespan; every solver reads the same .sm file, so values are directly comparable"
		first = "pencil: Stats.FirstFeasible; peers through run-rcpsp.sh print no intermediate solutions, so their first is their whole wall time, start-up included (marked *)"
	}
	return "Value: " + value + ". Lower is better. First: time to first feasible, " + first +
		". Best: when the best value was found, on the same clock (pencil: Stats.BestFoundAt; a two-phase Chuffed run: the makespan phase's clock plus the cost phase's)" +
		". Peak MiB: pencil's is the peak resident set of the whole pencil process so far (it never shrinks); a peer's is the peak resident set of its process tree (rusage of the child).\n"
}

// cells renders an outcome's columns.
func (o Outcome) cells() string {
	if o.Status == StatusSkipped {
		return " – | skipped | – | – | – | – |"
	}
	value, first, best := "–", "–", "–"
	if o.Found {
		value = num(o.Value)
		first = fmt.Sprintf("%.4f", o.FirstFeasible.Seconds())
		best = fmt.Sprintf("%.4f", o.BestAt.Seconds())
		if o.FirstIsWall {
			first += "*"
			best += "*"
		}
	}
	return fmt.Sprintf(" %s | %s | %s | %s | %.2f | %.0f |", value, strings.ToLower(string(o.Status)), first, best, o.Wall.Seconds(), float64(o.PeakKB)/1024)
}

// num prints a value without trailing zeros.
func num(v float64) string {
	return strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.2f", v), "0"), ".")
}

// ratio prints a ratio, or – when undefined.
func ratio(v float64) string {
	if v == 0 {
		return "–"
	}
	return fmt.Sprintf("%.3f", v)
}

// FileName is the report's file name: <date>-compare-<label>.md, the
// family standing for an empty label.
func (r *Report) FileName(date time.Time) string {
	return fmt.Sprintf("%s-compare-%s.md", date.Format("2006-01-02"), r.name())
}

// name is the label, or the family when there is none.
func (r *Report) name() string {
	if r.Label != "" {
		return r.Label
	}
	return string(r.Family)
}

// WriteFile writes the report into dir under FileName, atomically (a
// temporary file renamed into place), and returns its path.
func (r *Report) WriteFile(dir string, env Environment) (string, error) {
	var b bytes.Buffer
	if err := r.WriteMarkdown(&b, env); err != nil {
		return "", err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("compare: %w", err)
	}
	dst := filepath.Join(dir, r.FileName(env.Date))
	tmp, err := os.CreateTemp(dir, ".compare-*.md")
	if err != nil {
		return "", fmt.Errorf("compare: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(b.Bytes()); err != nil {
		tmp.Close()
		return "", fmt.Errorf("compare: write %s: %w", dst, err)
	}
	if err := tmp.Close(); err != nil {
		return "", fmt.Errorf("compare: write %s: %w", dst, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return "", fmt.Errorf("compare: %w", err)
	}
	if err := os.Rename(tmp.Name(), dst); err != nil {
		return "", fmt.Errorf("compare: %w", err)
	}
	return dst, nil
}
