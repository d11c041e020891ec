"""Comparers: one module per fact, each taking every document's facts and a project
catalog and returning the cross-file findings for that fact."""
