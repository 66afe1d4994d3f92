# expect f: Yes
# options: --can-return False
# expect-can-return f False: No
# Python integers do not overflow, so x + y == y + x always holds.

def f(x, y):
    return x + y == y + x
