"""Audio processing for the studio's sources: mixing, noise suppression."""
