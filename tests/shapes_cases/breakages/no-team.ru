# The round names no inspection team
# caught-by: NoticeFrame
DELETE WHERE { ?r xk:conductedBy ?o }
