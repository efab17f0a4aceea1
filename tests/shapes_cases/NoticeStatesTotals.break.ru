# no stated totals
# expect: Warning shapes-case statesTotals
DELETE WHERE { <shapes-case> xk:statesTotals ?t }
