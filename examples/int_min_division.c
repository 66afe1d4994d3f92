// expect quotient: No
// expect remainder_of: No
// expect safe_quotient: Yes
// INT_MIN / -1 is 2147483648, which int cannot hold: undefined behaviour. So is INT_MIN % -1, although the remainder
// would be 0 (C11 6.5.5: a % b is undefined whenever a / b is not representable). Both are No, from x = -2147483648;
// `safe_quotient` excludes that input and terminates.

int quotient(int x, int y) {
  if (y != -1) {
    return 0;
  }
  return x / y;
}

int remainder_of(int x) {
  return x % -1;
}

int safe_quotient(int x, int y) {
  if (y != -1 || x == -2147483647 - 1) {
    return 0;
  }
  return x / y;
}
