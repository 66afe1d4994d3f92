// expect count_down: Yes
// expect count_up: Yes
// expect halve: Yes
// expect fast_power: Yes
// expect from_int: Yes
// expect never_below_zero: No
// expect until_wrap: Yes
// Textbook loops over unsigned int, all of which terminate except the last. Unsigned arithmetic wraps modulo 2^32,
// yet `n - 1` under `n > 0`, `i + 1` under `i < n` and `e / 2` never do, so linear ranking functions prove these
// loops. `fast_power` multiplies with wrap-around, which does not matter for its loop. `never_below_zero` tests
// `n >= 0`, which holds for every unsigned value: when n reaches 0, `n--` wraps to 4294967295 and the loop goes on.
// `until_wrap` only ends because j wraps: from j = 4294967295, `j + 1` is 0 and `i < 0` is false. The step that wraps
// cannot be followed by another, so the ranking function need not decrease on it, and 4294967294 - j ranks the rest.

void count_down(unsigned n) {
  while (n > 0)
    n = n - 1;
}

unsigned count_up(unsigned n) {
  unsigned i, s = 0;
  for (i = 0; i < n; i++)
    s = s + i;
  return s;
}

unsigned halve(unsigned e) {
  unsigned steps = 0;
  while (e > 0) {
    e = e / 2;
    steps++;
  }
  return steps;
}

unsigned fast_power(unsigned b, unsigned e) {
  unsigned r = 1;
  while (e > 0) {
    if (e % 2 == 1)
      r = r * b;
    b = b * b;
    e = e / 2;
  }
  return r;
}

void from_int(int x) {
  unsigned u = x;
  while (u > 0)
    u--;
}

void never_below_zero(unsigned n) {
  while (n >= 0)
    n--;
}

unsigned until_wrap(unsigned i, unsigned j) {
  while (i < j)
    j = j + 1;
  return j;
}
