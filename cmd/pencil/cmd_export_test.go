package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-ical"

	"github.com/pencil-post/pencil/model"
	"github.com/pencil-post/pencil/model/booking"
	"github.com/pencil-post/pencil/model/store"
)

// peersDir holds the independent iCalendar checkers (shared/peers beside
// the repository); PENCIL_PEERS_DIR overrides it.
func peersDir() string {
	if d := os.Getenv("PENCIL_PEERS_DIR"); d != "" {
		return d
	}
	return filepath.Join("..", "..", "..", "shared", "peers")
}

// icalCheckers are the independent checkers' command lines for a file,
// each with the reason it cannot run ("" when it can).
func icalCheckers(t *testing.T) map[string]func(file string) []string {
	t.Helper()
	dir := peersDir()
	out := map[string]func(string) []string{}
	py := filepath.Join(dir, "ical-check.py")
	if _, err := os.Stat(py); err != nil {
		t.Logf("skipping the python checker: no %s", py)
	} else if err := exec.Command("/usr/bin/python3", "-c", "import icalendar, vobject").Run(); err != nil {
		t.Logf("skipping the python checker: python3-icalendar/vobject not installed (%s)", filepath.Join(dir, "install.sh"))
	} else {
		out["python icalendar+vobject"] = func(f string) []string { return []string{"/usr/bin/python3", py, f} }
	}
	mjs := filepath.Join(dir, "ical-check.mjs")
	if node, err := exec.LookPath("node"); err != nil {
		t.Log("skipping the node checker: node not installed")
	} else if _, err := os.Stat(mjs); err != nil {
		t.Logf("skipping the node checker: no %s", mjs)
	} else {
		out["node ical.js+node-ical"] = func(f string) []string { return []string{node, mjs, f} }
	}
	if len(out) < 2 && os.Getenv("PENCIL_REQUIRE_PEERS") != "" {
		t.Fatalf("PENCIL_REQUIRE_PEERS is set but only %d of the 2 iCalendar checkers can run (bash %s)", len(out), filepath.Join(dir, "install.sh"))
	}
	return out
}

// peerCheck runs every installed checker on file and returns, per checker,
// the "UID=… SEQUENCE=… STATUS=…" lines it printed. A checker that rejects
// the file fails the test.
func peerCheck(t *testing.T, file string) map[string][]string {
	t.Helper()
	got := map[string][]string{}
	for name, argv := range icalCheckers(t) {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		a := argv(file)
		out, err := exec.CommandContext(ctx, a[0], a[1:]...).CombinedOutput()
		cancel()
		if err != nil {
			t.Errorf("%s rejects %s: %v\n%s", name, file, err, out)
			continue
		}
		for line := range strings.Lines(string(out)) {
			if strings.HasPrefix(line, "UID=") {
				got[name] = append(got[name], strings.TrimSpace(line))
			}
		}
	}
	return got
}

// icsEvent is what a test checks of one exported event.
type icsEvent struct {
	seq        int
	status     string
	start, end time.Time
}

// readICS decodes an exported calendar and returns its events by UID.
func readICS(t *testing.T, file string) map[string]icsEvent {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	cal, err := ical.NewDecoder(bytes.NewReader(data)).Decode()
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	out := map[string]icsEvent{}
	for _, ev := range cal.Events() {
		uid, _ := ev.Props.Text(ical.PropUID)
		var e icsEvent
		if p := ev.Props.Get(ical.PropSequence); p != nil {
			e.seq, _ = strconv.Atoi(p.Value)
		}
		e.status, _ = ev.Props.Text(ical.PropStatus)
		if e.start, err = ev.DateTimeStart(time.UTC); err != nil {
			t.Fatalf("%s: %s: %v", file, uid, err)
		}
		if e.end, err = ev.DateTimeEnd(time.UTC); err != nil {
			t.Fatalf("%s: %s: %v", file, uid, err)
		}
		out[uid] = e
	}
	return out
}

// calendarStatus is the STATUS a store status is exported as.
var calendarStatus = map[booking.Status]string{
	booking.Pencil: "TENTATIVE", booking.SecondPencil: "TENTATIVE", booking.Confirmed: "CONFIRMED", booking.Released: "CANCELLED",
}

