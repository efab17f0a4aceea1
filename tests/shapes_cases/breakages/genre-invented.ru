# A genre outside the code list
# caught-by: NoticeCodesFromCodeLists
DELETE { ?n xk:genre ?g } INSERT { ?n xk:genre xk:GenreInvented } WHERE { ?n xk:genre ?g }
