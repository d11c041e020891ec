"""Fact extractors, one module per kind of fact; :func:`.run.extract` runs them all."""
