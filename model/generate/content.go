package generate

import (
	"fmt"
	"strings"
)

// shape sizes the work of one episode or feature.
type shape struct {
	shootDays, blocksLo, blocksHi int // scene blocks per shoot day
	reels, vfxLo, vfxHi           int
	adrLo, adrHi                  int
	cutDays                       [3]int // editor's, director's, producer's cut
}

var (
	episodeShape = shape{shootDays: 11, blocksLo: 3, blocksHi: 5, reels: 5, vfxLo: 36, vfxHi: 46, adrLo: 40, adrHi: 50, cutDays: [3]int{3, 4, 2}}
	linearShape  = shape{shootDays: 1, blocksLo: 2, blocksHi: 3, reels: 1, vfxLo: 1, vfxHi: 2, adrLo: 2, adrHi: 3, cutDays: [3]int{1, 1, 1}}
	featureShape = shape{shootDays: 32, blocksLo: 3, blocksHi: 4, reels: 8, vfxLo: 60, vfxHi: 80, adrLo: 60, adrHi: 80, cutDays: [3]int{8, 10, 5}}
)

// plan hires the crew and writes every production's sessions.
func (g *generator) plan() {
	type show struct {
		episodes int
		feature  bool
		offset   int // weeks after the facility's start
	}
	var shows []show
	switch g.opts.Kind {
	case Feature:
		shows = []show{{episodes: 1, feature: true}}
	case Series:
		shows = []show{{episodes: g.opts.Episodes}}
	case Facility:
		for i := range g.opts.Productions {
			if i%2 == 1 {
				shows = append(shows, show{episodes: 1, feature: true, offset: g.rng.IntN(6)})
			} else {
				shows = append(shows, show{episodes: g.between(max(1, g.opts.Episodes/2), g.opts.Episodes), offset: g.rng.IntN(6)})
			}
		}
	}
	load := 0.0
	for _, s := range shows {
		if s.feature {
			load += 4
		} else {
			load += float64(s.episodes)
		}
	}
	g.hire(load)
	g.holidaysOff(int(60 + 6*load))
	for i, s := range shows {
		p := g.newProduction(i)
		p.startDay = g.dayOf(g.start.AddDate(0, 0, 7*s.offset))
		episode, feature := episodeShape, featureShape
		if g.opts.Linear {
			episode, feature = linearShape, linearShape
		}
		if s.feature {
			p.name += " (feature, 100')"
			cast := g.castOf(10)
			g.writeEpisode(p, "", p.startDay, feature, cast)
		} else {
			p.name += fmt.Sprintf(" (%d x 60')", s.episodes)
			leads := g.castOf(4)
			for e := 1; e <= s.episodes; e++ {
				cast := append(append([]*resource{}, leads...), g.castOf(2)...)
				release := g.dayOf(g.day(p.startDay).AddDate(0, 0, 7*(e-1)))
				g.writeEpisode(p, fmt.Sprintf("ep%02d-", e), release, episode, cast)
			}
		}
		g.prods = append(g.prods, p)
	}
}

func (g *generator) castOf(n int) []*resource {
	out := make([]*resource, n)
	for i := range out {
		out[i] = g.newArtiste()
	}
	return out
}

func (g *generator) newProduction(i int) *production {
	for {
		a := titleWords[0][g.rng.IntN(len(titleWords[0]))]
		b := titleWords[1][g.rng.IntN(len(titleWords[1]))]
		id := strings.ToLower(a)
		if g.ids[id] {
			continue
		}
		g.ids[id] = true
		return &production{id: id, name: a + " " + b, prefix: fmt.Sprintf("%c%c%d", a[0], b[0], i+1), overhead: float64(g.between(6, 12) * 50)}
	}
}

