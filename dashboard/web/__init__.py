"""The web layer (see README, Layout)."""
