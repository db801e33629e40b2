package booking

import "cmp"

// Ref names a person, artiste or suite as a booking does: a stable id,
// e.g. "grade-a" or "sam", and the name people read, e.g. "Grade A".
// The calendars and the call sheet read the same Ref.
type Ref struct {
	ID   string
	Name string // the ID is shown when empty
}

// Label is the name people read: the Name, else the ID.
func (r Ref) Label() string { return cmp.Or(r.Name, r.ID) }
