package compile

// Constraint group kinds, in the trade's words. Explanations of an
// infeasible production name these with each group's label.
const (
	KindSuiteAvailability   = "suite availability"
	KindCrewAvailability    = "crew availability"
	KindArtisteAvailability = "artiste availability"
	KindWorkingTime         = "working-time rules"
	KindDatesAndHours       = "dates and hours"
	KindSuiteNeed           = "suite needed"
	KindCrewNeed            = "crew needed"
	KindArtisteNeed         = "artiste needed"
	KindOrder               = "order of work"
	KindLongestWait         = "longest wait"
	KindContinuity          = "continuity"
	KindConfirmed           = "confirmed booking"
	KindBudget              = "budget cap"
	KindTravel              = "travel time"
	// KindNotBefore replaces KindDatesAndHours for a session whose
	// earliest start Options.NotBefore raised: it is too late to start it
	// any earlier.
	KindNotBefore = "nothing before now"
)
