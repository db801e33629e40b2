// Package calendars exports pencil bookings as iCalendar (RFC 5545, with the
// calendar properties of RFC 7986) and serves them as per-subscriber feeds
// behind unguessable tokens.
//
// One calendar is written per person, per suite and per artiste, plus one for
// the whole production. Event UIDs are stable across runs, SEQUENCE rises
// when a booking moves, pencils are TENTATIVE, confirmed bookings CONFIRMED
// and released bookings CANCELLED, and every calendar carries a VTIMEZONE
// built from the Go time zone database. An artiste who travels
// ([Production.Travel]) sees "Travel to <studio>" before each visit and
// "Travel home" after it, with their booking's status; a journey that a
// re-pencil or release takes away stays CANCELLED (Booking.Past dates the
// history it is found in):
//
//	feeds, err := calendars.Feeds(prod, bookings)
//	err = calendars.WriteCalendar(w, feeds[0])
//	files, err := calendars.ExportDir("out/feeds", prod, bookings)
//
// The feed server answers GET /feeds/{token}.ics with ETag and conditional
// GET; it stores only SHA-256 hashes of tokens and never logs them:
//
//	srv := calendars.NewServer(calendars.ServerConfig{Addr: ":8080"}, src, subs, logger)
//	err = calendars.Serve(ctx, srv, ln, 10*time.Second)
//
// The package knows nothing of the solver or the booking store; callers adapt
// their schedule to [Booking] and [Production].
package calendars
