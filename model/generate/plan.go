package generate

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// dayMinutes is the working day, 09:00-19:00, that every generated file
// uses; the reference schedule counts minutes from 09:00.
const dayMinutes = 600

// resource is a suite, a person or an artiste, with its reference
// schedule: the minutes used so far on each working day.
type resource struct {
	id, name, dept string
	kind           string   // suite kind; empty for people and artistes
	roles          []string // people only
	artiste        bool
	rate           rateCard
	off            [][2]int // people: working-day ranges off (inclusive)
	fill           []int16  // minutes from 09:00 used, per working day
	load           int      // minutes of work given so far, to spread it
	usedDays       []int    // artistes: the working days of their sessions
	// artiste terms
	agent              string
	feeSession, feeDay float64
	travel, holdPerDay float64
	extraWindows       [][2]int
}

func (r *resource) used(d int) int {
	if d < len(r.fill) {
		return int(r.fill[d])
	}
	return 0
}

func (r *resource) setUsed(d, v int) {
	for len(r.fill) <= d {
		r.fill = append(r.fill, 0)
	}
	r.fill[d] = int16(v)
}

// dep is a precedence: finish-to-start after `on`, plus a lag in working
// days; with hasMax, a longest wait too (max_lag in working days).
type dep struct {
	on       *session
	lagWD    int
	maxLagWD int
	hasMax   bool
}

// session is a piece of work (or a milestone) and its reference
// placement.
type session struct {
	id, name    string
	minutes     int // work content of a session that fits in a day
	days        int // > 0: a multi-day session that splits by whole days
	suiteKind   string
	roles       []string
	artistes    []*resource
	after       []dep
	window      [2]int // minutes from 09:00; zero value means the whole day
	milestone   bool
	releaseDay  int // working day index, for sessions with no predecessor
	hasRelease  bool
	deadline    int // working day index of the delivery, on delivered milestones
	hasDeadline bool
	// keep is the session whose people and suite this one keeps
	// (same_people_as and same_suite_as): an episode's cut chain, a
	// reel's premix and final mix.
	keep *session
	// follower is the session that must start within a longest wait of
	// this one's end (its only predecessor); the reference places the
	// two together.
	follower *session

	// reference placement: start and end in minutes of working time
	// (day*dayMinutes + minute), and the resources chosen, suite first.
	start, end int
	chosen     []*resource
	placed     bool
}

// production is one show in the file.
type production struct {
	id, name   string
	prefix     string // booking reference prefix, e.g. HL
	startDay   int
	sessions   []*session
	delivered  []*session // one delivered milestone per episode
	overhead   float64
	deliverDay int
	bookings   []*session
}

// generator holds the state of one Generate call.
type generator struct {
	rng     *rand.Rand
	opts    Options
	start   time.Time // day 0, a Monday
	days    []time.Time
	holiday map[string]bool
	suites  []*resource
	people  []*resource
	cast    []*resource
	pools   map[string][]*resource // by role or suite kind
	prods   []*production
	ids     map[string]bool
	title   string
}

func newGenerator(rng *rand.Rand, opts Options) *generator {
	g := &generator{rng: rng, opts: opts, pools: map[string][]*resource{}, ids: map[string]bool{}, holiday: map[string]bool{}}
	g.start = firstMonday.AddDate(0, 0, 7*rng.IntN(8))
	for _, h := range ukBankHolidays {
		g.holiday[h] = true
	}
	return g
}

// day returns the date of working day d, extending the calendar as
// needed.
func (g *generator) day(d int) time.Time {
	for len(g.days) <= d {
		t := g.start
		if n := len(g.days); n > 0 {
			t = g.days[n-1].AddDate(0, 0, 1)
		}
		for t.Weekday() == time.Saturday || t.Weekday() == time.Sunday || g.holiday[t.Format(time.DateOnly)] {
			t = t.AddDate(0, 0, 1)
		}
		g.days = append(g.days, t)
	}
	return g.days[d]
}

// dayOf returns the first working day on or after t.
func (g *generator) dayOf(t time.Time) int {
	d := 0
	for g.day(d).Before(t) {
		d++
	}
	return d
}

// between picks an integer in [lo, hi].
func (g *generator) between(lo, hi int) int { return lo + g.rng.IntN(hi-lo+1) }

// round rounds a rate to a multiple of step after a ±15% spread.
func (g *generator) spread(v, step float64) float64 {
	if v == 0 {
		return 0
	}
	f := 0.85 + 0.3*g.rng.Float64()
	return float64(int(v*f/step+0.5)) * step
}

// uniqueID slugs a name into an id nobody has yet.
func (g *generator) uniqueID(name string) string {
	base := strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			return r
		case r >= 'A' && r <= 'Z':
			return r + 'a' - 'A'
		case r == 'è' || r == 'é':
			return 'e'
		}
		return '-'
	}, name)
	id := base
	for n := 2; g.ids[id]; n++ {
		id = fmt.Sprintf("%s-%d", base, n)
	}
	g.ids[id] = true
	return id
}

