// expect swing: Yes
// Neither x nor y is monotone: y swings ever wider (-2, 4, -14, 40, ...). But 2*x + y falls by 2 at each iteration,
// so it never exceeds its value on entry, 3000; while x > 0 that bounds y from above, and after one iteration
// y = -3*y - 2 is bounded from below. Together the two bounds keep every addition and multiplication from
// overflowing, and 2*x + y, bounded below, decreases.

int swing(int x, int y) {
  if (x < -1000 || x > 1000 || y < -1000 || y > 1000)
    return 0;
  while (x > 0) {
    x = x + 2 * y;
    y = -3 * y - 2;
  }
  return 0;
}
