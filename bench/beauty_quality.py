"""The quality figures behind the beauty and HD tests, printed as numbers (the tests only assert
bounds): skin smoothing, edges kept, low-light lift and clipping, sharpening, denoise, upscaler
PSNR against bicubic, and landmark jitter with and without smoothing."""

from __future__ import annotations

import _common as c
import cv2
import numpy as np

from studio.filters.beauty import BeautyFilter
from studio.filters.enhance import EnhanceFilter
from studio.filters.upscale import gain_over_bicubic
from studio.imaging import psnr
from studio.vision.context import FaceAnalysis, FrameContext
from studio.vision.faces import FaceTracker
from tests.photos import host_frame, luma, photo, sensor_noise

PHOTOS = ("astronaut", "coffee", "chelsea", "rocket", "camera", "immunohistochemistry")
OFF = dict.fromkeys(("denoise", "sharpen", "low_light", "saturation", "warmth"), 0)


def smoothing() -> list[list]:
    frame, analysis = host_frame(), FaceAnalysis()
    flt = BeautyFilter(smoothing=60, whitening=0, rosy=0, slimming=0, eyes=0)
    for i in range(3):
        context = FrameContext(analysis, i / 30)
        out = flt.process(frame, context)
    region = context.regions(frame)[0]
    skin = np.zeros(frame.shape[:2], bool)
    skin[region.window] = region.skin > 0.99
    y0, y1 = (luma(x).astype(np.float32) for x in (frame, out))
    hf0, hf1 = (y - cv2.GaussianBlur(y, (0, 0), 1.5) for y in (y0, y1))
    grad0, grad1 = (np.hypot(cv2.Sobel(y, cv2.CV_32F, 1, 0), cv2.Sobel(y, cv2.CV_32F, 0, 1)) for y in (y0, y1))
    outside = np.ones(frame.shape[:2], bool)
    outside[region.window] = region.skin == 0
    strong = outside & (grad0 > np.percentile(grad0[outside], 95))
    cut = float(1 - (hf1[skin] ** 2).mean() / (hf0[skin] ** 2).mean())
    return [["skin high-frequency energy cut (smoothing 60)", cut, "≥ 0.30"],
            ["strong-edge gradient kept outside the skin", float(grad1[strong].sum() / grad0[strong].sum()), "≥ 0.95"]]


def enhancement() -> list[list]:
    rows = []
    lifts, clipped, sharp = [], [], []
    for name in PHOTOS:
        image = photo(name)
        dark = (image * 0.35).astype(np.uint8)
        flt = EnhanceFilter(**{**OFF, "low_light": 70})
        for _ in range(20):
            lit = flt.apply(dark)
        lifts.append(luma(lit).mean() - luma(dark).mean())
        clipped.append((luma(lit) >= 255).mean())
        sharpened = EnhanceFilter(**{**OFF, "sharpen": 60}).apply(image)
        sharp.append(cv2.Laplacian(luma(sharpened), cv2.CV_64F).var() / cv2.Laplacian(luma(image), cv2.CV_64F).var())
    rows.append(["low-light mean luma lift (min over photos)", min(lifts), "≥ 15"])
    rows.append(["pixels clipped after the lift (max)", max(clipped), "< 0.01"])
    rows.append(["Laplacian variance gain, sharpen 60 (min)", min(sharp), "≥ 1.20"])
    clean = photo("astronaut")
    noisy = sensor_noise(clean, 10, seed=1)
    rows.append(["denoise 80 on σ=10 noise: PSNR gain (dB)",
                 psnr(EnhanceFilter(**{**OFF, "denoise": 80}).apply(noisy), clean) - psnr(noisy, clean), "> 1"])
    return rows


def upscaler() -> list[list]:
    gains = [gain_over_bicubic(photo(name)) for name in PHOTOS]
    return [["upscaler 2× PSNR gain over bicubic, mean (dB)", float(np.mean(gains)), "> 0"],
            ["… smallest gain over the photos (dB)", min(gains), "> 0"]]


def jitter() -> list[list]:
    base, tracker = host_frame(), FaceTracker()
    smoothed, raw = [], []
    for i in range(90):
        frame = sensor_noise(base, 4, seed=i)
        smoothed.append(tracker.update(frame, i / 30)[0].landmarks)
        raw.append(tracker.mesh.landmarks(frame, tracker.tracks[0].roi)[0])
    spread = [np.linalg.norm(np.array(points[30:]).std(axis=0), axis=1) for points in (smoothed, raw)]
    return [["landmark jitter on a still face, smoothed: max (px)", float(spread[0].max()), "< 1"],
            ["… raw model output: max (px)", float(spread[1].max()), "(reference)"]]


def main() -> None:
    rows = smoothing() + enhancement() + upscaler() + jitter()
    c.table("Beauty and HD quality on skimage photos", ["measure", "value", "test bound"], rows)
    c.save("beauty_quality", {"rows": [{"measure": m, "value": v, "bound": b} for m, v, b in rows]})


if __name__ == "__main__":
    main()
