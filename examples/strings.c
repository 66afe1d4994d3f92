// expect count_letter: Yes
// truth count_letter: Yes
// expect same_word: Yes
// truth same_word: Yes
// expect unterminated_length: No
// truth unterminated_length: No
// expect walk_literal: Yes
// truth walk_literal: Yes
// expect write_literal: No
// truth write_literal: No
// expect find_last: Yes
// truth find_last: Yes
// expect swap: No
// truth swap: No
// expect sort3: Yes
// truth sort3: Yes
// expect scan_past: No
// truth scan_past: No
// expect copy_word: Yes
// truth copy_word: Yes
// expect copy_too_long: No
// truth copy_too_long: No
// expect join_words: Yes
// truth join_words: Yes
// expect shift_left: Yes
// truth shift_left: Yes
// expect overlapping_copy: No
// truth overlapping_copy: No
// expect skip_spaces: DontKnow  (unsupported: pointer parameter 's' of an analyzed function (its object is known only where it is called))
// expect first_word: Yes
// truth first_word: Yes
// expect skip_off_end: No
// truth skip_off_end: No
// A new user's array and string programs: arrays with initializers, string literals, strlen and strcmp from the C
// library, and pointers to locals. unterminated_length calls strlen on a buffer without its terminator, which reads
// past its end; write_literal stores into a string literal; scan_past reads one element past an initialized array.
// The copying functions: copy_too_long copies eleven characters into an array of eight, and overlapping_copy calls
// memcpy between overlapping parts of one array (undefined; shift_left's memmove of the same kind is defined).
// A pointer passed by address: skip_spaces moves its caller's pointer through 'const char **s'; over a buffer with a
// character that is not a space it stops (first_word), over one of spaces only it reads past the end (skip_off_end).
// Alone, swap may be given the null pointer (No).
#include <string.h>

int count_letter(void) {
  char word[] = "terminator";
  unsigned long length = strlen(word);
  int n = 0;
  for (unsigned long i = 0; i < length; i++) {
    if (word[i] == 'o') {
      n++;
    }
  }
  return n;
}

int same_word(void) {
  char a[] = "loop";
  char b[] = "loops";
  return strcmp(a, b) == 0;
}

int unterminated_length(void) {
  char buffer[4];
  for (int i = 0; i < 4; i++) {
    buffer[i] = 'x';
  }
  return strlen(buffer);
}

int walk_literal(void) {
  const char *s = "hello, world";
  int length = 0;
  while (*s != 0) {
    s++;
    length++;
  }
  return length;
}

int write_literal(void) {
  char *s = "constant";
  s[0] = 'C';
  return 0;
}

int find_last(int key) {
  int a[] = {4, 8, 15, 16, 23, 42};
  int found = -1;
  for (int i = 0; i < 6; i++) {
    if (a[i] == key) {
      found = i;
    }
  }
  return found;
}

void swap(int *x, int *y) {
  int t = *x;
  *x = *y;
  *y = t;
}

int sort3(int a, int b, int c) {
  if (a > b) swap(&a, &b);
  if (b > c) swap(&b, &c);
  if (a > b) swap(&a, &b);
  return a;
}

int scan_past(void) {
  int a[3] = {1, 2, 3};
  int zeros = 0;
  for (int i = 0; i <= 3; i++) {
    if (a[i] == 0) {
      zeros++;
    }
  }
  return zeros;
}

int copy_word(void) {
  char word[] = "loop";
  char copy[8];
  strcpy(copy, word);
  return copy[3];
}

int copy_too_long(void) {
  char name[] = "terminator";
  char copy[8];
  strcpy(copy, name);
  return copy[0];
}

int join_words(void) {
  char buffer[16] = "loop";
  strcat(buffer, "ing");
  return buffer[6];
}

int shift_left(void) {
  char s[] = "xabc";
  memmove(s, s + 1, 4);
  return s[0];
}

int overlapping_copy(void) {
  char s[] = "abcdef";
  memcpy(s + 1, s, 4);
  return s[0];
}

void skip_spaces(const char **s) {
  while (**s == ' ')
    (*s)++;
}

int first_word(void) {
  char line[] = "   word";
  const char *p = line;
  skip_spaces(&p);
  return *p;
}

int skip_off_end(void) {
  char blanks[3] = {' ', ' ', ' '};
  const char *p = blanks;
  skip_spaces(&p);
  return *p;
}
