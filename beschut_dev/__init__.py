"""Development tools outside the runtime package: the sample and national
generators and the helpers that serve the app to a browser."""
