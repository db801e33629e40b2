package solver

import (
	"testing"

	"pgregory.net/rapid"
)

// TestPropertyOpenMask checks the shared-mask critical-path pass against
// the definition, slot by slot: a slot is open for a task when it is in
// the horizon and the task's window and at least Count candidates of every
// demand are available there. Tasks reuse one buffer and demands share
// cached masks, so every task is checked after all the others have run.
func TestPropertyOpenMask(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := genProblem(t, genSize{tasks: 8, resources: 4, maxSlots: 150})
		m := newMasker(p)
		for round := range 2 {
			for ti := range p.Tasks {
				task := &p.Tasks[ti]
				mask := m.open(TaskID(ti))
				for s := range Slot(p.Slots) {
					want := task.Window.Has(s)
					for _, d := range task.Demands {
						n := 0
						for _, r := range d.Candidates {
							if p.Resources[r].Available.Has(s) {
								n++
							}
						}
						want = want && n >= d.count()
					}
					if got := mask.Has(s); got != want {
						t.Fatalf("round %d, task %d, slot %d: open %v, want %v", round, ti, s, got, want)
					}
				}
				if mask != nil && (p.Slots&63) != 0 && mask[len(mask)-1]>>(uint(p.Slots)&63) != 0 {
					t.Fatalf("task %d: mask has slots past the horizon", ti)
				}
			}
		}
	})
}
