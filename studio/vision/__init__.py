"""Offline face and person analysis for the face-aware filters (landmarks, masks, segmentation)."""
