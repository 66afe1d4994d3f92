// expect never: Yes
// truth never: Yes
// expect halving_log: Yes
// truth halving_log: Yes
// `never`: the paths before the loop leave x != y, so `while (x == y)` is never entered. The invariant's disequality
// is no linear inequality; the ranking problem sees it through the loop transition it excludes, which then needs no
// ranking. `halving_log`: under x >= y > 1 the quotient x / y is at most x / 2, so x falls at each recursive call.

int never(int i) {
  int x = 0, y = 0;
  if (i > 10) {
    x = 1;
  } else {
    y = 1;
  }
  while (x == y) {
  }
  return 0;
}

void halving_log(int x, int y) {
  if (x >= y && y > 1) {
    halving_log(x / y, y);
  }
}
