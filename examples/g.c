// expect g: Yes
// expect g2: No
// expect k: No
// The essay's first pair: g subtracts a positive y, so x - y shrinks; g2 drops the guard, and y = 0 loops forever.
// k asks the oracle about g: g terminates, so k spins in its loop.

void g(int x, int y) {
  if (y >= 1) {
    while (x > y) {
      x = x - y;
    }
  }
}

void g2(int x, int y) {
  while (x > y) {
    x = x - y;
  }
}

void k(void) {
  if (terminates(g))
    while (1) {}
}
