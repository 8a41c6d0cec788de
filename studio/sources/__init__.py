"""Where the show's pictures and sound come from: cameras, files, images, the test card, microphones."""
