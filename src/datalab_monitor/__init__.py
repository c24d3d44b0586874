"""Datalab Monitor: register, yearly inventory and knowledge platform for municipal data labs."""

__version__ = "0.1.0"
