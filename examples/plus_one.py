# expect k: Yes
# options: --can-return False
# expect-can-return k False: No
# Unlike unsigned C (k_unsigned.c), x + 1 > x always holds for Python's unbounded integers.

def k(x):
    return x + 1 > x
