// expect main: No
// The loop looks for an 'x' in the first argument, without stopping at its terminator: from an argument without
// one ("" for instance) it reads past the end of the string's object, undefined behaviour (No, with a replayed
// witness that names argc and the length of argv[1]). Reading argv[2] when argc is 1 would be undefined too: argv
// has argc + 1 elements, the last a null pointer.

int main(int argc, char **argv) {
  if (argc < 2)
    return 0;
  const char *s = argv[1];
  unsigned k = 0;
  while (s[k] != 'x')
    k++;
  return k;
}
