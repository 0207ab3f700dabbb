"""Projections of supply and demand, scenarios, uncertainty and the education intake
that closes the gap."""
