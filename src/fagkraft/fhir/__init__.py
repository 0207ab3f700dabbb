"""The read-only FHIR export (no models: it reads the workforce register)."""
