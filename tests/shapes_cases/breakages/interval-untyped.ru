# The stationing interval is no longer typed time:Interval
# caught-by: NoticeFrame
DELETE { ?i a time:Interval } WHERE { ?r xk:stationingInterval ?i . ?i a time:Interval }
