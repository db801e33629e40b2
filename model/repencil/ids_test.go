package repencil

import (
	"strings"
	"testing"

	"github.com/pencil-post/pencil/model"
)

func TestBookingID(t *testing.T) {
	long := strings.Repeat("very-long-session-name-", 4)
	tests := []struct {
		production, session, want string
	}{
		{"Harbour Lights", "ep3/adr", "B-harbour-lights-ep3.adr"},
		{"Short", "grade", "B-short-grade"},
		{"  Ünïcode & Co. (2026) ", "harbour/ep1/grade", "B-ünïcode-co-2026-harbour.ep1.grade"},
		{"!!!", "mix", "B-production-mix"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			got := BookingID(tt.production, &model.Session{ID: tt.session})
			if got != tt.want {
				t.Errorf("BookingID(%q, %q) = %q, want %q", tt.production, tt.session, got, tt.want)
			}
		})
	}
	// Long ids are cut, and stay distinct.
	a := BookingID("Harbour Lights", &model.Session{ID: long + "a"})
	b := BookingID("Harbour Lights", &model.Session{ID: long + "b"})
	if a == b || len(a) > maxIDLen || len(b) > maxIDLen || !strings.HasPrefix(a, "B-harbour-lights-very-long") {
		t.Errorf("long sessions: %q and %q", a, b)
	}
}
