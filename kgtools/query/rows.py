"""Query results as plain Python values: :class:`Rows` and the conversion of RDF terms."""

from __future__ import annotations

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
        """The rows as a pandas DataFrame (pandas must be installed)."""
        try:
            import pandas as pd
        except ImportError as exc:
            raise UsageError("pandas is not installed: pip install pandas") from exc
        return pd.DataFrame(self.rows, columns=self.columns)


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
