// expect next: Yes
// expect count_calls: Yes
// expect toggle: Yes
// expect wait_for_two: No
// A `static` local lives as long as the program and is initialized once, before the first call: `next` counts its
// calls from 0, so `count_calls` ends when the count reaches n (the count cannot overflow: it stops at n). `toggle`
// flips its static state between 0 and 1 and never returns 2, so `wait_for_two` waits forever.

int next(void) {
  static int calls;
  calls++;
  return calls;
}

int count_calls(int n) {
  while (next() < n) {
  }
  return 0;
}

int toggle(void) {
  static int state = 1;
  state = 1 - state;
  return state;
}

int wait_for_two(void) {
  while (toggle() != 2) {
  }
  return 0;
}
