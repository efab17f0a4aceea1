# The round names no inspected organization
# caught-by: NoticeFrame
DELETE WHERE { ?r xk:inspects ?o }
