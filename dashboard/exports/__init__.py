"""The exports layer (see README, Layout)."""
