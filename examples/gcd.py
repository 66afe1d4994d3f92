# expect gcd: Yes  (a transition invariant: each run of rounds decreases b while positive or -b while negative)
# Euclid's algorithm with a tuple assignment; Python's % takes the divisor's sign, so |b| shrinks every round.

def gcd(a, b):
    while b != 0:
        a, b = b, a % b
    return a