// TestExportICSSeries: the six-episode example solved into a store exports
// one calendar per person, suite and artiste plus the production's; the
// production calendar holds one event per piece each booking is worked
// in, never over 24 hours, at exactly the store's times, with the store's
// SEQUENCE and status; the independent checkers accept the files and read the same
// events; exporting again rewrites nothing.
func TestExportICSSeries(t *testing.T) {
	dir := t.TempDir()
	file := project(t, dir, "../../testdata/series.yaml", "series.yaml")
	solveIn(t, file, "--now", "2026-06-01")
	out := filepath.Join(dir, "feeds")
	code, stdout, stderr := pencil(t, "export", "ics", file, "--out", out)
	if code != exitOK {
		t.Fatalf("export: exit %d\n%s", code, stderr)
	}
	p, err := model.Load(file)
	if err != nil {
		t.Fatal(err)
	}
	files := strings.Fields(stdout)
	if want := 1 + len(p.Suites) + len(p.People) + len(p.Artistes); len(files) != want {
		t.Errorf("%d calendars, want %d:\n%s", len(files), want, stdout)
	}
	bs, err := openTestStore(t, storePathFor(file)).Bookings(context.Background(), store.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	prodFile := filepath.Join(out, "production.ics")
	evs := readICS(t, prodFile)
	want := map[string]bool{} // what the checkers must read, per event
	pieces := 0
	for _, b := range bs {
		for n, pc := range b.Pieces {
			pieces++
			uid := fmt.Sprintf("%s-%d@harbour-lights.pencil", b.ID, n+1)
			ev, ok := evs[uid]
			if !ok || ev.seq != b.Sequence || ev.status != calendarStatus[b.Status] || !ev.start.Equal(pc.Start) || !ev.end.Equal(pc.End) {
				t.Errorf("%s reads %+v, want the store's piece %d %+v of %s (%s)", uid, ev, n+1, pc, b.ID, b.Status)
			}
			want[fmt.Sprintf("UID=%s SEQUENCE=%d STATUS=%s TZID=Europe/London", uid, b.Sequence, calendarStatus[b.Status])] = true
		}
	}
	if len(evs) != pieces {
		t.Errorf("production.ics has %d events, the store %d pieces in %d bookings", len(evs), pieces, len(bs))
	}
	for uid, ev := range evs {
		if d := ev.end.Sub(ev.start); d <= 0 || d > 24*time.Hour {
			t.Errorf("%s runs %s – %s: %s, want a day's work at most", uid, ev.start, ev.end, d)
		}
	}
	// Tom travels 3h each way: his feed shows each journey, the hours
	// before the first piece of the booking that opens a visit and after
	// the last of the one that closes it, as the store has them.
	travel, tom := 0, readICS(t, filepath.Join(out, "artiste-tom.ics"))
	for _, b := range bs {
		if !slices.Contains(b.Artistes, "tom") || b.Status == booking.Released || b.Status == booking.SecondPencil {
			continue
		}
		first, last := b.Pieces[0], b.Pieces[len(b.Pieces)-1]
		for uid, span := range map[string][2]time.Time{
			b.ID + "-travel-to@harbour-lights.pencil":   {first.Start.Add(-3 * time.Hour), first.Start},
			b.ID + "-travel-home@harbour-lights.pencil": {last.End, last.End.Add(3 * time.Hour)},
		} {
			ev, ok := tom[uid]
			if !ok {
				continue // the booking does not open (or close) a visit
			}
			travel++
			if ev.seq != b.Sequence || ev.status != calendarStatus[b.Status] || !ev.start.Equal(span[0]) || !ev.end.Equal(span[1]) {
				t.Errorf("%s reads %+v, want %s – %s from the store's %s", uid, ev, span[0], span[1], b.ID)
			}
			want[fmt.Sprintf("UID=%s SEQUENCE=%d STATUS=%s TZID=Europe/London", uid, b.Sequence, calendarStatus[b.Status])] = true
		}
	}
	if travel == 0 {
		t.Error("Tom's feed shows no travel")
	}
	// The production calendar and one of each kind of personal calendar
	// go to the independent checkers (every file would take minutes).
	for _, f := range []string{prodFile, filepath.Join(out, "person-ines.ics"), filepath.Join(out, "suite-grade-1.ics"),
		filepath.Join(out, "artiste-tom.ics")} {
		for name, lines := range peerCheck(t, f) {
			if f == prodFile && len(lines) != len(want)-travel {
				t.Errorf("%s reads %d events in %s, want %d", name, len(lines), f, len(want))
			}
			for _, l := range lines {
				if !want[l] {
					t.Errorf("%s reads %q in %s: not a booking of the store", name, l, f)
				}
			}
		}
	}

	before := snapshotDir(t, out)
	if code, _, stderr := pencil(t, "export", "ics", file, "--out", out); code != exitOK {
		t.Fatalf("second export: exit %d\n%s", code, stderr)
	}
	if after := snapshotDir(t, out); after != before {
		t.Errorf("exporting unchanged bookings changed the files:\n%s\n---\n%s", before, after)
	}
}

// snapshotDir lists a folder's files with their size, time and a digest
// of their bytes.
func snapshotDir(t *testing.T, dir string) string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var sb strings.Builder
	for _, e := range entries {
		info, err := e.Info()
		if err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		sb.WriteString(e.Name() + " " + info.ModTime().UTC().Format(time.RFC3339Nano) + " " + store.Fingerprint(data) + "\n")
	}
	return sb.String()
}

