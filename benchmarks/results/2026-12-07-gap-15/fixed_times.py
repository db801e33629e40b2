"""Fixed-times re-assignment MIP for one pool of people (gap-15, section 2).

Every session keeps the pieces a pencil schedule gave it; only who works
it is chosen again, among the people with the role who are not off on its
days. The objective is each person's rate card as pencil prices it: per
calendar week the lesser of the weekly hire and the sum of the day (or
half-day, up to 5 hours) prices, plus kit per day worked. It prints the
schedule's own cost under that model (which must equal pencil's per-person
figures) and writes a CPLEX-LP file for CBC or HiGHS.

    python3 fixed_times.py PROJECT.yaml SCHEDULE.json ROLE[,ROLE...] OUT.lp
    cbc OUT.lp sec 120 threads 1 solve solu OUT.sol

SCHEDULE.json is `pencil solve PROJECT.yaml --format json`.
"""
import json,sys,collections,datetime
from common import load, offdays
y, sol, people = load(sys.argv[1], sys.argv[2]); roles=set(sys.argv[3].split(',')); out=sys.argv[4]
off={n:offdays(p) for n,p in people.items()}
sess={s['id']:s for s in y['sessions']}
# demands: (booking, role) for roles in set
dem=[]
for b in sol['bookings']:
    s=sess[b['id']]; rs=s.get('roles',[])
    pieces=[(datetime.datetime.fromisoformat(p['start']),datetime.datetime.fromisoformat(p['end'])) for p in b['pieces']]
    for i,r in enumerate(rs):
        if r not in roles: continue
        cur=b['people'][i] if i<len(b['people']) else None
        days=collections.defaultdict(float)
        for a,e in pieces: days[a.date()]+=(e-a).total_seconds()/3600
        cands=[n for n,p in people.items() if r in p['roles'] and not (set(days)&off[n])]
        dem.append(dict(id=b['id'],k=i,role=r,cur=cur,pieces=pieces,days=days,cands=cands,sessid=b['id']))
# people of the pool: all candidates
pool=sorted({c for d in dem for c in d['cands']})
# a person may not fill two demands of one session
rate={n:people[n]['rate'] for n in pool}
def dayprice(n,h):
    r=rate[n]; c=[]
    if 'day' in r: c.append(r['day'])
    if 'half_day' in r and h<=5+1e-9: c.append(r['half_day'])
    return min(c)
def cost_of(assign):
    tot=0; per={}
    for n in pool:
        hd=collections.defaultdict(float)
        for d,a in zip(dem,assign):
            if a==n:
                for day,h in d['days'].items(): hd[day]+=h
        wk=collections.defaultdict(float)
        for day,h in hd.items(): wk[day.isocalendar()[:2]]+=dayprice(n,h)+rate[n].get('kit',0)
        c=0
        for w,s in wk.items():
            kit=rate[n].get('kit',0)*sum(1 for day in hd if day.isocalendar()[:2]==w)
            c+=min(rate[n].get('week',1e18),s-kit)+kit
        per[n]=c; tot+=c
    return tot,per
cur_total,cur_per=cost_of([d['cur'] for d in dem])
print('demands',len(dem),'people',len(pool),'current cost',round(cur_total), {k:round(v) for k,v in cur_per.items()}, file=sys.stderr)
L=[]; obj=[]; cons=[]; bins=[]
X=lambda i,n: f"x_{i}_{pool.index(n)}"
for i,d in enumerate(dem):
    cons.append(" + ".join(X(i,n) for n in d['cands'])+" = 1"); bins+= [X(i,n) for n in d['cands']]
# same session, two demands: different people
bysess=collections.defaultdict(list)
for i,d in enumerate(dem): bysess[d['sessid']].append(i)
for s,ix in bysess.items():
    if len(ix)>1:
        for n in pool:
            v=[X(i,n) for i in ix if n in dem[i]['cands']]
            if len(v)>1: cons.append(" + ".join(v)+" <= 1")
# no overlap: at each piece start, active demands
for pi,n in enumerate(pool):
    mine=[i for i,d in enumerate(dem) if n in d['cands']]
    pts=sorted({a for i in mine for a,e in dem[i]['pieces']})
    seen=set()
    for t in pts:
        act=tuple(sorted(i for i in mine if any(a<=t<e for a,e in dem[i]['pieces'])))
        if len(act)>1 and act not in seen:
            seen.add(act); cons.append(" + ".join(X(i,n) for i in act)+" <= 1")
    # days
    days=sorted({day for i in mine for day in dem[i]['days']})
    r=rate[n]; weeks=collections.defaultdict(list)
    for day in days:
        f=f"f_{pi}_{day:%m%d}"; bins.append(f); terms=[]
        # hours that day
        hrs=" + ".join(f"{dem[i]['days'][day]} {X(i,n)}" for i in mine if day in dem[i]['days'])
        if 'half_day' in r:
            h=f"h_{pi}_{day:%m%d}"; bins.append(h)
            cons.append(f"{hrs} - 5 {h} - 10 {f} <= 0")
            cons.append(f"{h} + {f} <= 1")
            money=[(r['day'],f),(r['half_day'],h)]
        else:
            cons.append(f"{hrs} - 10 {f} <= 0")
            money=[(r['day'],f)]
        if r.get('kit'): obj.append(f"{r['kit']} {f}")
        if r.get('kit') and 'half_day' in r: obj.append(f"{r['kit']} {h}")
        weeks[day.isocalendar()[:2]]+=money
    for w,money in weeks.items():
        if 'week' in r:
            u=f"u_{pi}_{w[1]}"; z=f"z_{pi}_{w[1]}"; bins.append(z)
            big=sum(c for c,_ in money)
            cons.append(" + ".join(f"{c} {v}" for c,v in money)+f" - {u} - {big} {z} <= 0")
            obj.append(f"{u}"); obj.append(f"{r['week']} {z}")
        else:
            obj+= [f"{c} {v}" for c,v in money]
with open(out,'w') as fh:
    fh.write("Minimize\n obj: "+" + ".join(obj)+"\nSubject To\n")
    for j,c in enumerate(cons): fh.write(f" c{j}: {c}\n")
    fh.write("Binaries\n "+"\n ".join(bins)+"\nEnd\n")
json.dump(dict(pool=pool,dem=[(d['id'],d['k'],d['cur']) for d in dem]),open(out+'.json','w'))
