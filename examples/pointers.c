// expect cstrlen: No
// expect fill_through_pointer: Yes
// expect fill_past_through_pointer: No
// expect strlen_terminated: Yes
// truth strlen_terminated: Yes
// expect strlen_unterminated: No
// expect length_of_suffix: Yes
// truth length_of_suffix: Yes
// expect drain: No
// truth drain: No
// expect spin: No
// truth spin: No
// expect drain_cell: Yes
// truth drain_cell: Yes
// expect spin_cell: No
// truth spin_cell: No
// options: --timeout 60
// Pointers into arrays: a pointer is an offset into one object, fixed where the program is read. A walk with a
// pointer over an alloca'd array ends; one that goes a step further writes one past the end, undefined behaviour. A
// strlen over a buffer whose last byte is 0 ends, and over a buffer without a 0 it reads past the end: undefined
// behaviour, with a witness whose bytes are all 1. The callee's pointer parameter is bound to the caller's array
// when the call is inlined; analyzed on its own, a pointer parameter is the null pointer or points to the start of an
// object of any length and contents, so cstrlen, drain and spin alone reach undefined behaviour (No). A recursive
// call may pass a pointer into its parameter's array: 'drain' counts the cell down to 0 and ends, while 'spin'
// calls itself again in the same state, which a run of 'spin_cell' from a positive cell shows (No).

int __VERIFIER_nondet_int(void);

int cstrlen(const char *s) {
  const char *p = s;
  while (*p != '\0')
    p++;
  return (int)(p - s);
}

int fill_through_pointer(void) {
  int n = __VERIFIER_nondet_int();
  if (n < 1 || n > 1000)
    return 0;
  int *a = __builtin_alloca(n * sizeof(int));
  for (int *p = a; p < a + n; p++)
    *p = 0;
  return 0;
}

int fill_past_through_pointer(void) {
  int n = __VERIFIER_nondet_int();
  if (n < 1 || n > 1000)
    return 0;
  int *a = __builtin_alloca(n * sizeof(int));
  for (int *p = a; p <= a + n; p++)
    *p = 0;
  return 0;
}

int strlen_terminated(void) {
  int n = __VERIFIER_nondet_int();
  if (n < 1)
    n = 1;
  char *buffer = (char *) __builtin_alloca(n * sizeof(char));
  buffer[n - 1] = '\0';
  return cstrlen(buffer);
}

int strlen_unterminated(void) {
  int n = __VERIFIER_nondet_int();
  if (n < 1)
    n = 1;
  char *buffer = (char *) __builtin_alloca(n * sizeof(char));
  return cstrlen(buffer);
}

int length_of_suffix(void) {
  char text[8];
  for (char *p = text; p < text + 7; p++)
    *p = 'x';
  text[7] = '\0';
  char *middle = &text[3];
  return cstrlen(middle);
}

void drain(int *cell) {
  if (*cell <= 0)
    return;
  (*cell)--;
  drain(cell);
}

void spin(int *cell) {
  if (*cell <= 0)
    return;
  spin(cell);
}

int drain_cell(void) {
  int a[1];
  a[0] = __VERIFIER_nondet_int();
  drain(a);
  return a[0];
}

int spin_cell(void) {
  int a[1];
  a[0] = __VERIFIER_nondet_int();
  spin(a);
  return 0;
}
