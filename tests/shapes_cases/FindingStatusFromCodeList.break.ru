# a rectification status outside the code list
# expect: Violation shapes-case/area/1/finding/1 rectificationStatus value=xk:StatusInvented
INSERT DATA { <shapes-case/area/1/finding/1> xk:rectificationStatus xk:StatusInvented }
