"""Pure computations on workforce data: pandas and numpy only, never Django.

Inputs are plain records or DataFrames; `fagkraft.adapter` turns querysets into these
inputs and results back into dicts for templates and the API. The boundary is enforced
by tests/test_engine_boundary.py.
"""
