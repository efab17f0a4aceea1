# no finding (nor measure) and no totals left: nothing a researcher could count
# expect: Violation shapes-case -
# expect: NoticeStatesTotals:Warning shapes-case statesTotals
DELETE WHERE { ?finding a xk:Finding ; ?p ?o . } ;
DELETE WHERE { ?measure a xk:Measure ; ?p ?o . } ;
DELETE WHERE { <shapes-case> xk:statesTotals ?t . }
