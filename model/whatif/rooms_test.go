package whatif

import (
	"os"
	"strings"
	"testing"

	"github.com/pencil-post/pencil/model"
)

// TestRemoveARoomOfSeveral: taking away the remote stage that a remote
// ADR session names among its rooms (here by id) is refused, as for its only room;
// an added copy of the session keeps both rooms.
func TestRemoveARoomOfSeveral(t *testing.T) {
	apply := func(overlay string) (*model.Project, error) {
		sc, err := Parse("s.yaml", []byte("scenarios:\n  - name: x\n"+overlay))
		if err != nil {
			t.Fatalf("parse: %v", err)
		}
		src, err := os.ReadFile("../../testdata/time/remote-adr.yaml")
		if err != nil {
			t.Fatal(err)
		}
		named := strings.Replace(string(src), "suites: [adr-1, remote-stage]", "suites: [adr-1, glasgow]", 1)
		p, err := model.Parse("remote-adr.yaml", []byte(named))
		if err != nil {
			t.Fatal(err)
		}
		return p, sc[0].Apply(p)
	}
	_, err := apply("    remove_suites: [glasgow]\n")
	if err == nil || !strings.Contains(err.Error(), "glasgow is named by session adr-maya") {
		t.Errorf("removing the remote stage: %v, want it refused as adr-maya's room", err)
	}
	p, err := apply("    add_sessions: [{ copy: adr-maya, id: adr-maya-pickup, duration: 1h }]\n")
	if err != nil {
		t.Fatal(err)
	}
	if s := p.Session("adr-maya-pickup"); s == nil || s.Suite == nil || len(s.ExtraSuites) == 0 || s.Suite.ID != "adr-1" || len(s.ExtraSuites) != 1 || s.ExtraSuites[0].Suite.ID != "glasgow" {
		t.Errorf("the pickup's rooms: %+v", s)
	}
}
