// expect halve: Yes
// expect double_until_large: Yes
// expect shift_by_width: No
// expect shift_negative: No
// expect doubling_overflows: No
// Shifts as C defines them. `x >> 1` is floor division by 2 (gcc and clang shift a negative value arithmetically), so
// halving ends. `x << k` is `x * 2^k`, undefined when the count is negative or not below the width of the promoted left
// operand (32 for int), when the left operand is negative, and when the result does not fit: `shift_by_width` is No
// from k = 32, `shift_negative` from a negative x or one of 2^30 or more, and doubling 1 until it is no longer positive overflows at 2^31.

int halve(int x) {
  while (x > 0) {
    x = x >> 1;
  }
  return x;
}

int double_until_large(int x) {
  if (x <= 0) {
    return 0;
  }
  while (x < 1000000) {
    x = x << 1;
  }
  return x;
}

int shift_by_width(int x, int k) {
  return x >> k;
}

int shift_negative(int x) {
  return x << 1;
}

int doubling_overflows(int x) {
  int y = 1;
  while (y > 0) {
    y = y << 1;
  }
  return y;
}
