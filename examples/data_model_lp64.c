// options: --data-model lp64
// expect past_int_max: Yes
// expect wrap_unsigned_long: Yes
// expect large_nondet_long: No
// Read under LP64, where long, unsigned long and size_t are 64 bits (long long is 64 bits in both models).
// `past_int_max` counts a long past INT_MAX, `wrap_unsigned_long` waits while ULONG_MAX + 1 wraps to 0, and
// `large_nondet_long` loops when __VERIFIER_nondet_long returns more than INT_MAX. Under the default ILP32 each answer
// is the opposite one (a test reads this file under both).

int past_int_max(void) {
  long x = 2147483600;
  while (x < 2147483648LL) {
    x++;
  }
  return 0;
}

int wrap_unsigned_long(void) {
  unsigned long n = 4294967295UL;
  n = n + 1;
  while (n == 0) {
  }
  return 0;
}

int large_nondet_long(void) {
  long x = __VERIFIER_nondet_long();
  while (x > 2147483647LL) {
  }
  return 0;
}
