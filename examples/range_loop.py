# expect total: Yes
# expect evens: Yes
# A range loop ends whatever its body does to the variables the bounds came from.

def total(n):
    s = 0
    for i in range(n):
        s += i
        n = n + 1
    return s


def evens(a, b):
    count = 0
    for i in range(b, a, -2):
        if i % 4 == 0:
            continue
        count += 1
    else:
        count = count * 2
    return count
