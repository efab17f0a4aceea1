# xk:contact misspelled xk:contactt
# expect: Violation shapes-case contactt value=shapes-case/contact
DELETE { <shapes-case> xk:contact ?c } INSERT { <shapes-case> xk:contactt ?c } WHERE { <shapes-case> xk:contact ?c }
# expect: NoticeHasContact:Warning shapes-case contact
