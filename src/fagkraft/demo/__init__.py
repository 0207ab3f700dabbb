"""The deterministic demo trust: an invented region, its units, people and history.

`plan`-modules (organisation, people) are pure Python: the same seed and day give the same
plan. `writer` turns a plan into rows through `fagkraft.workforce.services` only.
"""
