"""Founding businesses and newcomers on a date (`PartnershipAt.joining`)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ngsp_cli.rules.answers import Joining

if TYPE_CHECKING:
    from ngsp_cli.rules.view import PartnershipAt


def founders_and_newcomers(view: PartnershipAt, window_days: int = 365, grace_days: int = 0) -> Joining:
    """Businesses at the table that founded the partnership, and those that joined within the window.

    Founders joined by the launch (plus `grace_days`) or had someone invited to or at the launch;
    without a launch meeting recorded, the founding date in partnership.yaml stands in for it.
    """
    window_start = view.as_of - dt.timedelta(days=window_days)
    businesses = view.businesses
    launch = view.launch_held
    start: dt.date | None
    founded = view.snap.partnership.founded
    if launch is not None:
        start, label = launch.date, f"the launch on {launch.date.isoformat()}"
    elif view.launch is None and founded is not None and founded <= view.as_of:
        start = founded
        label = f"the founding on {start.isoformat()}"
    else:
        return Joining(None, "", window_start, businesses, [], [])
    at_launch: set[str] = set()
    if launch is not None:
        for pid in [*launch.invitees, *launch.attendees]:
            person = view.snap.people.get(pid)
            if person is not None:
                at_launch.add(person.org)
    until = start + dt.timedelta(days=grace_days)
    founders = [o for o in businesses if o.joined is None or o.joined <= until or o.id in at_launch]
    founder_ids = {o.id for o in founders}
    newcomers = sorted(
        (o for o in businesses if o.id not in founder_ids and o.joined and o.joined >= window_start),
        key=lambda o: (o.joined or view.as_of, o.name),
    )
    return Joining(start, label, window_start, businesses, founders, newcomers)
