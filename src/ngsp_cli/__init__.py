"""ngsp: the convener's toolkit for Next Generation Sector Partnerships."""

__version__ = "0.1.0"
