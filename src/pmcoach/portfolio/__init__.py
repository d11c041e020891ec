"""The portfolio view: what a review of several documents says about them together.

A hiring manager reads a portfolio as a whole. When one run reviews two or more documents,
the report gains a ``portfolio`` object (see :mod:`pmcoach.portfolio.model` and
docs/portfolio.md): each file's kind and score, a criterion-by-file matrix, a senior-PM
competency map, cross-file findings where documents disagree about a project and, against a
baseline, what changed.
"""
