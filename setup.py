"""Only what pyproject.toml cannot say: the top-level resources/ folder ships as the
``studio_resources`` package (found through importlib.resources, in a wheel as in a checkout); its
folders are listed as packages of their own, as setuptools wants data folders to be. All package
data is named here: package-data in pyproject.toml would replace this list, not add to it."""

from setuptools import find_namespace_packages, find_packages, setup

RESOURCES = ["studio_resources", *(f"studio_resources.{name}"
                                   for name in find_namespace_packages("resources", exclude=["*__pycache__*"]))]

setup(
    packages=[*find_packages(include=["studio", "studio.*", "ui", "ui.*"]), *RESOURCES],
    package_dir={"studio_resources": "resources"},
    package_data={"studio": ["studio-plugin.toml"],
                  **{package: ["*.html", "*.js", "*.css", "*.qm", "*.txt", "*.svg"] for package in RESOURCES}},
)
