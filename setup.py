"""Copies ontology/, shapes/ and queries/ into the wheel so an installed kgtools finds them."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

RESOURCE_DIRS = ("ontology", "shapes", "queries")


class BuildWithResources(build_py):
    def run(self) -> None:
        super().run()
        here = Path(__file__).parent
        target = Path(self.build_lib) / "kgtools" / "_resources"
        for name in RESOURCE_DIRS:
            if (here / name).is_dir():
                shutil.copytree(here / name, target / name, dirs_exist_ok=True)


setup(cmdclass={"build_py": BuildWithResources})
