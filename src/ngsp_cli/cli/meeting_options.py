"""What the `ngsp meeting ...` commands share: the meeting argument, dates, kinds of meeting."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import typer

from ngsp_cli.cli import options

KIND_HELP = "launch, full-partnership, action-team, convener-team (the support team) or other"
CATEGORY_HELP = "talent, infrastructure, policy, innovation, supply-chain, image, networking or other"
MeetingArg = Annotated[str, typer.Argument(help="Meeting id, title, or date (YYYY-MM-DD).")]
DateOpt = Annotated[
    dt.datetime | None,
    options.date_option("--date", "Day of the meeting."),
]
AsOfOption = Annotated[
    dt.datetime | None,
    options.as_of_option("A meeting dated after it shows as still to come."),
]
WritingAsOf = Annotated[
    dt.datetime | None,
    options.writing_as_of_option("A meeting dated after it has not happened yet."),
]


def choose_kind(kind: str) -> Any:
    """The meeting kind typed; screens call the convener team "the support team", so that works too."""
    from ngsp_cli.model import MeetingKind
    from ngsp_cli.vocab import choose

    support = MeetingKind.convener_team
    synonyms = {"support-team": support, "support": support}
    return choose(MeetingKind, kind, "a kind of meeting", synonyms=synonyms)
