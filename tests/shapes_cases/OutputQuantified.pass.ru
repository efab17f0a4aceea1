# a fractional value below one
# expect: nothing
DELETE { <shapes-case/area/2/measure/1/output/1> schema:value ?old } INSERT { <shapes-case/area/2/measure/1/output/1> schema:value "0.5"^^xsd:decimal } WHERE { <shapes-case/area/2/measure/1/output/1> schema:value ?old }
