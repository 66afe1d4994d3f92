// expect fib: No
// options: --semantics math
// Each iteration maps (x, y) to (x + y, x), so y/x runs through ratios of consecutive Fibonacci numbers towards
// 1/φ ≈ 0.618, the direction of the dominant eigenvector, which the guard y/x > 0.61 contains. No state ever
// repeats. The witness is a closed cone from the ratios of two consecutive states of a deep run, such as
// 34*x >= 55*y && 89*y >= 55*x: the ratios alternate around their limit, and the cone is mapped into itself.

int fib(int x, int y) {
  int t;
  while (100 * y > 61 * x) {
    t = x;
    x = x + y;
    y = t;
  }
  return x;
}
