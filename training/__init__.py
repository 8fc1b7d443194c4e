"""Re-training the shipped models (outside the wheel); run from the repository root as python -m training.NAME."""
