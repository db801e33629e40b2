package solver

import "errors"

// Layout returns the runs of work task t is worked in when placed at pl,
// and the slot it ends, as Verify lays tasks out: from pl.Start through
// the slots open in the task's window and every resource's availability.
// Other tasks are not looked at, so it can lay out a pinned booking that
// clashes with another. It fails when the task cannot run from pl.Start
// (a closed start slot, or work left at the end of the horizon).
func (p *Problem) Layout(t TaskID, pl Placement) ([]Interval, Slot, error) {
	if t < 0 || int(t) >= len(p.Tasks) {
		return nil, 0, errors.New("solver: layout: task out of range")
	}
	for _, r := range pl.Resources {
		if r < 0 || int(r) >= len(p.Resources) {
			return nil, 0, errors.New("solver: layout: resource out of range")
		}
	}
	runs, end, why := taskPieces(p, t, pl)
	if why != "" {
		return nil, end, errors.New("solver: layout: " + why)
	}
	return runs, end, nil
}
