// expect count_bits: Yes
// expect clear_lowest_bit: Yes
// expect low_bits: Yes
// expect flip: No
// expect sign_mask: No
// Bitwise operators on the two's complement representation. `x & 1` is `x mod 2` exactly, and `x & (x - 1)` clears the
// lowest set bit: for x > 0 its value lies between 0 and x - 1, a fact the ranking uses without computing the bits.
// `x ^ 1` flips the last bit back and forth forever from every x but 0 and 1 (No from x = -1). `~x` is `-x - 1`, so `x & ~7` clears the three
// low bits, and a negative x stays negative: the loop of `sign_mask` never ends (No from any negative x).

unsigned count_bits(unsigned x) {
  unsigned n = 0u;
  while (x != 0u) {
    n += x & 1u;
    x >>= 1;
  }
  return n;
}

int clear_lowest_bit(int x) {
  while (x > 0) {
    x = x & (x - 1);
  }
  return x;
}

int low_bits(int x) {
  int r = x & 7;
  while (r > 0) {
    r--;
  }
  return r;
}

int flip(int x) {
  while (x != 0) {
    x = x ^ 1;
  }
  return x;
}

int sign_mask(int x) {
  while (x < 0) {
    x = x & ~7;
  }
  return x;
}
