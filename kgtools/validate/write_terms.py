"""``python -m kgtools.validate.write_terms > shapes/terms.ttl``: the closed-vocabulary
shapes, generated from the ontology (see :mod:`.vocabulary`)."""

from __future__ import annotations


def main() -> None:
    from ..resources import load_ontology
    from .vocabulary import terms_shapes

    print(terms_shapes(load_ontology()), end="")


if __name__ == "__main__":
    main()
