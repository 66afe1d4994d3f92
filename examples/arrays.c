// expect fill_table: Yes
// truth fill_table: Yes
// expect read_past_table: No
// truth read_past_table: No
// expect grid_walk: Yes
// truth grid_walk: Yes
// expect grid_column_past: No
// truth grid_column_past: No
// expect zeros: Yes
// truth zeros: Yes
// expect count_down: DontKnow  (unsupported: pointer parameter 'cell' of an analyzed function (the records it reaches are known only where it is called))
// truth count_down: Yes
// expect free_twice: No
// truth free_twice: No
// Arrays at file scope, two-dimensional arrays, calloc, and single integers on the heap passed to a recursive
// function (each a record of one member). read_past_table reads table[8]; grid_column_past reads grid[0][4], which
// lies inside the object but outside its row; free_twice frees the cell that count_down already freed.
#include <stdlib.h>

int table[8];

int fill_table(void) {
  for (int i = 0; i < 8; i++) {
    table[i] = i;
  }
  return table[7];
}

int read_past_table(void) {
  int last = 0;
  for (int i = 0; i <= 8; i++) {
    last = table[i];
  }
  return last;
}

int grid_walk(void) {
  int grid[3][4] = {{1, 2, 3, 4}, {5, 6, 7, 8}};
  int nonzero = 0;
  for (int i = 0; i < 3; i++) {
    for (int j = 0; j < 4; j++) {
      if (grid[i][j] != 0) {
        nonzero = 1;
      }
    }
  }
  return nonzero;
}

int grid_column_past(void) {
  int grid[2][4] = {{1, 2, 3, 4}, {5, 6, 7, 8}};
  return grid[0][4];
}

int zeros(int n) {
  if (n <= 0 || n > 1000) {
    return 0;
  }
  int *a = calloc(n, sizeof(int));
  int i = 0;
  while (i < n - 1 && a[i] == 0) {
    i++;
  }
  free(a);
  return i;
}

int count_down(int *cell, int steps) {
  if (steps <= 0) {
    free(cell);
    return 0;
  }
  return count_down(cell, steps - 1) + 1;
}

int free_twice(void) {
  int *cell = malloc(sizeof(int));
  *cell = 3;
  count_down(cell, 2);
  free(cell);
  return 0;
}
