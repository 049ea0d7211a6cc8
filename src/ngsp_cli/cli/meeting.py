"""`ngsp meeting ...`: plan meetings from the playbook and record what happened.

The commands live by what they do: listing and showing (`meeting_show`), planning
(`meeting_planning`) and recording what happened (`meeting_recording`); they are
registered here in the order `ngsp meeting --help` lists them.
"""

from __future__ import annotations

import typer

from ngsp_cli.cli import meeting_planning, meeting_recording, meeting_show

app = typer.Typer(no_args_is_help=True)

app.command("new")(meeting_planning.new)
app.command("list")(meeting_show.list_)
app.command("show")(meeting_show.show)
app.command("attend")(meeting_recording.attend_command)
app.command("invite")(meeting_planning.invite_command)
app.command("note")(meeting_recording.note_command)
app.command("decide")(meeting_recording.decide_command)
app.command("action")(meeting_recording.action_command)
app.command("candidate")(meeting_recording.candidate_command)
app.command("edit")(meeting_planning.edit_command)
app.command("cancel")(meeting_planning.cancel_command)
app.command("done")(meeting_recording.action_done_command)
app.command("reopen")(meeting_recording.action_reopen_command)
app.command("rsvp")(meeting_recording.rsvp_command)
