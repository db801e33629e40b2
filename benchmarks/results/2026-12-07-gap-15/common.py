"""What fixed_times.py and vfx_retimed.py share: the project's people and
the days each is off."""
import datetime
import json

import yaml


def load(project, schedule):
    """The project (YAML), the solve (JSON) and the people by name."""
    y = yaml.safe_load(open(project))
    sol = json.load(open(schedule))
    return y, sol, {p['name']: p for p in y['people']}


def offdays(person):
    """The dates a person is off (their `off` ranges, ends included)."""
    days = set()
    for o in person.get('off', []):
        a, b = (str(o).split('..') + [str(o)])[:2]
        a, b = datetime.date.fromisoformat(a), datetime.date.fromisoformat(b)
        while a <= b:
            days.add(a)
            a += datetime.timedelta(1)
    return days
