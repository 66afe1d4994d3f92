// expect countdown: Yes
// The simplest ranking function: i itself.

void countdown(int i) {
  while (i > 0)
    i--;
}
