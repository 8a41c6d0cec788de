"""Only what pyproject.toml cannot say: the top-level resources/ folder ships as the
``studio_resources`` package (found through importlib.resources, in a wheel as in a checkout)."""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["studio", "studio.*", "ui", "ui.*"]), "studio_resources"],
    package_dir={"studio_resources": "resources"},
)
