"""labs/grader/rubric.py: reads a lab's rubric.txt (format in its header).

A rubric is a list of groups (id, title), in the order they are printed,
and of graded tests (name, points, group, what).  Mistakes in it are fatal:
a test named twice, a group used but not declared, points that are not a
whole number, a group with no tests, a rubric without tests.  A grader that
silently dropped a line would hand out the wrong score.
"""


class RubricError(Exception):
    pass


def parse(path):
    groups, tests, seen = [], [], set()
    with open(path, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            words = line.split()
            where = "%s:%d" % (path, n)
            if words[0] == "group":
                if len(words) < 3:
                    raise RubricError("%s: group needs an id and a title" % where)
                groups.append({"id": words[1], "title": " ".join(words[2:])})
                continue
            if len(words) < 4 or "/" not in words[0] or not words[1].isdigit():
                raise RubricError("%s: want '<suite>/<test> <points> <group> <what>'" % where)
            if words[0] in seen:
                raise RubricError("%s: %s is graded twice" % (where, words[0]))
            seen.add(words[0])
            tests.append({"name": words[0], "points": int(words[1]), "group": words[2],
                          "what": " ".join(words[3:])})
    ids = [g["id"] for g in groups]
    for t in tests:
        if t["group"] not in ids:
            raise RubricError("%s: %s names undeclared group %s" % (path, t["name"], t["group"]))
    for g in ids:
        if not any(t["group"] == g for t in tests):
            raise RubricError("%s: group %s has no tests" % (path, g))
    if not tests:
        raise RubricError("%s: no graded tests" % path)
    return groups, tests
