// expect m91: Yes
// McCarthy's 91 function as a loop with a counter of pending calls. Each iteration either lowers c by 1 and n by 10
// or raises c by 1 and n by 11, so 11*c - n never grows: that invariant keeps c + 1 from overflowing, and
// 21*c - 2*n (plus a constant) ranks the loop.

int m91(int n) {
  int c = 1;
  while (c > 0) {
    if (n > 100) {
      n = n - 10;
      c = c - 1;
    } else {
      n = n + 11;
      c = c + 1;
    }
  }
  return n;
}
