"""Kyoso Desktop (共創PF 参加アシスタント)."""

__version__ = "0.1.0"
