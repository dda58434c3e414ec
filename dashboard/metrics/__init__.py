"""The metrics layer (see README, Layout)."""
