"""Validation: SHACL shapes (shapes/) over each notice's named graph with the ontology.

``validate(data, shapes_dir=…) -> ValidationReport``; the report renders as text, JSON,
JUnit XML or HTML (:mod:`.report`).
"""

from __future__ import annotations

from .engine import load_shapes, validate
from .report import SEVERITIES, ValidationReport, ValidationResult

__all__ = ["SEVERITIES", "ValidationReport", "ValidationResult", "load_shapes", "validate"]
