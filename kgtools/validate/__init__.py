"""Validation: SHACL shapes (shapes/) over each notice's named graph with the ontology.

``validate(data, shapes_dir=…) -> ValidationReport``; the report renders as text, JSON,
JUnit XML or HTML (:mod:`.report`).
"""

from __future__ import annotations

from .api import validate, validate_graphs
from .cache import validate_build_cached
from .report import SEVERITIES, Severity, ValidationReport, ValidationResult
from .shapes import Shapes, load_shapes

__all__ = [
    "SEVERITIES",
    "Severity",
    "Shapes",
    "ValidationReport",
    "ValidationResult",
    "load_shapes",
    "validate",
    "validate_build_cached",
    "validate_graphs",
]
