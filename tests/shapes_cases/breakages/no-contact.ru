# The notice gives no contact (a warning)
# caught-by: NoticeHasContact
DELETE WHERE { ?n xk:contact ?c }
