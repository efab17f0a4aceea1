# no finding and no totals left: nothing a researcher could count
# expect: Violation shapes-case -
# expect: NoticeStatesTotals:Warning shapes-case statesTotals
DELETE WHERE { ?finding a xk:Finding . } ;
DELETE WHERE { <shapes-case> xk:statesTotals ?t . }
