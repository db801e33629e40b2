package model

import (
	"strings"
	"testing"
	"unicode"
)

// TestSlug: the UID domain of a production name.
func TestSlug(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Harbour Lights", "harbour-lights"}, {"  The  Bay: S2 ", "the-bay-s2"}, {"Ça va", "ça-va"}, {"--", ""},
	} {
		if got := Slug(tc.in); got != tc.want {
			t.Errorf("Slug(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// FuzzSlug: a production id is lower-case letters and digits in runs
// joined by single dashes, never leading or trailing one, and the same
// name always gives the same id.
func FuzzSlug(f *testing.F) {
	for _, s := range []string{"Harbour Lights", "  The  Bay: S2 ", "Ça va", "--", "", "日本のドラマ", "A\x00B"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Slug(s)
		if got != Slug(s) || strings.HasPrefix(got, "-") || strings.HasSuffix(got, "-") || strings.Contains(got, "--") {
			t.Fatalf("Slug(%q) = %q", s, got)
		}
		for _, r := range got {
			if r != '-' && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				t.Fatalf("Slug(%q) = %q holds %q", s, got, r)
			}
		}
	})
}
