// expect retry_scan: Yes
// truth retry_scan: Yes
// expect scan_for_missing: No
// truth scan_for_missing: No
// expect grow_buffer: Yes
// truth grow_buffer: Yes
// expect read_past_shrunk: No
// truth read_past_shrunk: No
// A string literal stored into a pointer after its declaration points to the literal's array, the same one each time
// the store runs. scan_for_missing looks for a 'z' that "abc" does not hold and reads past its terminating 0.
// realloc keeps the old elements up to the smaller length: grow_buffer finds the terminator it wrote before growing;
// read_past_shrunk reads an element that shrinking cut off.
#include <stdlib.h>

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

int grow_buffer(int n) {
  if (n < 2 || n > 1000) {
    return 0;
  }
  char *buffer = malloc(2);
  buffer[1] = 0;
  buffer = realloc(buffer, n);
  int i = 0;
  while (buffer[i] != 0) {
    i++;
  }
  free(buffer);
  return i;
}

int read_past_shrunk(void) {
  int *values = malloc(4 * sizeof(int));
  values[3] = 1;
  values = realloc(values, 2 * sizeof(int));
  int last = values[3];
  free(values);
  return last;
}
