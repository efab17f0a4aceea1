# the only measure of problem area （二） deleted, its link left pointing at nothing: the
# headline rule fails too (a link to no measure is no measure)
# expect: Violation shapes-case/area/2 hasMeasure value=shapes-case/area/2/measure/1
# expect: FindingHasMeasure:Violation shapes-case/area/2 -
DELETE WHERE { <shapes-case/area/2/measure/1> ?p ?o }
