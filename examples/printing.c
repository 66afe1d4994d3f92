// expect table: Yes
// truth table: Yes
// expect spin: No (prints the same line for ever from any x > 0)
// truth spin: No
// expect last_plus_one: No (x + 1 overflows for x = INT_MAX while the argument is evaluated)
// truth last_plus_one: No
// printf and puts as statements: a call prints and returns, so only its arguments matter to the answer. Each
// conversion must match the type of its argument after the promotions (C11 7.21.6.1p9), which the text shows here.
#include <stdio.h>

int table(void) {
  int squares[5];
  for (int i = 0; i < 5; i++) {
    squares[i] = i * i;
  }
  for (int i = 0; i < 5; i++) {
    printf("%2d: %3d %s\n", i, squares[i], "squared");
  }
  puts("done");
  return 0;
}

int spin(int x) {
  while (x > 0) {
    printf("still %d\n", x);
  }
  return 0;
}

int last_plus_one(int x) {
  printf("%d\n", x + 1);
  return 0;
}
