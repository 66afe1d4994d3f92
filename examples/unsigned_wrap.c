// expect down2: No
// From an odd x, subtracting 2 never hits 0: x wraps past 0 to 4294967295 and goes on forever.

void down2(unsigned int x) {
  if (x > 0)
    while (x != 0)
      x = x - 2;
}
