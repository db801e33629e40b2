package store

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
)

func TestMigrateSaysWhatItDid(t *testing.T) {
	eachBackend(t, func(t *testing.T, be backend) {
		ctx := context.Background()
		dsn := be.dsn(t)
		s := openAt(t, dsn, Options{})
		commit(t, s, "alpha", bk(t, "a1", "alpha", "mix/1", "s1", "05-12 09:00", 2, "ann"))
		m, err := Migrate(ctx, dsn, Options{})
		if err != nil || m != (Migration{From: SchemaVersion, To: SchemaVersion}) {
			t.Fatalf("Migrate of a current store: %+v, %v", m, err)
		}
		c, err := s.Counts(ctx)
		if err != nil || c != (Counts{Runs: 1, Bookings: 1, History: 1}) {
			t.Errorf("Counts: %+v (%s), %v", c, c, err)
		}
		// A newer schema is refused, and left as it was.
		if err := s.dialect.setSchemaVersion(ctx, s.db, 99); err != nil {
			t.Fatal(err)
		}
		if _, err := Migrate(ctx, dsn, Options{}); !errors.Is(err, ErrNewerSchema) {
			t.Errorf("Migrate of a newer store: %v, want ErrNewerSchema", err)
		}
		if v, err := s.schemaVersion(ctx, s.db); err != nil || v != 99 {
			t.Errorf("after a refused migration the version is %d (%v), want 99", v, err)
		}
	})
	if _, err := Migrate(context.Background(), filepath.Join(t.TempDir(), "none.db"), Options{}); !errors.Is(err, ErrNoStore) {
		t.Errorf("Migrate of a missing file: %v, want ErrNoStore", err)
	}
}
