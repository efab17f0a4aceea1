# totals giving only the number of problems
# expect: nothing
DELETE WHERE { <shapes-case/totals> xk:rectifiedTotal ?n }
