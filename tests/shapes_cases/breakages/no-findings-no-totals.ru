# Neither findings nor totals left
# caught-by: NoticeHasFindingsOrTotals
DELETE WHERE { ?f a xk:Finding } ;
DELETE WHERE { ?n xk:statesTotals ?t } ;
DELETE WHERE { ?u xk:unitTotals ?t }
