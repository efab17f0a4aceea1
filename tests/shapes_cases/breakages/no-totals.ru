# The notice states no totals (a warning)
# caught-by: NoticeStatesTotals
DELETE WHERE { ?n xk:statesTotals ?t }
