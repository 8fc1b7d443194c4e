import pytest

import presswatch


@pytest.fixture(scope="session")
def analyze():
    """presswatch.analyze with the model loaded once for the whole session."""
    return presswatch.analyze
