"""The ingest layer (see README, Layout)."""
