// expect either_positive: Yes
// The loop runs while x or y is positive, and each iteration lowers both by one: x + y falls by 2 and ranks it.
// The conditions the program states do not keep y - 1 from overflowing while x is still positive; the difference
// x - y, which never changes, and the bounds on entry do.

void either_positive(int x, int y) {
  if (x < -1000000 || x > 1000000 || y < -1000000 || y > 1000000)
    return;
  while (x > 0 || y > 0) {
    x = x - 1;
    y = y - 1;
  }
}
