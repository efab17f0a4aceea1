# a node typed with a declared class of another vocabulary too (prov:Entity)
# expect: nothing
INSERT DATA { <shapes-case/area/1> a prov:Entity }
