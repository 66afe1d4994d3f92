// expect nested: Yes
// A nested loop: the inner loop ranks by j, the outer by n - i.

void nested(int n) {
  int i = 0;
  while (i < n) {
    int j = i;
    while (j > 0)
      j--;
    i++;
  }
}
