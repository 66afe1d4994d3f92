// expect lex: Yes
// Two counters ranked lexicographically: x falls rarely, y falls otherwise and is reset when x falls.

void lex(int x, int y, int n) {
  if (n < 0 || n > 1000)
    return;
  while (x > 0) {
    if (y > 0) {
      y = y - 1;
    } else {
      x = x - 1;
      y = n;
    }
  }
}
