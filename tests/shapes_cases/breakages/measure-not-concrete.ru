# A concrete measure loses its outputs, regulations and dates (a warning)
# caught-by: MeasureHasConcreteResult
DELETE { ?m ?p ?o }
WHERE {
  { SELECT ?m WHERE { ?m a xk:Measure ; xk:hasOutput ?any } ORDER BY STR(?m) LIMIT 1 }
  ?m ?p ?o VALUES ?p { xk:hasOutput xk:formulates xk:studies xk:cites xk:mentionsDate }
}
