# expect gcd: DontKnow  (needs a ranking function on |b|, which is not linear)
# truth gcd: Yes
# Euclid's algorithm with a tuple assignment; Python's % takes the divisor's sign, so |b| shrinks every round.

def gcd(a, b):
    while b != 0:
        a, b = b, a % b
    return a
