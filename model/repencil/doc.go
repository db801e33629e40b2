// Package repencil re-pencils a production against its booking store: it
// pins confirmed bookings and the pencils in the frozen window, warm-starts
// and charges for moving the other pencils, flags confirmed bookings the
// new inputs make impossible as conflicts that need a person, and turns the
// solver's schedule back into store bookings with stable ids.
package repencil
