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
// expect cube_walk: Yes
// truth cube_walk: Yes
// expect board_scan: Yes
// truth board_scan: Yes
// expect cube_depth_past: No
// truth cube_depth_past: No
// expect first_ones: DontKnow  (pointer parameter 'm' of an analyzed function (its object is known only where it is called))
// truth first_ones: No
// expect grid_passed: Yes
// truth grid_passed: Yes
// expect grid_passed_past: No
// truth grid_passed_past: No
// Arrays at file scope, two- and three-dimensional arrays, calloc, and single integers on the heap passed to a
// recursive function (each a record of one member). read_past_table reads table[8]; grid_column_past reads
// grid[0][4], which lies inside the object but outside its row; free_twice frees the cell that count_down already
// freed; cube_depth_past reads cube[0][0][3] of a cube whose last dimension has 3 elements. first_ones takes rows
// of 4 ints (int m[][4]): grid_passed passes it the last three rows of board (Yes); grid_passed_past
// passes three rows from board's third, and the fifth row is past the object (No). Alone, first_ones may be given a
// null pointer (its object is known only where it is called: DontKnow).
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

int cube_walk(void) {
  int cube[2][2][2] = {{{1, 2}, {3}}, 4, 5};
  int odd = 0;
  for (int i = 0; i < 2; i++) {
    for (int j = 0; j < 2; j++) {
      for (int k = 0; k < 2; k++) {
        if (cube[i][j][k] % 2 != 0) {
          odd = 1;
        }
      }
    }
  }
  return odd;
}

int board[4][4] = {{1, 0, 0, 0}, {0, 1}, {0, 0, 1}, {0, 0, 0, 1}};

int board_scan(void) {
  int found = 0;
  for (int i = 0; i < 4; i++) {
    int j = 0;
    while (j < 4 && board[i][j] == 0) {
      j++;
    }
    found = j;
  }
  return found;
}

int cube_depth_past(void) {
  int cube[2][2][3] = {0};
  int sum = 0;
  for (int k = 0; k <= 3; k++) {
    sum += cube[0][0][k];
  }
  return sum;
}

int first_ones(int m[][4], int rows) {
  int found = 0;
  for (int i = 0; i < rows; i++) {
    int j = 0;
    while (j < 4 && m[i][j] == 0) {
      j++;
    }
    found = j;
  }
  return found;
}

int grid_passed(void) {
  return first_ones(&board[1], 3);
}

int grid_passed_past(void) {
  return first_ones(board + 2, 3);
}
