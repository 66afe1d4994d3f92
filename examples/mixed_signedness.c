// expect never: Yes
// expect climb: Yes
// C compares an int with an unsigned int as unsigned: -1 < 1u is 4294967295 < 1, which is false.
// `never` skips its loop only because of that; `climb` ends when x goes below 0, which makes x < 10u false.
// With mathematical comparisons both would run forever (climb until its decrement overflows).

void never(int x) {
  while (-1 < 1u) {
    x = x + 0;
  }
}

void climb(int x) {
  while (x < 10u) {
    x = x - 1;
  }
}
