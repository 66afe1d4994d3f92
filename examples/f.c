// expect f: Yes
// options: --function f --can-return 0
// expect-can-return f 0: No
// Unsigned addition wraps, but it still commutes: f returns true for every input.

typedef enum { false, true } bool;

bool f(unsigned int x, unsigned int y) {
  return (x + y == y + x);
}
