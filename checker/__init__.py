"""checker: catch the damage scraping does to news articles."""

# Semantic versioning; the only place the version is written (pyproject reads it from here).
# A release: change it, date CHANGELOG.md's section, tag `vX.Y.Z` on that commit.
__version__ = "0.2.0"
# Where the project lives: SARIF's informationUri, and its rules' helpUri (docs/rules/ at the
# release's tag). pyproject's [project.urls] Homepage says the same.
HOMEPAGE = "https://github.com/checker-news/checker"
