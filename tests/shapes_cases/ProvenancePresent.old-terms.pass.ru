# a graph of the former build (a quote, a label and xk:sourceNotice on a node, still declared
# in the ontology): provenance is the graph and the offsets, the old terms are no violation
# expect: nothing
INSERT DATA { <shapes-case/contact> xk:quote "0000-1234567" ; rdfs:label "0000-1234567"@zh ; xk:sourceNotice <shapes-case> }
