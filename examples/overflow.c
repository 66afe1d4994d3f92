// expect up: No
// In C semantics x eventually reaches INT_MAX and x++ overflows: undefined behaviour, so termination is not guaranteed.

void up(int x) {
  while (x >= 0)
    x++;
}
