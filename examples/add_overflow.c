// expect add: No
// truth add: No
// expect add_small: Yes
// truth add_small: Yes
// The verdict combines two properties, each answered on its own:
//   add        terminates whenever no undefined behaviour occurs: Yes   undefined behaviour reachable: Yes
//   add_small  terminates whenever no undefined behaviour occurs: Yes   undefined behaviour reachable: No
// add ends on every input, but x + y overflows int for some (x = 2147483647, y = 1), and signed overflow is undefined
// behaviour, so termination is not guaranteed: No. add_small adds only small values, so it never overflows: Yes.

int add(int x, int y) { return x + y; }

int add_small(int x, int y) {
  if (x > -1000 && x < 1000 && y > -1000 && y < 1000)
    return x + y;
  return 0;
}
