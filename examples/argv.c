// expect main: Yes
// The arguments of main: argv[i] points to the string of argument i (argv[argc] is a null pointer), each a distinct
// object of some length whose last character is 0. main counts the characters of its arguments with a pointer that
// walks each one, and the arguments that start with a dash with a pointer that walks argv up to its null pointer:
// every walk stops at its terminator, and no read leaves its string or argv (Yes). See argv_past_end.c for a walk
// that does not stop there.

int main(int argc, char **argv) {
  unsigned n = 0;
  for (int i = 1; i < argc; i++) {
    const char *s = argv[i];
    while (*s++)
      n++;
  }
  unsigned options = 0;
  for (char **p = argv; *p; p++)
    if ((*p)[0] == '-')
      options++;
  return n > options;
}
