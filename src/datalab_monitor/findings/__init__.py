"""Findings engine: results of a wave computed from responses (pandas, no Django imports)."""
