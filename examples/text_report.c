// expect count_vowels: Yes
// truth count_vowels: Yes
// expect report: Yes
// truth report: Yes
// expect value_after_colon: Yes
// truth value_after_colon: Yes
// expect shout: No  (puts reads past 'word', which holds no terminator)
// truth shout: No
// expect value_without_check: No  (strchr finds no ':', and 'colon + 1' moves the null pointer)
// truth value_without_check: No
// expect stars: No  (scanf may read a number that does not fit 'n', undefined behaviour; when it fits, the loop ends)
// truth stars: No
// options: --timeout 30
// A new user's string program with the C library calls it makes: strchr used as a truth value, printf and fprintf
// of a string in a char array (read up to its terminator, as strlen reads it), putchar, output to stderr and scanf. A
// string printed without its terminator, and a null pointer that strchr returns used as a pointer into the string,
// are undefined behaviour, and so is a number that scanf reads but its variable cannot hold.
#include <stdio.h>
#include <string.h>

int count_vowels(void) {
  char text[] = "programming in c";
  int count = 0;
  for (char *s = text; *s; s++)
    if (strchr("aeiou", *s))
      count++;
  printf("%d vowels in \"%s\"\n", count, text);
  return count;
}

int report(int n) {
  if (n < 0) {
    fprintf(stderr, "error: negative count %d\n", n);
    return 1;
  }
  for (int i = 0; i < n && i < 10; i++)
    putchar('*');
  putchar('\n');
  return 0;
}

int value_after_colon(void) {
  char line[] = "key:value";
  char *colon = strchr(line, ':');
  if (colon != NULL)
    printf("value: %s\n", colon + 1);
  else
    fputs("no value\n", stderr);
  return 0;
}

int shout(void) {
  char word[5] = {'h', 'e', 'l', 'l', 'o'};
  puts(word);
  return 0;
}

int value_without_check(void) {
  char line[] = "key value";
  char *colon = strchr(line, ':');
  printf("value: %s\n", colon + 1);
  return 0;
}

int stars(void) {
  int n;
  if (scanf("%d", &n) != 1 || n < 0)
    return 1;
  for (int i = 0; i < n; i++)
    putchar('*');
  putchar('\n');
  return 0;
}
