# expect collatz: DontKnow  (nobody knows)
# The Collatz loop over Python's unbounded integers.

def collatz(n: int) -> int:
    """Counts the steps to 1."""
    steps = 0
    while n > 1:
        if n % 2 == 0:
            n //= 2
        else:
            n = 3 * n + 1
        steps += 1
    return steps
