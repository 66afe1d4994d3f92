// expect fill_malloced: Yes
// truth fill_malloced: Yes
// expect use_after_free: No
// truth use_after_free: No
// expect double_free: No
// truth double_free: No
// expect last: No
// truth last: No
// expect last_slash: Yes
// truth last_slash: Yes
// expect null_dereferenced: No
// truth null_dereferenced: No
// expect address_as_integer: Yes
// truth address_as_integer: Yes
// expect fresh_string: No
// truth fresh_string: No
// expect length_of_fresh: Yes
// truth length_of_fresh: Yes
// The heap and null pointers. malloc gives an array of any size (allocation does not fail); free ends its life, so a
// read after it, or a second free, is undefined behaviour. A function may return a pointer into its parameter's
// object or a null pointer ('last'): its caller uses the result as a pointer into the argument's array, and every use
// that needs an object checks that it is not null, so dereferencing what 'last' returns when the string holds no '/'
// is a No. A pointer converted to an integer is some value of the integer type. A function may also return a heap
// array it allocates ('fresh_string'): each call names that array in its caller, which reads and frees it. Alone,
// 'fresh_string(0)' writes before its empty array (No); its caller only asks for a positive length. Alone, 'last'
// may be given the null pointer (No); it terminates whenever no undefined behaviour occurs.

void *malloc(unsigned long size);
void free(void *pointer);
int __VERIFIER_nondet_int(void);

int fill_malloced(void) {
  int n = __VERIFIER_nondet_int();
  if (n < 1 || n > 1000)
    return 0;
  int *a = malloc(n * sizeof(int));
  for (int i = 0; i < n; i++)
    a[i] = i;
  free(a);
  return n;
}

int use_after_free(void) {
  int n = __VERIFIER_nondet_int();
  if (n < 1 || n > 1000)
    return 0;
  int *a = malloc(n * sizeof(int));
  a[0] = 1;
  free(a);
  return a[0];
}

int double_free(void) {
  int *a = malloc(4 * sizeof(int));
  free(a);
  free(a);
  return 0;
}

char *fresh_string(int n) {
  char *s = malloc(n);
  s[n - 1] = 0;
  return s;
}

char *last(char *s, int c) {
  char *l = 0;
  while (*s) {
    if (*s == c)
      l = s;
    s++;
  }
  return l;
}

int last_slash(void) {
  int n = __VERIFIER_nondet_int();
  if (n < 1)
    return 0;
  char *b = fresh_string(n);
  char *p = last(b, '/');
  if (!p)
    return -1;
  return (int) (p - b);
}

int null_dereferenced(void) {
  int n = __VERIFIER_nondet_int();
  if (n < 1)
    return 0;
  char *b = fresh_string(n);
  char *p = last(b, '/');
  return *p;
}

int address_as_integer(void) {
  int a[4];
  int *p = a + 2;
  return (int) p;
}

int length_of_fresh(void) {
  int n = __VERIFIER_nondet_int();
  if (n < 1)
    return 0;
  char *s = fresh_string(n);
  int k = 0;
  while (s[k] != 0)
    k++;
  free(s);
  return k;
}
