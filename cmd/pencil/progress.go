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

// liveLine is one line of stderr that shows how work is going: on a
// terminal it is rewritten in place, elsewhere (--progress into a log)
// each state is a line of its own. It is safe for concurrent use, as the
// solver's and whatif's progress callbacks require.
type liveLine struct {
	mu      sync.Mutex
	w       io.Writer
	on, tty bool
	shown   bool
	last    time.Duration
}

func newLiveLine(w io.Writer, mode progressMode) liveLine {
	tty := isTerminal(w)
	return liveLine{w: w, on: mode == progressOn || mode == progressAuto && tty, tty: tty}
}

// show writes the line at elapsed, unless less than every has passed
// since the last one shown; with every 0 it always writes.
func (l *liveLine) show(elapsed, every time.Duration, line func() string) {
	if !l.on {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if every > 0 && l.shown && elapsed-l.last < every {
		return
	}
	l.shown, l.last = true, elapsed
	if l.tty {
		fmt.Fprint(l.w, "\r\033[K"+line())
	} else {
		fmt.Fprintln(l.w, line())
	}
}

// done clears the line from a terminal.
func (l *liveLine) done() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.shown && l.tty {
		fmt.Fprint(l.w, "\r\033[K")
	}
}

// progressLine shows the state of a search once it has run for a second:
// on a terminal five times a second, elsewhere a line a second.
type progressLine struct {
	liveLine
	currency string
}

func newProgressLine(w io.Writer, currency string, mode progressMode) *progressLine {
	return &progressLine{liveLine: newLiveLine(w, mode), currency: currency}
}

// update is the solver's progress callback.
func (p *progressLine) update(pr solver.Progress) {
	if pr.Elapsed < time.Second {
		return
	}
	every := 200 * time.Millisecond
	if !p.tty {
		every = time.Second
	}
	p.show(pr.Elapsed, every, func() string {
		best := "no schedule yet"
		if pr.Feasible {
			best = "best " + compile.Money(p.currency, pr.BestCost)
		}
		return fmt.Sprintf("searching %5.1fs  %d iterations  %s", pr.Elapsed.Seconds(), pr.Iterations, best)
	})
}

// whatifProgress is the live line of a what-if comparison: how many of
// its solves are done, the time so far and the last scenario finished.
// On a terminal it shows once a second has passed; with --progress, a
// line per solve.
type whatifProgress struct {
	liveLine
	start time.Time
}

func newWhatifProgress(w io.Writer, mode progressMode) *whatifProgress {
	return &whatifProgress{liveLine: newLiveLine(w, mode), start: time.Now()}
}

// update is whatif.Options.Progress.
func (p *whatifProgress) update(st whatif.Step) {
	elapsed := time.Since(p.start)
	if p.tty && elapsed < time.Second {
		return
	}
	p.show(elapsed, 0, func() string {
		result := "no schedule"
		if st.Feasible {
			result = compile.Money(st.Currency, st.Cost)
		}
		return fmt.Sprintf("comparing %5.1fs  %d/%d solved  %s: %s", elapsed.Seconds(), st.Done, st.Total, st.Name, result)
	})
}