// writeEpisode appends one episode's (or a feature's) sessions: dailies
// and scene-block assemblies, the cuts to picture lock, conform, VFX
// shots and review, a grade per reel, per-reel dialogue, effects, foley
// and music, ADR loops with the cast, per-reel premixes and mixes, the
// printmaster, QC, captions and delivery. The cut chain keeps its editor
// and room, a reel's mix its premix's mixer and stage, and the mix and
// the captions follow within a working day (see the package comment).
func (g *generator) writeEpisode(p *production, pre string, release int, sh shape, cast []*resource) {
	add := func(s *session) *session {
		s.id = pre + s.id
		p.sessions = append(p.sessions, s)
		return s
	}
	label := strings.TrimSuffix(pre, "-")
	if label == "" {
		label = "feature"
	}
	turnover := add(&session{id: "turnover", name: label + " rushes turnover", milestone: true, releaseDay: release, hasRelease: true})
	var blocks []dep
	for day := 1; day <= sh.shootDays; day++ {
		dailies := add(&session{id: fmt.Sprintf("dailies-%02d", day), name: fmt.Sprintf("%s dailies, shoot day %d", label, day),
			minutes: 60 * g.between(3, 5), suiteKind: "offline", roles: []string{"assistant-editor"}, after: []dep{{on: turnover}}})
		for b := g.between(sh.blocksLo, sh.blocksHi); b > 0; b-- {
			blk := add(&session{id: fmt.Sprintf("assembly-%03d", len(blocks)+1), name: fmt.Sprintf("%s scene block %d", label, len(blocks)+1),
				minutes: 60 * g.between(3, 6), suiteKind: "offline", roles: []string{"editor"}, after: []dep{{on: dailies}}})
			blocks = append(blocks, dep{on: blk})
		}
	}
	cut := func(id, name string, days int, after []dep) *session {
		s := &session{id: id, name: label + " " + name, days: days, suiteKind: "offline", roles: []string{"editor"}, after: after}
		if g.opts.Linear {
			s.days, s.minutes = 0, dayMinutes
		}
		return add(s)
	}
	// One editor and one cutting room take an episode from the editor's
	// cut to picture lock.
	ec := cut("editors-cut", "editor's cut", sh.cutDays[0], blocks)
	dc := cut("directors-cut", "director's cut", sh.cutDays[1], []dep{{on: ec}})
	dc.keep = ec
	pc := cut("producers-cut", "producer's cut", sh.cutDays[2], []dep{{on: dc}})
	pc.keep = dc
	lock := add(&session{id: "picture-lock", name: label + " picture lock", milestone: true, after: []dep{{on: pc}}})
	afterLock := []dep{{on: lock}}
	conform := add(&session{id: "conform", name: label + " online conform", minutes: dayMinutes, suiteKind: "online", roles: []string{"online-editor"}, after: []dep{{on: lock, lagWD: 1}}})
	var shots []dep
	for i := g.between(sh.vfxLo, sh.vfxHi); i > 0; i-- {
		s := add(&session{id: fmt.Sprintf("vfx-%03d", len(shots)+1), name: fmt.Sprintf("%s VFX shot %d", label, len(shots)+1),
			minutes: 60 * g.between(3, 8), roles: []string{"vfx-artist"}, after: afterLock})
		shots = append(shots, dep{on: s})
	}
	review := add(&session{id: "vfx-review", name: label + " VFX review", minutes: 120, suiteKind: "screening", roles: []string{"vfx-supervisor"}, after: shots})
	spotting := add(&session{id: "spotting", name: label + " music spotting", minutes: 180, suiteKind: "screening", roles: []string{"composer"}, after: afterLock})
	var grades, mixes []dep
	premixAfter := make([][]dep, sh.reels)
	var premixLoops []*session
	for r := 1; r <= sh.reels; r++ {
		reel := func(id, name string, minutes int, suite string, roles []string, after []dep) *session {
			return add(&session{id: fmt.Sprintf("%s-r%d", id, r), name: fmt.Sprintf("%s %s, reel %d", label, name, r),
				minutes: minutes, suiteKind: suite, roles: roles, after: after})
		}
		gr := reel("grade", "grade", 60*g.between(6, 10), "grade", []string{"colourist"}, []dep{{on: conform}, {on: review}})
		grades = append(grades, dep{on: gr})
		dia := reel("dialogue", "dialogue edit", dayMinutes, "", []string{"dialogue-editor"}, afterLock)
		fx := reel("effects", "effects edit", dayMinutes, "", []string{"sound-effects-editor"}, afterLock)
		fol := reel("foley", "foley", 300, "foley", []string{"foley-artist", "foley-mixer"}, afterLock)
		cue := reel("score", "score", dayMinutes, "", []string{"composer"}, []dep{{on: spotting}})
		me := reel("music-edit", "music edit", 300, "", []string{"music-editor"}, []dep{{on: cue}})
		premixAfter[r-1] = []dep{{on: dia}, {on: fx}, {on: fol}, {on: me}}
	}
	for n := g.between(sh.adrLo, sh.adrHi); n > 0; n-- {
		who := []*resource{cast[g.rng.IntN(len(cast))]}
		if g.rng.IntN(5) == 0 {
			if other := cast[g.rng.IntN(len(cast))]; other != who[0] {
				who = append(who, other)
			}
		}
		names := make([]string, len(who))
		for j, a := range who {
			names[j] = a.name
		}
		r := g.rng.IntN(sh.reels)
		s := add(&session{id: fmt.Sprintf("adr-%03d", len(premixLoops)+1), name: fmt.Sprintf("%s ADR, reel %d: %s", label, r+1, strings.Join(names, " & ")),
			minutes: 60 * g.between(1, 3), suiteKind: "adr", roles: []string{"adr-mixer"}, artistes: who,
			window: [2]int{60, 540}, after: afterLock})
		premixAfter[r] = append(premixAfter[r], dep{on: s})
		premixLoops = append(premixLoops, s)
	}
	for r := 1; r <= sh.reels; r++ {
		pm := add(&session{id: fmt.Sprintf("premix-r%d", r), name: fmt.Sprintf("%s premix, reel %d", label, r), minutes: 300,
			suiteKind: "mix", roles: []string{"re-recording-mixer"}, after: premixAfter[r-1]})
		// The mixer who premixes a reel mixes it on the same stage, by
		// the next working day.
		mx := add(&session{id: fmt.Sprintf("mix-r%d", r), name: fmt.Sprintf("%s final mix, reel %d", label, r), minutes: 300,
			suiteKind: "mix", roles: []string{"re-recording-mixer"}, after: []dep{{on: pm, maxLagWD: 1, hasMax: true}}, keep: pm})
		pm.follower = mx
		mixes = append(mixes, dep{on: mx})
	}
	pmx := add(&session{id: "printmaster", name: label + " printmaster", minutes: 240, suiteKind: "mix", roles: []string{"re-recording-mixer"}, after: mixes})
	qc := add(&session{id: "qc", name: label + " QC", minutes: 240, suiteKind: "online", roles: []string{"qc-operator"}, after: append([]dep{{on: pmx}}, grades...)})
	// Captions and textless elements are made from the passed master by
	// the next working day.
	captions := add(&session{id: "captions", name: label + " captions and textless", minutes: 180, roles: []string{"online-editor"},
		after: []dep{{on: qc, maxLagWD: 1, hasMax: true}}})
	qc.follower = captions
	done := add(&session{id: "delivered", name: label + " delivered", milestone: true, after: []dep{{on: qc}, {on: captions}}})
	p.delivered = append(p.delivered, done)
}
