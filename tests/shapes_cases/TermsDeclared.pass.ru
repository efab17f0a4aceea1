# a property the ontology declares from another vocabulary (dcterms:source)
# expect: nothing
INSERT DATA { <shapes-case> dcterms:source <https://example.org/notice.html> }
