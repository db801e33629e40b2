package calendars

import (
	"bufio"
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pencil-post/pencil/model/booking"
)

// peersDir holds the independent checkers (see ../shared/peers/README.md,
// relative to the repository root); PENCIL_PEERS_DIR overrides it.
func peersDir() string {
	if d := os.Getenv("PENCIL_PEERS_DIR"); d != "" {
		return d
	}
	return filepath.Join("..", "..", "shared", "peers")
}

// peerChecker is one independent parser run on a file.
type peerChecker struct {
	name string
	// argv builds the command line for file, or says why it cannot run.
	argv func(file string) ([]string, string)
}

func peerCheckers() []peerChecker {
	dir := peersDir()
	return []peerChecker{
		{"python icalendar+vobject", func(file string) ([]string, string) {
			script := filepath.Join(dir, "ical-check.py")
			if _, err := os.Stat(script); err != nil {
				return nil, "no " + script
			}
			if err := exec.Command("/usr/bin/python3", "-c", "import icalendar, vobject").Run(); err != nil {
				return nil, "python3-icalendar/python3-vobject not installed (bash " + filepath.Join(dir, "install.sh") + ")"
			}
			return []string{"/usr/bin/python3", script, file}, ""
		}},
		{"node ical.js+node-ical", func(file string) ([]string, string) {
			script := filepath.Join(dir, "ical-check.mjs")
			if _, err := os.Stat(script); err != nil {
				return nil, "no " + script
			}
			node, err := exec.LookPath("node")
			if err != nil {
				return nil, "node not installed"
			}
			mods := os.Getenv("PEERS_NODE_MODULES")
			if mods == "" {
				home, _ := os.UserHomeDir()
				mods = filepath.Join(home, ".cache", "pencil-peers", "node_modules")
			}
			for _, m := range []string{"ical.js", "node-ical"} {
				if _, err := os.Stat(filepath.Join(mods, m)); err != nil {
					return nil, "npm module " + m + " not in " + mods + " (bash " + filepath.Join(dir, "install.sh") + ")"
				}
			}
			return []string{node, script, file}, ""
		}},
	}
}

// peerEvent is what a checker reports for one VEVENT.
type peerEvent struct {
	seq        int
	status     string
	tzid       string
	start, end time.Time
}

// parsePeerReport reads the checkers' common report: a line
// "UID=u SEQUENCE=n STATUS=s TZID=z" per event, then "  DTSTART … = <UTC>"
// and "  DTEND … = <UTC>".
func parsePeerReport(t *testing.T, out []byte) map[string]peerEvent {
	t.Helper()
	events := map[string]peerEvent{}
	var uid string
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "UID="):
			f := map[string]string{}
			for _, kv := range strings.Fields(line) {
				k, v, _ := strings.Cut(kv, "=")
				f[k] = v
			}
			uid = f["UID"]
			seq, err := strconv.Atoi(f["SEQUENCE"])
			if err != nil {
				t.Fatalf("bad SEQUENCE in %q", line)
			}
			events[uid] = peerEvent{seq: seq, status: f["STATUS"], tzid: f["TZID"]}
		case strings.HasPrefix(line, "  DTSTART "), strings.HasPrefix(line, "  DTEND "):
			i := strings.LastIndex(line, "= ")
			if i < 0 {
				t.Fatalf("no UTC time in %q", line)
			}
			ts, err := time.Parse(time.RFC3339, line[i+2:])
			if err != nil {
				t.Fatalf("bad UTC time in %q: %v", line, err)
			}
			ev := events[uid]
			if strings.HasPrefix(line, "  DTSTART ") {
				ev.start = ts
			} else {
				ev.end = ts
			}
			events[uid] = ev
		}
	}
	return events
}

// TestPeerParsers runs two independent pairs of iCalendar parsers (Python
// icalendar and vobject; Mozilla ical.js and node-ical) on every golden file
// and checks that UIDs, SEQUENCE, STATUS and the instants of DTSTART and
// DTEND, resolved through our VTIMEZONE, survive. It skips when the
// checkers are not installed.
func TestPeerParsers(t *testing.T) {
	if testing.Short() {
		t.Skip("starts external interpreters")
	}
	wantStatus := map[booking.Status]string{
		booking.Pencil: "TENTATIVE", booking.SecondPencil: "TENTATIVE",
		booking.Confirmed: "CONFIRMED", booking.Released: "CANCELLED",
	}
	for _, pc := range peerCheckers() {
		t.Run(pc.name, func(t *testing.T) {
			t.Parallel()
			if _, why := pc.argv("x.ics"); why != "" {
				if os.Getenv("PENCIL_REQUIRE_PEERS") != "" {
					t.Fatal("PENCIL_REQUIRE_PEERS is set but", why)
				}
				t.Skip(why)
			}
			checked := 0
			for _, gc := range goldenCases(t) {
				feeds, err := Feeds(gc.prod, gc.bookings)
				if err != nil {
					t.Fatal(err)
				}
				for _, f := range feeds {
					if !gc.kept(f.FileName()) {
						continue
					}
					file := filepath.Join(goldenRoot, gc.dir, f.FileName())
					argv, _ := pc.argv(file)
					ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
					out, err := exec.CommandContext(ctx, argv[0], argv[1:]...).CombinedOutput()
					cancel()
					if err != nil {
						t.Errorf("%s rejects %s: %v\n%s", pc.name, file, err, out)
						continue
					}
					got := parsePeerReport(t, out)
					events := f.events()
					if len(got) != len(events) {
						t.Errorf("%s: %s sees %d events, want %d", file, pc.name, len(got), len(events))
					}
					for _, e := range events {
						uid := e.uid(gc.prod)
						ev, ok := got[uid]
						want := peerEvent{seq: e.sequence(), status: wantStatus[e.b.Status], tzid: gc.prod.TimeZone.String(),
							start: e.piece.Start.UTC(), end: e.piece.End.UTC()}
						if e.cancelled() {
							want.status = wantStatus[booking.Released]
						}
						if gc.prod.TimeZone == time.UTC || repeated(e.piece.Start.In(gc.prod.TimeZone)) || repeated(e.piece.End.In(gc.prod.TimeZone)) {
							want.tzid = "-" // UTC times carry a Z, not a TZID
						}
						if !ok || ev.seq != want.seq || ev.status != want.status || ev.tzid != want.tzid ||
							!ev.start.Equal(want.start) || !ev.end.Equal(want.end) {
							t.Errorf("%s: %s reads %s as %+v, want %+v", file, pc.name, uid, ev, want)
						}
						checked++
					}
				}
			}
			t.Logf("%s agrees on %d events", pc.name, checked)
		})
	}
}