// TestExportICSMoveAndRelease: a re-solve that moves Maya's ADR keeps its
// UID and raises SEQUENCE in her calendar; releasing it makes it
// CANCELLED there, and the checkers agree.
func TestExportICSMoveAndRelease(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "short.pencil.db")
	out := filepath.Join(dir, "feeds")
	maya := filepath.Join(out, "artiste-maya.ics")
	uid := shortADR + "-1@short.pencil" // the ADR is worked in one piece
	export := func() icsEvent {
		t.Helper()
		if code, _, stderr := pencil(t, "export", "ics", filepath.Join(dir, "short.yaml"), "--out", out); code != exitOK {
			t.Fatalf("export: exit %d\n%s", code, stderr)
		}
		ev, ok := readICS(t, maya)[uid]
		if !ok {
			t.Fatalf("no %s in %s", uid, maya)
		}
		return ev
	}
	file := project(t, dir, "testdata/short.yaml", "short.yaml")
	solveIn(t, file)
	first := export()

	project(t, dir, "testdata/short.yaml", "short.yaml", "2026-10-26..2026-10-27", "2026-10-27..2026-10-27")
	solveIn(t, file, "--why", "Maya's agent withdrew Monday")
	moved := export()
	if moved.seq <= first.seq || moved.start.Equal(first.start) || moved.status != "TENTATIVE" {
		t.Errorf("after the move the ADR reads %+v, was %+v: want a later start and a higher SEQUENCE", moved, first)
	}

	if code, _, stderr := pencil(t, "release", shortADR, "--store", db, "--reason", "artiste ill"); code != exitOK {
		t.Fatalf("release: exit %d\n%s", code, stderr)
	}
	released := export()
	if released.status != "CANCELLED" || released.seq <= moved.seq || !released.start.Equal(moved.start) {
		t.Errorf("after the release the ADR reads %+v, was %+v: want CANCELLED, a higher SEQUENCE, the same time", released, moved)
	}
	for name, lines := range peerCheck(t, maya) {
		want := "UID=" + uid + " SEQUENCE=" + strconv.Itoa(released.seq) + " STATUS=CANCELLED"
		if len(lines) != 1 || !strings.HasPrefix(lines[0], want) {
			t.Errorf("%s reads %q, want %q", name, lines, want)
		}
	}
}

// TestExportICSRefuses: no store, or no --out, writes nothing.
func TestExportICSRefuses(t *testing.T) {
	dir := t.TempDir()
	file := project(t, dir, "testdata/short.yaml", "short.yaml")
	out := filepath.Join(dir, "feeds")
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantErr  string
	}{
		{"no store", []string{"export", "ics", file, "--out", out}, exitError, "no bookings yet: run pencil solve first"},
		{"no out", []string{"export", "ics", file}, exitInvalid, "give --out DIR"},
		{"no format", []string{"export", file}, exitInvalid, "want a format: ics"},
		{"broken project", []string{"export", "ics", "testdata/broken.yaml", "--out", out}, exitInvalid, "negative rate"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := pencil(t, tt.args...)
			if code != tt.wantCode || !strings.Contains(stderr, tt.wantErr) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, stderr, tt.wantCode, tt.wantErr)
			}
			if _, err := os.Stat(out); err == nil {
				t.Error("--out was created")
			}
		})
	}
}

// BenchmarkExportICS is pencil export ics of the six-episode example into
// a fresh folder: load the project, read the store, write 20 calendars.
func BenchmarkExportICS(b *testing.B) {
	dir := b.TempDir()
	data, err := os.ReadFile("../../testdata/series.yaml")
	if err != nil {
		b.Fatal(err)
	}
	file := filepath.Join(dir, "series.yaml")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		b.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), append([]string{"solve", file}, repencilArgs...), &stdout, &stderr); code != exitOK {
		b.Fatalf("solve: exit %d\n%s", code, stderr.String())
	}
	g := newGlobals(io.Discard, io.Discard)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		if err := runExportICS(context.Background(), g, file, "", filepath.Join(dir, "out"+strconv.Itoa(i))); err != nil {
			b.Fatal(err)
		}
	}
}
