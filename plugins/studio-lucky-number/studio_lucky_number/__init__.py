"""Host Studio plugin: lucky-number rounds. The studio imports `game` only when a show uses it."""
