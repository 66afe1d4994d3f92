// expect phases: Yes
// expect split: Yes
// options: --semantics math
// phases: while y > 0, x may grow; once y <= 0, x shrinks. The multiphase (nested) ranking functions y + 1, then x
// prove it; no lexicographic linear ranking function exists.
// split: after the else branch y = x - 1 < x, so the then branch never comes back. Splitting the loop head by
// y > x ranks each phase by z, although the then branch sets z to an arbitrary value when it hands over.

int phases(int x, int y) {
  while (x > 0) {
    x = x + y;
    y = y - 1;
  }
  return x;
}

int split(int x, int y, int z) {
  while (x > 0 && y > 0 && z > 0) {
    if (y > x) {
      y = z;
      x = nondet();
      z = x - 1;
    } else {
      z = z - 1;
      x = nondet();
      y = x - 1;
    }
  }
  return 0;
}
