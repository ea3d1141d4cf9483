"""The year after a declaration: monitoring lights, self-evaluation scores, review findings, next year's targets.

Pure functions over `assistant.domain.cycle` (no I/O). Every scoring rule is data with its source
(`rules.py`); every score comes with the arithmetic that produced it, so a person can redo it by hand.
"""
