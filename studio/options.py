"""Live option changes shared by filters and overlays."""

from __future__ import annotations


class LiveOptions:
    name = "contribution"

    def set_options(self, **options: object) -> None:
        """Change options live (from the host window); an unknown option is a ValueError."""
        for key, value in options.items():
            if not hasattr(self, key):
                raise ValueError(f"{self.name} has no option {key!r}")
            setattr(self, key, value)
