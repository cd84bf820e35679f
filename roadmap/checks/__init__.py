"""Checking the data: everything a schema cannot say, reported all at once."""

from .references import MAX_RESOURCES_PER_TOPIC, check, load_checked, normalise_url

__all__ = ["MAX_RESOURCES_PER_TOPIC", "check", "load_checked", "normalise_url"]
