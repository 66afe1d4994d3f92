// expect f: No  (undefined behaviour at 11:7: x is modified twice with no sequence point between)
// expect read_back: No  (undefined behaviour at 18:16 whenever c is non-zero)
// expect sequenced: Yes
// C leaves the order of the operands of + open, so modifying an object twice between sequence points, or modifying
// it and reading it elsewhere in the same expression, is undefined behaviour (C11 6.5p2): f has no defined run from
// any input in [0, 100]. The conditions of ?: and the left operands of && and || are sequence points, so sequenced
// reads its variable back safely and terminates.
int f(int x) {
  int y = 0;
  if (x < 0 || x > 100) return 0;
  y = x++ + x++;
  while (y > 0) y--;
  return y;
}

int read_back(int x, int c) {
  if (x < 0 || x > 100) return 0;
  int y = (c ? x++ : 0) + x;
  return y;
}

int sequenced(int x) {
  if (x < 0 || x > 100) return 0;
  x = x++ ? x + 1 : 2;
  int y = x > 1 && x-- > 0;
  while (x > 0) x--;
  return y;
}
