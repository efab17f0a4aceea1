"""The query library: SPARQL files in queries/ with a comment header, run on the embedded
store or on any SPARQL 1.1 endpoint, with parameters bound as RDF terms.

Header of a query file::

    # title: Rounds and their durations
    # zh: …the question in Chinese…
    # en: …the question in English…
    # param: level (string, default: any) — what it is
    # columns: notice, inspected, …
    # kept: per notice

A parameter ``name`` is bound to the variable ``?param_name`` by a ``VALUES`` block of
escaped literals at the start of the WHERE clause (``any`` is ``UNDEF``); queries test it
with ``FILTER (!BOUND(?param_name) || …)``. A hostile value can only ever be a string
that matches nothing.

``kept: per notice`` says that each row comes from one notice's graph (and the ontology):
the build then keeps the query's rows of each notice it builds (:mod:`.kept`) and the
embedded store's answer is read from them. Such a query returns a ``notice`` column, and
each of its parameters is a string that filters the column of its name
(``FILTER (!BOUND(?param_level) || ?level = ?param_level)``); or it groups what each
notice's graph gives into totals that add up across notices (:mod:`.aggregates`), its
parameters filtering columns it groups by. Of the links graph it reads only what a notice
determines alone: ``xk:canonical``, ``xk:canonicalIssuer``, ``xk:canonicalInspected`` and the
``skos:prefLabel`` of the canonical nodes they lead to (the build's workers have those
statements). A kept query of rows may join one count over the corpus,
``{ SELECT ?v WHERE { …triples… } GROUP BY ?v HAVING (COUNT(?x) > N) }`` (a
:class:`CountFilter`): the build keeps the rows without it, with ``?v``, and each notice's
counts of ``?v``, and the rows of the values counted more than N times are read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import QueryFileError, UsageError
from ..resources import resource_dir
from ..vocab import XSD_DATE, XSD_INTEGER
from .aggregates import Column, aggregate_columns
from .ordering import split_order_by

_HEADER_RE = re.compile(r"^#\s*(title|zh|en|param|columns|kept):\s*(.*)$")
_PARAM_RE = re.compile(
    r"^(\w+)\s*\((string|integer|date)(?:,\s*default:\s*([^)]*))?\)\s*(?:[—-]+\s*(.*))?$"
)
ANY = "any"
WHERE_RE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


# What the links graph says from the whole corpus (see kgtools.build.linkgraph): a kept
# query may not read it. (An organization's xk:level is not refused by name: notices have
# one too.)
_SHARED_LINK_TERMS = re.compile(
    r"\b(?:skos:altLabel|rdfs:label|xk:(?:issuer|region|partyOrganOf|normalizedTitle|"
    r"regulationKind|CanonicalOrganization|CanonicalRegulation))\b|"
    r"#(?:altLabel|label|issuer|region|partyOrganOf|normalizedTitle|regulationKind|"
    r"CanonicalOrganization|CanonicalRegulation)>"
)


# One count over the corpus joined to a kept query's rows: a subquery of triple patterns
# alone (no braces inside), grouped by the variable it gives, kept when counted more than N.
_COUNT_FILTER = re.compile(
    r"\{\s*SELECT\s+\?(\w+)\s+WHERE\s*\{([^{}]*)\}\s*GROUP\s+BY\s+\?\1\s+"
    r"HAVING\s*\(\s*COUNT\s*\(\s*\?(\w+)\s*\)\s*>\s*(\d+)\s*\)\s*\}",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class CountFilter:
    """A kept query's count over the corpus: the rows whose ``variable`` the ``pattern``
    binds with more than ``more_than`` values of ``counted``; ``span`` is the subquery's
    place in the query text."""

    variable: str
    pattern: str
    counted: str
    more_than: int
    span: tuple[int, int]


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
    kept: bool = False  # its rows kept per notice by the build (see the module's doc)
    aggregates: list[Column] | None = None  # a kept query's outer grouping, if it has one
    count_filter: CountFilter | None = None  # a kept query's count over the corpus, if any


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
        elif key == "kept":
            if value != "per notice":
                raise QueryFileError(f"{path}: bad kept line {value!r}; write `# kept: per notice`")
            info.kept = True
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
    if info.kept:
        _check_kept(info)
    return info


def _check_kept(info: QueryInfo) -> None:
    """A query kept per notice: rows that name their notice and parameters that filter
    columns, or an outer grouping whose totals add up across notices (:mod:`.aggregates`).

    :raises QueryFileError: what does not hold, and how to fix it.
    """
    code = strip_comments(info.text)
    where = f"{info.path}: `# kept: per notice`"
    clause = select_clause(code)
    if clause is None:
        raise QueryFileError(f"{where} needs a SELECT query")
    select, outer = clause
    body = code.index("{", outer) + 1  # inside the outer WHERE
    code = _take_count_filter(info, code, where)
    shared = _SHARED_LINK_TERMS.search(code)
    if shared:
        raise QueryFileError(
            f"{where}: it reads {shared.group(0)}, which the links graph makes from the whole "
            "corpus; of the links graph a kept query reads only a notice's own statements: "
            "xk:canonical, xk:canonicalIssuer, xk:canonicalInspected and the skos:prefLabel "
            "of the canonical nodes"
        )
    end = _group_end(code, body)
    try:
        info.aggregates = aggregate_columns(code[select:outer], code[end:])
    except ValueError as exc:
        raise QueryFileError(f"{where}: {exc}") from None
    if info.aggregates is not None and info.count_filter is not None:
        raise QueryFileError(f"{where}: a grouping has no count over the corpus (HAVING)")
    if info.aggregates is not None:
        names = [c.name for c in info.aggregates]
        if names != info.columns:
            raise QueryFileError(
                f"{where}: the columns line of a grouping kept per notice lists what it "
                f"returns ({', '.join(names)})"
            )
        groups = {c.name for c in info.aggregates if c.kind == "group"}
        if any(p.name not in groups for p in info.params):
            raise QueryFileError(
                f"{where}: a grouping kept per notice has parameters only for the columns "
                "it groups by (the totals are kept for every value, then filtered)"
            )
    elif "notice" not in info.columns:
        raise QueryFileError(f"{where} needs a `notice` column (the rows are kept by notice)")
    inside = code[body:end] if info.aggregates is not None else code
    if re.search(r"\b(GROUP\s+BY|DISTINCT|REDUCED|LIMIT|OFFSET|HAVING)\b", inside, re.IGNORECASE):
        raise QueryFileError(
            f"{where}: its rows must be the union of each notice's rows; remove GROUP BY, "
            "DISTINCT, REDUCED, LIMIT and OFFSET (but an outer GROUP BY), or the kept line"
        )
    _, keys = split_order_by(code)
    if any(name not in info.columns for name, _ in keys) or (
        not keys and re.search(r"\bORDER\s+BY\b", code, re.IGNORECASE)
    ):
        raise QueryFileError(f"{where}: ORDER BY only by variables it returns (its columns)")
    for p in info.params:
        test = rf"\?{p.name}\s*=\s*\?param_{p.name}\b"
        if p.kind != "string" or p.name not in info.columns or not re.search(test, code):
            raise QueryFileError(
                f"{where}: parameter {p.name!r} must be a string that filters the column of "
                f"its name: FILTER (!BOUND(?param_{p.name}) || ?{p.name} = ?param_{p.name})"
            )


def select_clause(code: str) -> tuple[int, int] | None:
    """Where a query's (comments blanked) outer SELECT clause begins, and where its WHERE
    does; None if it is not a SELECT query."""
    select, outer = re.search(r"\bSELECT\b", code, re.IGNORECASE), WHERE_RE.search(code)
    if not select or not outer or select.start() > outer.start():
        return None
    return select.start(), outer.start()


def _take_count_filter(info: QueryInfo, code: str, where: str) -> str:
    """Find a kept query's count over the corpus (at most one); the code without it.

    :raises QueryFileError: more than one.
    """
    found = list(_COUNT_FILTER.finditer(code))
    if len(found) > 1:
        raise QueryFileError(f"{where}: at most one count over the corpus (HAVING)")
    if not found:
        return code
    m = found[0]
    variable, pattern, counted, more_than = m.groups()
    info.count_filter = CountFilter(variable, " ".join(pattern.split()), counted,
                                    int(more_than), m.span())  # fmt: skip
    if not re.search(rf"\?{variable}\b", code[: m.start()] + code[m.end() :]):
        raise QueryFileError(f"{where}: the count's ?{variable} joins nothing")
    return code[: m.start()] + " " * (m.end() - m.start()) + code[m.end() :]


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
    own = (folder or resource_dir("queries")) / f"{name_or_file}.rq"
    if re.fullmatch(r"[\w-]+", name_or_file) and own.is_file():
        return parse_query_file(own)  # what catalog() would find, without reading every file
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
        return f'"{value}"^^<{XSD_INTEGER}>'
    if kind == "date":
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise UsageError(f"parameter value {value!r} is not a date (YYYY-MM-DD)")
        return f'"{value}"^^<{XSD_DATE}>'
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
    code = strip_comments(info.text)
    wheres = list(WHERE_RE.finditer(code))
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


def strip_comments(text: str) -> str:
    """The text with comment lines blanked (same length, so offsets hold)."""
    return re.sub(r"(?m)^\s*#.*$", lambda m: " " * len(m.group(0)), text)
