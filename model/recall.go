package model

import (
	"fmt"
	"math"

	"go.yaml.in/yaml/v3"
)

// Recall is an artiste's recall terms: recall: { within: 10d, fee: 300 }.
// A recall is a visit after the artiste's first (as travel counts visits:
// days held between sessions do not end one) that opens within Within
// calendar days of the first day they work; each costs Fee, on top of
// the session fees and travel.
type Recall struct {
	// Within is the window in calendar days from the first day worked
	// (the recall on the Within-th day after it is still inside).
	Within int
	// Fee is what each recall costs.
	Fee float64
	// Pos is where the terms are written.
	Pos Pos
}

// recallKeys are the fields of an artiste's recall terms.
var recallKeys = []string{"within", "fee"}

// recall decodes an artiste's recall terms.
func (d *dec) recall(n *yaml.Node, path string, r *Recall) {
	*r = Recall{Pos: d.pos(n)}
	w, f, ok := d.pair(n, path, recallKeys, "a recall fee and its window, e.g. { within: 10d, fee: 300 }", "a recall")
	if !ok {
		return
	}
	d.amount(f.v, path+".fee", &r.Fee)
	s, ok := d.scalar(w.v, path+".within")
	if !ok {
		return
	}
	days, err := ParseRecallWindow(s)
	if err != nil {
		d.errorf(w.v, path+".within", "calendar days or weeks from the first session, e.g. 10d or 2w", "%v", err)
		return
	}
	r.Within = days
}

// ParseRecallWindow parses a recall window, whole calendar days (10d) or
// weeks (2w), from 1 day to a year.
func ParseRecallWindow(s string) (int, error) {
	sp, err := parseSpan(s)
	if err != nil {
		return 0, err
	}
	n := sp.n
	switch sp.unit {
	case "d":
	case "w":
		n *= 7
	default:
		return 0, fmt.Errorf("bad recall window %q: unknown unit %q", clip(s), sp.unit)
	}
	if n != math.Trunc(n) || n < 1 || n > 366 {
		return 0, fmt.Errorf("bad recall window %q: whole days, from 1d to a year", clip(s))
	}
	return int(n), nil
}
