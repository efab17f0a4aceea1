# The notice's clean text deleted (which also leaves no text to check quotes against)
# caught-by: NoticeKeepsItsText
DELETE WHERE { ?n xk:cleanText ?t }
