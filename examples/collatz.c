// expect collatz: DontKnow  (truth unknown)
// truth collatz: unknown
// options: --semantics math
// The Collatz conjecture: nobody knows whether this loop stops for every n over unbounded integers.

void collatz(int n) {
  while (n > 1) {
    if (n % 2 == 0)
      n = n / 2;
    else
      n = 3 * n + 1;
  }
}
