"""What the scored rules measure, one module per family of evidence: places, terms, line
shape, similarity rank and numbers. Each function is pure and memoised where rules ask
about the same text again."""
