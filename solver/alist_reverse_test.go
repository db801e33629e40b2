package solver

import (
	"cmp"
	"slices"
	"testing"

	"pgregory.net/rapid"
)

// TestReversedSchemeMirrors checks the reversed scheme on J30 instances:
// a list decoded forwards, mirrored and decoded backwards is no longer,
// the backward schedule read forwards (start M - end) keeps every
// precedence and capacity of the forward problem, and mirroring it back
// decodes forwards to no more than M.
func TestReversedSchemeMirrors(t *testing.T) {
	probs := hardJ30(t)
	rapid.Check(t, func(rt *rapid.T) {
		p, _, fwd, list := drawJ30List(rt, probs)
		rev := fwd.reversed(Slot(p.Slots))
		if rev == nil {
			rt.Fatal("a PSPLIB instance cannot be reversed")
		}
		if !fwd.decode(list) {
			rt.Fatal("a forward list does not decode")
		}
		forwardSpan := fwd.maxEnd
		fwd.mirrorList(list, rev)
		if !rev.decode(list) {
			rt.Fatal("the mirrored list does not decode backwards")
		}
		backwardSpan := rev.maxEnd
		if backwardSpan > forwardSpan {
			rt.Fatalf("backwards %d slots, forwards %d", backwardSpan, forwardSpan)
		}
		checkMirrorFeasible(rt, fwd, rev)
		rev.mirrorList(list, fwd)
		if !fwd.decode(list) || fwd.maxEnd > backwardSpan {
			rt.Fatalf("mirrored back: %d slots, backwards %d", fwd.maxEnd, backwardSpan)
		}
	})
}

// checkMirrorFeasible places the mirror of rev's schedule on the empty
// forward scheme, task by task in order of start, and fails when a
// precedence or a capacity is broken.
func checkMirrorFeasible(rt *rapid.T, fwd, rev *plainSGS) {
	span := rev.maxEnd
	n := len(rev.dur)
	order := make([]TaskID, n)
	for t := range order {
		order[t] = TaskID(t)
	}
	start := func(t TaskID) Slot { return span - rev.end[t] }
	slices.SortFunc(order, func(a, b TaskID) int { return cmp.Compare(start(a), start(b)) })
	fwd.clear()
	for _, t := range order {
		s := start(t)
		if lo, hi := fwd.bounds(t); s < lo || s > hi {
			rt.Fatalf("task %d at %d outside [%d, %d] forwards", t, s, lo, hi)
		}
		if c, bad := fwd.conflict(t, s, forward); bad {
			rt.Fatalf("task %d at %d overbooks slot %d forwards", t, s, c)
		}
		fwd.place(t, s)
	}
}

// TestReversedRefuses checks that only problems with an exact mirror are
// read backwards.
func TestReversedRefuses(t *testing.T) {
	tests := []struct {
		name     string
		edit     func(p *Problem)
		reversed bool
	}{
		{"plain", func(*Problem) {}, true},
		{"release", func(p *Problem) { p.Tasks[0].Release = 1 }, false},
		{"deadline", func(p *Problem) { p.Tasks[1].Deadline = 10 }, false},
		{"start-to-start", func(p *Problem) { p.Precedences[0].Kind = StartToStart }, false},
		{"suite closed", func(p *Problem) {
			p.Resources[0].Available = NewBitset(20)
			p.Resources[0].Available.SetRange(2, 20)
		}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := gradeThenConform()
			tc.edit(p)
			if err := p.Freeze(); err != nil {
				t.Fatal(err)
			}
			g := newPlainSGS(p)
			if g == nil {
				t.Fatal("not plain")
			}
			if got := g.reversed(Slot(p.Slots)) != nil; got != tc.reversed {
				t.Errorf("reversed = %v, want %v", got, tc.reversed)
			}
		})
	}
}
