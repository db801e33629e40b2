package model

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// Cancellation terms and deposits on a rate card: what releasing or
// moving a booking costs when it is done at short notice, and what is due
// when it is confirmed.

// CancellationTerm is one notice period of a rate card's cancellation
// terms: { within: 5wd, x: 0.5 }.
type CancellationTerm struct {
	// WorkingDays (within: 5wd) is the notice in working days of the
	// production calendar: the term applies from the start of the
	// WorkingDays-th working day before the booking's first day. 0 when
	// the notice is elapsed time.
	WorkingDays int
	// Notice (within: 48h, 2d) is the notice in elapsed time before the
	// start of the booking's first piece, when WorkingDays is 0.
	Notice time.Duration
	// X is the share of the booking's price owed, more than 0 and at
	// most 1.
	X float64
	// Pos is where the term is written.
	Pos Pos
}

// Opens is when the term's window opens for a booking whose first piece
// starts at start: releasing or moving it at or after that instant costs
// the term's share.
func (t CancellationTerm) Opens(cal Calendar, start time.Time) time.Time {
	if t.WorkingDays == 0 {
		return start.Add(-t.Notice)
	}
	d := DateOf(start)
	// Walk back at most three years: a calendar with no working day
	// opens the window that far back.
	for i, n := 0, 0; i < 3*366; i++ {
		d = d.AddDays(-1)
		if cal.IsWorkday(d) {
			if n++; n == t.WorkingDays {
				break
			}
		}
	}
	return d.In(start.Location())
}

// String writes the term as the project file does: "5wd: 50%".
func (t CancellationTerm) String() string {
	within := strconv.Itoa(t.WorkingDays) + "wd"
	switch {
	case t.WorkingDays > 0:
	case t.Notice%time.Hour == 0:
		within = fmt.Sprintf("%dh", t.Notice/time.Hour)
	default:
		within = fmt.Sprintf("%dm", t.Notice/time.Minute)
	}
	return fmt.Sprintf("%s: %g%%", within, t.X*100)
}

// CancellationShare is the share of a booking's price owed when it is
// released or moved at at, its first piece starting at start: the
// largest X among the terms whose window is open at at (0: none).
func CancellationShare(terms []CancellationTerm, cal Calendar, start, at time.Time) float64 {
	share := 0.0
	for _, t := range terms {
		if !at.Before(t.Opens(cal, start)) {
			share = math.Max(share, t.X)
		}
	}
	return share
}

// pair reads a mapping of exactly the two fields keys, both required: a
// missing one is reported as "<what> needs both <a> and <b>" with hint.
func (d *dec) pair(n *yaml.Node, path string, keys []string, hint, what string) (a, b field, ok bool) {
	fm := fieldMap(d.fields(n, path, keys))
	a, okA := fm[keys[0]]
	b, okB := fm[keys[1]]
	if !okA || !okB {
		d.errorf(n, path, hint, "%s needs both %s and %s", what, keys[0], keys[1])
		return a, b, false
	}
	return a, b, true
}

// cancellationKeys are the fields of one cancellation term.
var cancellationKeys = []string{"within", "x"}

// cancellation decodes a rate card's cancellation terms:
// [{ within: 5wd, x: 0.5 }, { within: 1wd, x: 1 }].
func (d *dec) cancellation(n *yaml.Node, path string, rc *RateCard) {
	seen := map[string]bool{}
	for i, it := range d.items(n, path, false) {
		p := fmt.Sprintf("%s[%d]", path, i)
		term := CancellationTerm{Pos: d.pos(it)}
		w, x, ok := d.pair(it, p, cancellationKeys, "a term gives its notice and the share owed, e.g. { within: 5wd, x: 0.5 }", "cancellation term")
		if !ok {
			continue
		}
		s, ok := d.scalar(w.v, p+".within")
		if !ok {
			continue
		}
		if err := ParseNotice(s, &term); err != nil {
			d.errorf(w.v, p+".within", noticeHint, "%v", err)
			continue
		}
		if s, ok := d.scalar(x.v, p+".x"); ok {
			v, err := ParseShare(s)
			if err != nil {
				d.errorf(x.v, p+".x", shareHint, "%v", err)
				continue
			}
			term.X = v
		}
		key := fmt.Sprint(term.WorkingDays, term.Notice)
		if seen[key] {
			d.errorf(w.v, p+".within", "give each notice period one share", "two terms within %s", clip(w.v.Value))
			continue
		}
		seen[key] = true
		rc.Cancellation = append(rc.Cancellation, term)
	}
}

// noticeHint says how a cancellation notice is written.
const noticeHint = "notice before the booking's start: whole working days (5wd), or elapsed hours or days (48h, 2d)"

// ParseNotice parses a cancellation term's within: whole working days
// (5wd, 1 to 260), or elapsed time (48h, 2d, 30m). It fills in the term's
// WorkingDays or Notice.
func ParseNotice(s string, t *CancellationTerm) error {
	sp, err := parseSpan(s)
	if err != nil {
		return err
	}
	switch sp.unit {
	case "wd":
		if sp.n != math.Trunc(sp.n) || sp.n < 1 || sp.n > 260 {
			return fmt.Errorf("bad notice %q: whole working days, from 1wd to 260wd", clip(s))
		}
		t.WorkingDays, t.Notice = int(sp.n), 0
	case "m", "min", "h", "d":
		unit := map[string]time.Duration{"m": time.Minute, "min": time.Minute, "h": time.Hour, "d": 24 * time.Hour}[sp.unit]
		v, err := sp.times(unit)
		if err != nil || v <= 0 {
			return fmt.Errorf("bad notice %q", clip(s))
		}
		t.WorkingDays, t.Notice = 0, v
	default:
		return fmt.Errorf("bad notice %q: unknown unit %q", clip(s), sp.unit)
	}
	return nil
}

// ParseShare parses a cancellation term's x: the share of the booking's
// price owed, more than 0 and at most 1.
func ParseShare(s string) (float64, error) {
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || !(v > 0 && v <= 1) {
		return 0, fmt.Errorf("bad share %q", clip(s))
	}
	return v, nil
}

// shareHint says how a cancellation share is written.
const shareHint = "the share of the booking's price owed, more than 0 and at most 1: 0.5 is half, 1 all of it"

// deposit reads a rate card's deposit: the share of a booking's price
// due on confirmation, from 0 to 1.
func (d *dec) deposit(n *yaml.Node, path string, rc *RateCard) {
	s, ok := d.scalar(n, path)
	if !ok {
		return
	}
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || v < 0 || v > 1 {
		d.errorf(n, path, "the share of a booking's price due when it is confirmed, from 0 to 1: 0.5 is half", "bad deposit %q", clip(s))
		return
	}
	rc.Deposit = v
}
