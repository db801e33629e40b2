package booking

import (
	"fmt"
	"strings"
)

// Status is where a booking stands.
type Status string

// The four statuses of a booking, as written in the project file, the
// store, the feeds and JSON.
const (
	// Pencil is a first pencil: a tentative booking that holds its slot.
	Pencil Status = "pencil"
	// SecondPencil is a tentative booking on a slot another production's
	// pencil already holds. It is promoted to Pencil when the slot frees.
	SecondPencil Status = "second-pencil"
	// Confirmed is a firm booking; the people on it have been told.
	Confirmed Status = "confirmed"
	// Released is a dropped booking; its slot is free again. Calendars
	// keep it as CANCELLED so subscribers remove it.
	Released Status = "released"
)

// Statuses lists the four statuses in the order a booking usually passes
// through them.
var Statuses = []Status{Pencil, SecondPencil, Confirmed, Released}

// Valid reports whether s is one of the four statuses.
func (s Status) Valid() bool {
	switch s {
	case Pencil, SecondPencil, Confirmed, Released:
		return true
	}
	return false
}

// Holds reports whether a booking with status s occupies its slot: a
// first pencil or a confirmed booking.
func (s Status) Holds() bool { return s == Pencil || s == Confirmed }

// Tentative reports whether s is a first or second pencil.
func (s Status) Tentative() bool { return s == Pencil || s == SecondPencil }

// Words returns s as a person reads it in prose ("second pencil").
func (s Status) Words() string { return strings.ReplaceAll(string(s), "-", " ") }

// String returns s as written in files and JSON.
func (s Status) String() string { return string(s) }

// UnknownError says a status word is not one of the four.
type UnknownError struct {
	Word string
}

// Error names the word and the four statuses.
func (e *UnknownError) Error() string {
	return fmt.Sprintf("unknown booking status %q (want pencil, second-pencil, confirmed or released)", e.Word)
}

// Parse returns the status spelt word, or an *UnknownError. It refuses
// anything but the four spellings: an unknown status is never guessed.
func Parse(word string) (Status, error) {
	s := Status(word)
	if !s.Valid() {
		return "", &UnknownError{Word: word}
	}
	return s, nil
}

// MarshalText writes s; it refuses an unknown status.
func (s Status) MarshalText() ([]byte, error) {
	if !s.Valid() {
		return nil, &UnknownError{Word: string(s)}
	}
	return []byte(s), nil
}

// UnmarshalText reads one of the four spellings and refuses anything else.
func (s *Status) UnmarshalText(text []byte) error {
	v, err := Parse(string(text))
	if err != nil {
		return err
	}
	*s = v
	return nil
}
