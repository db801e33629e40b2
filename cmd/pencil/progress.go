package main

import (
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/pencil-post/pencil/model/compile"
	"github.com/pencil-post/pencil/solver"
)

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
