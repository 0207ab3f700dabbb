"""Pure computations on workforce data: pandas and numpy only, never Django.

Inputs are plain records or DataFrames; `fagkraft.adapter` turns querysets into these
inputs and results back into plain data for templates and the API. The boundary (no
Django, no import cycle, every module importable alone) is enforced by
tests/test_engine_boundary.py, and mypy checks the engine strictly (`make typecheck`).
"""
