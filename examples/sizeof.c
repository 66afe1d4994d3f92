// expect clear_all: Yes
// truth clear_all: Yes
// expect clear_one_past: No
// truth clear_one_past: No
// expect not_evaluated: Yes
// truth not_evaluated: Yes
// expect variable_length: Yes
// truth variable_length: Yes
// expect rows: Yes
// truth rows: Yes
// sizeof of expressions: `sizeof a / sizeof a[0]` is the length of an array and bounds a loop over it (clear_all),
// one more iteration writes past its end (clear_one_past); the operand of sizeof is not evaluated, so an index out
// of the bounds and a null pointer there are no access and `sizeof n--` leaves n alone (not_evaluated); a
// variable-length array's size is its length at its declaration times its element's size (variable_length); a row
// of a two-dimensional array is an array of its own (rows).
#include <stddef.h>

int clear_all(void) {
  long a[6];
  for (size_t i = 0; i < sizeof a / sizeof a[0]; i++) {
    a[i] = 0;
  }
  return 0;
}

int clear_one_past(void) {
  long a[6];
  for (size_t i = 0; i <= sizeof a / sizeof a[0]; i++) {
    a[i] = 0;
  }
  return 0;
}

int not_evaluated(int n) {
  int a[4] = {0};
  int *p = 0;
  int s = (int) (sizeof a[n] + sizeof *p + sizeof n--);
  while (n > 0) {
    n -= s;
  }
  return n;
}

int variable_length(int n) {
  if (n <= 0 || n > 1000) {
    return 0;
  }
  int a[n];
  n = 0;
  for (size_t i = 0; i < sizeof a / sizeof(int); i++) {
    a[i] = 1;
  }
  return a[0];
}

int rows(void) {
  short m[3][5];
  for (size_t i = 0; i < sizeof m / sizeof m[0]; i++) {
    for (size_t j = 0; j < sizeof m[0] / sizeof m[0][0]; j++) {
      m[i][j] = 0;
    }
  }
  return m[2][4];
}
