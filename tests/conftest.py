import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seeds" / "000_955f36c13bab3e62.txt"
SAMPLES = ROOT / "samples"


@pytest.fixture(scope="session", autouse=True)
def _isolated_cache(tmp_path_factory):
    """Tests never touch the user's cache: every run gets its own."""
    cache = tmp_path_factory.mktemp("xdg-cache")
    old = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(cache)
    yield cache
    if old is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = old


@pytest.fixture(scope="session")
def embedder(_isolated_cache):
    """The real bundled model: anything that claims a rule works runs it."""
    from checker.embed import Embedder

    return Embedder(cache_dir=_isolated_cache / "checker")


@pytest.fixture(scope="session")
def config():
    from checker.config import load

    return load()


@pytest.fixture(scope="session")
def engine(config, embedder):
    from checker.engine import Engine

    return Engine(config, embedder)
