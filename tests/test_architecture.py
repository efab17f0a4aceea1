"""The package map holds: imports flow one way along kgtools/layout.py's STAGES, no import
cycle between modules (imports inside functions included), and no module imports another
module's ``_private`` name (ours or a library's)."""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

from kgtools import layout

PACKAGE = layout.PACKAGE
# stage → the later sibling stages it may import (the report site shows charts, validation
# results and query results)
SIBLING_EDGES = {"site": set()}
ALLOWED_PRIVATE = {"__version__", "__future__"}


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


MODULES = _modules()


def _imports(module: str, path: Path) -> list[tuple[str, list[str], int]]:
    """(imported module, names, line) of every import statement, at any depth."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            names = [a.name for a in node.names]
            # "from . import x" may name a submodule
            subs = [f"{target}.{n}" for n in names if f"{target}.{n}" in MODULES]
            found += [(s, [], node.lineno) for s in subs]
            rest = [n for n in names if f"{target}.{n}" not in MODULES]
            if rest or not subs:
                found.append((target, rest, node.lineno))
        elif isinstance(node, ast.Import):
            found += [(a.name, [], node.lineno) for a in node.names]
    return found


def _graph() -> nx.DiGraph:
    graph = nx.DiGraph()
    for module, path in MODULES.items():
        graph.add_node(module)
        for target, _, line in _imports(module, path):
            if target in MODULES and target != module:
                graph.add_edge(module, target, line=line)
    return graph


def test_every_module_is_on_the_map() -> None:
    for module in MODULES:
        layout.rank_of(layout.stage_of(module))  # raises KeyError naming the module


def test_no_import_cycle() -> None:
    graph = _graph()
    # a package's __init__ re-exporting its own children is not a cycle of the map
    reexports = [(a, b) for a, b in graph.edges if b.startswith(a + ".")]
    graph.remove_edges_from(reexports)
    cycles = list(nx.simple_cycles(graph))
    assert not cycles, "import cycles: " + "; ".join(" → ".join([*c, c[0]]) for c in cycles[:5])


def test_imports_flow_one_way_along_the_stages() -> None:
    back = []
    for a, b, data in _graph().edges(data=True):
        sa, sb = layout.stage_of(a), layout.stage_of(b)
        ra, rb = layout.rank_of(sa), layout.rank_of(sb)
        if sa == sb or rb < ra or sb in SIBLING_EDGES.get(sa, set()):
            continue
        back.append(f"{MODULES[a].relative_to(PACKAGE.parent)}:{data['line']} imports {b}")
    assert not back, "imports against the map (kgtools/layout.py):\n" + "\n".join(back)


def test_no_private_name_imported_across_modules() -> None:
    found = []
    for module, path in MODULES.items():
        for target, names, line in _imports(module, path):
            private = [n for n in names if n.startswith("_") and n not in ALLOWED_PRIVATE]
            if target.split(".")[-1].startswith("_") and target.split(".")[-1] not in (
                "__future__",
                "_version",
            ):
                private.append(target)
            if private:
                found.append(f"{path.relative_to(PACKAGE.parent)}:{line} {target}: {private}")
    assert not found, "private names imported:\n" + "\n".join(found)


def test_the_checks_see_the_package() -> None:
    """Guards against a walk that silently finds nothing after a move."""
    assert len(MODULES) > 60
    assert _graph().number_of_edges() > 150
    assert {"kgtools.read", "kgtools.recognize.structure", "kgtools.build.corpus"} <= set(MODULES)
