// expect halve: Yes
// expect stuck: No
// C's / and % truncate toward zero: -1 / 2 == 0 and -1 % 3 == -1 (Python's // and % round toward negative
// infinity: -1 // 2 == -1 and -1 % 3 == 2). So `halve` reaches 0 from every x, while rounding down would keep
// -1 forever; and `stuck` runs forever from x = -1, while a remainder rounded down is never negative.

void halve(int x) {
  while (x != 0) {
    x = x / 2;
  }
}

void stuck(int x) {
  while (x % 3 < 0) {
    x = x + 0;
  }
}
