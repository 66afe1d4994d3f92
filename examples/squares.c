// expect squares: Yes
// The loop stops when sq reaches n*n. It adds the odd numbers 1, 3, 5, ..., so sq == i*i at every test: only that
// polynomial equality shows that sq passes through n*n exactly when i reaches n, which bounds i by n and keeps
// the additions from overflowing. The equality is guessed from concrete runs and then proved inductive.

void squares(int n) {
  if (n < 0 || n > 1000)
    return;
  int i = 0;
  int sq = 0;
  while (sq != n * n) {
    sq = sq + 2 * i + 1;
    i = i + 1;
  }
}
