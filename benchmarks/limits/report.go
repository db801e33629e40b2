package limits

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"time"
)

// WriteMarkdown writes the report as a Markdown table, one row per run,
// followed by the overshoot statistics and the machine's load.
func WriteMarkdown(w io.Writer, r *Report) error {
	var b strings.Builder
	b.WriteString("| instance | kind | tasks | resources | slots | load + compile | limit | solver wall | overshoot | schedule | first feasible | whole command | command − limit |\n")
	b.WriteString("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n")
	for _, row := range r.Rows {
		sched, first := "no", ""
		if row.Schedule {
			sched, first = "yes", ms(row.FirstFeasible)
		}
		cmdWall, cmdOver := "", ""
		if row.Command > 0 {
			cmdWall, cmdOver = ms(row.Command), signedMS(row.Command-row.Limit)
			if row.CommandErr != "" {
				cmdWall += " (" + row.CommandErr + ")"
			}
		}
		fmt.Fprintf(&b, "| %s | %s | %d | %d | %d | %s | %v | %s | %s | %s | %s | %s | %s |\n", row.Instance, row.Kind,
			row.Tasks, row.Resources, row.Slots, ms(row.Prepare), row.Limit, ms(row.Wall), signedMS(row.Overshoot),
			sched, first, cmdWall, cmdOver)
	}
	b.WriteString("\n")
	writeStats(&b, "Solver (Solve's call, limit to return)", r.Solver)
	writeStats(&b, "Whole command (load, compile, solve, write)", r.Command)
	for _, s := range r.Skipped {
		fmt.Fprintf(&b, "\nSkipped: %s\n", s)
	}
	fmt.Fprintf(&b, "\nMachine: %d CPUs, load average %s (1, 5, 15 min) at the end.\n", runtime.NumCPU(), LoadAverage())
	_, err := io.WriteString(w, b.String())
	return err
}

func writeStats(b *strings.Builder, what string, s Stats) {
	if s.Runs == 0 {
		return
	}
	fmt.Fprintf(b, "%s: %d runs, overshoot max %s (%s), p95 %s.\n", what, s.Runs, signedMS(s.Max), s.Worst, signedMS(s.P95))
}

// ms writes a duration in milliseconds.
func ms(d time.Duration) string { return fmt.Sprintf("%d ms", d.Milliseconds()) }

// signedMS writes a duration in milliseconds with its sign.
func signedMS(d time.Duration) string { return fmt.Sprintf("%+d ms", d.Milliseconds()) }

// LoadAverage returns the first three fields of /proc/loadavg ("3.03
// 3.96 5.31"), or "unknown".
func LoadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " / ")
}
