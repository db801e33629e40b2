package calendars

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/emersion/go-ical"
)

// foldAll folds text written in chunks of size chunk.
func foldAll(t testing.TB, text string, chunk int) string {
	t.Helper()
	var out bytes.Buffer
	fw := &foldWriter{w: &out}
	for len(text) > 0 {
		n := min(chunk, len(text))
		if _, err := fw.Write([]byte(text[:n])); err != nil {
			t.Fatal(err)
		}
		text = text[n:]
	}
	return out.String()
}

func TestFold(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"short", "SUMMARY:Grade\r\n", "SUMMARY:Grade\r\n"},
		{"exactly 75", strings.Repeat("a", 75) + "\r\n", strings.Repeat("a", 75) + "\r\n"},
		{"76", strings.Repeat("a", 76) + "\r\n", strings.Repeat("a", 75) + "\r\n a\r\n"},
		{"two lines", strings.Repeat("a", 80) + "\r\nB:c\r\n", strings.Repeat("a", 75) + "\r\n aaaaa\r\nB:c\r\n"},
		{"150", strings.Repeat("a", 150) + "\r\n", strings.Repeat("a", 75) + "\r\n " + strings.Repeat("a", 74) + "\r\n a\r\n"},
		// "è" is 2 octets; at column 74 it would end at 76, so it moves down whole.
		{"no split inside UTF-8", strings.Repeat("a", 74) + "è\r\n", strings.Repeat("a", 74) + "\r\n è\r\n"},
		{"4-octet rune", strings.Repeat("a", 73) + "🎬\r\n", strings.Repeat("a", 73) + "\r\n 🎬\r\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, chunk := range []int{1, 3, 1 << 20} {
				if got := foldAll(t, tt.in, chunk); got != tt.want {
					t.Errorf("chunk %d: fold(%q) = %q, want %q", chunk, tt.in, got, tt.want)
				}
			}
		})
	}
}

// FuzzFold: folded lines are at most 75 octets, never split a UTF-8
// sequence, and unfold (RFC 5545: drop CRLF + space) to the input,
// however the input is chunked.
func FuzzFold(f *testing.F) {
	f.Add("DESCRIPTION:"+strings.Repeat("Inès Moreau, ", 20), 7)
	f.Add(strings.Repeat("🎬", 40), 1)
	f.Add("", 3)
	f.Fuzz(func(t *testing.T, value string, chunk int) {
		value = strings.ToValidUTF8(strings.NewReplacer("\r", "", "\n", "").Replace(value), "")
		chunk = 1 + int(uint(chunk)%97)
		in := value + "\r\n"
		out := foldAll(t, in, chunk)
		for _, line := range strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n") {
			if len(line) > maxLineOctets || !utf8.ValidString(line) {
				t.Fatalf("bad folded line %q (%d octets)", line, len(line))
			}
		}
		if unfolded := strings.ReplaceAll(out, "\r\n ", ""); unfolded != in {
			t.Fatalf("unfolds to %q, want %q", unfolded, in)
		}
	})
}

// FuzzWriteCalendar: whatever text people type into a booking, the
// calendar is written, go-ical reads it back, and the text survives
// (cleaned of control characters and invalid UTF-8).
func FuzzWriteCalendar(f *testing.F) {
	f.Add("Grade", "Ep 1", "Inès Moreau", "Bring LUTs; \"reel 2\", \\n notes\r\nline two")
	f.Add("", "", "", "")
	f.Add("ADR\x00\x7f", "é\xff", strings.Repeat("a", 300), strings.Repeat("🎬,;", 50))
	f.Fuzz(func(t *testing.T, session, episode, person, notes string) {
		prod, bookings := harbourLights(t)
		b := bookings[1]
		b.Session, b.Episode, b.Notes = session, episode, notes
		b.People = []Ref{{ID: "p", Name: person}}
		b.Categories = []string{session, notes}
		feed := Feed{Key: "production", Kind: KindProduction, Production: prod, Bookings: []Booking{b}}
		data := renderFeed(t, feed)
		e := feed.events()[0]
		cal := decode(t, data)
		ev := cal.Events()
		if len(ev) != 1 {
			t.Fatalf("%d events", len(ev))
		}
		if got, err := ev[0].Props.Text(ical.PropDescription); err != nil || got != clean(description(feed, e)) {
			t.Fatalf("DESCRIPTION %q (%v), want %q", got, err, clean(description(feed, e)))
		}
		if got, err := ev[0].Props.Text(ical.PropSummary); err != nil || got != clean(summary(e)) {
			t.Fatalf("SUMMARY %q (%v), want %q", got, err, clean(summary(e)))
		}
		cats, err := ev[0].Props.Get(ical.PropCategories).TextList()
		if err != nil || len(cats) != 2 || cats[0] != clean(session) || cats[1] != clean(notes) {
			t.Fatalf("CATEGORIES %q (%v), want [%q %q]", cats, err, clean(session), clean(notes))
		}
		for _, line := range strings.Split(string(data), "\r\n") {
			if len(line) > maxLineOctets || !utf8.ValidString(line) {
				t.Fatalf("bad line %q", line)
			}
		}
	})
}
