# The findings left in the graph but linked from nothing (no xk:hasFinding, no problem
# area), and no totals: the notice has no finding to count
# caught-by: NoticeHasFindingsOrTotals
DELETE WHERE { ?n xk:hasFinding ?f } ;
DELETE WHERE { ?n xk:hasProblemArea ?a } ;
DELETE WHERE { ?n xk:statesTotals ?t } ;
DELETE WHERE { ?u xk:unitTotals ?t }
