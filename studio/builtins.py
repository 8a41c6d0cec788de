"""Built-in contributions, registered through the same call a plugin uses."""

from __future__ import annotations

from .registry import Contribution, Registry


def register(registry: Registry) -> None:
    from .filters.basic import BrightnessContrastFilter, MirrorFilter
    from .sources.camera import CameraSource
    from .sources.media import ImageSource, MediaFileAudioSource, MediaFileSource
    from .sources.microphone import MicrophoneSource
    from .sources.testcard import TestCardSource, ToneSource

    for contribution in (
        Contribution("video_filter", "mirror", MirrorFilter, "Mirror", cost_ms=0.5),
        Contribution("video_filter", "brightness_contrast", BrightnessContrastFilter,
                     "Brightness / contrast", cost_ms=1.0),
        Contribution("video_source", "testcard", TestCardSource, "Test card"),
        Contribution("video_source", "camera", CameraSource, "Camera"),
        Contribution("video_source", "file", MediaFileSource, "Media file"),
        Contribution("video_source", "image", ImageSource, "Image"),
        Contribution("audio_source", "tone", ToneSource, "Test tone"),
        Contribution("audio_source", "microphone", MicrophoneSource, "Microphone"),
        Contribution("audio_source", "file", MediaFileAudioSource, "Media file audio"),
    ):
        registry.register(contribution)
