// expect sum: Yes
// Overflows that never happen, excluded by invariants from Spacer, Z3's engine for constrained Horn clauses. In sum,
// x grows by y while y counts down from at most 10: x + 10*y stays below a bound, an invariant along a combination of
// x and y that the program's text does not suggest. Spacer answers the question "can x + y overflow?" with such a bound, and
// the checker re-verifies it like any other invariant.

int sum(int x, int y) {
  if (y >= -65534 && y <= 10 && x >= 0 && x <= 100) {
    while (y > 0) {
      x = x + y;
      y = y - 1;
    }
  }
  return x;
}
