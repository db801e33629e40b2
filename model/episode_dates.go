package model

import (
	"fmt"
	"strings"
)

// EpisodeStart returns the first day of episode n (from 1): its own
// start: when an override gives one, else FirstStart plus the stagger.
func (e *Episodes) EpisodeStart(n int) Date {
	if d, ok := e.Starts[n]; ok {
		return d
	}
	return e.FirstStart.AddDays((n - 1) * e.StaggerDays)
}

// EpisodeDelivery returns the delivery day of episode n: its own
// delivery: when an override gives one, else FirstDelivery plus the
// stagger, or the zero Date when there is no per-episode delivery.
func (e *Episodes) EpisodeDelivery(n int) Date {
	if d, ok := e.Deliveries[n]; ok {
		return d
	}
	if e.FirstDelivery.IsZero() {
		return Date{}
	}
	return e.FirstDelivery.AddDays((n - 1) * e.DeliveryStaggerDays)
}

// LastDelivery returns the latest episode delivery (an episode's own may
// be later than the last episode's), or the zero Date when none has one.
func (e *Episodes) LastDelivery() Date {
	var last Date
	for n := 1; n <= e.Count; n++ {
		if d := e.EpisodeDelivery(n); d.After(last) {
			last = d
		}
	}
	return last
}

// episodeDates reads the start: and delivery: of whole-episode overrides:
// one episode's own dates ("episode 4 goes out a week later"), checked
// against the production's dates and each other where they are written.
func (l *loader) episodeDates(d *dec, overrides []override, e *Episodes, p *Production) {
	seen := map[string]string{}
	for _, o := range overrides {
		for _, f := range o.dates {
			path := o.path + "." + f.key
			key := fmt.Sprintf("%d/%s", o.episode, f.key)
			if prev, ok := seen[key]; ok {
				d.errorf(f.v, path, "give each episode's "+f.key+" once", "episode %d's %s is given twice (first at %s)", o.episode, f.key, prev)
				continue
			}
			seen[key] = d.pos(f.v).String()
			mark := l.reports
			var day Date
			d.date(f.v, path, &day)
			if l.since(mark) || l.badDates[p] {
				continue
			}
			if f.key == "start" {
				if day.Before(p.Start) {
					d.errorf(f.v, path, "episodes start on or after the production's start", "episode %d starts %s, before the production's start %s", o.episode, day, p.Start)
					continue
				}
				if e.Starts == nil {
					e.Starts = map[int]Date{}
				}
				e.Starts[o.episode] = day
				continue
			}
			if !p.Delivery.IsZero() && day.After(p.Delivery) {
				d.errorf(f.v, path, "move the production's delivery too, or deliver the episode by it", "episode %d would deliver %s, after the production's delivery %s", o.episode, day, p.Delivery)
				continue
			}
			if e.Deliveries == nil {
				e.Deliveries = map[int]Date{}
			}
			e.Deliveries[o.episode] = day
		}
	}
	reported := map[int]bool{}
	for _, o := range overrides {
		start, del := e.EpisodeStart(o.episode), e.EpisodeDelivery(o.episode)
		if len(o.dates) == 0 || reported[o.episode] || del.IsZero() || del.After(start) {
			continue
		}
		reported[o.episode] = true
		f := o.dates[0]
		d.errorf(f.v, o.path+"."+f.key, "an episode delivers after it starts: move its start or its delivery",
			"episode %d would start %s but deliver %s", o.episode, start, del)
	}
}

// checkEpisodeRelease refuses an episode's override release before the
// episode's start: the episode's sessions start no earlier than that, so
// the earlier date could not be honoured (a pipeline step's release,
// written for every episode, is narrowed silently).
func (l *loader) checkEpisodeRelease(ps *pendingSession) {
	s := ps.s
	f, ok := ps.fields["release"]
	p := s.Production
	if !ok || !strings.Contains(f.path, ".overrides[") || ps.anyFaulty("release") || s.Episode == 0 || p.Episodes == nil || s.Release.IsZero() || l.badEpisodeDates[p] || l.badDates[p] {
		return
	}
	start := p.Episodes.EpisodeStart(s.Episode)
	if s.Release.Before(start.In(p.Calendar.Location)) {
		release := s.Release.Format("2006-01-02 15:04")
		if s.Release.Hour() == 0 && s.Release.Minute() == 0 {
			release = DateOf(s.Release).String()
		}
		f.errorf(fmt.Sprintf("an episode's sessions start on or after its start: give the episode its own, { episode: %d, start: %s }", s.Episode, DateOf(s.Release)),
			"release %s is before episode %d's start %s", release, s.Episode, start)
	}
}
