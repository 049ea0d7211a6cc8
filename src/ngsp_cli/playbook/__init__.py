"""The Next Gen script as data: phases, steps, checklists, guidance and agenda outlines."""

from ngsp_cli.playbook.loader import PlaybookInvalid, load_playbook
from ngsp_cli.playbook.models import (
    AgendaOutline,
    ChecklistItem,
    Note,
    OutlineItem,
    Phase,
    Playbook,
    Source,
    Step,
)

__all__ = [
    "AgendaOutline",
    "ChecklistItem",
    "Note",
    "OutlineItem",
    "Phase",
    "Playbook",
    "PlaybookInvalid",
    "Source",
    "Step",
    "load_playbook",
]
