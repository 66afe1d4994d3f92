// expect k: Yes
// options: --function k --can-return 0
// expect-can-return k 0: Yes
// x + 1 wraps to 0 when x = 4294967295, so k can return false.

typedef enum { false, true } bool;

bool k(unsigned int x) {
  return x + 1 > x;
}
