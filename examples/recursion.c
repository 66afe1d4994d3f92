// expect fact: Yes
// expect fib: Yes
// expect fact_int: DontKnow  (the product may overflow unless fact(k) <= k!, which no linear summary says)
// truth fact_int: Yes
// expect is_even: Yes
// expect is_odd: Yes
// expect ackermann: Yes
// expect mccarthy91: Yes
// expect count_down: Yes
// expect count_down_twice: Yes
// expect forever: No
// expect doubling: No
// Recursion, direct and mutual. A recursive call either goes back to the start of the function with the arguments as
// parameters, or returns any value of its type: if neither can go on forever, no call chain is infinite and every
// activation ends. What a call returns is known from a return-value summary where one is found and checked (by
// induction on the calls: the function's body, with each nested call returning a value within its summary, returns
// one within it). `fact` over unsigned ranks its calls by n; `fact_int` is the same over int with a guard, which does
// terminate, but its product n * fact(n - 1) stays below 2^31 only because fact(k) <= k!, which no linear summary
// says. `fib` over unsigned ranks both of its calls by n (its sum wraps, never overflows). `is_even` and `is_odd` call
// each other; Ackermann's calls, on the bounded arguments it assumes, are ranked
// lexicographically (m first, then n). McCarthy's 91 function calls itself on what its inner call returned: its
// summary, mccarthy91(n) >= 91 and mccarthy91(n) >= n - 10, makes 101 - n decrease on both calls. `count_down_twice`
// calls a recursive function that is inlined, recursion and all. `forever` calls
// itself with its own argument: the replayed call chain repeats a call's state, so it never ends. `doubling` reaches
// signed overflow inside the recursion, replayed from an input.

unsigned fact(unsigned n) {
  if (n == 0) return 1;
  return n * fact(n - 1);
}

unsigned fib(unsigned n) {
  if (n < 2) return n;
  return fib(n - 1) + fib(n - 2);
}

int fact_int(int n) {
  if (n < 0 || n > 12) return 0;
  if (n == 0) return 1;
  return n * fact_int(n - 1);
}

int is_odd(int n);

int is_even(int n) {
  if (n <= 0) return 1;
  return is_odd(n - 1);
}

int is_odd(int n) {
  if (n <= 0) return 0;
  return is_even(n - 1);
}

int ackermann(int m, int n) {
  __VERIFIER_assume(m >= 0 && m <= 3 && n >= 0 && n <= 3);
  if (m == 0) return n + 1;
  if (n == 0) return ackermann(m - 1, 1);
  int inner = ackermann(m, n - 1);
  return ackermann(m - 1, inner);
}

int mccarthy91(int n) {
  if (n > 100) return n - 10;
  return mccarthy91(mccarthy91(n + 11));
}

int count_down(int n) {
  if (n <= 0) return 0;
  return count_down(n - 2);
}

int count_down_twice(int n) {
  int first = count_down(n);
  return count_down(first);
}

int forever(int n) {
  return forever(n);
}

int doubling(int x) {
  if (x == 0) return 0;
  return doubling(x * 2);
}
