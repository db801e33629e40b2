package repencil

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"

	"github.com/pencil-post/pencil/model"
)

// BookingID is the id a session's booking gets when neither the project
// file nor the store gives it one: "B-" and the production's name as a
// slug, then the session's id with "/" written as ".", e.g.
// "B-harbour-lights-ep3.adr". It depends only on the production and the
// session, so a session keeps its id across re-solves and a second store
// of the same project gives the same ids. Ids longer than 64 characters
// are cut and end in a short hash of the whole, so they stay distinct.
func BookingID(production string, s *model.Session) string {
	id := "B-" + slug(production) + "-" + strings.ReplaceAll(s.ID, "/", ".")
	if len(id) <= maxIDLen {
		return id
	}
	sum := sha256.Sum256([]byte(id))
	return id[:maxIDLen-9] + "-" + hex.EncodeToString(sum[:4])
}

// maxIDLen keeps generated ids short enough to type and to use in
// calendar UIDs.
const maxIDLen = 64

// slug is model.Slug, with a fallback so that an id never starts "B--".
func slug(s string) string {
	if id := model.Slug(s); id != "" {
		return id
	}
	return "production"
}

// sessionLabel is what the store shows for a session: its name (or
// pipeline step) and, apart, its episode number; in a facility the
// production's id leads ("harbour: Grade").
func sessionLabel(s *model.Session) (name, episode string) {
	name = s.Name
	if name == "" {
		name = s.Template
	}
	if name == "" {
		name = s.LocalID
	}
	if s.Production != nil && s.Production.ID != "" {
		name = s.Production.ID + ": " + name
	}
	if s.Episode > 0 {
		episode = strconv.Itoa(s.Episode)
	}
	return name, episode
}

// labelKey matches a store booking to a session by what it shows, for
// bookings whose id neither the project file nor BookingID explains (a
// project-file booking whose line was since deleted).
func labelKey(session, episode string) string { return session + "\x00" + episode }
