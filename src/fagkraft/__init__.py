"""Fagkraft: securing critical competence in mental health services."""

__version__ = "0.1.0"
