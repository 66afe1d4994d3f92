// expect back_and_forth: No
// expect stay_or_leave: No
// expect one_way: Yes
// A loop whose steps a nondeterministic value chooses. Choosing up, down, up, down... brings back_and_forth to the
// same state every two iterations, so it can run forever: the witness draws its two values for ever, in turn.
// stay_or_leave draws its limit once, before the loop, and then 0 at every iteration, which keeps k at 0: the
// witness's first value is drawn once, the second for ever.
// When every choice ends the loop or moves it on, as in one_way, every run ends.

extern int __VERIFIER_nondet_int(void);

void back_and_forth(int n) {
  int j = 0;
  while (0 <= j && j < n) {
    if (__VERIFIER_nondet_int() < 0)
      j--;
    else
      j++;
  }
}

void stay_or_leave(void) {
  int limit = __VERIFIER_nondet_int();
  int k = 0;
  while (k < limit) {
    if (__VERIFIER_nondet_int() > 0)
      k = k + 1;
    else
      k = 0;
  }
}

void one_way(int n) {
  int j = 0;
  while (0 <= j && j < n) {
    if (__VERIFIER_nondet_int() < 0)
      break;
    j++;
  }
}
