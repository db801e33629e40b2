package store

import (
	"encoding/json"
	"fmt"
	"slices"
	"time"
)

// Piece is one stretch of a booking's work: one day of a split grade, or
// the morning of an ADR session. A booking is worked only in its pieces;
// the nights, weekends and holidays between them are not booked.
type Piece struct {
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
}

// overlaps reports whether p and o share some time.
func (p Piece) overlaps(o Piece) bool { return p.Start.Before(o.End) && o.Start.Before(p.End) }

// piecesOverlap returns the first stretch of time that two sorted piece
// lists share, and whether they share any.
func piecesOverlap(a, b []Piece) (Piece, bool) {
	for i, j := 0, 0; i < len(a) && j < len(b); {
		if a[i].overlaps(b[j]) {
			return Piece{Start: later(a[i].Start, b[j].Start), End: earlier(a[i].End, b[j].End)}, true
		}
		if a[i].End.After(b[j].End) {
			j++
		} else {
			i++
		}
	}
	return Piece{}, false
}

// samePieces reports whether a and b hold the same instants.
func samePieces(a, b []Piece) bool {
	return slices.EqualFunc(a, b, func(x, y Piece) bool { return x.Start.Equal(y.Start) && x.End.Equal(y.End) })
}

// checkPieces says what is wrong with a booking's pieces: each must end
// after it starts and after the one before it ends, and together they
// must span exactly Start to End.
func (b Booking) checkPieces() error {
	for i, p := range b.Pieces {
		switch {
		case p.Start.IsZero() || !p.End.After(p.Start):
			return fmt.Errorf("%s: piece %d: end %s is not after start %s", b.ID, i+1, p.End.Format(time.RFC3339), p.Start.Format(time.RFC3339))
		case i > 0 && p.Start.Before(b.Pieces[i-1].End):
			return fmt.Errorf("%s: piece %d starts at %s, before piece %d ends", b.ID, i+1, p.Start.Format(time.RFC3339), i)
		}
	}
	if n := len(b.Pieces); n > 0 && (!b.Pieces[0].Start.Equal(b.Start) || !b.Pieces[n-1].End.Equal(b.End)) {
		return fmt.Errorf("%s: pieces run %s – %s, not the booking's %s – %s", b.ID,
			b.Pieces[0].Start.Format(time.RFC3339), b.Pieces[n-1].End.Format(time.RFC3339),
			b.Start.Format(time.RFC3339), b.End.Format(time.RFC3339))
	}
	return nil
}

// withPieces returns b with its span and pieces filled in from each other:
// a booking given only pieces spans them, and one given only a span is
// worked in one piece (as every booking was before stores kept pieces).
func (b Booking) withPieces() Booking {
	switch n := len(b.Pieces); {
	case n == 0 && !b.Start.IsZero():
		b.Pieces = []Piece{{Start: b.Start, End: b.End}}
	case n > 0 && b.Start.IsZero() && b.End.IsZero():
		b.Start, b.End = b.Pieces[0].Start, b.Pieces[n-1].End
	}
	return b
}

// UnmarshalJSON reads a booking, filling in pieces for one written before
// the store kept them (history and reports of older runs).
func (b *Booking) UnmarshalJSON(data []byte) error {
	type plain Booking // without this method
	var v plain
	if err := json.Unmarshal(data, &v); err != nil {
		return err
	}
	*b = Booking(v).withPieces()
	return nil
}

// encodePieces writes pieces as the store keeps them: a JSON array of
// {start, end} in UTC with stamp's fixed layout.
func encodePieces(ps []Piece) (string, error) {
	type stamped struct {
		Start string `json:"start"`
		End   string `json:"end"`
	}
	out := make([]stamped, len(ps))
	for i, p := range ps {
		out[i] = stamped{stamp(p.Start), stamp(p.End)}
	}
	js, err := json.Marshal(out)
	return string(js), err
}

// decodePieces reads what encodePieces wrote.
func decodePieces(js string) ([]Piece, error) {
	var in []struct{ Start, End string }
	if err := json.Unmarshal([]byte(js), &in); err != nil {
		return nil, err
	}
	out := make([]Piece, len(in))
	for i, p := range in {
		var err error
		if out[i].Start, err = parseStamp(p.Start); err != nil {
			return nil, err
		}
		if out[i].End, err = parseStamp(p.End); err != nil {
			return nil, err
		}
	}
	return out, nil
}
