"""The forecasting layer (see README, Layout)."""
