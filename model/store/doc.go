// Package store keeps pencil's booking state in an embedded SQLite file, or a
// shared PostgreSQL database when opened with a postgres:// URL: every
// booking with a stable id, its status (pencil, second pencil, confirmed,
// released) and sequence number, the runs that produced it, and a history of
// every change, with change reports grouped per person and per artiste.
//
//	st, err := store.Open(ctx, "pencil.db", store.Options{})
//	res, err := st.CommitRun(ctx, store.RunInput{Fingerprint: fp, Who: "jo", Why: "lock slipped", Bookings: bs})
//	err = res.Report.WriteText(os.Stdout, store.RenderOptions{Names: names})
package store
