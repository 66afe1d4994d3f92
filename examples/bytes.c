// expect copy: No
// truth copy: No
// expect copy_bytes: Yes
// truth copy_bytes: Yes
// expect copy_too_many: No
// truth copy_too_many: No
// expect reinterpret: Yes
// truth reinterpret: Yes
// Bytes through 'void *': a 'void *' points at bytes, which a cast reads as 'unsigned char' (C lets any object be
// read through a character type), so a memcpy-like copy works on 'char' buffers. Copying n bytes between buffers of
// n bytes ends; copying one byte more writes past the end (No). A store through 'unsigned char *' into a 'signed
// char' array holds the same byte: 200 reads back as -56. Alone, copy may be given the null pointer (No); whether it
// terminates whenever no undefined behaviour occurs is not answered, since dst and src may share an object.

void *alloca(unsigned long size);
int __VERIFIER_nondet_int(void);

void *copy(void *dst, const void *src, unsigned long n) {
  unsigned char *d = dst;
  const unsigned char *s = src;
  for (unsigned long i = 0; i < n; i++)
    d[i] = s[i];
  return dst;
}

int copy_bytes(void) {
  int n = __VERIFIER_nondet_int();
  if (n < 1 || n > 100)
    return 0;
  char *a = alloca(n);
  char *b = alloca(n);
  a[n - 1] = 0;
  copy(b, a, n);
  return 0;
}

int copy_too_many(void) {
  int n = __VERIFIER_nondet_int();
  if (n < 1 || n > 100)
    return 0;
  char *a = alloca(n);
  char *b = alloca(n);
  copy(b, a, n + 1);
  return 0;
}

int reinterpret(void) {
  signed char c[1];
  unsigned char *u = (unsigned char *) c;
  u[0] = 200;
  return c[0];
}
