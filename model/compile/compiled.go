package compile

import (
	"github.com/pencil-post/pencil/model"
	"github.com/pencil-post/pencil/solver"
)

// ResourceKind says what a solver resource stands for.
type ResourceKind uint8

// Resource kinds.
const (
	Suite ResourceKind = iota
	Person
	Artiste
)

// String returns the trade word for the kind.
func (k ResourceKind) String() string {
	switch k {
	case Suite:
		return "suite"
	case Person:
		return "person"
	case Artiste:
		return "artiste"
	}
	return "resource"
}

// ResourceInfo names the suite, person or artiste behind a solver resource.
type ResourceInfo struct {
	// ID is the project file's id (grade-a, ines, maya).
	ID string
	// Name is the display name (Inès Moreau); the ID when none was given.
	Name string
	Kind ResourceKind
	// Agent is who offered an artiste's dates ("their agent" when not
	// named); Offered lists those dates compactly ("2–9 May, 1–4 Jun").
	Agent, Offered string
	// Cancellation are the cancellation terms of its rate card (none for
	// an artiste).
	Cancellation []model.CancellationTerm
	// Deposit is the share of a booking's price due on confirmation, by
	// its rate card (0 for an artiste).
	Deposit float64
}

// TaskInfo names the session or milestone behind a solver task.
type TaskInfo struct {
	// ID is the session's id, prefixed by its episode for pipelines
	// (ep3/adr).
	ID string
	// Name is a display name (ADR, Ep 3).
	Name string
	// Episode is the episode id, empty outside episodic pipelines.
	Episode string
	// Milestone is true for zero-length milestones (picture lock).
	Milestone bool
	// Booking is the id of the existing booking the task was pinned to or
	// warm-started from, empty when none.
	Booking string
}

// Compiled is a production compiled for the solver: the frozen problem and
// what its indexes mean in the production's words.
type Compiled struct {
	// Problem is frozen and ready for solver.Solve.
	Problem *solver.Problem
	// Grid maps slots to wall-clock time.
	Grid Grid
	// Production is the production's (or facility's) name.
	Production string
	// Currency is the ISO code costs are in (GBP).
	Currency string
	// Tasks has one entry per Problem.Tasks entry.
	Tasks []TaskInfo
	// Resources has one entry per Problem.Resources entry.
	Resources []ResourceInfo
	// WarmStart, when not nil, has one placement per task built from the
	// existing pencils and confirmed bookings, and Start -1 (to be placed
	// by the search) for the others; pass it as solver.Options.WarmStart.
	// It is nil when there are no pencils.
	WarmStart []solver.Placement
	// NotBefore is the slot Options.NotBefore rounds up to (0 when it is
	// unset): every task not pinned by a confirmed booking has its
	// Release there or later. A caller that pins a task after Compile (a
	// frozen pencil) at an earlier slot must lower that task's Release to
	// the pin, or the solver refuses the pin.
	NotBefore solver.Slot
	// Warnings are things the compile could not express and left out,
	// with positions (a facility production's budget caps).
	Warnings []string
}
