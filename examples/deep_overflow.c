// expect step_two: No
// expect step_three: No
// expect bounded_step: Yes
// expect drawn_count: No
// Overflows that only the largest input reaches, about 10^9 iterations in: `i += 2` passes INT_MAX only when n is
// INT_MAX (i is even, so i < n holds at i = INT_MAX - 1), and `i = i + 3` only when n >= INT_MAX - 2. The witness
// n = 2147483647 is found by running from the extremes of the input types, and the interpreter replays it by
// fast-forwarding the loop exactly rather than step by step. With n bounded well below INT_MAX the loop terminates.
// drawn_count reads its count as SV-COMP programs do, from __VERIFIER_nondet_int(): x starts at 12 and counts up once
// per step, so it passes INT_MAX when the count is above INT_MAX - 12; the witness draws the count 2147483647.

int step_two(int n) {
  int i;
  for (i = 0; i < n; i += 2) {
  }
  return i;
}

int step_three(int n) {
  int i = 1;
  while (i <= n) {
    i = i + 3;
  }
  return i;
}

int bounded_step(int n) {
  int i = 0;
  if (n > 1000000)
    return 0;
  while (i < n) {
    i += 2;
  }
  return i;
}

extern int __VERIFIER_nondet_int(void);

int drawn_count(void) {
  int x = 12;
  int z = __VERIFIER_nondet_int();
  while (z > 0) {
    x = x + 1;
    z = z - 1;
  }
  return x;
}
