# the value is text, not a decimal
# expect: Violation shapes-case/area/2/measure/1/output/1 https://schema.org/value
DELETE { <shapes-case/area/2/measure/1/output/1> schema:value ?old } INSERT { <shapes-case/area/2/measure/1/output/1> schema:value "1.2万" } WHERE { <shapes-case/area/2/measure/1/output/1> schema:value ?old }
