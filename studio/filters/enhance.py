"""HD enhancement: denoise, halo-free sharpening, low-light lift and colour, with luma at full size
and chroma at half size (as the encoder's 4:2:0 keeps it anyway). In true-colour mode only denoise
and sharpening reach pixels outside faces."""

from __future__ import annotations

import cv2
import numpy as np

from ..imaging import blend
from ..vision.context import FrameContext
from ..vision.regions import face_weights
from .base import VideoFilter

DARK_LUMA = 100.0  # auto exposure acts on frames darker than this (mean luma)…
TARGET_LUMA = 118.0  # …and brings them up towards this
# YCrCb chroma of skin (Chai & Ngan 1999): colour boosts back off there so faces do not turn orange.
SKIN_LOW, SKIN_HIGH = (0, 135, 80), (255, 175, 128)  # Y, Cr, Cb
NEIGHBOURS = np.ones((3, 3), np.uint8)
GAUSS_5 = cv2.getGaussianKernel(5, 1.0)


class EnhanceFilter(VideoFilter):
    """Sliders 0–100 (warmth −100…100)."""

    name = "hd_enhance"
    true_colour_safe = True  # honours true-colour mode itself
    keeps_geometry = True

    def __init__(self, denoise: int = 30, sharpen: int = 40, low_light: int = 50, saturation: int = 0,
                 warmth: int = 0) -> None:
        self.denoise, self.sharpen, self.low_light, self.saturation, self.warmth = (
            denoise, sharpen, low_light, saturation, warmth)
        self._gamma = 1.0
        self._colour_key: tuple[float, float] | None = None
        self._colour_tables: tuple[np.ndarray, np.ndarray] = ()  # type: ignore[assignment]
        self._clahe: tuple[float, cv2.CLAHE] | None = None

    def apply(self, image: np.ndarray) -> np.ndarray:
        return self.process(image, FrameContext(None, 0.0))

    def needs_faces(self, true_colour: bool) -> bool:
        return true_colour and bool(self.low_light or self.saturation or self.warmth)

    def process(self, image: np.ndarray, context: FrameContext) -> np.ndarray:
        mean = self._meter(image) if self.low_light else 255.0
        exposing = bool(self.low_light) and (mean < DARK_LUMA or self._gamma < 0.99)  # a bright frame: nothing
        grading = exposing or bool(self.saturation or self.warmth)
        if not (self.denoise or self.sharpen or grading):
            return image
        h, w = image.shape[:2]
        chroma: np.ndarray | None = None  # half-size YCrCb, made only if chroma changes
        ycc: np.ndarray | None = None  # full-size YCrCb, when only luma changes
        # Colour blotches are a dim-light kind of noise: chroma is denoised on dark frames, or from
        # half strength up; below that, denoise takes the grain out of luma only.
        chroma_denoise = bool(self.denoise) and (self.denoise >= 50 or exposing)
        if chroma_denoise or self.saturation or self.warmth:
            luma = cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)  # the same weights as YCrCb's Y
            half = cv2.resize(image, (max(w // 2, 1), max(h // 2, 1)), interpolation=cv2.INTER_AREA)
            chroma = cv2.cvtColor(half, cv2.COLOR_RGB2YCrCb)
        else:
            ycc = cv2.cvtColor(image, cv2.COLOR_RGB2YCrCb)
            luma = cv2.extractChannel(ycc, 0)
        original = luma
        if self.denoise:
            # Bilateral filters: edge-preserving, and one OpenCV call each (at 720p the number of
            # passes over memory, not arithmetic, sets the cost). Chroma at half size.
            strength = float(self.denoise) / 100
            if chroma_denoise:
                chroma = cv2.bilateralFilter(chroma, 3, 8 + 30 * strength, 1.5)
            luma = cv2.bilateralFilter(luma, 3, 8 + 25 * strength, 1.0)
        if self.sharpen:
            luma = self._sharpen(luma)
        protect = grading and context.true_colour
        # Outside faces in true-colour mode: denoised and sharpened only, the frame's own chroma
        # unless chroma itself was denoised.
        detail_chroma = chroma if chroma_denoise else None
        detail_only = self._rebuild(image, original, luma, detail_chroma, ycc) if not grading or protect else None
        if not grading:
            return detail_only
        if exposing:
            luma = self._expose(luma, mean)
        if chroma is not None and (self.saturation or self.warmth):
            chroma = self._colour(chroma)
        graded = self._rebuild(image, original, luma, chroma, ycc)
        if not protect:
            return graded
        regions = context.regions(image)
        if not regions:
            return detail_only
        return blend(detail_only, graded, face_weights(regions, image.shape))

    @staticmethod
    def _rebuild(image: np.ndarray, original: np.ndarray, luma: np.ndarray, chroma: np.ndarray | None,
                 ycc: np.ndarray | None) -> np.ndarray:
        """RGB from the new full-size luma and the half-size chroma, or the frame's own full-size
        chroma (``ycc``) when only luma changed; the frame itself when nothing did."""
        if chroma is None:
            if luma is original:
                return image
            if ycc is None:
                ycc = cv2.cvtColor(image, cv2.COLOR_RGB2YCrCb)
            cv2.insertChannel(luma, ycc, 0)
            return cv2.cvtColor(ycc, cv2.COLOR_YCrCb2RGB)
        full = cv2.resize(chroma, (image.shape[1], image.shape[0]), interpolation=cv2.INTER_LINEAR)
        cv2.insertChannel(luma, full, 0)
        return cv2.cvtColor(full, cv2.COLOR_YCrCb2RGB)

    def _sharpen(self, luma: np.ndarray) -> np.ndarray:
        """Unsharp mask clamped to each pixel's 3×3 neighbourhood range: edges get crisper, but no
        pixel may overshoot its neighbours, so there are no bright or dark halos."""
        amount = 2.0 * float(self.sharpen) / 100
        blurred = cv2.sepFilter2D(luma, -1, GAUSS_5, GAUSS_5)
        sharpened = cv2.addWeighted(luma, 1 + amount, blurred, -amount, 0)
        return cv2.min(cv2.max(sharpened, cv2.erode(luma, NEIGHBOURS)), cv2.dilate(luma, NEIGHBOURS))

    def _meter(self, image: np.ndarray) -> float:
        """Mean luma from every 8th row (whole rows: reading them is cheap, scattered pixels are
        not), and the exposure gamma eased towards what it asks for: one that lifts a dark frame's
        mean towards the target (never darkens), without pumping."""
        mean = float(cv2.mean(cv2.cvtColor(image[::8], cv2.COLOR_RGB2GRAY))[0])
        wanted = 1.0
        if mean < DARK_LUMA:
            target = mean + (TARGET_LUMA - mean) * float(self.low_light) / 100
            wanted = float(np.log(max(target, 1) / 255) / np.log(max(mean, 1) / 255))
        self._gamma += 0.3 * (wanted - self._gamma)
        return mean

    def _expose(self, luma: np.ndarray, mean: float) -> np.ndarray:
        """Auto exposure with the metered gamma, then local contrast (CLAHE) on dark frames."""
        strength = float(self.low_light) / 100
        if self._gamma < 0.99:
            table = np.clip(np.rint(255 * (np.arange(256) / 255) ** self._gamma), 0, 255).astype(np.uint8)
            luma = cv2.LUT(luma, table)
        if mean < DARK_LUMA:
            # CLAHE at half size; its change (a slowly varying tone curve) is applied at full size.
            h, w = luma.shape
            small = cv2.resize(luma, (max(w // 2, 1), max(h // 2, 1)), interpolation=cv2.INTER_AREA)
            change = cv2.subtract(self._local_contrast(strength).apply(small), small, dtype=cv2.CV_16S)
            if strength < 1:
                change = cv2.multiply(change, (0.5 + 0.5 * strength,) * 4, dtype=cv2.CV_16S)
            luma = cv2.add(luma, cv2.resize(change, (w, h), interpolation=cv2.INTER_LINEAR), dtype=cv2.CV_8U)
        return luma

    def _local_contrast(self, strength: float) -> cv2.CLAHE:
        clip = round(1.0 + 1.5 * strength, 2)
        if self._clahe is None or self._clahe[0] != clip:
            self._clahe = (clip, cv2.createCLAHE(clipLimit=clip, tileGridSize=(8, 8)))
        return self._clahe[1]

    def _colour(self, chroma: np.ndarray) -> np.ndarray:
        """Saturation and warmth on half-size YCrCb through lookup tables; skin tones (a cleaned
        YCrCb skin mask) get a fifth of the saturation boost, so faces do not turn orange."""
        boost = float(self.saturation) / 100 * 0.6
        warm = float(self.warmth) / 100 * 6
        key = (boost, warm)
        if self._colour_key != key:
            self._colour_key = key
            self._colour_tables = tuple(_chroma_table(gain, warm) for gain in (1 + boost, 1 + 0.2 * boost))
        vivid, skin_tone = (cv2.LUT(chroma, table) for table in self._colour_tables)
        skin = cv2.medianBlur(cv2.inRange(chroma, SKIN_LOW, SKIN_HIGH), 3)
        cv2.copyTo(skin_tone, skin, vivid)
        return vivid


def _chroma_table(gain: float, warm: float) -> np.ndarray:
    """A 256×1×3 lookup table: Y kept, Cr and Cb scaled about neutral (128) and shifted by warmth."""
    levels = np.arange(256, dtype=np.float64)
    table = np.empty((256, 1, 3), np.uint8)
    table[:, 0, 0] = levels
    for channel, shift in ((1, warm), (2, -warm)):
        table[:, 0, channel] = np.clip(np.rint(128 + (levels - 128) * gain + shift), 0, 255)
    return table
