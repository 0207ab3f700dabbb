"""The one bridge between Django querysets and the engine.

Querysets go in, plain records and DataFrames come out for `fagkraft.engine`; engine
results come back as plain data for templates and the API. One module per app
(`workforce`, `competence`, `education`, `workload`, `projections`) and `frames`, which
they share: reading a queryset into a DataFrame and the scope filter. Callers import the
app's module, `from fagkraft.adapter import competence as adapter`, and call
`adapter.compliance_rows(...)`; this package itself exports nothing.
"""
