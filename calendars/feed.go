package calendars

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// FeedKind says whose calendar a feed is.
type FeedKind string

// The four kinds of feed.
const (
	KindProduction FeedKind = "production"
	KindPerson     FeedKind = "person"
	KindSuite      FeedKind = "suite"
	KindArtiste    FeedKind = "artiste"
)

// Feed is one subscriber's calendar: the bookings of one person, suite or
// artiste, or of the whole production.
type Feed struct {
	// Key identifies the feed: "production", or kind/id such as
	// "person/sam". Subscribers point at feeds by key.
	Key string
	// Kind says whose calendar this is.
	Kind FeedKind
	// Owner is the person, suite or artiste; zero for the production feed.
	Owner Ref
	// Production heads the calendar: its name, zone and UID domain.
	Production Production
	// Bookings are sorted by start, then id.
	Bookings []Booking
}

// FeedKey returns the key of the feed of kind for the given id.
func FeedKey(kind FeedKind, id string) string {
	if kind == KindProduction {
		return string(KindProduction)
	}
	return string(kind) + "/" + id
}

// Name is the calendar's display name (X-WR-CALNAME and NAME), e.g.
// "Harbour Lights — Sam Okafor".
func (f Feed) Name() string {
	if f.Kind == KindProduction {
		return f.Production.Name
	}
	return f.Production.Name + " — " + f.Owner.Label()
}

// FileName is a safe file name for the feed: "production.ics" or
// "<kind>-<id>.ics". An id that is not already a short lower-case slug is
// slugged and suffixed with a hash of the id, so distinct ids never share a
// file and no id can escape the directory.
func (f Feed) FileName() string {
	if f.Kind == KindProduction {
		return "production.ics"
	}
	return string(f.Kind) + "-" + safeName(f.Owner.ID) + ".ics"
}

const maxSlug = 48

// safeName maps id to [a-z0-9._-]+, never starting with a dot.
func safeName(id string) string {
	if isSlug(id) {
		return id
	}
	var sb strings.Builder
	dash := false
	for _, r := range strings.ToLower(id) {
		ok := r >= 'a' && r <= 'z' || r >= '0' && r <= '9'
		switch {
		case ok && sb.Len() < maxSlug:
			sb.WriteRune(r)
			dash = false
		case !ok && !dash && sb.Len() > 0 && sb.Len() < maxSlug:
			sb.WriteByte('-')
			dash = true
		}
	}
	sum := sha256.Sum256([]byte(id))
	return sb.String() + "~" + hex.EncodeToString(sum[:4])
}

// isSlug reports whether id is already safe as a file name part: 1 to
// maxSlug characters of [a-z0-9-], starting with a letter or digit. Ids with
// a '~' never qualify, so slugged names cannot collide with plain ones.
func isSlug(id string) bool {
	if id == "" || len(id) > maxSlug || id[0] == '-' {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// UID is the stable RFC 5545 UID of the n-th event (from 1, in time order)
// of a booking: "<id>-<n>@<production-id>.pencil", or "<id>-<n>@pencil"
// when the production has no id. It depends on nothing but the ids and n,
// so when a booking moves its events keep their UIDs (event n is still
// "day n of the booking") and calendars update them in place instead of
// duplicating them.
func UID(prod Production, bookingID string, n int) string {
	id := bookingID + "-" + strconv.Itoa(n)
	if prod.ID == "" {
		return id + "@pencil"
	}
	return id + "@" + prod.ID + ".pencil"
}

// Feeds splits bookings into the production feed followed by one feed per
// suite, person and artiste (in that order, each sorted by id). Everyone on
// the production's rosters gets a feed, even an empty one; anyone named in a
// booking gets one too. Bookings are validated first.
func Feeds(prod Production, bookings []Booking) ([]Feed, error) {
	if err := prod.Validate(); err != nil {
		return nil, err
	}
	seen := make(map[string]bool, len(bookings))
	for _, b := range bookings {
		if err := b.Validate(); err != nil {
			return nil, err
		}
		if seen[b.ID] {
			return nil, fmt.Errorf("%w %q: duplicate id", ErrInvalidBooking, b.ID)
		}
		seen[b.ID] = true
	}
	sorted := sortedBookings(bookings)

	feeds := []Feed{{Key: FeedKey(KindProduction, ""), Kind: KindProduction, Production: prod, Bookings: sorted}}
	for _, g := range []struct {
		kind   FeedKind
		roster []Ref
		refs   func(Booking) []Ref
	}{
		{KindSuite, prod.Suites, func(b Booking) []Ref {
			refs := []Ref{b.Suite}
			for _, r := range b.ExtraRooms {
				refs = append(refs, r.Suite)
			}
			for _, p := range b.Past {
				refs = append(append(refs, p.Suite), p.ExtraSuites...)
			}
			return refs
		}},
		{KindPerson, prod.People, func(b Booking) []Ref {
			return withPast(b.People, b.Past, func(p Past) []Ref { return p.People })
		}},
		{KindArtiste, prod.Artistes, func(b Booking) []Ref {
			return withPast(b.Artistes, b.Past, func(p Past) []Ref { return p.Artistes })
		}},
	} {
		feeds = append(feeds, feedsOf(g.kind, prod, g.roster, sorted, g.refs)...)
	}
	return feeds, nil
}

// withPast is cur followed by the refs pick finds in each past state, so
// that whoever was taken off a booking keeps it in their feed, cancelled.
func withPast(cur []Ref, past []Past, pick func(Past) []Ref) []Ref {
	if len(past) == 0 {
		return cur
	}
	refs := slices.Clone(cur)
	for _, p := range past {
		refs = append(refs, pick(p)...)
	}
	return refs
}

// sortedBookings returns a copy of bookings sorted by start, then id: the
// order of events in every calendar.
func sortedBookings(bookings []Booking) []Booking {
	sorted := slices.Clone(bookings)
	slices.SortFunc(sorted, func(a, b Booking) int {
		return cmp.Or(a.Start.Compare(b.Start), cmp.Compare(a.ID, b.ID))
	})
	return sorted
}

// feedsOf groups sorted bookings by the refs that refs picks from each.
func feedsOf(kind FeedKind, prod Production, roster []Ref, sorted []Booking, refs func(Booking) []Ref) []Feed {
	byID := map[string]*Feed{}
	add := func(r Ref) *Feed {
		f, ok := byID[r.ID]
		if !ok {
			f = &Feed{Key: FeedKey(kind, r.ID), Kind: kind, Owner: r, Production: prod}
			byID[r.ID] = f
		} else if f.Owner.Name == "" {
			f.Owner.Name = r.Name
		}
		return f
	}
	for _, r := range roster {
		if r.ID != "" {
			add(r)
		}
	}
	for _, b := range sorted {
		for _, r := range refs(b) {
			if r.ID == "" {
				continue
			}
			f := add(r)
			// A booking naming someone twice (or now and in the past)
			// still appears once.
			if n := len(f.Bookings); n == 0 || f.Bookings[n-1].ID != b.ID {
				f.Bookings = append(f.Bookings, b)
			}
		}
	}
	out := make([]Feed, 0, len(byID))
	for _, f := range byID {
		out = append(out, *f)
	}
	slices.SortFunc(out, func(a, b Feed) int { return cmp.Compare(a.Owner.ID, b.Owner.ID) })
	return out
}
