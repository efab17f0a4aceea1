# an output without its unit
# expect: Violation shapes-case/area/2/measure/1/output/1 https://schema.org/unitText
DELETE WHERE { <shapes-case/area/2/measure/1/output/1> schema:unitText ?u }
