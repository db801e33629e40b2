package compile

import (
	"testing"
	"time"

	"github.com/pencil-post/pencil/model"
)

func TestCompactDates(t *testing.T) {
	d := func(m time.Month, day int) model.Date { return model.Date{Year: 2026, Month: m, Day: day} }
	tests := []struct {
		from, to model.Date
		want     string
	}{
		{d(5, 2), d(5, 9), "2–9 May"},
		{d(5, 28), d(6, 3), "28 May–3 Jun"},
		{d(6, 4), d(6, 4), "4 Jun"},
	}
	for _, tt := range tests {
		if got := compactDates(model.DateRange{From: tt.from, To: tt.to}); got != tt.want {
			t.Errorf("compactDates(%v..%v) = %q, want %q", tt.from, tt.to, got, tt.want)
		}
	}
}
