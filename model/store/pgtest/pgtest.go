// Package pgtest starts throwaway PostgreSQL servers for tests: initdb into
// a temporary folder, pg_ctl start listening on a Unix socket only, one
// fresh database per test, pg_ctl stop at the end.
//
//	func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }
//
//	dsn := pgtest.NewDatabase(t) // postgres://postgres@/t_1?host=/tmp/pencil-pg-…
//
// Without PostgreSQL's programs a test asking for a database is skipped,
// unless PENCIL_REQUIRE_POSTGRES=1 is set, when it fails. The programs are
// looked for in $PENCIL_POSTGRES_BIN, on PATH, then under
// /usr/lib/postgresql/*/bin (Debian's postgresql package).
package pgtest

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver
)

// RequireEnv is the environment variable that turns a missing PostgreSQL
// into a test failure instead of a skip (CI sets it).
const RequireEnv = "PENCIL_REQUIRE_POSTGRES"

// superuser is the cluster's superuser, and the Unix user that runs it
// when tests run as root (initdb and postgres refuse to run as root).
const superuser = "postgres"

// Options configures Start. The zero value is ready to use.
type Options struct {
	// Durable keeps fsync and synchronous commit on, as a real server
	// has them, for benchmarks. Off (the default), the server skips them:
	// a test's database is thrown away anyway.
	Durable bool
}

// Cluster is a running throwaway PostgreSQL server.
type Cluster struct {
	dir    string // holds data/, the socket and the log
	bin    string // folder of initdb, pg_ctl and postgres
	runAs  string // Unix user running the programs; "" for this one
	admin  *sql.DB
	nextDB atomic.Int64

	schemaOnce sync.Once // creates the database NewSchema uses
	schemas    *sql.DB
	schemaErr  error
}

// FindBin returns the folder holding initdb and pg_ctl.
func FindBin() (string, error) {
	if dir := os.Getenv("PENCIL_POSTGRES_BIN"); dir != "" {
		if _, err := os.Stat(filepath.Join(dir, "initdb")); err != nil {
			return "", fmt.Errorf("pgtest: PENCIL_POSTGRES_BIN=%s: %w", dir, err)
		}
		return dir, nil
	}
	if p, err := exec.LookPath("initdb"); err == nil {
		if real, err := filepath.EvalSymlinks(p); err == nil {
			p = real
		}
		return filepath.Dir(p), nil
	}
	found, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb")
	if len(found) == 0 {
		return "", errors.New("pgtest: initdb is not on PATH nor under /usr/lib/postgresql/*/bin: install PostgreSQL (apt-get install postgresql)")
	}
	slices.SortFunc(found, func(a, b string) int { return majorOf(a) - majorOf(b) })
	return filepath.Dir(found[len(found)-1]), nil
}

// majorOf reads the major version from /usr/lib/postgresql/<major>/bin/initdb.
func majorOf(path string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(filepath.Dir(path))))
	return n
}

// Start initialises and starts a new cluster in a temporary folder. Stop
// it with Stop.
func Start(opts Options) (_ *Cluster, err error) {
	bin, err := FindBin()
	if err != nil {
		return nil, err
	}
	c := &Cluster{bin: bin}
	if os.Geteuid() == 0 {
		c.runAs = superuser
	}
	if c.dir, err = os.MkdirTemp("", "pencil-pg-"); err != nil {
		return nil, fmt.Errorf("pgtest: %w", err)
	}
	defer func() {
		if err != nil {
			os.RemoveAll(c.dir)
		}
	}()
	if err := c.handOver(); err != nil {
		return nil, err
	}
	data := filepath.Join(c.dir, "data")
	if err := c.run("initdb", "-D", data, "-U", superuser, "-A", "trust", "-E", "UTF8", "--no-sync"); err != nil {
		return nil, err
	}
	settings := []string{"listen_addresses=''", "unix_socket_directories='" + c.dir + "'", "max_connections=200"}
	if !opts.Durable {
		settings = append(settings, "fsync=off", "synchronous_commit=off", "full_page_writes=off")
	}
	var o strings.Builder
	for _, s := range settings {
		o.WriteString(" -c " + s)
	}
	if err := c.run("pg_ctl", "-D", data, "-l", filepath.Join(c.dir, "log"), "-w", "-t", "60", "-o", o.String(), "start"); err != nil {
		return nil, err
	}
	c.admin, err = sql.Open("pgx", c.DSN("postgres"))
	if err == nil {
		err = c.admin.Ping()
	}
	if err != nil {
		c.Stop()
		return nil, fmt.Errorf("pgtest: connect: %w", err)
	}
	return c, nil
}

