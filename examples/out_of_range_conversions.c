// expect to_unsigned: Yes
// expect to_signed: Yes
// expect narrowing: Yes
// expect low_half: No
// A value out of range of the target type is converted modulo 2^32: to an unsigned type by the standard, to a
// signed type as gcc and clang define it. -1 becomes 4294967295u, (int)4294967295u becomes -1, and the long long
// 4294967296 becomes 0 in an int. Each loop of the first three is skipped only because of that conversion;
// `low_half` runs forever from a non-negative big whose low 32 bits make a negative int (big = 2147483648).

void to_unsigned(void) {
  unsigned u = -1;
  while (u < 10u) {
    u = u + 0;
  }
}

void to_signed(void) {
  int x = (int)4294967295u;
  while (x > 0) {
    x = x + 0;
  }
}

void narrowing(void) {
  int x = 4294967296LL;
  while (x != 0) {
    x = x + 0;
  }
}

void low_half(long long big) {
  if (big < 0) {
    return;
  }
  int x = big;
  while (x < 0) {
    x = x + 0;
  }
}
