package booking

import (
	"encoding/json"
	"errors"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		word string
		want Status
		ok   bool
	}{
		{"pencil", Pencil, true},
		{"second-pencil", SecondPencil, true},
		{"confirmed", Confirmed, true},
		{"released", Released, true},
		{"second pencil", "", false},
		{"Confirmed", "", false},
		{"", "", false},
		{"hold", "", false},
	}
	for _, tt := range tests {
		got, err := Parse(tt.word)
		if tt.ok != (err == nil) || got != tt.want {
			t.Errorf("Parse(%q) = %q, %v; want %q, ok %v", tt.word, got, err, tt.want, tt.ok)
		}
		var unknown *UnknownError
		if !tt.ok && !errors.As(err, &unknown) {
			t.Errorf("Parse(%q): error %v is not an *UnknownError", tt.word, err)
		}
	}
}

func TestJSONRefusesUnknown(t *testing.T) {
	for _, s := range Statuses {
		b, err := json.Marshal(s)
		if err != nil {
			t.Fatalf("marshal %q: %v", s, err)
		}
		var back Status
		if err := json.Unmarshal(b, &back); err != nil || back != s {
			t.Errorf("round trip %q = %q, %v", s, back, err)
		}
	}
	var s Status
	if err := json.Unmarshal([]byte(`"second pencil"`), &s); err == nil {
		t.Errorf("unmarshal of an unknown status gave %q, want an error", s)
	}
	if _, err := json.Marshal(Status("pencilled")); err == nil {
		t.Error("marshal of an unknown status succeeded, want an error")
	}
}

func TestHoldsAndTentative(t *testing.T) {
	holds := map[Status]bool{Pencil: true, Confirmed: true}
	tentative := map[Status]bool{Pencil: true, SecondPencil: true}
	for _, s := range Statuses {
		if s.Holds() != holds[s] || s.Tentative() != tentative[s] {
			t.Errorf("%s: Holds %v Tentative %v", s, s.Holds(), s.Tentative())
		}
	}
	if got := SecondPencil.Words(); got != "second pencil" {
		t.Errorf("Words = %q", got)
	}
}
