// expect walk: No
// expect skip_if_walk_ends: Yes
// expect loop_if_walk_never_ends: No
// terminates(f) asks the oracle whether f always terminates. Here the answer is proved false (walk runs forever from
// x = 1), so the loop behind `if (terminates(walk))` is never reached and skip_if_walk_ends terminates, while
// loop_if_walk_never_ends enters its endless loop.

void walk(int x) {
  while (x > 0) {
    x = x + 0;
  }
}

void skip_if_walk_ends(void) {
  if (terminates(walk))
    while (1) {}
}

void loop_if_walk_never_ends(void) {
  if (!terminates(walk))
    while (1) {}
}
