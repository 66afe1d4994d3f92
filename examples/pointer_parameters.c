// expect length: No
// truth length: No
// expect is_empty: Yes
// truth is_empty: Yes
// expect total: No
// truth total: No
// expect fill: No
// truth fill: No
// expect copy: No
// truth copy: No
// expect report: Yes
// truth report: Yes
// options: --timeout 60
// Functions with pointer parameters, analyzed on their own, answer for every pointer a caller may pass: the null
// pointer, or the start of an object of any length (0 too) with any contents. length walks a string that a caller may
// pass as NULL or without a terminator (No, with the witness's object and the bytes it reads), and terminates whenever
// no undefined behaviour occurs. is_empty only compares its pointer with NULL (Yes). total and fill take a count that
// may exceed the object (No). copy's two pointers may share one object, which the analysis does not model: its
// verdict and witness stand, and whether it terminates whenever no undefined behaviour occurs is not answered. report
// passes its own arrays, so each call is analyzed with those objects (Yes).

int length(const char *s) {
  int n = 0;
  while (s[n] != '\0')
    n++;
  return n;
}

int is_empty(const char *s) {
  return s == 0;
}

int total(const int *a, int n) {
  int sum = 0;
  for (int i = 0; i < n; i++) {
    if (a[i] < -1000 || a[i] > 1000)
      return 0;
    sum += a[i];
  }
  return sum;
}

void fill(int *a, int n, int value) {
  for (int i = 0; i < n; i++)
    a[i] = value;
}

void copy(char *dst, const char *src) {
  while ((*dst++ = *src++) != '\0')
    ;
}

int report(void) {
  char word[6] = "hello";
  char other[6];
  int values[4];
  fill(values, 4, 7);
  copy(other, word);
  return length(word) + is_empty(other);
}
