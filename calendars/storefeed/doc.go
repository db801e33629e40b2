// Package storefeed serves and exports the booking store's bookings as
// calendars: it implements calendars.FeedSource and calendars.Subscribers
// on top of model/store, naming people, suites and artistes from the
// project file.
package storefeed
