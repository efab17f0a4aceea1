# a centralized notice of a whole round (C1): totals only, no finding
# expect: nothing
DELETE WHERE { ?finding a xk:Finding . }
