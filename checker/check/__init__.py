"""`checker check`, the CI gate: which files (discover, gitdiff), which settings (project),
what the articles and the repository accept (suppress, baseline), one engine over all (run)."""
