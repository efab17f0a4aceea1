"""The query library: SPARQL files in queries/ with a comment header, run on the embedded
store or on any SPARQL 1.1 endpoint, with parameters bound as RDF terms.

Header of a query file::

    # title: Rounds and their durations
    # zh: …the question in Chinese…
    # en: …the question in English…
    # param: level (string, default: any) — what it is
    # columns: notice, inspected, …

A parameter ``name`` is bound to the variable ``?param_name`` by a ``VALUES`` block of
escaped literals at the start of the WHERE clause (``any`` is ``UNDEF``); queries test it
with ``FILTER (!BOUND(?param_name) || …)``. A hostile value can only ever be a string
that matches nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from .errors import QueryFileError, UsageError
from .ordering import sort_rows, split_order_by
from .resources import resource_dir

_HEADER_RE = re.compile(r"^#\s*(title|zh|en|param|columns):\s*(.*)$")
_PARAM_RE = re.compile(
    r"^(\w+)\s*\((string|integer|date)(?:,\s*default:\s*([^)]*))?\)\s*(?:[—-]+\s*(.*))?$"
)
ANY = "any"
_WHERE_RE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
_NUMERIC = {
    "http://www.w3.org/2001/XMLSchema#integer", "http://www.w3.org/2001/XMLSchema#decimal",
    "http://www.w3.org/2001/XMLSchema#int", "http://www.w3.org/2001/XMLSchema#long",
}  # fmt: skip


@dataclass(frozen=True)
class Param:
    """A query parameter: name (= the variable it binds), type, default, help."""

    name: str
    kind: str
    default: str
    help: str


@dataclass
class QueryInfo:
    """A query file and its header."""

    name: str
    path: Path
    text: str
    title: str = ""
    question_zh: str = ""
    question_en: str = ""
    params: list[Param] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)


@dataclass
class Rows:
    """Query results: column names and rows of plain values (str, int or Decimal; None when unbound)."""

    columns: list[str]
    rows: list[list[Any]]

    def to_dataframe(self):  # type: ignore[no-untyped-def]
        """The rows as a pandas DataFrame (pandas must be installed)."""
        try:
            import pandas as pd
        except ImportError as exc:
            raise UsageError("pandas is not installed: pip install pandas") from exc
        return pd.DataFrame(self.rows, columns=self.columns)


def parse_query_file(path: Path) -> QueryInfo:
    """Read a query file and its header.

    :raises QueryFileError: unreadable file or a malformed header.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise QueryFileError(f"{path}: cannot read the query file ({exc})") from None
    info = QueryInfo(path.stem, path, text)
    for line in text.splitlines():
        m = _HEADER_RE.match(line.strip())
        if not m:
            continue
        key, value = m.group(1), m.group(2).strip()
        if key == "title":
            info.title = value
        elif key == "zh":
            info.question_zh = value
        elif key == "en":
            info.question_en = value
        elif key == "columns":
            info.columns = [c.strip() for c in value.split(",") if c.strip()]
        else:
            p = _PARAM_RE.match(value)
            if not p:
                raise QueryFileError(
                    f"{path}: bad parameter line {value!r}; write `# param: name (string, default: x) — help`"
                )
            info.params.append(
                Param(
                    p.group(1), p.group(2), (p.group(3) or ANY).strip(), (p.group(4) or "").strip()
                )
            )
    return info


def catalog(folder: Path | None = None) -> list[QueryInfo]:
    """Every query of the library (default: the shipped queries/), by name."""
    base = folder or resource_dir("queries")
    return [parse_query_file(p) for p in sorted(base.glob("*.rq"))]


def find_query(name_or_file: str, folder: Path | None = None) -> QueryInfo:
    """A library query by name, or a query file by path.

    :raises UsageError: no such query.
    """
    path = Path(name_or_file)
    if path.suffix == ".rq" and path.is_file():
        return parse_query_file(path)
    for info in catalog(folder):
        if info.name == name_or_file:
            return info
    names = ", ".join(i.name for i in catalog(folder))
    raise UsageError(
        f"no query named {name_or_file!r}; `kgtools query --list` shows them ({names})"
    )


def _literal(value: str, kind: str) -> str:
    """A SPARQL literal for a parameter value, escaped so that it cannot end early."""
    if kind == "integer":
        if not re.fullmatch(r"[+-]?\d{1,18}", value):
            raise UsageError(f"parameter value {value!r} is not an integer")
        return f'"{value}"^^<http://www.w3.org/2001/XMLSchema#integer>'
    if kind == "date":
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise UsageError(f"parameter value {value!r} is not a date (YYYY-MM-DD)")
        return f'"{value}"^^<http://www.w3.org/2001/XMLSchema#date>'
    escaped = (value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
               .replace("\t", "\\t"))  # fmt: skip
    return f'"{escaped}"'


