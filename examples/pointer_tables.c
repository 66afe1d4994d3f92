// expect square: Yes
// expect triangle: Yes
// expect fill_table: Yes
// expect past_row: No
// expect after_free: No
// options: --timeout 60
// Tables of row pointers, the two-dimensional dynamic arrays. square allocates n rows of n ints from a table that
// itself comes from malloc, tests them, writes each row and frees the rows and the table (Yes). triangle gives row i
// the length i + 1 and writes its diagonal through a row pointer (Yes). fill_table fills a table at file scope, whose
// slots start null, tests each row before reading it and frees them (Yes). past_row writes one element past the end
// of each triangular row (No: out of the row's bounds), and after_free reads a row after freeing it (No).

#include <stdlib.h>

int *tab[4];

int square(void) {
  int n = __VERIFIER_nondet_int();
  if (n <= 0 || n > 100) return 0;
  int **m = malloc(n * sizeof(int *));
  if (!m) return 0;
  for (int i = 0; i < n; i++) {
    m[i] = malloc(n * sizeof(int));
    if (!m[i]) return 0;
  }
  for (int i = 0; i < n; i++) m[i][0] = i;
  for (int i = 0; i < n; i++) free(m[i]);
  free(m);
  return 0;
}

int triangle(void) {
  int n = __VERIFIER_nondet_int();
  if (n <= 0 || n > 1000) return 0;
  int **m = malloc(n * sizeof(int *));
  for (int i = 0; i < n; i++) m[i] = malloc((i + 1) * sizeof(int));
  for (int i = 0; i < n; i++) { int *row = m[i]; row[i] = 1; }
  return 0;
}

int fill_table(void) {
  for (int i = 0; i < 4; i++) { tab[i] = malloc(sizeof(int) * 3); if (!tab[i]) return 0; }
  int s = 0;
  for (int i = 0; i < 4; i++) if (tab[i] != 0) s = tab[i][2];
  for (int i = 0; i < 4; i++) free(tab[i]);
  return s;
}

int past_row(int n) {
  if (n <= 0 || n > 100) return 0;
  int **m = malloc(n * sizeof(int *));
  for (int i = 0; i < n; i++) m[i] = malloc((i + 1) * sizeof(int));
  for (int i = 0; i < n; i++) m[i][i + 1] = 0;
  return 0;
}

int after_free(int n) {
  if (n <= 0 || n > 100) return 0;
  int **m = malloc(n * sizeof(int *));
  for (int i = 0; i < n; i++) m[i] = malloc(n * sizeof(int));
  free(m[n - 1]);
  return m[n - 1][0];
}
