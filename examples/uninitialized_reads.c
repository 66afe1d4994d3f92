// expect count_down: No (reads x before any store)
// truth count_down: No (C11 6.3.2.1p2: x is an automatic variable whose address is never taken)
// expect first_positive: Yes
// truth first_positive: Yes
// expect maybe_set: No (with c <= 0, y is returned without a store)
// truth maybe_set: No
// expect sum_or_last: No (with n <= 0 the loop never stores last)
// truth sum_or_last: No
// expect through_pointer: Yes (x's address is taken: an indeterminate value, not undefined behaviour)
// truth through_pointer: Yes
// Reading a local before any store into it is undefined behaviour, as C says. With `--uninitialized-reads arbitrary`
// (`terminator analyze examples/uninitialized_reads.c --uninitialized-reads arbitrary`) the same locals hold arbitrary
// values, the convention of older SV-COMP tasks, and every function here is Yes.

int count_down(void) {
  int x;
  while (x > 0) {
    x--;
  }
  return 0;
}

int first_positive(int a, int b) {
  int r;
  if (a > 0) {
    r = a;
  } else {
    r = b > 0 ? b : 1;
  }
  while (r > 0) {
    r--;
  }
  return r;
}

int maybe_set(int c) {
  int y;
  if (c > 0) {
    y = c;
  }
  return y;
}

unsigned sum_or_last(int n) {
  unsigned last;
  for (int i = 0; i < n; i++) {
    last = (unsigned)i;
  }
  return last;
}

int through_pointer(void) {
  int x;
  int *p = &x;
  while (*p > 0) {
    (*p)--;
  }
  return 0;
}
