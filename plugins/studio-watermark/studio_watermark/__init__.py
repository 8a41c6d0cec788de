"""Host Studio plugin: logo and caption watermark. The studio imports `filter` only when it is used."""
