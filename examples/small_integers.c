// expect wrap_char: Yes
// expect count_to: Yes
// options: --can-return -128
// expect-can-return wrap_char -128: Yes
// expect-can-return count_to -128: No
// char and short are computed as int (integer promotion), so 'c + 1' on a signed char 127 does not overflow: the
// conversion back to signed char wraps, as gcc does, and wrap_char can return -128. In count_to a short bound
// promotes to int in the comparison.

signed char wrap_char(signed char c) {
  c = c + 1;
  return c;
}

int count_to(short n) {
  int s = 0;
  while (s < n) {
    s++;
  }
  return s;
}