func (g *generator) personName() string {
	return firstNames[g.rng.IntN(len(firstNames))] + " " + lastNames[g.rng.IntN(len(lastNames))]
}

// crewBase is the crew a ten-episode series needs, per role; a facility
// or a longer series scales it.
var crewBase = map[string]int{
	"editor": 5, "assistant-editor": 3, "online-editor": 2, "colourist": 2, "dialogue-editor": 3,
	"sound-effects-editor": 3, "foley-artist": 2, "foley-mixer": 2, "music-editor": 2, "composer": 2,
	"vfx-artist": 8, "vfx-supervisor": 1, "adr-mixer": 2, "re-recording-mixer": 2, "qc-operator": 1,
}

// suiteBase is the rooms a ten-episode series needs, per kind.
var suiteBase = map[string]int{
	"offline": 7, "online": 2, "grade": 2, "mix": 2, "adr": 2, "foley": 1, "screening": 2,
}

// secondSkills are the overlapping skills: a person of the first role may
// also work as the second.
var secondSkills = [][2]string{
	{"assistant-editor", "editor"}, {"dialogue-editor", "sound-effects-editor"},
	{"sound-effects-editor", "dialogue-editor"}, {"online-editor", "qc-operator"},
	{"foley-mixer", "adr-mixer"}, {"re-recording-mixer", "adr-mixer"}, {"vfx-artist", "vfx-supervisor"},
}

func scaled(base int, load float64) int {
	n := int(float64(base)*load/10 + 0.5)
	return max(n, 1)
}

// hire fills the suites and crew for a workload of load episode
// equivalents (a feature counts as four).
func (g *generator) hire(load float64) {
	for _, s := range suiteKinds {
		n := scaled(suiteBase[s.kind], load)
		for i := 1; i <= n; i++ {
			name := fmt.Sprintf("%s %d", strings.ReplaceAll(s.prefix, "-", " "), i)
			r := &resource{id: g.uniqueID(fmt.Sprintf("%s-%d", s.prefix, i)), name: titleCase(name), dept: s.dept, kind: s.kind, rate: g.spreadCard(s.rate)}
			g.suites = append(g.suites, r)
			g.pools[s.kind] = append(g.pools[s.kind], r)
		}
	}
	for _, spec := range crewRoles {
		n := scaled(crewBase[spec.role], load)
		for range n {
			name := g.personName()
			r := &resource{id: g.uniqueID(name), name: name, dept: spec.dept, roles: []string{spec.role}, rate: g.spreadCard(spec.rate)}
			for _, pair := range secondSkills {
				if pair[0] == spec.role && g.rng.IntN(2) == 0 {
					r.roles = append(r.roles, pair[1])
				}
			}
			g.people = append(g.people, r)
			for _, role := range r.roles {
				g.pools[role] = append(g.pools[role], r)
			}
		}
	}
}

func (g *generator) spreadCard(c rateCard) rateCard {
	if g.opts.Linear {
		return rateCard{hour: g.spread(perDay(c)/10, 5)}
	}
	return rateCard{hour: g.spread(c.hour, 5), halfDay: g.spread(c.halfDay, 10), day: g.spread(c.day, 10),
		week: g.spread(c.week, 50), kit: c.kit, minimumCall: c.minimumCall}
}

func titleCase(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(words, " ")
}

// holidaysOff gives each person up to one week off in the first span
// working days, the way crew book holidays before a job.
func (g *generator) holidaysOff(span int) {
	for _, p := range g.people {
		if g.rng.IntN(3) != 0 || span < 20 {
			continue
		}
		from := g.between(10, span-6)
		p.off = append(p.off, [2]int{from, from + 4})
		for d := from; d <= from+4; d++ {
			p.setUsed(d, dayMinutes)
		}
	}
}

// newArtiste adds a performer with an agent and fees.
func (g *generator) newArtiste() *resource {
	name := g.personName()
	a := &resource{id: g.uniqueID(name), name: name, dept: "adr", artiste: true, agent: agents[g.rng.IntN(len(agents))]}
	if g.opts.Linear {
		a.feeSession = float64(g.between(7, 14) * 50)
	} else if g.rng.IntN(4) == 0 {
		a.feeDay = float64(g.between(12, 18) * 50)
	} else {
		a.feeSession = float64(g.between(7, 14) * 50)
	}
	if !g.opts.Linear && g.rng.IntN(3) == 0 {
		a.travel = float64(g.between(15, 30) * 10)
		a.holdPerDay = float64(g.between(12, 18) * 10)
	}
	g.cast = append(g.cast, a)
	return a
}
