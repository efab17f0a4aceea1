# no totals, and findings that the notice reaches neither by xk:hasFinding nor through a
# problem area (its xk:hasProblemArea links deleted): they do not count
# expect: Violation shapes-case -
# expect: NoticeStatesTotals:Warning shapes-case statesTotals
DELETE WHERE { <shapes-case> xk:statesTotals ?t } ;
DELETE WHERE { <shapes-case> xk:hasProblemArea ?a }
