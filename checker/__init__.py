"""checker: catch the damage scraping does to news articles."""

__version__ = "0.1.0"
