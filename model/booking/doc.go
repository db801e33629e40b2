// Package booking holds the one vocabulary every layer uses for where a
// booking stands: the project file, the booking store, the calendars, the
// schedule and JSON all read and write the same Status, spelt the same
// way ("pencil", "second-pencil", "confirmed", "released").
//
// It is a leaf package so that the store and the calendars, which do not
// import the project model, share it with the model.
package booking
