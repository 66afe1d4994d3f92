# expect g: Yes
# expect g2: No
# The essay's pair in Python: g states that its inputs are ints and subtracts a positive y, so x - y shrinks;
# g2 drops the guard, and y = 0 loops forever.

def g(x, y):
    assert isinstance(x, int) and isinstance(y, int)
    if y > 0:
        while x > y:
            x = x - y


def g2(x, y):
    while x > y:
        x = x - y
