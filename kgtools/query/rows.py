"""Query results as plain Python values: :class:`Rows` and the conversion of RDF terms."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from ..errors import UsageError
from ..vocab import RDF_LANGSTRING, XSD_INTEGER, XSD_STRING

_NUMERIC = {
    "http://www.w3.org/2001/XMLSchema#integer", "http://www.w3.org/2001/XMLSchema#decimal",
    "http://www.w3.org/2001/XMLSchema#int", "http://www.w3.org/2001/XMLSchema#long",
}  # fmt: skip


@dataclass
class Rows:
    """Query results: column names and rows of plain values (str, int or Decimal; None when unbound)."""

    columns: list[str]
    rows: list[list[Any]]

    def to_dataframe(self) -> Any:
        """The rows as a pandas DataFrame (pandas must be installed), typed by column: a
        column of integers is ``int64`` (``Int64`` when some are unbound), one of numbers
        with decimals ``float64``, one of ISO dates (``2024-06-27``, as ``xsd:date``
        values come back) ``datetime64``; the rest stay as they are (text, None).

        :raises UsageError: pandas is not installed.
        """
        try:
            import pandas as pd
        except ImportError as exc:
            raise UsageError("pandas is not installed: pip install pandas") from exc
        data = {i: _column(pd, [row[i] for row in self.rows]) for i in range(len(self.columns))}
        frame = pd.DataFrame(data, index=range(len(self.rows)))
        frame.columns = list(self.columns)
        return frame


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _column(pd: Any, values: list[Any]) -> Any:
    """One column as a pandas Series of the type its values share."""
    known = [v for v in values if v is not None]
    if known and all(
        isinstance(v, int | Decimal | float) and not isinstance(v, bool) for v in known
    ):
        if all(isinstance(v, int) for v in known):
            return pd.Series(values, dtype="Int64" if len(known) < len(values) else "int64")
        return pd.Series([float("nan") if v is None else float(v) for v in values], dtype="float64")
    if known and all(isinstance(v, str) and _ISO_DATE.match(v) for v in known):
        return pd.to_datetime(pd.Series(values, dtype=object), format="%Y-%m-%d")
    return pd.Series(values)  # text: pandas' own string type


def plain(value: str, datatype: str | None) -> Any:
    """A result value as plain Python: integers and decimals as numbers, the rest as text."""
    if datatype in _NUMERIC:
        try:
            number = Decimal(value)
        except InvalidOperation:
            return value
        return int(number) if number == number.to_integral_value() else number.normalize()
    return value


_STRING = XSD_STRING
_LANG_STRING = RDF_LANGSTRING
_INTEGER = XSD_INTEGER


def term_value(term: Any, literal_type: Any) -> Any:
    """``plain`` of a pyoxigraph term, the common cases first (a query of 10 000 rows
    turns 120 000 terms)."""
    if type(term) is not literal_type:
        return term.value
    datatype = term.datatype.value
    if datatype == _STRING or datatype == _LANG_STRING:
        return term.value
    if datatype == _INTEGER:
        try:
            return int(term.value)
        except ValueError:  # a lexical form int() does not read, e.g. "1.0"
            pass
    return plain(term.value, datatype)
