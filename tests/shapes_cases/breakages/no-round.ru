# The notice reports on no inspection round
# caught-by: NoticeFrame
DELETE WHERE { ?n xk:reportsOn ?r }
