"""Helpers that do not import Django."""
