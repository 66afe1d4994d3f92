// expect main: Yes
// A preprocessed file (gcc -E output, as SV-COMP ships its .i tasks): GCC's extensions, libc declarations that are
// never used, a static inline function of a header that uses a builtin outside the subset, and glibc's expansion of
// assert (a call of __assert_fail ends the run). Functions that a system header defines (after a line marker with
// flag 3) are not analyzed: a call of one is a call of an external function.
# 1 "loop.c"
# 1 "/usr/include/stdlib.h" 1 3 4
typedef long unsigned int size_t;
__extension__ typedef struct { long long int quot; long long int rem; } lldiv_t;
typedef void *_LOCK_T;
extern int rand (void) __attribute__ ((__nothrow__ , __leaf__));
extern void *malloc (size_t __size) __attribute__ ((__nothrow__ , __leaf__)) __attribute__ ((__malloc__));
extern int atoi (const char *__restrict __nptr) __asm__ ("" "__isoc99_atoi") __attribute__ ((__pure__));
extern void __assert_fail (const char *__assertion, const char *__file, unsigned int __line, const char *__function)
     __attribute__ ((__nothrow__ , __leaf__)) __attribute__ ((__noreturn__));
static __inline unsigned int __bswap_32 (unsigned int __bsx) { return __builtin_bswap32 (__bsx); }
# 2 "loop.c" 2
extern int __VERIFIER_nondet_int(void);

int main(void) {
  int x = __VERIFIER_nondet_int();
  unsigned char steps = 0;
  while (x > 0 && __builtin_expect(steps < 200, 1)) {
    x--;
    steps++;
  }
  ((steps <= 200) ? (void) (0) : __assert_fail ("steps <= 200", "loop.c", 9, __extension__ __PRETTY_FUNCTION__));
  return 0;
}
