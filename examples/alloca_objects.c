// expect down: Yes
// expect uninitialized: Yes
// expect halve: Yes
// expect stuck: No
// expect up: No
// expect escapes: DontKnow  (unsupported: pointer 'p' used other than as *p)
// truth escapes: Yes
// A pointer to a stack object of its own, `int *x = alloca(sizeof(int))`, that the function reaches only through `*x`
// is an ordinary variable named `*x`: a new object at each run of the declaration, holding any value until its first
// write. `stuck` keeps `*x` at 1 forever; `up` counts `*x` past INT_MAX (signed overflow, undefined behaviour).
// `escapes` compares the pointer itself, which is outside the subset so far.

int down(int n) {
  int *x = __builtin_alloca(sizeof(int));
  *x = n;
  while (*x > 0)
    (*x)--;
  return *x;
}

int uninitialized(void) {
  int *x = (int *) alloca(sizeof(int));
  while (*x > 0)
    (*x)--;
  return 0;
}

int halve(int n) {
  int *x = alloca(sizeof(int));
  int *steps = alloca(sizeof(int));
  *x = n;
  *steps = 0;
  while (*x > 1) {
    *x = *x / 2;
    (*steps)++;
  }
  return *steps;
}

int stuck(void) {
  int *x = alloca(sizeof(int));
  *x = 1;
  while (*x > 0) {
    *x = 1;
  }
  return 0;
}

int up(int n) {
  int *x = alloca(sizeof(int));
  *x = n;
  while (*x > 0)
    (*x)++;
  return 0;
}

int escapes(void) {
  int *p = alloca(sizeof(int));
  *p = 3;
  return p != 0;
}
