// expect retry_scan: Yes
// truth retry_scan: Yes
// expect scan_for_missing: No
// truth scan_for_missing: No
// A string literal stored into a pointer after its declaration points to the literal's array, the same one each time
// the store runs. scan_for_missing looks for a 'z' that "abc" does not hold and reads past its terminating 0.

int retry_scan(int rounds) {
  const char *s;
  int length = 0;
  for (int r = 0; r < rounds && r < 100; r++) {
    s = "retry";
    length = 0;
    while (*s != 0) {
      s++;
      length++;
    }
  }
  return length;
}

int scan_for_missing(void) {
  const char *s;
  s = "abc";
  int i = 0;
  while (s[i] != 'z') {
    i++;
  }
  return i;
}