// handOver gives the folder to the user running the server.
func (c *Cluster) handOver() error {
	if c.runAs == "" {
		return nil
	}
	u, err := user.Lookup(c.runAs)
	if err != nil {
		return fmt.Errorf("pgtest: running as root, and PostgreSQL refuses to: no user %q to run it as (the postgresql package makes one): %w", c.runAs, err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	if err := os.Chown(c.dir, uid, gid); err != nil {
		return fmt.Errorf("pgtest: %w", err)
	}
	return nil
}

// run runs one of PostgreSQL's programs, as c.runAs if set.
func (c *Cluster) run(prog string, args ...string) error {
	path := filepath.Join(c.bin, prog)
	var cmd *exec.Cmd
	if c.runAs != "" {
		cmd = exec.Command("runuser", append([]string{"-u", c.runAs, "--", path}, args...)...)
	} else {
		cmd = exec.Command(path, args...)
	}
	cmd.Dir = c.dir
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("pgtest: %s: %w\n%s", prog, err, out.String())
	}
	return nil
}

// DSN returns the URL of database db on the cluster.
func (c *Cluster) DSN(db string) string {
	return fmt.Sprintf("postgres://%s@/%s?host=%s&sslmode=disable", superuser, db, c.dir)
}

// NewDatabase creates an empty database and returns its URL.
func (c *Cluster) NewDatabase(ctx context.Context) (string, error) {
	name := fmt.Sprintf("t_%d", c.nextDB.Add(1))
	if _, err := c.admin.ExecContext(ctx, "CREATE DATABASE "+name+" TEMPLATE template0"); err != nil {
		return "", fmt.Errorf("pgtest: create database %s: %w", name, err)
	}
	return c.DSN(name), nil
}

// NewSchema creates an empty schema in the cluster's shared test database
// and returns a URL whose search_path is that schema: cheaper than a
// database (a few milliseconds, not a few hundred), and as good for code
// that keeps its tables in the current schema.
func (c *Cluster) NewSchema(ctx context.Context) (string, error) {
	c.schemaOnce.Do(func() {
		if _, c.schemaErr = c.admin.ExecContext(ctx, "CREATE DATABASE schemas TEMPLATE template0"); c.schemaErr == nil {
			c.schemas, c.schemaErr = sql.Open("pgx", c.DSN("schemas"))
		}
	})
	if c.schemaErr != nil {
		return "", fmt.Errorf("pgtest: create database schemas: %w", c.schemaErr)
	}
	name := fmt.Sprintf("s_%d", c.nextDB.Add(1))
	if _, err := c.schemas.ExecContext(ctx, "CREATE SCHEMA "+name); err != nil {
		return "", fmt.Errorf("pgtest: create schema %s: %w", name, err)
	}
	return c.DSN("schemas") + "&search_path=" + name, nil
}

// Exec runs a statement in database db as the superuser, for tests that
// reach past the code under test.
func (c *Cluster) Exec(ctx context.Context, dsn, query string, args ...any) error {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.ExecContext(ctx, query, args...)
	return err
}

// Stop stops the server and removes its folder.
func (c *Cluster) Stop() error {
	for _, db := range []*sql.DB{c.admin, c.schemas} {
		if db != nil {
			db.Close()
		}
	}
	err := c.run("pg_ctl", "-D", filepath.Join(c.dir, "data"), "-m", "fast", "-w", "stop")
	if rerr := os.RemoveAll(c.dir); err == nil && rerr != nil {
		err = fmt.Errorf("pgtest: %w", rerr)
	}
	return err
}

// The cluster shared by one test binary.
var (
	shared     *Cluster
	sharedErr  error
	sharedOnce sync.Once
	sharedUsed atomic.Bool
)

// Shared returns the test binary's cluster, starting it on first use. It
// skips tb when PostgreSQL is not installed, or fails it when RequireEnv
// is 1. Stop it with Main (or StopShared) when the tests are done.
func Shared(tb testing.TB) *Cluster {
	tb.Helper()
	sharedOnce.Do(func() {
		sharedUsed.Store(true)
		start := time.Now()
		shared, sharedErr = Start(Options{})
		if sharedErr == nil && testing.Verbose() {
			fmt.Fprintf(os.Stderr, "pgtest: started PostgreSQL in %s in %v\n", shared.dir, time.Since(start).Round(time.Millisecond))
		}
	})
	if sharedErr != nil {
		if os.Getenv(RequireEnv) == "1" {
			tb.Fatalf("PostgreSQL is required (%s=1): %v", RequireEnv, sharedErr)
		}
		tb.Skipf("no PostgreSQL: %v", sharedErr)
	}
	return shared
}

// NewDatabase returns the URL of a fresh, empty database on the shared
// cluster (see Shared).
func NewDatabase(tb testing.TB) string {
	tb.Helper()
	dsn, err := Shared(tb).NewDatabase(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	return dsn
}

// NewSchema returns the URL of a fresh, empty schema on the shared
// cluster (see Shared and Cluster.NewSchema).
func NewSchema(tb testing.TB) string {
	tb.Helper()
	dsn, err := Shared(tb).NewSchema(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	return dsn
}

// StopShared stops the shared cluster if it was started.
func StopShared() error {
	if !sharedUsed.Load() || shared == nil {
		return nil
	}
	return shared.Stop()
}

// Main runs the tests and then stops the shared cluster, for TestMain.
func Main(m *testing.M) int {
	code := m.Run()
	if err := StopShared(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		if code == 0 {
			code = 1
		}
	}
	return code
}
