# No publication period
# caught-by: NoticeFrame
DELETE WHERE { ?n xk:publicationPeriod ?p }
