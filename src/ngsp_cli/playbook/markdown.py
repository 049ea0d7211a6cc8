"""A phase of the playbook as Markdown, for the terminal (`ngsp playbook`) and for documents."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ngsp_cli.playbook.models import Phase, Source

if TYPE_CHECKING:
    from ngsp_cli.playbook.progress import PhaseProgress

_MARK = {"done": "✓", "todo": "☐", "manual": "?"}


def _src(source: Source) -> str:
    return " *(common practice)*" if source is Source.common_practice else (
        " *(local)*" if source is Source.local else ""
    )  # fmt: skip


def phase_markdown(phase: Phase, progress: PhaseProgress | None = None, total: int | None = None) -> str:
    """The guidance of one phase; with `progress`, steps and checklist show what is done."""
    states = {r.step.id: r.state for r in progress.steps} if progress else {}
    items = {r.item.id: r for r in progress.items} if progress else {}
    of = f" of {total}" if total else ""
    lines = [
        f"# Phase {phase.number}{of}: {phase.title}",
        "",
        phase.purpose,
        "",
        f"**Who leads:** {phase.leads}",
        "",
    ]
    lines += ["## Steps", ""]
    for index, step in enumerate(phase.steps, 1):
        mark = f"{_MARK[states[step.id]]} " if step.id in states else ""
        lines.append(f"{index}. {mark}**{step.text}**{_src(step.source)}  ")
        lines.append(f"   *Why:* {step.why}")
    lines += ["", "## Checklist", ""]
    for item in phase.checklist:
        result = items.get(item.id)
        mark = _MARK[result.state] if result else "☐"
        how = f"`{item.computed}`" if item.computed else "you tick it"
        detail = f" — {result.detail}" if result else ""
        lines.append(f"- {mark} {item.text} ({how}){detail}{_src(item.source)}")
    if phase.pitfalls:
        lines += ["", "## Pitfalls", ""]
        lines += [f"- {note.text}{_src(note.source)}" for note in phase.pitfalls]
    if phase.guidance:
        lines += ["", "## Guidance", ""]
        for note in phase.guidance:
            lines += [note.text.strip() + _src(note.source), ""]
    for kind, outline in phase.agenda.items():
        lines += ["", f"## Agenda outline: {outline.title} (`{kind.value}` meetings, {outline.minutes} min)"
                  f"{_src(outline.source)}", ""]  # fmt: skip
        lines += ["| min | item | who leads |", "|---:|---|---|"]
        for entry in outline.items:
            minutes = "" if entry.minutes is None else str(entry.minutes)
            lines.append(f"| {minutes} | {entry.title} | {entry.lead or ''} |")
    return "\n".join(lines).rstrip() + "\n"
