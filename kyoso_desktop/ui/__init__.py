"""Thin Qt widgets over the core. Only this package imports Qt."""
