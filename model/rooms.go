package model

// SuiteNeed is one room a session books: a named suite, or any suite of
// a kind.
type SuiteNeed struct {
	// Kind is the suite kind needed, "" when Suite is named.
	Kind string
	// Suite is the named suite, nil when any suite of Kind will do.
	Suite *Suite
	// Pos is where the room is written.
	Pos Pos
}

// SuiteNeeds returns every room the session books, its first (Suite or
// SuiteKind) then ExtraSuites; nil when it books none.
func (s *Session) SuiteNeeds() []SuiteNeed {
	if s.Suite == nil && s.SuiteKind == "" {
		return nil
	}
	return append([]SuiteNeed{{Kind: s.SuiteKind, Suite: s.Suite, Pos: s.Pos}}, s.ExtraSuites...)
}
