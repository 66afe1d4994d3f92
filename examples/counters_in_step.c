// expect grid: Yes
// expect pairs: Yes
// Counters that move in step keep a linear equality: in grid, cells == 8*row + col - 1 at the inner loop's head,
// in pairs, left + 2*taken == n. The program's conditions bound row, col and left, and with the equality the
// counter they drive cannot overflow (in pairs, taken < n / 2). Equalities like these are guessed from the states
// that a few short runs reach at each loop head (the null space of the states, as for the polynomial equalities of
// squares.c, of degree one), and kept only where candidate elimination proves them inductive; the checker
// re-verifies them with the proof.

int grid(void) {
  int cells = 0;
  for (int row = 0; row < 20; row++) {
    for (int col = 1; col <= 8; col++) {
      cells = cells + 1;
    }
  }
  return cells;
}

int pairs(int n) {
  int left = n;
  int taken = 0;
  while (left > 1) {
    left = left - 2;
    taken = taken + 1;
  }
  return taken;
}