def bind(info: QueryInfo, params: dict[str, str]) -> str:
    """The query text with its parameters bound: a VALUES block of escaped literals for
    ``?param_<name>`` at the start of the outer WHERE clause and of each subquery using one.

    :raises UsageError: an unknown parameter or a value of the wrong type.
    """
    known = {p.name: p for p in info.params}
    unknown = sorted(set(params) - set(known))
    if unknown:
        allowed = ", ".join(known) or "none"
        raise UsageError(
            f"query {info.name!r} has no parameter {unknown[0]!r} (parameters: {allowed})"
        )
    if not known:
        return info.text
    terms = []
    for p in info.params:
        value = params.get(p.name, p.default)
        terms.append("UNDEF" if value == ANY else _literal(value, p.kind))
    names = " ".join(f"?param_{p.name}" for p in info.params)
    block = f"\n  VALUES ({names}) {{ ({' '.join(terms)}) }}\n"
    code = _strip_comments(info.text)
    wheres = list(_WHERE_RE.finditer(code))
    if not wheres:
        raise QueryFileError(f"{info.path}: no WHERE clause to bind parameters in")
    # The outer WHERE, and each subquery's WHERE that uses a parameter: a subquery does not
    # see the outer bindings, and a filter next to its own VALUES is applied during its scan.
    at = [wheres[0].end()] + [
        m.end() for m in wheres[1:] if "?param_" in code[m.end() : _group_end(code, m.end())]
    ]
    text = info.text
    for offset in reversed(at):
        text = text[:offset] + block + text[offset:]
    return text


def _group_end(code: str, start: int) -> int:
    """The offset of the ``}`` closing the group opened just before ``start`` (strings skipped)."""
    depth, i = 1, start
    while i < len(code) and depth:
        c = code[i]
        if c in "\"'":
            end = code.find(c, i + 1)
            while end != -1 and code[end - 1] == "\\":
                end = code.find(c, end + 1)
            i = len(code) if end == -1 else end
        elif c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
        i += 1
    return i


def _strip_comments(text: str) -> str:
    """The text with comment lines blanked (same length, so offsets hold)."""
    return re.sub(r"(?m)^\s*#.*$", lambda m: " " * len(m.group(0)), text)


def plain(value: str, datatype: str | None) -> Any:
    """A result value as plain Python: integers and decimals as numbers, the rest as text."""
    if datatype in _NUMERIC:
        try:
            number = Decimal(value)
        except InvalidOperation:
            return value
        return int(number) if number == number.to_integral_value() else number.normalize()
    return value


_STRING = "http://www.w3.org/2001/XMLSchema#string"
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"


def _value(term, literal_type) -> Any:  # type: ignore[no-untyped-def]
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


def run_on_store(store, query_text: str) -> Rows:  # type: ignore[no-untyped-def]
    """Run a SELECT on a pyoxigraph store, its default graph being the union of all graphs.

    :raises QueryFileError: the query does not parse.
    """
    from pyoxigraph import Literal

    unordered, keys = split_order_by(_strip_comments(query_text))
    try:
        solutions = store.query(unordered if keys else query_text, use_default_graph_as_union=True)
        columns = [v.value for v in solutions.variables]
        if keys and not all(name in columns for name, _ in keys):
            keys = []  # it sorts by a variable it does not return: the engine sorts
            solutions = store.query(query_text, use_default_graph_as_union=True)
    except SyntaxError as exc:
        raise QueryFileError(f"SPARQL syntax error: {str(exc).splitlines()[0]}") from None
    # A solution iterated as a whole is several times faster than looked up by name.
    rows = [[None if t is None else _value(t, Literal) for t in solution] for solution in solutions]
    sort_rows(columns, rows, keys)  # see kgtools.ordering: faster than the store's ORDER BY
    return Rows(columns, rows)


def query(
    name: str,
    store: str | Path | None = None,
    *,
    endpoint: str | None = None,
    params: dict[str, str] | None = None,
    timeout: float = 60.0,
) -> Rows:
    """Run a library query (or a .rq file) on the embedded store or a SPARQL endpoint.

    ``store`` is the store directory or the build directory holding it (default
    ``data/build/store``); ``params`` bind the query's parameters by name.

    :raises UsageError: unknown query or parameter, no store, unreachable endpoint.
    :raises QueryFileError: a query that does not parse.
    """
    info = find_query(name)
    text = bind(info, params or {})
    if endpoint:
        from pyoxigraph import Store

        from .remote import run_remote

        run_on_store(Store(), text)  # a syntax error reads the same as on the embedded store
        return run_remote(endpoint, text, timeout=timeout)
    from .store import open_read_only

    store = Path(store) if store else Path("data/build/store")
    if not (store / "CURRENT").exists() and (store / "store").is_dir():
        store = store / "store"  # the build directory given instead of its store
    indexed = _from_text_index(info, params or {}, store)
    if indexed is not None:
        return indexed
    return run_on_store(open_read_only(store), text)


def _from_text_index(info: QueryInfo, params: dict[str, str], store: Path) -> Rows | None:
    """The library's ``search`` answered by the build's text index, when the index belongs
    to this store (same generation token as the store's marker); otherwise None."""
    from .build import store_generation
    from .textindex import generation, search

    library = resource_dir("queries") / "search.rq"
    if info.name != "search" or info.path.resolve() != library.resolve():
        return None
    out = store.parent
    token = store_generation(out)
    if not token or not store.is_dir() or generation(out) != token:
        return None
    text = params.get("text", next(p.default for p in info.params if p.name == "text"))
    hits = [] if text == ANY else search(out, text)  # CONTAINS of an unbound value is an error
    return Rows(list(info.columns), [list(hit) for hit in hits])
