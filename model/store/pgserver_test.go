package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// requirePostgres, when "1", makes the PostgreSQL half of the suite fail
// instead of skipping where no PostgreSQL server can be started (CI sets it).
const requirePostgres = "PENCIL_REQUIRE_POSTGRES"

// pgServer is the throwaway PostgreSQL cluster of one test binary: started
// on first use, stopped by TestMain.
type pgServer struct {
	dir    string // temporary directory: data, socket, log
	bin    string // directory of initdb, pg_ctl and postgres
	asUser bool   // run the binaries as the postgres OS user (we are root)
	port   int
	up     bool    // pg_ctl start succeeded: stop must stop it
	admin  *sql.DB // connection to the postgres database, for CREATE DATABASE
	err    error   // why the server could not start; nil when it runs
	next   atomic.Int64
}

var (
	pgOnce sync.Once
	pg     pgServer
)

func TestMain(m *testing.M) {
	code := m.Run()
	pg.stop()
	os.Exit(code)
}

// postgresDSN returns the URL of a fresh, empty database on the test
// binary's cluster, starting the cluster on first use. Without PostgreSQL
// it skips t, or fails it when PENCIL_REQUIRE_POSTGRES=1.
func postgresDSN(t testing.TB) string {
	t.Helper()
	pgOnce.Do(func() { pg.err = pg.start() })
	if pg.err != nil {
		if os.Getenv(requirePostgres) == "1" {
			t.Fatalf("PostgreSQL (%s=1): %v", requirePostgres, pg.err)
		}
		t.Skipf("PostgreSQL not available: %v", pg.err)
	}
	name := fmt.Sprintf("pencil_%d", pg.next.Add(1))
	if _, err := pg.admin.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatalf("create test database: %v", err)
	}
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/%s?sslmode=disable", pg.port, name)
}

// findPostgresBin returns the directory holding initdb and pg_ctl: on
// PATH, or Debian's /usr/lib/postgresql/<version>/bin, newest first.
func findPostgresBin() (string, error) {
	if p, err := exec.LookPath("initdb"); err == nil {
		if _, err := exec.LookPath("pg_ctl"); err == nil {
			return filepath.Dir(p), nil
		}
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool { return pgMajor(dirs[i]) > pgMajor(dirs[j]) })
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "initdb")); err == nil {
			return d, nil
		}
	}
	return "", errors.New("initdb not found on PATH or in /usr/lib/postgresql/*/bin")
}

// pgMajor is the version in a /usr/lib/postgresql/<version>/bin path.
func pgMajor(dir string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(dir)))
	return n
}

// start makes a cluster in a temporary directory and starts it.
func (p *pgServer) start() error {
	var err error
	if p.bin, err = findPostgresBin(); err != nil {
		return err
	}
	if p.dir, err = os.MkdirTemp("", "pencil-pg-"); err != nil {
		return err
	}
	// PostgreSQL refuses to run as root: as root (here and in CI) the
	// cluster belongs to the postgres OS user.
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			return fmt.Errorf("running as root, and the postgres OS user to run PostgreSQL as is missing: %w", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if err := os.Chown(p.dir, uid, gid); err != nil {
			return err
		}
		p.asUser = true
	}
	if p.port, err = freePort(); err != nil {
		return err
	}
	data := filepath.Join(p.dir, "data")
	if out, err := p.run("initdb", "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"); err != nil {
		return fmt.Errorf("initdb: %w\n%s", err, out)
	}
	// Durability is not under test: fsync off keeps the suite quick.
	opts := fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c full_page_writes=off -c synchronous_commit=off",
		p.port, p.dir)
	if out, err := p.run("pg_ctl", "start", "-w", "-t", "60", "-D", data, "-l", filepath.Join(p.dir, "log"), "-o", opts); err != nil {
		log, _ := os.ReadFile(filepath.Join(p.dir, "log"))
		return fmt.Errorf("pg_ctl start: %w\n%s\n%s", err, out, log)
	}
	p.up = true
	p.admin, err = sql.Open("pgx", fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", p.port))
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	return p.admin.PingContext(ctx)
}

// run runs one of the server's programs, as the postgres user if need be.
func (p *pgServer) run(prog string, args ...string) ([]byte, error) {
	cmd := exec.Command(filepath.Join(p.bin, prog), args...)
	if p.asUser {
		runuser, err := exec.LookPath("runuser")
		if err == nil {
			cmd = exec.Command(runuser, append([]string{"-u", "postgres", "--", cmd.Path}, args...)...)
		} else {
			quoted := make([]string, len(cmd.Args))
			for i, a := range cmd.Args {
				quoted[i] = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
			}
			cmd = exec.Command("su", "postgres", "-s", "/bin/sh", "-c", strings.Join(quoted, " "))
		}
	}
	cmd.Dir = p.dir
	return cmd.CombinedOutput()
}

// stop stops the cluster, if it was started, and removes its directory.
func (p *pgServer) stop() {
	if p.admin != nil {
		p.admin.Close()
	}
	if p.dir == "" {
		return
	}
	if p.up {
		if out, err := p.run("pg_ctl", "stop", "-m", "fast", "-w", "-D", filepath.Join(p.dir, "data")); err != nil {
			fmt.Fprintf(os.Stderr, "pg_ctl stop: %v\n%s", err, out)
		}
	}
	os.RemoveAll(p.dir)
}

// freePort returns a TCP port on 127.0.0.1 that nothing listens on now.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
