# The notice's clean text deleted (which also leaves no text for the offsets to point into)
# caught-by: NoticeKeepsItsText
DELETE WHERE { ?n xk:cleanText ?t }
