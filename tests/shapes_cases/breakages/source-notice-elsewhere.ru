# A measure's source notice points at another notice, not in this graph
# caught-by: ProvenancePresent
DELETE { ?m xk:sourceNotice ?n } INSERT { ?m xk:sourceNotice <https://w3id.org/xuncha/id/notice/elsewhere> }
WHERE { { SELECT ?m WHERE { ?m a xk:Measure } ORDER BY STR(?m) LIMIT 1 } ?m xk:sourceNotice ?n }
