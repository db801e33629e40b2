package main

import (
	"errors"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/spf13/pflag"

	"github.com/pencil-post/pencil/model/compile"
	"github.com/pencil-post/pencil/model/whatif"
	"github.com/pencil-post/pencil/solver"
)

// progressMode says when the live progress line is shown.
type progressMode int

const (
	progressAuto progressMode = iota // on a terminal, for solves over a second
	progressOn                       // --progress: also off a terminal
	progressOff                      // --quiet
)

// addProgressFlags declares --progress and --quiet.
func addProgressFlags(fs *pflag.FlagSet) {
	fs.Bool("progress", false, "show the live progress line on stderr even when it is not a terminal")
	fs.Bool("quiet", false, "never show the live progress line")
}

// progressMode reads --progress and --quiet.
func (g *globals) progressMode() (progressMode, error) {
	switch progress, quiet := g.v.GetBool("progress"), g.v.GetBool("quiet"); {
	case progress && quiet:
		return progressAuto, usageError{errors.New("give --progress or --quiet, not both")}
	case progress:
		return progressOn, nil
	case quiet:
		return progressOff, nil
	}
	return progressAuto, nil
}

// progressLine shows the state of a search once it has run for a second:
// on a terminal by rewriting one line of stderr five times a second,
// elsewhere (--progress into a log) as a plain line a second. It is safe
// for concurrent use, as solver.Options.Progress requires.
type progressLine struct {
	mu       sync.Mutex
	w        io.Writer
	currency string
	on       bool
	tty      bool
	shown    bool
	last     time.Duration
}

func newProgressLine(w io.Writer, currency string, mode progressMode) *progressLine {
	tty := isTerminal(w)
	return &progressLine{w: w, currency: currency, on: mode == progressOn || mode == progressAuto && tty, tty: tty}
}

// update is the solver's progress callback.
func (p *progressLine) update(pr solver.Progress) {
	if !p.on || pr.Elapsed < time.Second {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	every := 200 * time.Millisecond
	if !p.tty {
		every = time.Second
	}
	if p.shown && pr.Elapsed-p.last < every {
		return
	}
	p.shown, p.last = true, pr.Elapsed
	best := "no schedule yet"
	if pr.Feasible {
		best = "best " + compile.Money(p.currency, pr.BestCost)
	}
	line := fmt.Sprintf("searching %5.1fs  %d iterations  %s", pr.Elapsed.Seconds(), pr.Iterations, best)
	if p.tty {
		fmt.Fprint(p.w, "\r\033[K"+line)
	} else {
		fmt.Fprintln(p.w, line)
	}
}

// done clears the progress line.
func (p *progressLine) done() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown && p.tty {
		fmt.Fprint(p.w, "\r\033[K")
	}
}

// whatifProgress is the live line of a what-if comparison: how many of
// its solves are done, the time so far and the last scenario finished.
// Like the solve's line it shows on a terminal once a second has passed,
// or (--progress) as a plain line per solve.
type whatifProgress struct {
	mu      sync.Mutex
	w       io.Writer
	on, tty bool
	shown   bool
	start   time.Time
}

func newWhatifProgress(w io.Writer, mode progressMode) *whatifProgress {
	tty := isTerminal(w)
	return &whatifProgress{w: w, on: mode == progressOn || mode == progressAuto && tty, tty: tty, start: time.Now()}
}

// update is whatif.Options.Progress.
func (p *whatifProgress) update(st whatif.Step) {
	elapsed := time.Since(p.start)
	if !p.on || p.tty && elapsed < time.Second {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	result := "no schedule"
	if st.Feasible {
		result = compile.Money(st.Currency, st.Cost)
	}
	line := fmt.Sprintf("comparing %5.1fs  %d/%d solved  %s: %s", elapsed.Seconds(), st.Done, st.Total, st.Name, result)
	p.shown = true
	if p.tty {
		fmt.Fprint(p.w, "\r\033[K"+line)
	} else {
		fmt.Fprintln(p.w, line)
	}
}

// done clears the line.
func (p *whatifProgress) done() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown && p.tty {
		fmt.Fprint(p.w, "\r\033[K")
	}
}
