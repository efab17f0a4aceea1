# no totals and no problem area: a finding the notice links itself (xk:hasFinding) counts
# expect: NoticeStatesTotals:Warning shapes-case statesTotals
DELETE WHERE { <shapes-case> xk:statesTotals ?t } ;
DELETE WHERE { <shapes-case> xk:hasProblemArea ?a } ;
INSERT DATA { <shapes-case> xk:hasFinding <shapes-case/area/1/finding/1> }
