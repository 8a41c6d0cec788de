"""Host Studio plugin: keyword auto-reply. The studio imports `reply` only when a show uses it."""
