// expect sum_to: Yes
// expect first: DontKnow  (unsupported: floating point type)
// expect uses_first: DontKnow  (unsupported: call of 'first', which is outside the subset)
// expect ackermann: DontKnow  (unsupported: a call next to an operand that may fail, in an order C leaves open)
// truth first: Yes
// truth uses_first: Yes
// truth ackermann: Yes
// A function outside the C subset gets its own DontKnow, whose reason says what is unsupported and where; a function
// that calls it is refused at the call; the other functions of the file are analyzed as usual. `ackermann` passes a
// recursive call next to `m - 1`, which may overflow, and C leaves their order open.

int sum_to(int n) {
  int s = 0;
  for (int i = 0; i < n && s < 1000; i++) {
    s = s + 1;
  }
  return s;
}

int first(void) {
  float half = 0.5;
  return 0;
}

int uses_first(void) {
  return first() + 1;
}

int ackermann(int m, int n) {
  __VERIFIER_assume(m >= 0 && m <= 3 && n >= 0 && n <= 3);
  if (m == 0) return n + 1;
  if (n == 0) return ackermann(m - 1, 1);
  return ackermann(m - 1, ackermann(m, n - 1));
}
