"""The PolNeAR attribution tagger: convert, train, evaluate (python -m training.attribution.train)."""
