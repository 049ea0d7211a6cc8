"""What every model of a partnership file shares.

Every model forbids unknown keys so a typo in a hand edit is reported, not
ignored, and refuses control characters in its texts.  Each entity file's id is
its file name without `.yaml`; the id is not stored inside the file, so
renaming a file is the one way to change an id.  Field order in the models is
the key order of newly written files.
"""

from typing import Annotated, ClassVar

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from ngsp_cli.text import control_name, first_control

# Fields whose text may span lines (tab and newline allowed); every other text is one line.
MULTI_LINE_FIELDS = frozenset(
    {"notes", "note", "description", "text", "goal", "decisions", "industry_said", "measures"}
)


class FileModel(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        validate_assignment=True,
        use_enum_values=False,
        # Each model's validator is built when first used, not when its class is defined: a
        # command validates only the kinds it reads, and none that come from the cache of
        # validated files (store/parsecache.py).
        defer_build=True,
    )

    @field_validator("*", mode="after")
    @classmethod
    def _no_control_characters(cls, value: object, info: ValidationInfo) -> object:
        """Refuse ESC, BEL and other control characters: printed, they can take over a terminal."""
        texts = [value] if isinstance(value, str) else value if isinstance(value, list) else ()
        for text in texts:
            if isinstance(text, str) and not text.isprintable():
                found = first_control(text, multi_line=info.field_name in MULTI_LINE_FIELDS)
                if found is not None:
                    position, char = found
                    raise PydanticCustomError(
                        "control_character",
                        "holds a control character, {char}, at character {position}",
                        {"char": control_name(char), "position": position},
                    )
        return value


class Entity(FileModel):
    """A model stored one per file in a folder of the partnership."""

    folder: ClassVar[str] = ""
    id: Annotated[str, Field(exclude=True)] = ""
