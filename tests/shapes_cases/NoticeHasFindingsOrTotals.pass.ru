# a centralized notice of a whole round (C1): totals only, no finding (nor measure)
# expect: nothing
DELETE WHERE { ?finding a xk:Finding ; ?p ?o . } ;
DELETE WHERE { ?measure a xk:Measure ; ?p ?o . }
