# expect fact: Yes
# expect ping: Yes
# expect pong: Yes
# expect forever: No
# Recursion in Python: `fact` ranks its calls by n (the product cannot overflow: Python integers are unbounded);
# `ping` and `pong` call each other with smaller arguments; `forever` calls itself with its own argument, and the
# replayed call chain repeats a call's state.

def fact(n):
    assert isinstance(n, int)
    if n <= 0:
        return 1
    return n * fact(n - 1)


def ping(n):
    assert isinstance(n, int)
    if n <= 0:
        return 0
    return pong(n - 1)


def pong(n):
    assert isinstance(n, int)
    if n <= 0:
        return 1
    return ping(n - 2)


def forever(n):
    assert isinstance(n, int)
    return forever(n)
