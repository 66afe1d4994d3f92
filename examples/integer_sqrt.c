// expect up_to_root: Yes
// expect root_of_int: No
// expect root_of_int_guarded: Yes
// expect root_stays_small: No
// C's sqrt of an integer, converted straight back to an integer type: the integer square root, floor(sqrt(n)). For
// an operand of 32 bits or less the conversion to double is exact and the rounded square root never reaches the next
// integer, so the value is exact. `up_to_root` counts to the root and ends. `root_of_int` takes the square root of
// any int: a negative one gives NaN, whose conversion to int is undefined behaviour, so No (witness x = -1).
// `root_of_int_guarded` checks the sign first. `root_stays_small` waits for a root above 65535, which no unsigned
// has: it runs forever from every input. The double result used any other way is refused.
extern double sqrt(double);

unsigned up_to_root(unsigned n) {
  unsigned s = sqrt(n);
  unsigned i = 0;
  while (i < s) i++;
  return i;
}

int root_of_int(int x) {
  int s = sqrt(x);
  return s;
}

int root_of_int_guarded(int x) {
  if (x < 0) return -1;
  return (int)sqrt(x);
}

int root_stays_small(unsigned n) {
  unsigned s;
  s = sqrt(n);
  while (s <= 65535) { }
  return 0;
}
