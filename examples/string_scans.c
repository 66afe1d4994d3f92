// expect span: No
// expect compare: No
// expect span_of_terminated: Yes
// expect compare_terminated: Yes
// expect compare_unterminated: No
// options: --timeout 60
// Scans of two strings, each in a buffer of a nondeterministic length. span (as strspn, without the count) walks s
// while each of its characters is in accept; its inner loop reads *s at an index that loop does not change, and the
// terminator that the caller wrote stays known, so the outer walk stops at it (Yes). compare (as strcmp) reads *s1
// twice in `*s1 && *s1 == *s2`: both reads are one value, so the walk stops at the shorter string's terminator (Yes).
// Without a terminator in the second buffer, a comparison with a longer first string reads past its end: undefined
// behaviour (No, with a replayed witness). Alone, span and compare may be given the null pointer or a buffer without
// a terminator (No); each terminates whenever no undefined behaviour occurs.

extern int __VERIFIER_nondet_int(void);

void span(const char *s, const char *accept) {
  for (; *s; s++) {
    const char *a;
    for (a = accept; *a && *s != *a; a++)
      ;
    if (!*a)
      break;
  }
}

int compare(const char *s1, const char *s2) {
  while (*s1 && *s1 == *s2) {
    s1++;
    s2++;
  }
  return *s1 - *s2;
}

int span_of_terminated(void) {
  int n = __VERIFIER_nondet_int();
  if (n < 1) return 0;
  int m = __VERIFIER_nondet_int();
  if (m < 1) return 0;
  char *hay = __builtin_alloca(n);
  hay[n - 1] = 0;
  char *accept = __builtin_alloca(m);
  accept[m - 1] = 0;
  span(hay, accept);
  return 0;
}

int compare_terminated(void) {
  int n = __VERIFIER_nondet_int();
  if (n < 1) return 0;
  int m = __VERIFIER_nondet_int();
  if (m < 1) return 0;
  char *a = __builtin_alloca(n);
  a[n - 1] = 0;
  char *b = __builtin_alloca(m);
  b[m - 1] = 0;
  return compare(a, b);
}

int compare_unterminated(void) {
  int n = __VERIFIER_nondet_int();
  if (n < 1) return 0;
  int m = __VERIFIER_nondet_int();
  if (m < 1) return 0;
  char *a = __builtin_alloca(n);
  a[n - 1] = 0;
  char *b = __builtin_alloca(m);
  return compare(a, b);
}
